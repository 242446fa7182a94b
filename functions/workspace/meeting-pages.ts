import {
  bookingValues,
  type FormState,
  meetingMain,
  templateMain,
} from '../../shared/adapters/http/workspace/views/meeting.ts';
import { meetingHref } from '../../shared/adapters/http/workspace/views/my-work.ts';
import { publicBaseUrl } from '../../shared/config/link-key.ts';
import { ROUTE_ROLES } from '../../shared/definitions/route-roles.ts';
import {
  ConflictError,
  NotFoundError,
  RuleViolation,
  StaleVersionError,
  ValidationError,
} from '../../shared/domain/errors.ts';
import { londonInstant } from '../../shared/domain/workspace/london-time.ts';
import { BookMeetingSchema, CancelMeetingSchema, MeetingOutcomeSchema } from '../../shared/schemas/meeting.ts';
import { SaveTemplateSchema } from '../../shared/schemas/template.ts';
import { bookMeeting, cancelMeeting, recordOutcome } from '../../shared/use-cases/manage-meeting.ts';
import {
  meetingComments,
  readTemplate,
  saveTemplate,
  shareTemplate,
} from '../../shared/use-cases/pre-meeting-template.ts';
import { readMeeting } from '../../shared/use-cases/read-meeting.ts';
import { findProvider } from '../../shared/use-cases/read-register.ts';
import { changeAs, formVersion, type GetPage, type PageRequest, type PostPage, redirect, render } from './context.ts';
import { deps, linkKey } from './deps.ts';
import { allStaff, register } from './stores.ts';

/**
 * A meeting's pages: each form maps to the API route beside it, through the same use case, schema and
 * role list. A refused change comes back as the form with the error summary (400, 409 or 422 naming the
 * rule); a done one redirects to the page with a notice (post, redirect, get).
 */

const NOTICES: Record<string, string> = {
  booked: 'Saved: the attendees have been sent their invites or updates',
  cancelled: 'Cancelled: the attendees have been told',
  held: 'Recorded as held',
  adhoc: 'Ad hoc meeting recorded (R-CAD-11): invites go to its attendees when it is still to come',
  'action-done': 'Action marked as done',
  'action-open': 'Action open again: it goes into the next meeting’s template',
  saved: 'Saved as the next version',
  shared: 'Shared: each contact has been emailed their own link',
};

async function theMeeting(meetingId: string) {
  const meeting = await deps.meetings.getMeeting(meetingId);
  if (!meeting) throw new NotFoundError('No such meeting');
  return meeting;
}

export async function meetingPage(request: PageRequest, state: FormState | null, status: number) {
  changeAs(request, ROUTE_ROLES.getMeeting);
  // R-REL-2: the page names who holds the relationship now, as GET /meetings/{meetingId} does.
  const meeting = await readMeeting(deps, request.path.meetingId ?? '', request.now);
  const [provider, staff] = await Promise.all([findProvider(register, meeting.providerId), allStaff()]);
  const shown: FormState = state ?? {
    formToken: request.session.formToken,
    values: bookingValues(meeting),
    problems: [],
  };
  const done = request.event.queryStringParameters?.done ?? '';
  return render(request, status, {
    title: `${meeting.providerName}: ${meeting.summary}`,
    main: meetingMain(meeting, provider, staff, shown, state ? null : (NOTICES[done] ?? null)),
    problems: state?.problems ?? [],
  });
}

async function templatePage(request: PageRequest, state: FormState | null, status: number, editing?: string) {
  changeAs(request, ROUTE_ROLES.getTemplate);
  const meetingId = request.path.meetingId ?? '';
  const [meeting, template, comments] = await Promise.all([
    theMeeting(meetingId),
    readTemplate(deps, meetingId),
    meetingComments(deps, meetingId),
  ]);
  const query = request.event.queryStringParameters ?? {};
  return render(request, status, {
    title: `${meeting.providerName}: pre-meeting template`,
    main: templateMain(
      meeting,
      template,
      comments,
      editing ?? query.edit ?? null,
      state ?? { formToken: request.session.formToken, values: {}, problems: [] },
      state ? null : (NOTICES[query.done ?? ''] ?? null),
    ),
    problems: state?.problems ?? [],
  });
}

const valuesOf = (form: URLSearchParams): FormState['values'] => {
  const values: FormState['values'] = {};
  for (const name of new Set(form.keys())) {
    const all = form.getAll(name);
    values[name] = all.length > 1 || name === 'staff' || name === 'contacts' ? all : (all[0] ?? '');
  }
  return values;
};

