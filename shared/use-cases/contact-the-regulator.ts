import { auditEntry } from '../domain/bookkeeping.ts';
import { londonDate } from '../domain/calendar.ts';
import { handlerInWords } from '../domain/contact/handler-in-words.ts';
import { routeSubmission } from '../domain/contact/route-submission.ts';
import { submissionRecipients } from '../domain/contact/submission-recipients.ts';
import { isAbsentOn } from '../domain/cover.ts';
import { ConflictError, type FieldProblem } from '../domain/errors.ts';
import { contactLink } from '../domain/links/contact-link.ts';
import { type LinkClaims, verifyLink } from '../domain/links/provider-link.ts';
import type { PolicyVersion } from '../domain/policy/types.ts';
import { workspaceUrl } from '../domain/workspace/links.ts';
import {
  type InformationRequest,
  SUBMISSION_KINDS,
  SUBMISSION_RULES,
  type Submission,
  type SubmissionKind,
} from '../schemas/contact.ts';
import type { Information, InformationKind } from '../schemas/information.ts';
import type { Contact, Provider } from '../schemas/provider.ts';
import type { Staff } from '../schemas/staff.ts';
import { type Deliver, type OutgoingEmail, sendOwedNow } from './deliver-emails.ts';
import { type ContactStore, CoordinatorAssignmentRace, type RegisterStore, type RelationshipStore } from './ports.ts';
import type { StaffChangeStore, TeamStore } from './team-ports.ts';

/**
 * The provider's contact page (R-REL-4, R-PRV-1..5): through the contact link in any email we send,
 * a provider contact raises a concern with the action they are taking (R-PRV-1), discloses an external
 * review (R-PRV-2), tells of a significant change or asks a registration question (R-PRV-3), gives
 * feedback about us (R-PRV-4), and answers what we asked them to explain (R-PRV-5).
 */
export interface ContactDeps {
  register: RegisterStore;
  relationships: Pick<RelationshipStore, 'currentRelationships'>;
  contact: ContactStore;
  /** Sends emails through the delivery ledger; what it cannot send stays in the outbox for the next run. */
  deliver: Deliver;
  policy: readonly PolicyVersion[];
  /** The provider's team (R-TEAM-2) and its members, for its regulatory co-ordinator (R-TEAM-4). */
  teams: Pick<TeamStore, 'providerTeams'>;
  staffChanges: Pick<StaffChangeStore, 'teamStaff'>;
}

export type ContactView =
  | { kind: 'refused' }
  | { kind: 'expired' }
  | { kind: 'open'; claims: LinkClaims; provider: Provider; contact: Contact; requests: InformationRequest[] };

export const KIND_LABELS: Readonly<Record<SubmissionKind, string>> = {
  concern: 'A significant concern about quality, with the action you are taking',
  'external-review': 'An external review you commissioned',
  'significant-change': 'A significant change to your services',
  'registration-question': 'A question about your registration',
  feedback: 'Feedback or a concern about the Care Quality Commission',
};

/** A label that starts a sentence, as it reads inside one ("A question …" → "a question …"). */
const inSentence = (label: string): string => `${label.charAt(0).toLowerCase()}${label.slice(1)}`;

/** What each kind of submission is recorded as, for the next pre-meeting template (R-TPL-1). */
const INFORMATION_KIND: Readonly<Record<SubmissionKind, InformationKind>> = {
  concern: 'concern',
  'external-review': 'external-review',
  'significant-change': 'change-in-practice',
  'registration-question': 'registration-question',
  feedback: 'feedback-about-us',
};

