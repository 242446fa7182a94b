import { ulid } from 'ulid';
import { LocalStaffDirectory } from '../../shared/adapters/identity/local-staff-directory.ts';
import type { Actor } from '../../shared/domain/actor.ts';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/vocabulary.ts';
import type { CreateProviderInput } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { Team } from '../../shared/schemas/team.ts';
import { addLocation } from '../../shared/use-cases/add-location.ts';
import type { RelationshipDeps } from '../../shared/use-cases/allocate-relationship.ts';
import { allocateCorporateLead, allocateRelationshipHolder } from '../../shared/use-cases/allocate-relationship.ts';
import { assignProviderTeam } from '../../shared/use-cases/assign-provider-team.ts';
import { updateStaff } from '../../shared/use-cases/change-staff.ts';
import { bookMeeting, type MeetingDeps } from '../../shared/use-cases/manage-meeting.ts';
import { createTeam } from '../../shared/use-cases/manage-team.ts';
import {
  type LinkSettings,
  readTemplate,
  recordInformation,
  saveTemplate,
  shareTemplate,
  type TemplateDeps,
} from '../../shared/use-cases/pre-meeting-template.ts';
import { registerProvider } from '../../shared/use-cases/register-provider.ts';
import { registerStaff } from '../../shared/use-cases/register-staff.ts';
import type { StaffChangeStore, TeamStore } from '../../shared/use-cases/team-ports.ts';

/**
 * Demo data for the local stack, written through the same use cases the API calls (so it has
 * its audit trail too): staff in every role and providers of each kind the policy treats apart.
 */
const SEED: Actor = { type: 'system', id: 'demo-seed' };

const STAFF_NAMES: Record<StaffRole, string> = {
  'regulatory-coordinator': 'Rhea Coles',
  assessor: 'Amir Shah',
  inspector: 'Isla Pearce',
  'inspection-manager': 'Imran Malik',
  'head-of-inspection': 'Hannah Okafor',
  'operations-manager': 'Owen Murray',
  'senior-specialist': 'Sofia Reyes',
  'deputy-director': 'David Dunmore',
  'medicines-team': 'Megan Tait',
  'corporate-relationship-manager': 'Chris Rowe',
  admin: 'Ada Admin',
};

const contact = (name: string, roles: CreateProviderInput['contacts'][number]['roles']) => ({
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@provider.localhost`,
  roles,
});

const PROVIDERS: ReadonlyArray<CreateProviderInput & { locations: string[] }> = [
  {
    name: 'Northbridge University Hospitals NHS Foundation Trust',
    sector: 'nhs-trust',
    marketOversight: false,
    registrationId: 'RNB',
    contacts: [
      contact('Priya Natarajan', ['chief-executive', 'executive-board-member']),
      contact('Tom Ellis', ['executive-board-member']),
      contact('Grace Lin', ['medicines-optimisation-lead']),
    ],
    locations: ['Northbridge General Hospital', 'Northbridge Community Hospital'],
  },
  {
    name: 'Eastvale Mental Health NHS Trust',
    sector: 'nhs-trust',
    marketOversight: false,
    registrationId: 'REV',
    contacts: [contact('Martin Cole', ['chief-executive', 'executive-board-member'])],
    locations: ['Eastvale House'],
  },
  {
    name: 'Harbour Community Health CIC',
    sector: 'community-interest-company',
    marketOversight: false,
    contacts: [contact('Leah Byrne', ['chief-executive', 'executive-board-member'])],
    locations: ['Harbour Walk-in Centre'],
  },
  {
    name: 'Cedar Private Hospitals Ltd',
    sector: 'independent-healthcare',
    marketOversight: false,
    contacts: [contact('Nadia Farouk', ['chief-executive'])],
    locations: ['Cedar Hospital Leeds', 'Cedar Hospital York', 'Cedar Clinic Harrogate', 'Cedar Clinic Ripon'],
  },
  {
    name: 'Willow Care Homes Group',
    sector: 'adult-social-care',
    marketOversight: true,
    contacts: [contact('Peter Hale', ['chief-executive'])],
    locations: ['Willow Court', 'Willow Lodge', 'Willow House'],
  },
  {
    name: 'Meadow View Care Home',
    sector: 'adult-social-care',
    marketOversight: false,
    contacts: [contact('Joan Price', ['other'])],
    locations: ['Meadow View'],
  },
];

export interface DemoData {
  staff: Staff[];
  providerIds: string[];
}

export async function seedDemoData(deps: RelationshipDeps, now: Date = new Date()): Promise<DemoData> {
  const store = deps.register;
  const context = { actor: SEED, now, newId: ulid };
  const staff: Staff[] = [];
  for (const role of STAFF_ROLES) {
    const name = STAFF_NAMES[role];
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@regulator.localhost`;
    staff.push(await registerStaff(store, { name, email, roles: [role] }, context));
  }
  const providerIds: string[] = [];
  for (const { locations, ...input } of PROVIDERS) {
    const provider = await registerProvider(store, input, context);
    for (const name of locations) {
      await addLocation(deps, provider.providerId, { name, significantRisk: false }, context);
    }
    providerIds.push(provider.providerId);
  }
  // Relationships as the policy in force gives them (DOMAIN.md's sector table): the demo inspector holds the
  // trusts and the independent group (R-REL-1); the CIC has no holder (seed 002 gives it engagement meetings
  // only); the care group gets its corporate lead by band (R-CORP-4). The single care home is left without
  // anything, so its engagement plan shows what seed 004 asked before the framework and nothing after.
  const byRole = (role: StaffRole) => staff.find((member) => member.roles.includes(role))?.staffId ?? '';
  const reason = 'Demo allocation';
  const [firstTrust, secondTrust, , independent, careGroup] = providerIds;
  for (const providerId of [firstTrust, secondTrust, independent]) {
    if (providerId) {
      await allocateRelationshipHolder(deps, providerId, { staffId: byRole('inspector'), reason }, context);
    }
  }
  if (careGroup) {
    await allocateCorporateLead(
      deps,
      careGroup,
      { staffId: byRole('corporate-relationship-manager'), reason },
      context,
    );
  }
  return { staff, providerIds };
}