/** A refusal from a use case as a problem beside the field to change; anything else is not the form's to show. */
export function refusal(error: unknown, href: string): { status: number; problem: { href: string; text: string } } {
  if (error instanceof RuleViolation) return { status: 422, problem: { href, text: error.message } };
  if (error instanceof StaleVersionError)
    return { status: 409, problem: { href, text: 'Someone else changed this meanwhile: check it and send again' } };
  if (error instanceof ConflictError || error instanceof ValidationError)
    return { status: error instanceof ConflictError ? 409 : 400, problem: { href, text: error.message } };
  throw error;
}

const BOOKING_FIELDS: Record<string, { href: string; text: string }> = {
  'body.providerContactIds': { href: '#contacts', text: 'Choose who attends from the provider' },
  'body.leadStaffId': { href: '#lead', text: 'Choose who leads the meeting' },
  'body.startsAt': { href: '#starts-day', text: 'Enter the date and time of the meeting' },
  'body.mode': { href: '#mode', text: 'Choose how the meeting is held' },
  'body.durationMinutes': { href: '#duration', text: 'Enter the length in minutes, from 15 to 480' },
};

const versionOf = (form: URLSearchParams) => {
  const version = formVersion(form);
  return Number.isInteger(version) && version >= 0 ? version : -1;
};

