import { dayFromFields } from '../../shared/adapters/http/workspace/date-fields.ts';
import {
  type AdminForm,
  departureMain,
  staffHref,
  staffListMain,
  staffMain,
} from '../../shared/adapters/http/workspace/views/staff-admin.ts';
import { ADD_STAFF_PATH, signInStepSection } from '../../shared/adapters/http/workspace/views/staff-sign-in.ts';
import { ROUTE_ROLES } from '../../shared/definitions/route-roles.ts';
import { londonDate } from '../../shared/domain/calendar.ts';
import {
  ConflictError,
  RuleViolation,
  SignInOutOfStep,
  StaleVersionError,
  ValidationError,
} from '../../shared/domain/errors.ts';
import type { StaffRole } from '../../shared/domain/vocabulary.ts';
import { AbsenceSchema, UpdateStaffSchema } from '../../shared/schemas/staff.ts';
import { endAbsence, recordAbsence, updateStaff } from '../../shared/use-cases/change-staff.ts';
import { findStaff } from '../../shared/use-cases/read-register.ts';
import { recordDeparture, workOf } from '../../shared/use-cases/record-departure.ts';
import { adminDeps, allTeams } from './admin-deps.ts';
import {
  changeAs,
  fieldProblems,
  formVersion,
  type GetPage,
  mayUse,
  type PageRequest,
  type PostPage,
  redirect,
  render,
} from './context.ts';
import { allStaff, register } from './stores.ts';

/**
 * Staff admin pages (issue 15 item 7, issue 14 item 2): each form calls the use case of the API route
 * named beside it, with that route's roles. A refused change comes back as the page with the error summary
 * naming the field (and the rule); a done one redirects with a notice (post, redirect, get).
 */

const NOTICES: Record<string, string> = {
  changed: 'Saved: their details, roles and team are changed (and their sign-in groups with them)',
  absent: 'Absence recorded: while they are away their work goes to the cover',
  back: 'Absence ended: their work comes back to them',
  left: 'Leaving day recorded: nothing more can be allocated to them',
  added: 'Added: they can be allocated work; bring their sign-in into step if they cannot sign in',
  'in-step': 'Their sign-in is in step with their roles (and off, if they have left)',
};

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

const mayChangeStaff = (request: PageRequest, allowed: readonly StaffRole[] = ROUTE_ROLES.updateStaff) =>
  mayUse(request, allowed);

async function staffPage(request: PageRequest, state: AdminForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.getStaff);
  const staffId = request.path.staffId ?? '';
  const [member, staff, teams] = await Promise.all([findStaff(register, staffId), allStaff(), allTeams()]);
  const done = request.event.queryStringParameters?.done ?? '';
  return render(request, status, {
    title: member.name,
    section: 'admin',
    main: staffMain({
      roles: request.session.roles,
      member,
      staff,
      teams,
      today: londonDate(request.now),
      mayChange: mayChangeStaff(request),
      notice: state ? null : (NOTICES[done] ?? null),
      state,
      formToken: request.session.formToken,
      // POST /staff/{id}/sign-in-groups where it matters (R-TEAM-5): after a sync that failed, or for a leaver.
      signInStep: signInStepSection({
        member,
        outOfStep: request.event.queryStringParameters?.signIn === 'out-of-step',
        mayRun: mayChangeStaff(request, ROUTE_ROLES.syncStaffSignIn),
        formToken: request.session.formToken,
      }),
    }),
    problems: state?.problems ?? [],
  });
}

const formValues = (form: URLSearchParams): AdminForm['values'] => {
  const values: AdminForm['values'] = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    values[key] = key === 'roles' ? all : (all[0] ?? '');
  }
  return values;
};

const again = (
  request: PageRequest,
  form: URLSearchParams,
  which: string,
  problems: AdminForm['problems'],
  status: number,
) =>
  staffPage(request, { formToken: request.session.formToken, form: which, values: formValues(form), problems }, status);