/** Opens the page for a link. Course: 1. the signature and purpose (refused)  2. expiry (expired)  3. the contact still exists (refused). */
export async function openContact(deps: ContactDeps, token: string, key: Buffer, now: Date): Promise<ContactView> {
  const check = verifyLink(token, key, now);
  if (!check.ok && check.reason === 'refused') return { kind: 'refused' };
  if (check.claims?.purpose !== 'contact') return { kind: 'refused' };
  if (!check.ok) return { kind: 'expired' };
  const provider = await deps.register.getProvider(check.claims.providerId);
  const contact = provider?.contacts.find((candidate) => candidate.contactId === check.claims.contactId);
  // A removed contact's links stop working, like a forged one.
  if (!provider || !contact) return { kind: 'refused' };
  const requests = await deps.contact.openInformationRequests(provider.providerId);
  return { kind: 'open', claims: check.claims, provider, contact, requests };
}

export interface ContactForm {
  kind: string;
  details: string;
  actionTaken: string;
  /** Answers to open information requests, by reference; blank ones are ignored. */
  answers: Record<string, string>;
}

export const MAX_CONTACT_TEXT = 4000;

/** The form's problems, in the order of the page (GOV.UK error summary). */
export function checkContactForm(form: ContactForm, openReferences: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const telling = form.kind !== '' || form.details.trim() !== '' || form.actionTaken.trim() !== '';
  const answering = Object.values(form.answers).some((answer) => answer.trim() !== '');
  if (telling) {
    if (!(SUBMISSION_KINDS as readonly string[]).includes(form.kind)) {
      problems.push({ path: 'kind', message: 'Select what you are telling us about' });
    }
    if (!form.details.trim()) problems.push({ path: 'details', message: 'Enter what you want to tell us' });
    else if (form.details.length > MAX_CONTACT_TEXT) {
      problems.push({ path: 'details', message: `What you tell us must be ${MAX_CONTACT_TEXT} characters or fewer` });
    }
    if (form.kind === 'concern' && !form.actionTaken.trim()) {
      problems.push({ path: 'action-taken', message: 'Enter the action you are taking about the concern' });
    } else if (form.actionTaken.length > MAX_CONTACT_TEXT) {
      problems.push({ path: 'action-taken', message: `The action must be ${MAX_CONTACT_TEXT} characters or fewer` });
    }
  }
  for (const [reference, answer] of Object.entries(form.answers)) {
    if (!openReferences.includes(reference)) {
      problems.push({ path: `answer-${reference}`, message: 'This request is no longer open' });
    } else if (answer.length > MAX_CONTACT_TEXT) {
      problems.push({
        path: `answer-${reference}`,
        message: `Your answer must be ${MAX_CONTACT_TEXT} characters or fewer`,
      });
    }
  }
  if (!telling && !answering && problems.length === 0) {
    problems.push({ path: 'kind', message: 'Select what you are telling us about, or answer a request' });
  }
  return problems;
}

export interface ContactContext {
  now: Date;
  newId: () => string;
  newReference: () => string;
  links: { key: Buffer; baseUrl: string };
  /** Where links in emails to staff point (issue 15). */
  workspaceOrigin: string;
}

/** Who handles a submission: the policy in force today, then the people on the day (R-REL-4, R-REL-6, R-TEAM-4, R-TEAM-5). */
async function decideHandler(deps: ContactDeps, provider: Provider, now: Date) {
  const day = londonDate(now);
  const [locations, current, teams] = await Promise.all([
    deps.register.allLocations(provider.providerId),
    deps.relationships.currentRelationships(provider.providerId),
    deps.teams.providerTeams(provider.providerId),
  ]);
  const holder = current.find((held) => held.scope === 'provider');
  const corporateLead = current.find((held) => held.scope === 'corporate-lead');
  const route = routeSubmission(
    deps.policy,
    {
      sector: provider.sector,
      marketOversight: provider.marketOversight,
      locations: locations.map(({ locationId, name, significantRisk }) => ({ locationId, name, significantRisk })),
    },
    holder ? { staffId: holder.staffId } : null,
    day,
  );
  // R-TEAM-2: submissions are the provider's, so the provider-level team answers for them.
  const assignment = teams.current.find((assigned) => assigned.scope === 'provider') ?? null;
  const [teamStaff, assigned] = assignment
    ? await Promise.all([
        deps.staffChanges.teamStaff(assignment.teamId),
        deps.contact.coordinatorAssignment(provider.providerId, assignment.teamId),
      ])
    : [[], null];
  const known = await staffAndTheirCovers(
    deps.register,
    teamStaff,
    [holder?.staffId, corporateLead?.staffId].filter((id): id is string => id !== undefined),
    day,
  );
  const recipients = submissionRecipients({
    providerId: provider.providerId,
    marketOversight: provider.marketOversight,
    route,
    team: assignment ? { teamId: assignment.teamId, name: assignment.teamName } : null,
    teamStaff,
    assigned,
    corporateLead: corporateLead ? { staffId: corporateLead.staffId } : null,
    staffById: (id) => known.get(id),
    day,
  });
  return { recipients, known };
}

