import { signLink } from '../../../shared/domain/links/provider-link.ts';
import type { Sector } from '../../../shared/domain/vocabulary.ts';
import type { Provider } from '../../../shared/schemas/provider.ts';
import type { Staff } from '../../../shared/schemas/staff.ts';
import type { Team } from '../../../shared/schemas/team.ts';
import { aProvider, aStaffMember, uniqueName } from './builders.ts';
import type { LocalApi } from './local-api.ts';

/** Contact links, the contact page's form, and providers set up for routing (R-REL-4, R-REL-6). */
export const linkKey = () => Buffer.from(process.env.LINK_SIGNING_KEY ?? '', 'base64');

export const contactToken = (providerId: string, contactId: string, expiresAt = Math.floor(Date.now() / 1000) + 3600) =>
  signLink({ purpose: 'contact', providerId, meetingId: null, shareId: null, contactId, expiresAt }, linkKey());

export const formTokenIn = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Opens the contact page and posts the form from it, as a browser would (no redirect followed). */
export async function postContact(api: LocalApi, token: string, fields: Record<string, string>) {
  const page = await api.call<string>('GET', `/contact/${token}`);
  return fetch(`${api.baseUrl}/contact/${token}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ formToken: formTokenIn(page.text), ...fields }).toString(),
  });
}

export const referenceIn = (location: string | null) => /sent=(PE-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(location ?? '')?.[1];

/** An assessment team of its own with one regulatory co-ordinator in it (R-TEAM-1, R-TEAM-4). */
export async function aTeamWithCoordinator(api: LocalApi, admin: string) {
  const team = (
    await api.call<Team>('POST', '/teams', { token: admin, body: { name: uniqueName('Team'), kind: 'assessment' } })
  ).body;
  const coordinator = (
    await api.call<Staff>('POST', '/staff', {
      token: admin,
      body: aStaffMember({ roles: ['regulatory-coordinator'], teamId: team.teamId }),
    })
  ).body;
  return { team, coordinator };
}

/** Makes `teamId` responsible for the provider (R-TEAM-2). */
export async function giveTeam(api: LocalApi, admin: string, providerId: string, teamId: string) {
  const answer = await api.call('PUT', `/providers/${providerId}/team`, {
    token: admin,
    body: { teamId, reason: 'Test' },
  });
  if (answer.status !== 200) throw new Error(`team not assigned: ${answer.text}`);
}

/**
 * A provider of a sector with one contact, `locations` locations (those in `atRisk` flagged), and a provider-level
 * holder; with `team`, an assessment team of its own (one co-ordinator) responsible for it (R-TEAM-2, R-TEAM-4).
 */
export async function aContactableProvider(
  api: LocalApi,
  admin: string,
  sector: Sector,
  options: { locations?: number; atRisk?: boolean; holder?: boolean; team?: boolean; marketOversight?: boolean } = {},
) {
  const input = { ...aProvider({ sector }), ...(options.marketOversight ? { marketOversight: true } : {}) };
  const provider = (await api.call<Provider>('POST', '/providers', { token: admin, body: input })).body;
  for (let index = 0; index < (options.locations ?? 0); index++) {
    await api.call('POST', `/providers/${provider.providerId}/locations`, {
      token: admin,
      body: { name: `Site ${index}`, significantRisk: options.atRisk === true && index === 0 },
    });
  }
  let holder: Staff | null = null;
  if (options.holder !== false) {
    holder = (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles: ['inspector'] }) }))
      .body;
    const allocated = await api.call('PUT', `/providers/${provider.providerId}/relationship-holder`, {
      token: admin,
      body: { staffId: holder.staffId, reason: 'Test' },
    });
    if (allocated.status !== 200) throw new Error(`holder not allocated: ${allocated.text}`);
  }
  const teamed = options.team ? await aTeamWithCoordinator(api, admin) : null;
  if (teamed) await giveTeam(api, admin, provider.providerId, teamed.team.teamId);
  const contact = provider.contacts[0];
  if (!contact) throw new Error('the builder makes one contact');
  return {
    provider,
    contact,
    holder,
    team: teamed?.team ?? null,
    teamCoordinator: teamed?.coordinator ?? null,
    token: contactToken(provider.providerId, contact.contactId),
  };
}
