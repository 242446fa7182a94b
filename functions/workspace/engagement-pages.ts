import {
  adminQueueMain,
  type OtherContactForm,
  otherContactMain,
  policiesMain,
  policyMain,
} from '../../shared/adapters/http/workspace/views/engagement.ts';
import { meetingHref, providerHref } from '../../shared/adapters/http/workspace/views/my-work.ts';
import { ROUTE_ROLES } from '../../shared/definitions/route-roles.ts';
import {
  ConflictError,
  NotFoundError,
  RuleViolation,
  StaleVersionError,
  ValidationError,
} from '../../shared/domain/errors.ts';
import { describePolicies } from '../../shared/domain/policy/engine.ts';
import { currentPolicyId } from '../../shared/domain/policy/types.ts';
import { londonInstant } from '../../shared/domain/workspace/london-time.ts';
import { CreateAdHocMeetingSchema, LogActivitySchema } from '../../shared/schemas/engagement.ts';
import { UpdateActionSchema } from '../../shared/schemas/meeting.ts';
import { adminQueue } from '../../shared/use-cases/admin-queue.ts';
import { findProvider } from '../../shared/use-cases/read-register.ts';
import { createAdHocMeeting, logActivity } from '../../shared/use-cases/record-engagement.ts';
import { updateAction } from '../../shared/use-cases/update-action.ts';
import { changeAs, formVersion, type GetPage, type PageRequest, type PostPage, redirect, render } from './context.ts';
import { deps } from './deps.ts';
import { meetingPage } from './meeting-pages.ts';
import { allStaff, register } from './stores.ts';

/**
 * Engagement pages (issue 15: "everything the API can do for staff"): the policy versions (GET /policies,
 * GET /policies/{id}) and the admin queue (GET /admin-queue, R-TEAM-4), through the same use cases and role
 * lists as the API's handlers.
 */

// The same descriptions GET /policies answers (functions/relationships/handler.ts), built once per container.
const policies = describePolicies(deps.policy);
const QUEUE_PAGE = 25;
const QUEUE = '/workspace/admin/queue';

const OTHER_CONTACT_NOTICES: Record<string, string> = {
  logged: 'Contact logged: it shows under “Other contact” on the meetings page (R-CAD-11)',
};

async function otherContactPage(request: PageRequest, state: OtherContactForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.logActivity);
  const [provider, staff] = await Promise.all([findProvider(register, request.path.providerId ?? ''), allStaff()]);
  return render(request, status, {
    title: `${provider.name}: other contact`,
    section: 'providers',
    main: otherContactMain({
      provider,
      staff,
      me: request.session.staffId,
      formToken: request.session.formToken,
      state,
      notice: state ? null : (OTHER_CONTACT_NOTICES[request.event.queryStringParameters?.done ?? ''] ?? null),
    }),
    problems: state?.problems ?? [],
  });
}