/**
 * The staff routing may name: the team, the holder and corporate lead, and along each absence the person
 * covering (R-TEAM-5), read until every cover on the day is known (a chain is a few people at most).
 */
async function staffAndTheirCovers(
  register: RegisterStore,
  teamStaff: readonly Staff[],
  others: readonly string[],
  day: string,
): Promise<Map<string, Staff>> {
  const known = new Map(teamStaff.map((member) => [member.staffId, member]));
  const asked = new Set<string>(known.keys());
  let wanted = [...new Set(others)].filter((id) => !asked.has(id));
  while (wanted.length > 0) {
    for (const id of wanted) asked.add(id);
    const found = await Promise.all(wanted.map((id) => register.getStaff(id)));
    for (const member of found) if (member) known.set(member.staffId, member);
    wanted = [
      ...new Set(
        [...known.values()]
          .filter((member) => isAbsentOn(member, day))
          .map((member) => member.absence?.coverStaffId ?? '')
          .filter((id) => id !== '' && !asked.has(id)),
      ),
    ];
  }
  return known;
}

/**
 * Raise a submission (R-PRV-1..4), whichever page it came through (the contact page, or a concern added on
 * the template page): one reference, routing and response clock for every channel.
 * Course: 1. decide who handles it (policy in force today; the holder or their cover, the team's co-ordinator,
 *   or the admin queue; a Market Oversight provider's corporate relationship manager too)  2. store it with its
 *   information item (R-TPL-1) and the co-ordinator assignment it made, audited  3. acknowledge to the contact,
 *   naming who will handle it, and tell each recipient: emails stored in the same transaction (the outbox) and
 *   sent through the delivery ledger.
 * A reference already taken is a ConflictError and changes nothing. Two first submissions of one provider at
 * the same moment may both choose its co-ordinator: the second is routed again and keeps the first's choice.
 */
export async function raiseSubmission(
  deps: ContactDeps,
  from: { provider: Provider; contact: Contact },
  what: { kind: SubmissionKind; details: string; actionTaken: string },
  context: ContactContext,
): Promise<Submission> {
  const reference = context.newReference();
  try {
    return await raiseOnce(deps, from, what, context, reference);
  } catch (error) {
    if (!(error instanceof CoordinatorAssignmentRace)) throw error;
    return raiseOnce(deps, from, what, context, reference);
  }
}

