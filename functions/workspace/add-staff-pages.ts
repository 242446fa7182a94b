import type { RegisterForm } from '../../shared/adapters/http/workspace/views/register.ts';
import { staffHref } from '../../shared/adapters/http/workspace/views/staff-admin.ts';
import { addStaffMain } from '../../shared/adapters/http/workspace/views/staff-sign-in.ts';
import { ROUTE_ROLES } from '../../shared/definitions/route-roles.ts';
import { ConflictError, SignInOutOfStep, ValidationError } from '../../shared/domain/errors.ts';
import { CreateStaffSchema } from '../../shared/schemas/staff.ts';
import { syncStaffSignIn } from '../../shared/use-cases/change-staff.ts';
import { findStaff } from '../../shared/use-cases/read-register.ts';
import { registerStaff } from '../../shared/use-cases/register-staff.ts';
import { adminDeps, allTeams } from './admin-deps.ts';
import { changeAs, fieldProblems, type GetPage, type PageRequest, type PostPage, redirect, render } from './context.ts';
import { register } from './stores.ts';

/**
 * Adding a member of staff and bringing their sign-in into step (POST /staff, POST /staff/{id}/sign-in-groups),
 * with the staff function's role lists: admin pages, served by the workspace-admin function with the other
 * staff pages, which alone may change the staff user pool's groups (issue 17).
 */

const STAFF_FIELDS: Record<string, [string, string]> = {
  name: ['name', 'Enter their full name (at most 200 characters, on one line)'],
  email: ['email', 'Enter an email address in the correct format, like name@example.org'],
  roles: ['roles', 'Select at least one role'],
  teamId: ['teamId', 'Choose a team from the list'],
};

async function addStaffPage(request: PageRequest, form: RegisterForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.createStaff);
  const teams = await allTeams();
  return render(request, status, {
    title: 'Add a member of staff',
    section: 'admin',
    main: addStaffMain({
      roles: request.session.roles,
      teams: [...teams].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      form: form ?? { formToken: request.session.formToken, values: {}, problems: [] },
    }),
    problems: form?.problems ?? [],
  });
}

export const ADD_STAFF_PAGES: { get: Record<string, GetPage>; post: Record<string, PostPage> } = {
  get: {
    // POST /staff: its form
    workspaceAddStaff: (request) => addStaffPage(request, null, 200),
  },
  post: {
    // POST /staff
    workspaceCreateStaff: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.createStaff);
      const roles = form.getAll('roles');
      const values = {
        name: form.get('name') ?? '',
        email: form.get('email') ?? '',
        teamId: form.get('teamId') ?? '',
        roles: roles.join(','),
      };
      const again = (problems: RegisterForm['problems'], status: number) =>
        addStaffPage(request, { formToken: request.session.formToken, values, problems }, status);
      const parsed = CreateStaffSchema.safeParse({
        name: values.name,
        email: values.email.trim(),
        roles,
        ...(values.teamId ? { teamId: values.teamId } : {}),
      });
      if (!parsed.success)
        return again(
          fieldProblems(
            parsed.error.issues.map((issue) => String(issue.path[0])),
            STAFF_FIELDS,
            ['name', STAFF_FIELDS.name?.[1] ?? ''],
          ),
          400,
        );
      let staffId: string;
      try {
        staffId = (await registerStaff(register, parsed.data, change)).staffId;
      } catch (error) {
        if (error instanceof ConflictError)
          return again([{ href: '#email', text: 'Another member of staff has this email address' }], 409);
        if (error instanceof ValidationError) {
          const path = (error.details[0]?.path ?? '').replace(/^body\./, '');
          const [field, text] = STAFF_FIELDS[path] ?? ['name', error.message];
          return again([{ href: `#${field}`, text }], 400);
        }
        throw error;
      }
      return redirect(`${staffHref(staffId)}?done=added`);
    },
    // POST /staff/{id}/sign-in-groups (R-TEAM-5): safe to repeat
    workspaceSyncSignIn: async (request) => {
      changeAs(request, ROUTE_ROLES.syncStaffSignIn);
      const staffId = request.path.staffId ?? '';
      await findStaff(register, staffId);
      try {
        await syncStaffSignIn(adminDeps, staffId);
      } catch (error) {
        if (error instanceof SignInOutOfStep) return redirect(`${staffHref(staffId)}?signIn=out-of-step`);
        throw error;
      }
      return redirect(`${staffHref(staffId)}?done=in-step`);
    },
  },
};