/** Where a schema or use case names a field (body.x), the form's field and the words to fix it. */
const DETAIL_FIELDS: Record<string, [string, string]> = {
  'body.name': ['name', 'Enter their full name (at most 200 characters, on one line)'],
  'body.email': ['email', 'Enter an email address in the correct format, like name@example.org'],
  'body.roles': ['roles', 'Select at least one role'],
  'body.teamId': ['teamId', 'Choose a team from the list'],
  'body.coverStaffId': ['coverStaffId', 'Choose who covers from the list'],
  'body.reason': ['reason', 'Enter the reason (at most 500 characters)'],
  'body.from': ['from-day', 'Enter the first day away'],
  'body.to': ['to-day', 'The last day away must be on or after the first day'],
  'body.leftOn': ['leftOn-day', 'Enter their leaving day'],
};
const problemsOf = (paths: readonly string[], fallback: string) =>
  fieldProblems(paths, DETAIL_FIELDS, [fallback, 'Check this and try again']);

export const STAFF_PAGES: { get: Record<string, GetPage>; post: Record<string, PostPage> } = {
  get: {
    // GET /staff (every page of it: a few hundred people), filtered here by name, role and team
    workspaceStaffList: async (request) => {
      changeAs(request, ROUTE_ROLES.listStaff);
      const query = request.event.queryStringParameters ?? {};
      const filter = { q: (query.q ?? '').trim().slice(0, 200), role: query.role ?? '', teamId: query.teamId ?? '' };
      const [staff, teams] = await Promise.all([allStaff(), allTeams()]);
      const wanted = fold(filter.q);
      const shown = staff
        .filter((member) => !wanted || fold(`${member.name} ${member.email}`).includes(wanted))
        .filter((member) => !filter.role || (member.roles as readonly string[]).includes(filter.role))
        .filter((member) =>
          filter.teamId === '' ? true : filter.teamId === 'none' ? !member.teamId : member.teamId === filter.teamId,
        )
        .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
      return render(request, 200, {
        title: 'Staff',
        section: 'admin',
        main: staffListMain(
          request.session.roles,
          shown,
          teams,
          filter,
          londonDate(request.now),
          mayChangeStaff(request, ROUTE_ROLES.createStaff) ? ADD_STAFF_PATH : undefined,
        ),
      });
    },
    // GET /staff/{id}
    workspaceStaffMember: (request) => staffPage(request, null, 200),
    // The departure answer's list (POST /staff/{id}/departure), read again: what is still to reallocate.
    workspaceDeparture: async (request) => {
      changeAs(request, ROUTE_ROLES.recordDeparture);
      const member = await findStaff(register, request.path.staffId ?? '');
      const work = await workOf(adminDeps, member.staffId);
      const done = request.event.queryStringParameters?.done ?? '';
      return render(request, 200, {
        title: `${member.name}: work to reallocate`,
        section: 'admin',
        main: departureMain(request.session.roles, member, work, NOTICES[done] ?? null),
      });
    },
  },
  post: {
    // PATCH /staff/{id} with If-Match: the version the page showed
    workspaceChangeStaff: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.updateStaff);
      const staffId = request.path.staffId ?? '';
      const current = await findStaff(register, staffId);
      const version = formVersion(form);
      const roles = form.getAll('roles');
      const teamId = form.get('teamId') ?? '';
      // PATCH semantics: send only what differs from what is stored.
      const body: Record<string, unknown> = {};
      const name = (form.get('name') ?? '').trim();
      const email = (form.get('email') ?? '').trim();
      if (name !== current.name) body.name = name;
      if (email.toLowerCase() !== current.email.toLowerCase()) body.email = email;
      if ([...roles].sort().join() !== [...current.roles].sort().join()) body.roles = roles;
      if ((teamId || null) !== current.teamId) body.teamId = teamId || null;
      if (Object.keys(body).length === 0) {
        return again(
          request,
          form,
          'details',
          [{ href: '#name', text: 'Change at least one thing before saving' }],
          400,
        );
      }
      const parsed = UpdateStaffSchema.safeParse(body);
      if (!parsed.success || !Number.isSafeInteger(version)) {
        const paths = parsed.success ? [] : parsed.error.issues.map((issue) => `body.${issue.path.join('.')}`);
        return again(request, form, 'details', problemsOf(paths.length ? paths : ['body.name'], 'name'), 400);
      }
      try {
        await updateStaff(adminDeps, staffId, parsed.data, version, change);
      } catch (error) {
        // Saved, but the sign-in directory did not follow: the page says so and offers the retry (R-TEAM-5).
        if (error instanceof SignInOutOfStep) return redirect(`${staffHref(staffId)}?signIn=out-of-step`);
        if (error instanceof StaleVersionError) {
          return again(
            request,
            form,
            'details',
            [
              {
                href: '#name',
                text: 'Someone changed this person since you opened the page: check what is shown and save again',
              },
            ],
            409,
          );
        }
        if (error instanceof ConflictError) {
          return again(
            request,
            form,
            'details',
            [{ href: '#email', text: 'Another member of staff has this email address' }],
            409,
          );
        }
        if (error instanceof ValidationError) {
          return again(
            request,
            form,
            'details',
            problemsOf(
              error.details.map((detail) => detail.path),
              'name',
            ),
            400,
          );
        }
        throw error;
      }
      return redirect(`${staffHref(staffId)}?done=changed`);
    },
    // PUT /staff/{id}/absence
    workspaceRecordAbsence: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.recordAbsence);
      const staffId = request.path.staffId ?? '';
      await findStaff(register, staffId);
      const from = dayFromFields(form, 'from', 'The first day away');
      const to = dayFromFields(form, 'to', 'The last day away');
      const problems: AdminForm['problems'] = [];
      if (from.kind !== 'day')
        problems.push({ href: '#from-day', text: from.kind === 'problem' ? from.text : 'Enter the first day away' });
      if (to.kind !== 'day')
        problems.push({ href: '#to-day', text: to.kind === 'problem' ? to.text : 'Enter the last day away' });
      const body = {
        from: from.kind === 'day' ? from.day : '',
        to: to.kind === 'day' ? to.day : '',
        coverStaffId: form.get('coverStaffId') ?? '',
        reason: form.get('reason') ?? '',
      };
      const parsed = AbsenceSchema.safeParse(body);
      if (!parsed.success) {
        const paths = parsed.error.issues
          .map((issue) => `body.${issue.path.join('.')}`)
          .filter(
            (path) => !(path === 'body.from' && from.kind !== 'day') && !(path === 'body.to' && to.kind !== 'day'),
          );
        problems.push(...problemsOf(paths, 'reason'));
      }
      if (problems.length > 0 || !parsed.success) return again(request, form, 'absence', problems, 400);
      try {
        await recordAbsence(adminDeps, staffId, parsed.data, change);
      } catch (error) {
        if (error instanceof RuleViolation) {
          return again(request, form, 'absence', [{ href: '#coverStaffId', text: error.message }], 422);
        }
        if (error instanceof ValidationError) {
          const text = error.details.some((detail) => detail.path === 'body.coverStaffId')
            ? `Choose someone else to cover: ${error.message}`
            : error.message;
          return again(request, form, 'absence', [{ href: '#coverStaffId', text }], 400);
        }
        throw error;
      }
      return redirect(`${staffHref(staffId)}?done=absent`);
    },
    // DELETE /staff/{id}/absence
    workspaceEndAbsence: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.endAbsence);
      const staffId = request.path.staffId ?? '';
      try {
        await endAbsence(adminDeps, staffId, change);
      } catch (error) {
        if (error instanceof ConflictError) {
          return again(
            request,
            form,
            'absence',
            [{ href: '#absence', text: 'No absence is recorded for them now' }],
            409,
          );
        }
        throw error;
      }
      return redirect(`${staffHref(staffId)}?done=back`);
    },
    // POST /staff/{id}/departure: then the page of what is left to reallocate
    workspaceRecordDeparture: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.recordDeparture);
      const staffId = request.path.staffId ?? '';
      await findStaff(register, staffId);
      const leftOn = dayFromFields(form, 'leftOn', 'The leaving day');
      if (leftOn.kind !== 'day') {
        const text = leftOn.kind === 'problem' ? leftOn.text : 'Enter their leaving day';
        return again(request, form, 'departure', [{ href: '#leftOn-day', text }], 400);
      }
      try {
        await recordDeparture(adminDeps, staffId, leftOn.day, change);
      } catch (error) {
        if (error instanceof SignInOutOfStep) return redirect(`${staffHref(staffId)}?signIn=out-of-step`);
        if (error instanceof ConflictError) {
          return again(
            request,
            form,
            'departure',
            [{ href: '#leftOn-day', text: 'Their leaving day is already recorded' }],
            409,
          );
        }
        throw error;
      }
      return redirect(`${staffHref(staffId)}/departure?done=left`);
    },
  },
};