async function raiseOnce(
  deps: ContactDeps,
  from: { provider: Provider; contact: Contact },
  what: { kind: SubmissionKind; details: string; actionTaken: string },
  context: ContactContext,
  reference: string,
): Promise<Submission> {
  const { provider, contact } = from;
  const { kind } = what;
  const { now, newId } = context;
  const actor = { type: 'provider-contact' as const, id: contact.contactId, providerId: provider.providerId };
  const at = now.toISOString();
  const day = londonDate(now);
  const link = contactLink({ providerId: provider.providerId, contactId: contact.contactId }, context.links, now);
  const { recipients, known } = await decideHandler(deps, provider, now);
  const { primary } = recipients;
  const nameOf = (staffId: string) => known.get(staffId)?.name ?? null;
  const coveringFor = (staffId: string | null) =>
    staffId ? { staffId, staffName: nameOf(staffId) ?? 'a colleague' } : null;
  const also = recipients.also.flatMap((recipient) => {
    const name = nameOf(recipient.staffId);
    return name
      ? [
          {
            to: recipient.to,
            staffId: recipient.staffId,
            staffName: name,
            coveringFor: coveringFor(recipient.coveringFor),
            ruleId: recipient.ruleId,
            why: recipient.why,
          },
        ]
      : [];
  });
  const infoId = newId();
  const submission: Submission = {
    reference,
    providerId: provider.providerId,
    providerName: provider.name,
    kind,
    ruleId: SUBMISSION_RULES[kind],
    details: what.details.trim(),
    actionTaken: kind === 'concern' ? what.actionTaken.trim() : null,
    contactId: contact.contactId,
    contactName: contact.name,
    submittedAt: at,
    routedTo: {
      to: primary.to,
      staffId: primary.staffId,
      staffName: primary.staffId ? nameOf(primary.staffId) : null,
      ruleId: primary.ruleId,
      policyId: primary.policyId,
      why: primary.why,
      teamId: primary.teamId,
      coveringFor: coveringFor(primary.coveringFor),
      also,
    },
    status: 'open',
    answers: [],
    firstResponseAt: null,
    minutesToFirstResponse: null,
    closedAt: null,
    closeReason: null,
    infoId,
    version: 1,
  };
  const information: Information = {
    infoId,
    providerId: provider.providerId,
    kind: INFORMATION_KIND[kind],
    occurredOn: day,
    source: `${contact.name} (provider), ${reference}`,
    summary: submission.actionTaken
      ? `${submission.details} Action being taken: ${submission.actionTaken}`
      : submission.details,
    sensitive: false,
    recordedAt: at,
    recordedBy: `provider-contact:${contact.contactId}`,
    reference,
  };
  const told = [
    ...(primary.staffId ? [{ staffId: primary.staffId, why: primary.why }] : []),
    ...also.map((recipient) => ({ staffId: recipient.staffId, why: recipient.why })),
  ].flatMap(({ staffId, why }) => {
    const member = known.get(staffId);
    return member ? [{ member, why }] : [];
  });
  // The acknowledgement and the recipients' notices are stored with the submission (the outbox) and sent
  // through the delivery ledger: an SES failure now leaves them owed for the next run, never lost.
  const owed: OutgoingEmail[] = [
    {
      key: { pk: `SUBMISSION#${reference}`, sk: `DELIVERY#submission-acknowledged#${contact.contactId}` },
      template: 'submission-acknowledged',
      to: { name: contact.name, email: contact.email },
      data: {
        recipientName: contact.name,
        reference,
        what: KIND_LABELS[kind],
        ...handlerInWords(submission.routedTo),
        contactLink: link,
      },
      tags: { kind: 'submission-acknowledged', providerId: provider.providerId, contactId: contact.contactId },
    },
    ...told.map(({ member, why }) => ({
      key: { pk: `SUBMISSION#${reference}`, sk: `DELIVERY#submission-received#${member.staffId}` },
      template: 'submission-received' as const,
      to: { name: member.name, email: member.email },
      data: {
        recipientName: member.name,
        providerName: provider.name,
        contactName: contact.name,
        reference,
        what: KIND_LABELS[kind],
        whatInSentence: inSentence(KIND_LABELS[kind]),
        ruleId: submission.ruleId,
        why,
        // Issue 15: the submission's own page, where it is answered and closed (also on My work).
        workspaceLink: workspaceUrl(context.workspaceOrigin, { page: 'submission', reference }),
      },
      tags: { kind: 'submission-received', providerId: provider.providerId, staffId: member.staffId },
    })),
  ];
  const assign = recipients.assign;
  await deps.contact.createSubmission(
    submission,
    information,
    [
      auditEntry({
        auditId: newId(),
        providerId: provider.providerId,
        entityType: 'submission',
        entityId: reference,
        action: 'created',
        actor,
        now,
        before: null,
        after: {
          kind,
          ruleId: submission.ruleId,
          routedTo: submission.routedTo.staffId,
          routeRule: primary.ruleId,
          ...(primary.to === 'admin-queue' ? { queue: 'admin' } : {}),
          ...(also.length > 0 ? { alsoTo: also.map((recipient) => recipient.staffId) } : {}),
          ...(assign ? { coordinatorAssigned: assign.staffId, coordinatorReplaced: assign.replacing } : {}),
        },
      }),
    ],
    owed,
    assign
      ? {
          assignment: { providerId: provider.providerId, teamId: assign.teamId, staffId: assign.staffId, since: at },
          replacing: assign.replacing,
        }
      : undefined,
  );
  await sendOwedNow(deps.deliver, owed);
  return submission;
}