const valuesOf = (form: URLSearchParams): OtherContactForm['values'] =>
  Object.fromEntries(
    [...new Set(form.keys())].map((name) => {
      const all = form.getAll(name);
      return [name, name.endsWith('-contacts') ? all : (all[0] ?? '')];
    }),
  );
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
/** "Name, Organisation" a line (R-CAD-12); a line without a comma cannot be read. */
function partnersFrom(text: string): { name: string; organisation: string }[] | null {
  const read = lines(text).map((line) => {
    const comma = line.indexOf(',');
    return comma > 0 ? { name: line.slice(0, comma).trim(), organisation: line.slice(comma + 1).trim() } : null;
  });
  return read.every((partner) => partner?.name && partner.organisation)
    ? (read as { name: string; organisation: string }[])
    : null;
}
function whenFrom(form: URLSearchParams, prefix: string) {
  return londonInstant(
    form.get(`${prefix}-day`) ?? '',
    form.get(`${prefix}-month`) ?? '',
    form.get(`${prefix}-year`) ?? '',
    form.get(`${prefix}-time`) ?? '',
  );
}
const WHEN_PROBLEMS = {
  date: (prefix: string) => ({ href: `#${prefix}-day`, text: 'Enter a real date, for example 27 3 2027' }),
  time: (prefix: string) => ({
    href: `#${prefix}-time`,
    text: 'Enter a time that exists in the UK that day, for example 9:30am or 14:00',
  }),
};
const LOG_FIELDS: Record<string, [string, string]> = {
  channel: ['log-channel', 'Choose how the contact was made'],
  occurredAt: ['log-when-day', 'Enter when it happened'],
  staffIds: ['log-colleague', 'Choose someone from the list, or nobody else'],
  providerContactIds: [
    'log-contacts',
    'Name who you were in contact with at the provider: choose a contact or write a name (R-CAD-11)',
  ],
  providerPeople: ['log-people', 'Write each name on its own line, at most 200 characters'],
  partnerAttendees: ['log-partners', 'Write each partner as a name, a comma, then the organisation (R-CAD-12)'],
  summary: ['log-summary', 'Say what it was about, in at most 5,000 characters'],
  locationId: ['log-summary', 'Check the location'],
};
const ADHOC_FIELDS: Record<string, [string, string]> = {
  mode: ['adhoc-mode', 'Choose how the meeting is held'],
  startsAt: ['adhoc-when-day', 'Enter when the meeting is'],
  durationMinutes: ['adhoc-duration', 'Enter the length in minutes, from 5 to 480'],
  leadStaffId: ['adhoc-lead', 'Choose who leads the meeting'],
  regulatorStaffIds: ['adhoc-lead', 'Choose who leads the meeting'],
  providerContactIds: ['adhoc-contacts', 'Choose who attends from the provider'],
  partnerAttendees: ['adhoc-partners', 'Write each partner as a name, a comma, then the organisation (R-CAD-12)'],
  summary: ['adhoc-summary', 'Say what it is about in at most 500 characters, on one line'],
  venue: ['adhoc-summary', 'Check the venue'],
  locationId: ['adhoc-summary', 'Check the location'],
};
/** Problems from a schema's issue paths (or a use case's detail paths), one per field, in the form's words. */
const problemsAt = (fields: Record<string, [string, string]>, paths: readonly string[], fallback: string) => {
  const seen = new Set<string>();
  return paths.flatMap((path) => {
    const [href, text] = fields[path.replace(/^body\./, '').split('.')[0] ?? ''] ?? [
      fallback,
      'Check this and try again',
    ];
    if (seen.has(href)) return [];
    seen.add(href);
    return [{ href: `#${href}`, text }];
  });
};
/** A use case's refusal as the form's problem, naming the field (and the rule, in its words). */
function refused(error: unknown, fields: Record<string, [string, string]>, fallback: string) {
  if (error instanceof ValidationError || error instanceof RuleViolation) {
    const path = error.details[0]?.path ?? '';
    const [href] = fields[path.replace(/^body\./, '').split('.')[0] ?? ''] ?? [fallback];
    return {
      problems: [{ href: `#${href}`, text: error.message }],
      status: error instanceof RuleViolation ? 422 : 400,
    };
  }
  if (error instanceof NotFoundError && !(error.message.includes('provider') || error.message.includes('Provider'))) {
    return { problems: [{ href: `#${fallback}`, text: error.message }], status: 400 };
  }
  return null;
}