export const MEETING_PAGES: { get: Record<string, GetPage>; post: Record<string, PostPage> } = {
  get: {
    workspaceMeeting: (request) => meetingPage(request, null, 200),
    workspaceTemplate: (request) => templatePage(request, null, 200),
  },
  post: {
    // PATCH /meetings/{id} (If-Match from the version the form was made from)
    workspaceBook: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.bookMeeting);
      const values = valuesOf(form);
      const again = (problems: FormState['problems'], status: number) =>
        meetingPage(request, { formToken: request.session.formToken, values, problems, form: 'book' }, status);
      const problems: FormState['problems'] = [];
      const when = londonInstant(
        form.get('starts-day') ?? '',
        form.get('starts-month') ?? '',
        form.get('starts-year') ?? '',
        form.get('time') ?? '',
      );
      if ('problem' in when) {
        problems.push(
          when.problem === 'date'
            ? { href: '#starts-day', text: 'Enter a real date, for example 12 5 2027' }
            : { href: '#time', text: 'Enter a time that exists in the UK that day, for example 9:30am or 14:00' },
        );
      }
      const duration = Number(form.get('duration'));
      if (!Number.isInteger(duration) || duration < 15 || duration > 480)
        problems.push({ href: '#duration', text: 'Enter the length in minutes, from 15 to 480' });
      if (!['in-person', 'video', 'telephone'].includes(form.get('mode') ?? ''))
        problems.push({ href: '#mode', text: 'Choose how the meeting is held' });
      if (!form.get('lead')) problems.push({ href: '#lead', text: 'Choose who leads the meeting' });
      if (problems.length > 0 || 'problem' in when) return again(problems, 400);
      const patch = BookMeetingSchema.safeParse({
        startsAt: when.instant,
        durationMinutes: duration,
        mode: form.get('mode'),
        venue: form.get('venue')?.trim() || null,
        leadStaffId: form.get('lead'),
        regulatorStaffIds: form.getAll('staff').filter((id) => id !== form.get('lead')),
        providerContactIds: form.getAll('contacts'),
      });
      if (!patch.success) {
        const issue = patch.error.issues[0];
        const field =
          { venue: 'venue', regulatorStaffIds: 'staff', providerContactIds: 'contacts' }[String(issue?.path[0])] ??
          'lead';
        return again([{ href: `#${field}`, text: `Check this: ${issue?.message ?? 'not valid'}` }], 400);
      }
      try {
        await bookMeeting(deps, request.path.meetingId ?? '', versionOf(form), patch.data, change);
      } catch (error) {
        // The use case names the API's fields: say it in the form's words, beside the field.
        if (error instanceof ValidationError && error.details.length > 0) {
          return again(
            error.details.map((detail) => BOOKING_FIELDS[detail.path] ?? { href: '#lead', text: error.message }),
            400,
          );
        }
        const { status, problem } = refusal(error, '#lead');
        return again([problem], status);
      }
      return redirect(`${meetingHref(request.path.meetingId ?? '')}?done=booked`);
    },
    // POST /meetings/{id}/cancel
    workspaceCancel: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.cancelMeeting);
      const values = valuesOf(form);
      const again = (problems: FormState['problems'], status: number) =>
        meetingPage(request, { formToken: request.session.formToken, values, problems, form: 'cancel' }, status);
      const parsed = CancelMeetingSchema.safeParse({ reason: form.get('reason') ?? '' });
      if (!parsed.success)
        return again([{ href: '#reason', text: 'Say why the meeting is cancelled (at most 500 characters)' }], 400);
      try {
        await cancelMeeting(deps, request.path.meetingId ?? '', parsed.data.reason, change);
      } catch (error) {
        const { status, problem } = refusal(error, '#reason');
        return again([problem], status);
      }
      return redirect(`${meetingHref(request.path.meetingId ?? '')}?done=cancelled`);
    },
    // POST /meetings/{id}/outcome
    workspaceOutcome: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.recordMeetingOutcome);
      const values = valuesOf(form);
      const again = (problems: FormState['problems'], status: number) =>
        meetingPage(request, { formToken: request.session.formToken, values, problems, form: 'outcome' }, status);
      const problems: FormState['problems'] = [];
      const action = (form.get('action') ?? '').trim();
      const owner = (form.get('owner') ?? '').trim();
      const dueParts = ['due-year', 'due-month', 'due-day'].map((name) => (form.get(name) ?? '').trim());
      const dueDate = `${(dueParts[0] ?? '').padStart(4, '0')}-${(dueParts[1] ?? '').padStart(2, '0')}-${(dueParts[2] ?? '').padStart(2, '0')}`;
      if (!(form.get('notes') ?? '').trim())
        problems.push({ href: '#notes', text: 'Enter notes of what was discussed' });
      if (action) {
        if (!owner) problems.push({ href: '#owner', text: 'Enter who does the action' });
        const parsedDue = new Date(`${dueDate}T12:00:00Z`);
        if (Number.isNaN(parsedDue.getTime()) || parsedDue.toISOString().slice(0, 10) !== dueDate)
          problems.push({ href: '#due-day', text: 'Enter a real date the action is due by, for example 1 6 2027' });
      }
      if (problems.length > 0) return again(problems, 400);
      const parsed = MeetingOutcomeSchema.safeParse({
        notes: form.get('notes') ?? '',
        actions: action ? [{ description: action, owner, dueDate }] : [],
      });
      if (!parsed.success) return again([{ href: '#notes', text: 'Notes can be at most 20,000 characters' }], 400);
      try {
        await recordOutcome(deps, request.path.meetingId ?? '', parsed.data, change);
      } catch (error) {
        const { status, problem } = refusal(error, '#notes');
        return again([problem], status);
      }
      return redirect(`${meetingHref(request.path.meetingId ?? '')}?done=held`);
    },
    // PUT /meetings/{id}/template: one section changed, the rest as they were, saved as the next version
    workspaceSaveTemplate: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.saveTemplate);
      const meetingId = request.path.meetingId ?? '';
      const sectionId = form.get('sectionId') ?? '';
      const values = valuesOf(form);
      const again = (problems: FormState['problems'], status: number) =>
        templatePage(request, { formToken: request.session.formToken, values, problems }, status, sectionId);
      const current = await readTemplate(deps, meetingId);
      const section = current.sections.find((candidate) => candidate.sectionId === sectionId);
      if (!section) throw new NotFoundError('No such section');
      const items = section.items.flatMap((item, index) => {
        const flags = form.getAll(`flags-${index}`);
        if (flags.includes('remove')) return [];
        return [
          {
            text: (form.get(`item-${index}`) ?? item.text).trim(),
            infoId: form.get(`info-${index}`) || null,
            sensitive: flags.includes('sensitive'),
          },
        ];
      });
      const added = (form.get('new-item') ?? '').trim();
      if (added) items.push({ text: added, infoId: null, sensitive: false });
      const emptyAt = items.findIndex((item) => item.text === '');
      if (emptyAt >= 0)
        return again([{ href: `#item-${emptyAt}`, text: 'Enter the item’s text, or tick “Remove this item”' }], 400);
      const body = SaveTemplateSchema.safeParse({
        sections: current.sections.map((candidate) =>
          candidate.sectionId === sectionId ? { ...candidate, items } : candidate,
        ),
      });
      if (!body.success)
        return again(
          [{ href: '#new-item', text: 'Each item can be at most 4,000 characters, and a section at most 100 items' }],
          400,
        );
      try {
        await saveTemplate(deps, meetingId, versionOf(form), body.data, change);
      } catch (error) {
        const { status, problem } = refusal(error, '#new-item');
        return again([problem], status);
      }
      return redirect(`${meetingHref(meetingId)}/template?done=saved`);
    },
    // POST /meetings/{id}/template/share
    workspaceShareTemplate: async (request) => {
      const change = changeAs(request, ROUTE_ROLES.shareTemplate);
      const meetingId = request.path.meetingId ?? '';
      try {
        await shareTemplate(
          deps,
          meetingId,
          { key: linkKey, baseUrl: publicBaseUrl(request.event.requestContext.domainName) },
          change,
        );
      } catch (error) {
        const { status, problem } = refusal(error, '#share');
        return templatePage(request, { formToken: request.session.formToken, values: {}, problems: [problem] }, status);
      }
      return redirect(`${meetingHref(meetingId)}/template?done=shared`);
    },
  },
};
