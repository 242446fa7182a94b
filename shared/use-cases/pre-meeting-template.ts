import { withoutBookkeeping } from '../domain/audit.ts';
import { auditEntry, nextVersion } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { reachableContacts } from '../domain/contact/reachable.ts';
import { instantInWords } from '../domain/emails/in-words.ts';
import { ConflictError, NotFoundError, StaleVersionError } from '../domain/errors.ts';
import { contactLink } from '../domain/links/contact-link.ts';
import { signLink } from '../domain/links/provider-link.ts';
import { countsTowardsCadence } from '../domain/meetings/ad-hoc.ts';
import { composeDraft, type LastMeeting } from '../domain/templates/compose-template.ts';
import type { Information, RecordInformationInput } from '../schemas/information.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { ProviderComment, SaveTemplateInput, Template, TemplateShare } from '../schemas/template.ts';
import { holderResolver } from './current-holder.ts';
import { type Deliver, type OutgoingEmail, sendOwedNow } from './deliver-emails.ts';
import { meetingTitle } from './manage-meeting.ts';
import type { ChangeContext, MeetingStore, RegisterStore, RelationshipStore, TemplateStore } from './ports.ts';

/**
 * The pre-meeting template (R-TPL-1..3) and the information it is drawn from.
 */
export interface TemplateDeps {
  register: RegisterStore;
  /** R-REL-2: the signature names whoever holds the relationship when the email goes. */
  relationships: Pick<RelationshipStore, 'currentRelationships'>;
  meetings: MeetingStore;
  templates: TemplateStore;
  /** Sends emails through the delivery ledger; what it cannot send stays in the outbox for the next run. */
  deliver: Deliver;
}

/** Record information held about a provider. Course: 1. the provider exists (404)  2. store it, audited. */
export async function recordInformation(
  deps: Pick<TemplateDeps, 'register' | 'templates'>,
  providerId: string,
  input: RecordInformationInput,
  context: ChangeContext,
): Promise<Information> {
  if (!(await deps.register.getProvider(providerId))) throw new NotFoundError('No such provider');
  const information: Information = {
    infoId: context.newId(),
    providerId,
    ...input,
    recordedAt: context.now.toISOString(),
    recordedBy: `${context.actor.type}:${context.actor.id}`,
  };
  await deps.templates.recordInformation(information, [
    auditEntry({
      auditId: context.newId(),
      providerId,
      entityType: 'information',
      entityId: information.infoId,
      action: 'created',
      actor: context.actor,
      now: context.now,
      before: null,
      after: { kind: information.kind, occurredOn: information.occurredOn, sensitive: information.sensitive },
    }),
  ]);
  return information;
}

export async function meetingOf(deps: Pick<TemplateDeps, 'meetings'>, meetingId: string): Promise<Meeting> {
  const meeting = await deps.meetings.getMeeting(meetingId);
  if (!meeting) throw new NotFoundError('No such meeting');
  return meeting;
}

/** Information "since the last meeting": the day the provider's last held meeting was held, else a year before. */
async function informationSinceDay(
  deps: Pick<TemplateDeps, 'meetings'>,
  meeting: Meeting,
): Promise<{ since: string; last: LastMeeting | null }> {
  const yearBefore = `${Number(meeting.dueBy.slice(0, 4)) - 1}${meeting.dueBy.slice(4)}`;
  const earlier = await deps.meetings.providerMeetingsDue(meeting.providerId, yearBefore, meeting.dueBy);
  const lastHeld = earlier
    // An ad hoc meeting (R-CAD-11) recorded without notes agreed nothing: the last meeting that did stands.
    .filter(
      (other) =>
        other.meetingId !== meeting.meetingId &&
        other.status === 'held' &&
        other.heldAt &&
        (countsTowardsCadence(other) || other.notes),
    )
    .sort((a, b) => (a.heldAt ?? '').localeCompare(b.heldAt ?? ''))
    .pop();
  // R-TPL-1: what the last meeting agreed (its notes and open actions) feeds this one's template.
  return lastHeld?.heldAt
    ? {
        since: lastHeld.heldAt.slice(0, 10),
        last: { heldAt: lastHeld.heldAt, notes: lastHeld.notes, actions: lastHeld.actions },
      }
    : { since: yearBefore, last: null };
}