export const ENGAGEMENT_PAGES: { get: Record<string, GetPage>; post: Record<string, PostPage> } = {
  get: {
    // GET /policies
    workspacePolicies: async (request) => {
      changeAs(request, ROUTE_ROLES.listPolicies);
      return render(request, 200, {
        title: 'Policies',
        section: 'admin',
        main: policiesMain(request.session.roles, policies),
      });
    },
    // GET /policies/{policyId}: an id of the old catalogue finds its current version, as the API's does.
    workspacePolicy: async (request) => {
      changeAs(request, ROUTE_ROLES.getPolicy);
      const asked = request.path.policyId ?? '';
      const wanted = currentPolicyId(asked);
      const policy = policies.find((candidate) => candidate.policyId === wanted);
      if (!policy) throw new NotFoundError(`No policy version ${asked}`);
      return render(request, 200, {
        title: `Policy: ${policy.title}`,
        section: 'admin',
        main: policyMain(request.session.roles, policy, policies),
      });
    },
    // The forms of POST /providers/{id}/activities and POST /providers/{id}/meetings (R-CAD-11)
    workspaceOtherContact: (request) => otherContactPage(request, null, 200),
    // GET /admin-queue (R-TEAM-4), a page at a time, oldest first
    workspaceAdminQueue: async (request) => {
      changeAs(request, ROUTE_ROLES.listAdminQueue);
      const from = request.event.queryStringParameters?.from;
      let page: Awaited<ReturnType<typeof adminQueue>>;
      try {
        page = await adminQueue(deps, { limit: QUEUE_PAGE, ...(from ? { nextToken: from } : {}) });
      } catch (error) {
        // A page token that does not verify (altered, or stale) starts the queue again from the oldest.
        if (error instanceof ValidationError && from) return redirect(QUEUE);
        throw error;
      }
      return render(request, 200, {
        title: 'Admin queue',
        section: 'admin',
        main: adminQueueMain(
          request.session.roles,
          page.items,
          request.now,
          page.nextToken ? `${QUEUE}?${new URLSearchParams({ from: page.nextToken }).toString()}` : null,
          from ? QUEUE : null,
        ),
      });
    },
  },
  post: {
    // POST /providers/{id}/activities: a contact logged after the event (R-CAD-11, partners R-CAD-12)
    workspaceLogContact: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.logActivity);
      const providerId = request.path.providerId ?? '';
      const again = (problems: OtherContactForm['problems'], status: number) =>
        otherContactPage(request, { form: 'log', values: valuesOf(form), problems }, status);
      const when = whenFrom(form, 'log-when');
      const partners = partnersFrom(form.get('log-partners') ?? '');
      const problems: OtherContactForm['problems'] = [];
      if ('problem' in when) problems.push(WHEN_PROBLEMS[when.problem]('log-when'));
      if (!partners) problems.push({ href: '#log-partners', text: LOG_FIELDS.partnerAttendees?.[1] ?? '' });
      const colleague = (form.get('log-colleague') ?? '').trim();
      const parsed = LogActivitySchema.safeParse({
        channel: form.get('log-channel') ?? '',
        occurredAt: 'instant' in when ? when.instant : '',
        staffIds: [...new Set([change.actor.id, ...(colleague ? [colleague] : [])])],
        providerContactIds: form.getAll('log-contacts'),
        providerPeople: lines(form.get('log-people') ?? ''),
        partnerAttendees: partners ?? [],
        summary: form.get('log-summary') ?? '',
      });
      if (!parsed.success) {
        const paths = parsed.error.issues
          .map((issue) => String(issue.path[0]))
          .filter(
            (path) => !(path === 'occurredAt' && 'problem' in when) && !(path === 'partnerAttendees' && !partners),
          );
        problems.push(...problemsAt(LOG_FIELDS, paths, 'log-summary'));
      }
      if (problems.length > 0 || !parsed.success) return again(problems, 400);
      try {
        await logActivity(deps, providerId, parsed.data, change);
      } catch (error) {
        const refusal = refused(error, LOG_FIELDS, 'log-summary');
        if (refusal) return again(refusal.problems, refusal.status);
        throw error;
      }
      return redirect(`${providerHref(providerId)}/other-contact?done=logged`);
    },
    // POST /providers/{id}/meetings: an ad hoc meeting, booked and invited if to come, held if started (R-CAD-11)
    workspaceAdHocMeeting: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.createAdHocMeeting);
      const providerId = request.path.providerId ?? '';
      const again = (problems: OtherContactForm['problems'], status: number) =>
        otherContactPage(request, { form: 'adhoc', values: valuesOf(form), problems }, status);
      const when = whenFrom(form, 'adhoc-when');
      const partners = partnersFrom(form.get('adhoc-partners') ?? '');
      const problems: OtherContactForm['problems'] = [];
      if ('problem' in when) problems.push(WHEN_PROBLEMS[when.problem]('adhoc-when'));
      if (!partners) problems.push({ href: '#adhoc-partners', text: ADHOC_FIELDS.partnerAttendees?.[1] ?? '' });
      const duration = (form.get('adhoc-duration') ?? '').trim();
      const summary = (form.get('adhoc-summary') ?? '').trim();
      const parsed = CreateAdHocMeetingSchema.safeParse({
        mode: form.get('adhoc-mode') ?? '',
        startsAt: 'instant' in when ? when.instant : '',
        durationMinutes: /^\d{1,4}$/.test(duration) ? Number(duration) : Number.NaN,
        leadStaffId: form.get('adhoc-lead') ?? '',
        providerContactIds: form.getAll('adhoc-contacts'),
        partnerAttendees: partners ?? [],
        ...(summary ? { summary } : {}),
      });
      if (!parsed.success) {
        const paths = parsed.error.issues
          .map((issue) => String(issue.path[0]))
          .filter((path) => !(path === 'startsAt' && 'problem' in when) && !(path === 'partnerAttendees' && !partners));
        problems.push(...problemsAt(ADHOC_FIELDS, paths, 'adhoc-summary'));
      }
      if (problems.length > 0 || !parsed.success) return again(problems, 400);
      let meetingId: string;
      try {
        meetingId = (await createAdHocMeeting(deps, providerId, parsed.data, change)).meetingId;
      } catch (error) {
        const refusal = refused(error, ADHOC_FIELDS, 'adhoc-lead');
        if (refusal) return again(refusal.problems, refusal.status);
        throw error;
      }
      return redirect(`${meetingHref(meetingId)}?done=adhoc`);
    },
    // PATCH /meetings/{id}/actions/{actionId} (R-CAD-9), If-Match: the meeting's version the page showed
    workspaceMeetingAction: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.updateMeetingAction);
      const meetingId = request.path.meetingId ?? '';
      const actionId = request.path.actionId ?? '';
      const field = `#action-${actionId}`;
      const again = (text: string, status: number) =>
        meetingPage(
          request,
          { formToken: request.session.formToken, values: {}, problems: [{ href: field, text }], form: 'action' },
          status,
        );
      const version = formVersion(form);
      const parsed = UpdateActionSchema.safeParse({ status: form.get('status') ?? '' });
      if (!parsed.success || !Number.isSafeInteger(version) || version < 0) {
        // A page that is not this one posted: the meeting itself (404 if there is none) with the problem.
        return again('Choose “Mark as done” or “Open again” on the action', 400);
      }
      try {
        await updateAction(deps, meetingId, actionId, version, parsed.data, change);
      } catch (error) {
        if (error instanceof StaleVersionError)
          return again('Someone changed this meeting since you opened it: check the action and try again', 409);
        if (error instanceof ConflictError) return again(error.message, 409);
        throw error;
      }
      return redirect(`${meetingHref(meetingId)}?done=action-${parsed.data.status}`);
    },
  },
};