/**
 * A demo meeting whose template is shared, so the local stack has a provider link to open: the
 * first trust's planned engagement meeting is booked for the next weekday at 10:00 (London), the
 * information it draws on is recorded, its draft saved and shared through the real use cases.
 */
export async function shareDemoTemplate(
  deps: TemplateDeps & MeetingDeps & RelationshipDeps,
  providerId: string,
  staff: readonly Staff[],
  links: LinkSettings,
  now: Date = new Date(),
): Promise<string | null> {
  const context = { actor: SEED, now, newId: ulid };
  const provider = await deps.register.getProvider(providerId);
  const assessor = staff.find((member) => member.roles.includes('assessor'));
  const director = staff.find((member) => member.roles.includes('deputy-director'));
  const [planned] = (await deps.meetings.listProviderMeetings(providerId, { limit: 25 })).items.filter(
    (meeting) => meeting.type === 'engagement' && meeting.status === 'planned',
  );
  if (!provider || !assessor || !planned) return null;
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  for (const [kind, occurredOn, summary, sensitive] of [
    ['serious-incident', day(-40), 'A patient fell on the orthopaedic ward; the investigation is under way', false],
    ['complaint', day(-20), 'Complaint from a named relative about discharge arrangements', true],
    ['monitoring-deterioration', day(-10), 'Longer waits in the emergency department over three months', false],
  ] as const) {
    await recordInformation(deps, providerId, { kind, occurredOn, source: 'Demo data', summary, sensitive }, context);
  }
  let start = new Date(now.getTime() + 7 * 86_400_000);
  while ([0, 6].includes(start.getUTCDay())) start = new Date(start.getTime() + 86_400_000);
  const startsAt = `${start.toISOString().slice(0, 10)}T10:00:00${londonOffset(start)}`;
  await bookMeeting(
    deps,
    planned.meetingId,
    planned.version,
    {
      startsAt,
      durationMinutes: 90,
      mode: 'in-person',
      leadStaffId: assessor.staffId,
      regulatorStaffIds: director ? [director.staffId] : [],
      providerContactIds: provider.contacts
        .filter((contact) => contact.roles.includes('chief-executive'))
        .map((contact) => contact.contactId),
    },
    context,
  );
  const draft = await readTemplate(deps, planned.meetingId);
  await saveTemplate(deps, planned.meetingId, draft.version, { sections: draft.sections }, context);
  await shareTemplate(deps, planned.meetingId, links, context);
  return planned.meetingId;
}

