import type { Information } from '../../../shared/schemas/information.ts';
import type { JobRun } from '../../../shared/schemas/jobs.ts';
import type { Meeting } from '../../../shared/schemas/meeting.ts';
import type { Provider } from '../../../shared/schemas/provider.ts';
import type { Staff } from '../../../shared/schemas/staff.ts';
import type { Template } from '../../../shared/schemas/template.ts';
import { aProvider, aStaffMember } from './builders.ts';
import { inbox } from './inbox.ts';
import type { LocalApi } from './local-api.ts';

/** A trust with a holder, information held, and a booked engagement meeting next year. */
export async function aBookedMeeting(api: LocalApi, admin: string) {
  const input = aProvider({ sector: 'nhs-trust' });
  const tag = input.name.replace(/\W/g, '');
  input.contacts = [
    { name: 'Chief Exec', email: `ce.${tag}@trust.test`, roles: ['chief-executive', 'executive-board-member'] },
  ];
  const trust = (await api.call<Provider>('POST', '/providers', { token: admin, body: input })).body;
  const [holder, assessor] = await Promise.all(
    (['inspector', 'assessor'] as const).map(
      async (role) =>
        (await api.call<Staff>('POST', '/staff', { token: admin, body: aStaffMember({ roles: [role] }) })).body,
    ),
  );
  await api.call('PUT', `/providers/${trust.providerId}/relationship-holder`, {
    token: admin,
    body: { staffId: holder?.staffId, reason: 'Test' },
  });
  const record = (body: Record<string, unknown>) =>
    api.call<Information>('POST', `/providers/${trust.providerId}/information`, { token: admin, body });
  await record({
    kind: 'serious-incident',
    occurredOn: '2027-02-10',
    source: 'Notification',
    summary: 'A fall on ward 3',
  });
  await record({
    kind: 'complaint',
    occurredOn: '2027-03-01',
    source: 'Helpline',
    summary: 'Complaint from Mrs Example about discharge',
    sensitive: true,
  });
  await record({
    kind: 'monitoring-deterioration',
    occurredOn: '2027-03-05',
    source: 'Dashboard',
    summary: 'Longer A&E waits',
  });
  await api.call<JobRun>('POST', '/jobs/quarterly-planning/runs', { token: admin, body: { runAs: '2027-04-01' } });
  const meetings = await api.call<{ items: Meeting[] }>('GET', `/providers/${trust.providerId}/meetings`, {
    token: admin,
  });
  const planned = meetings.body.items[0] as Meeting;
  const booked = await api.call<Meeting>('PATCH', `/meetings/${planned.meetingId}`, {
    token: admin,
    headers: { 'if-match': `"${planned.version}"` },
    body: {
      startsAt: '2027-05-12T10:00:00+01:00',
      mode: 'video',
      leadStaffId: assessor?.staffId,
      providerContactIds: [trust.contacts[0]?.contactId],
    },
  });
  return { trust, holder: holder as Staff, meeting: booked.body, contactEmail: `ce.${tag}@trust.test` };
}

/** A booked meeting whose template was saved and shared: answers the link emailed to the contact. */
export async function aSharedTemplate(api: LocalApi, admin: string) {
  const booked = await aBookedMeeting(api, admin);
  const draft = await api.call<Template>('GET', `/meetings/${booked.meeting.meetingId}/template`, { token: admin });
  await api.call('PUT', `/meetings/${booked.meeting.meetingId}/template`, {
    token: admin,
    headers: { 'if-match': '"0"' },
    body: { sections: draft.body.sections },
  });
  const shared = await api.call('POST', `/meetings/${booked.meeting.meetingId}/template/share`, { token: admin });
  // The template email itself: other files' daily runs may send this contact a reminder meanwhile.
  const mails = (await inbox()).filter(
    (mail) =>
      mail.destination.to.some((to) => to.includes(booked.contactEmail)) && mail.subject.includes('please comment by'),
  );
  const token = /\/respond\/(v1\.[A-Za-z0-9_.-]+)/.exec(mails.at(-1)?.body.text ?? '')?.[1];
  if (!token) throw new Error(`no link sent to ${booked.contactEmail}`);
  return { ...booked, token, shareStatus: shared.status };
}