/**
 * The template of a meeting: its latest saved version, or a draft composed from the information
 * held since the last meeting (version 0, not stored) when none is saved yet.
 */
export async function readTemplate(deps: TemplateDeps, meetingId: string): Promise<Template> {
  const meeting = await meetingOf(deps, meetingId);
  const saved = await deps.templates.latestTemplate(meetingId);
  const sharedVersion = meeting.share?.templateVersion ?? null;
  if (saved) return { ...saved, sharedVersion };
  const { since, last } = await informationSinceDay(deps, meeting);
  const information = await deps.templates.informationSince(meeting.providerId, since);
  return { ...composeDraft(meeting, information, since, last), sharedVersion };
}

/**
 * Save the holder's edit as the next version (R-TPL-3: every version kept).
 * Course: 1. the caller's If-Match names the latest version (0 for the draft) or 412
 *         2. store version n+1 only if nobody stored it first (412), audited.
 */
export async function saveTemplate(
  deps: TemplateDeps,
  meetingId: string,
  expectedVersion: number,
  input: SaveTemplateInput,
  context: ChangeContext,
): Promise<Template> {
  const current = await readTemplate(deps, meetingId);
  if (current.version !== expectedVersion) {
    throw new StaleVersionError(`The template is at version ${current.version}: read it again and retry`);
  }
  const template: Template = {
    ...current,
    version: current.version + 1,
    sections: input.sections.map((section) => ({
      ...section,
      items: section.items.map((item) => ({ text: item.text, infoId: item.infoId, sensitive: item.sensitive })),
    })),
    savedAt: context.now.toISOString(),
    savedBy: `${context.actor.type}:${context.actor.id}`,
  };
  await deps.templates.saveTemplate(template, [
    auditEntry({
      auditId: context.newId(),
      providerId: current.providerId,
      entityType: 'template',
      entityId: meetingId,
      action: current.version === 0 ? 'created' : 'updated',
      actor: context.actor,
      now: context.now,
      before: current.version === 0 ? null : { version: current.version },
      after: { version: template.version, sections: template.sections.length },
    }),
  ]);
  return template;
}

export interface LinkSettings {
  key: Buffer;
  baseUrl: string;
}

/** A day and time as people at the regulator read them (Europe/London). */
export const londonDateTime = (instant: string): string => instantInWords(instant);

/** A contact's own link to comment on the meeting's current share; it works until the meeting starts (R-TPL-2). */
export function respondLink(
  meeting: Pick<Meeting, 'providerId' | 'meetingId' | 'startsAt'> & { share: { shareId: string } },
  contactId: string,
  links: LinkSettings,
): string {
  const token = signLink(
    {
      purpose: 'respond',
      providerId: meeting.providerId,
      meetingId: meeting.meetingId,
      shareId: meeting.share.shareId,
      contactId,
      expiresAt: Math.floor(new Date(meeting.startsAt ?? 0).getTime() / 1000),
    },
    links.key,
  );
  return `${links.baseUrl}/respond/${token}`;
}

/**
 * What sharing the latest saved version now would do (R-TPL-2): the checks the share makes, the share it
 * would record and the email to each recipient. The share uses it to send; the workspace's preview uses it
 * to show those emails without sending anything, so the two cannot drift.
 * Course: 1. the meeting is booked and still to come (409 otherwise); a version is saved (409)
 *         2. the recipients: the meeting's provider attendees (or every contact, if none is named yet) with
 *            a working address (409 if none)  3. each one's email, with their own link.
 */