/** "+00:00" in winter, "+01:00" in summer: London's offset on that day at noon. */
function londonOffset(day: Date): string {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' })
    .formatToParts(day)
    .find((part) => part.type === 'timeZoneName')?.value;
  return name === 'GMT+1' ? '+01:00' : '+00:00';
}

/**
 * Demo teams (R-TEAM-1, R-TEAM-2): two assessment teams with their operations managers, the deputy
 * director they answer to, staff and providers, one location with a team of its own, and the
 * Corporate Provider Team. Written through the same use cases as the API.
 */
export async function seedDemoTeams(
  deps: RelationshipDeps & { teams: TeamStore; staffChanges: StaffChangeStore },
  seeded: DemoData,
  now: Date = new Date(),
): Promise<Team[]> {
  const context = { actor: SEED, now, newId: ulid };
  const changeDeps = { ...deps, directory: new LocalStaffDirectory() };
  const byRole = (role: StaffRole) => seeded.staff.find((member) => member.roles.includes(role));
  const director = byRole('deputy-director')?.staffId;
  const north = await createTeam(
    deps,
    {
      name: 'North East and Cumbria assessment team',
      kind: 'assessment',
      operationsManagerId: byRole('operations-manager')?.staffId,
      deputyDirectorId: director,
      area: 'Northumberland, Tyne and Wear, County Durham, Teesside and Cumbria',
    },
    context,
  );
  const yorkshireManager = await registerStaff(
    deps.register,
    { name: 'Olivia Grant', email: 'olivia.grant@regulator.localhost', roles: ['operations-manager'] },
    context,
  );
  const yorkshire = await createTeam(
    deps,
    {
      name: 'Yorkshire and the Humber assessment team',
      kind: 'assessment',
      operationsManagerId: yorkshireManager.staffId,
      deputyDirectorId: director,
      area: 'North, South and West Yorkshire, East Riding and the Humber',
    },
    context,
  );
  const corporate = await createTeam(
    deps,
    { name: 'Corporate Provider Team', kind: 'corporate-provider', deputyDirectorId: director },
    context,
  );
  for (const role of [
    'regulatory-coordinator',
    'assessor',
    'inspector',
    'inspection-manager',
    'head-of-inspection',
    'operations-manager',
  ] as const) {
    const member = byRole(role);
    if (member) await updateStaff(changeDeps, member.staffId, { teamId: north.teamId }, member.version, context);
  }
  const manager = await deps.register.getStaff(yorkshireManager.staffId);
  if (manager) await updateStaff(changeDeps, manager.staffId, { teamId: yorkshire.teamId }, manager.version, context);
  for (const [name, role] of [
    ['Ravi Patel', 'regulatory-coordinator'],
    ['Ines Moreau', 'inspector'],
    ['Abel Okoro', 'assessor'],
  ] as const) {
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@regulator.localhost`;
    await registerStaff(deps.register, { name, email, roles: [role], teamId: yorkshire.teamId }, context);
  }
  const crm = byRole('corporate-relationship-manager');
  if (crm) await updateStaff(changeDeps, crm.staffId, { teamId: corporate.teamId }, crm.version, context);
  const reason = 'Demo: registered in the team’s area';
  for (const [index, providerId] of seeded.providerIds.entries()) {
    const team = index < 3 ? north : yorkshire;
    await assignProviderTeam(deps, providerId, { teamId: team.teamId, reason }, context);
  }
  // R-TEAM-2: Cedar's Harrogate clinic is looked after by the northern team, unlike the rest of Cedar.
  const cedar = seeded.providerIds[3];
  const harrogate = cedar
    ? (await deps.register.allLocations(cedar)).find((location) => location.name === 'Cedar Clinic Harrogate')
    : undefined;
  if (cedar && harrogate) {
    await assignProviderTeam(
      deps,
      cedar,
      { teamId: north.teamId, locationId: harrogate.locationId, reason: 'Demo: inspected from Newcastle' },
      context,
    );
  }
  return [north, yorkshire, corporate];
}