/**
 * Store what the contact sent. Course: 1. a submission, through raiseSubmission  2. each answer to a
 *   request, stored with its information item, audited, the requester told through the delivery ledger.
 */
export async function submitContact(
  deps: ContactDeps,
  view: Extract<ContactView, { kind: 'open' }>,
  form: ContactForm,
  context: ContactContext,
): Promise<{ submission: Submission | null; answered: string[] }> {
  const { provider, contact } = view;
  const { now, newId } = context;
  const actor = { type: 'provider-contact' as const, id: contact.contactId, providerId: provider.providerId };
  const at = now.toISOString();
  const day = londonDate(now);
  const submission = form.kind
    ? await raiseSubmission(
        deps,
        { provider, contact },
        { kind: form.kind as SubmissionKind, details: form.details, actionTaken: form.actionTaken },
        context,
      )
    : null;

  const answered: string[] = [];
  for (const request of view.requests) {
    const text = form.answers[request.reference]?.trim();
    if (!text) continue;
    const changed: InformationRequest = {
      ...request,
      status: 'answered',
      answer: { text, contactId: contact.contactId, contactName: contact.name, answeredAt: at },
      version: request.version + 1,
    };
    const requester = await deps.register.getStaff(request.requestedBy);
    const owed: OutgoingEmail[] = requester
      ? [
          {
            key: {
              pk: `REQUEST#${request.reference}`,
              sk: `DELIVERY#information-request-answered#${requester.staffId}`,
            },
            template: 'information-request-answered',
            to: { name: requester.name, email: requester.email },
            data: {
              recipientName: requester.name,
              providerName: provider.name,
              contactName: contact.name,
              reference: request.reference,
              // Issue 15: the provider's information held, where the answer now is.
              workspaceLink: workspaceUrl(context.workspaceOrigin, {
                page: 'provider',
                providerId: provider.providerId,
                tab: 'information',
              }),
            },
            tags: { kind: 'information-request-answered', providerId: provider.providerId, staffId: requester.staffId },
          },
        ]
      : [];
    try {
      await deps.contact.answerInformationRequest(
        changed,
        request.version,
        {
          infoId: newId(),
          providerId: provider.providerId,
          kind: 'provider-explanation',
          occurredOn: day,
          source: `${contact.name} (provider), ${request.reference}`,
          summary: text,
          sensitive: false,
          recordedAt: at,
          recordedBy: `provider-contact:${contact.contactId}`,
          reference: request.reference,
        },
        [
          auditEntry({
            auditId: newId(),
            providerId: provider.providerId,
            entityType: 'information-request',
            entityId: request.reference,
            action: 'updated',
            actor,
            now,
            before: { status: request.status },
            after: { status: 'answered' },
          }),
        ],
        owed,
      );
    } catch (error) {
      // Answered by another post a moment ago (a double click, a colleague): theirs is kept, this one is not a second answer.
      if (error instanceof ConflictError) continue;
      throw error;
    }
    answered.push(request.reference);
    await sendOwedNow(deps.deliver, owed);
  }
  return { submission, answered };
}