export async function plannedShare(
  deps: Pick<TemplateDeps, 'register' | 'meetings' | 'templates' | 'relationships'>,
  meetingId: string,
  links: LinkSettings,
  context: Pick<ChangeContext, 'now' | 'newId'>,
) {
  const meeting = await meetingOf(deps, meetingId);
  if (meeting.status !== 'booked' || !meeting.startsAt) {
    throw new ConflictError('Book the meeting before sharing its template: the link closes when it starts');
  }
  if (new Date(meeting.startsAt).getTime() <= context.now.getTime()) {
    throw new ConflictError('The meeting has started: the window for comments is closed');
  }
  const template = await deps.templates.latestTemplate(meetingId);
  if (!template) throw new ConflictError('Save a version of the template before sharing it');
  const provider = await deps.register.getProvider(meeting.providerId);
  if (!provider) throw new NotFoundError('The meeting’s provider no longer exists');
  const attending = new Set(meeting.providerAttendees.map((attendee) => attendee.contactId));
  const recipients = reachableContacts(provider.contacts).filter(
    (contact) => attending.size === 0 || attending.has(contact.contactId),
  );
  if (recipients.length === 0) {
    throw new ConflictError('The provider has no contact with a working address to send the template to');
  }

  const share = {
    shareId: context.newId(),
    templateVersion: template.version,
    sharedAt: context.now.toISOString(),
    closesAt: meeting.startsAt,
  };
  // R-REL-2: signed by whoever holds the relationship now (or covers for them today), not who held it
  // when the meeting was planned.
  const holder = (await holderResolver(deps, londonDate(context.now)).addressHolder(meeting))?.staff ?? null;
  const emails: OutgoingEmail[] = recipients.map((contact) => ({
    key: { pk: `MEETING#${meetingId}`, sk: `DELIVERY#template-shared#${share.shareId}#${contact.contactId}` },
    template: 'template-shared',
    to: { name: contact.name, email: contact.email },
    data: {
      recipientName: contact.name,
      meetingTitle: meetingTitle(meeting),
      meetingDate: londonDateTime(share.closesAt),
      deadline: londonDateTime(share.closesAt),
      link: respondLink({ ...meeting, share }, contact.contactId, links),
      holderName: holder?.name ?? 'Your relationship holder',
      // R-REL-4: every email to a provider contact carries their contact link.
      contactLink: contactLink({ providerId: provider.providerId, contactId: contact.contactId }, links, context.now),
    },
    tags: { kind: 'template-shared', meetingId, providerId: provider.providerId, contactId: contact.contactId },
  }));
  return { meeting, template, provider, recipients, share, emails };
}

/**
 * Share the latest saved version with the provider for comment (R-TPL-2).
 * Course: 1. what the share would do (plannedShare: the checks, the recipients, their emails)
 *         2. record the share on the meeting, replacing any earlier one (its links stop working)
 *         3. email each provider attendee (or every contact, if none is named yet) their own link,
 *            which works until the meeting starts: the emails are written to the outbox with the share
 *            and sent at once through the delivery ledger (R-REM-4: once each, none lost).
 */
export async function shareTemplate(
  deps: TemplateDeps,
  meetingId: string,
  links: LinkSettings,
  context: ChangeContext,
): Promise<TemplateShare> {
  const { meeting, recipients, share, emails: owed } = await plannedShare(deps, meetingId, links, context);
  const changed: Meeting = { ...meeting, share, ...nextVersion(meeting, context.actor, context.now) };
  await deps.meetings.replaceMeeting(
    changed,
    meeting,
    [
      auditEntry({
        auditId: context.newId(),
        providerId: meeting.providerId,
        entityType: 'template',
        entityId: meetingId,
        action: 'updated',
        actor: context.actor,
        now: context.now,
        before: meeting.share ? withoutBookkeeping(meeting.share) : null,
        after: { ...share, recipients: recipients.map((contact) => contact.contactId) },
      }),
    ],
    owed,
  );
  // Stored with the share: an SES failure now leaves them owed for the next run, not a 500 after the commit.
  await sendOwedNow(deps.deliver, owed);
  return { ...share, recipients: recipients.map(({ contactId, name }) => ({ contactId, name })) };
}

export async function meetingComments(deps: TemplateDeps, meetingId: string): Promise<ProviderComment[]> {
  const comments = await deps.templates.comments(meetingId);
  // One Query; only an empty answer needs the meeting read, to tell "none yet" from 404.
  if (comments.length === 0) await meetingOf(deps, meetingId);
  return comments;
}
