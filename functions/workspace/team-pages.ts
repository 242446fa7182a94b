import { providerHref } from '../../shared/adapters/http/workspace/views/my-work.ts';
import type { AdminForm } from '../../shared/adapters/http/workspace/views/staff-admin.ts';
import { teamHref } from '../../shared/adapters/http/workspace/views/staff-admin.ts';
import {
  editTeamMain,
  providerTeamMain,
  teamMain,
  teamsMain,
} from '../../shared/adapters/http/workspace/views/teams.ts';
import { ROUTE_ROLES } from '../../shared/definitions/route-roles.ts';
import { ConflictError, RuleViolation, StaleVersionError, ValidationError } from '../../shared/domain/errors.ts';
import { AssignProviderTeamSchema, CreateTeamSchema, UpdateTeamSchema } from '../../shared/schemas/team.ts';
import { assignProviderTeam, providerTeams } from '../../shared/use-cases/assign-provider-team.ts';
import { createTeam, findTeam, updateTeam } from '../../shared/use-cases/manage-team.ts';
import { findProvider } from '../../shared/use-cases/read-register.ts';
import { teamDashboard } from '../../shared/use-cases/team-dashboard.ts';
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
 * Team pages (issue 14 items 1 and 6; issue 15 item 7): POST/PATCH /teams, GET /teams/{id}/dashboard and
 * PUT /providers/{id}/team through the same use cases and role lists.
 */

const NOTICES: Record<string, string> = {
  created: 'Team created',
  changed: 'Team changed',
  assigned: 'Team saved: the provider’s work now routes to this team (R-TEAM-4)',
};

const FIELDS: Record<string, [string, string]> = {
  name: ['name', 'Enter the team’s name (at most 200 characters, on one line)'],
  kind: ['kind', 'Choose the kind of team'],
  operationsManagerId: ['operationsManagerId', 'Choose the operations manager from the list'],
  deputyDirectorId: ['deputyDirectorId', 'Choose the deputy director from the list'],
  area: ['area', 'Describe the area in at most 1,000 characters'],
  teamId: ['teamId', 'Choose a team'],
  reason: ['reason', 'Enter the reason (at most 500 characters)'],
};
const problemsOf = (paths: readonly string[], fallback: string) =>
  fieldProblems(
    paths.map((path) => path.replace(/^body\./, '')),
    FIELDS,
    [fallback, 'Check this and try again'],
  );
const stateOf = (request: PageRequest, form: URLSearchParams, which: string, problems: AdminForm['problems']) => ({
  formToken: request.session.formToken,
  form: which,
  values: Object.fromEntries([...new Set(form.keys())].map((key) => [key, form.get(key) ?? ''])),
  problems,
});
/** The use cases' refusals, beside the field they name: a rule (R-TEAM-1, R-TEAM-5) in its words. */
function refusal(error: unknown, fallback: string): { problems: AdminForm['problems']; status: number } | null {
  if (error instanceof RuleViolation || error instanceof ValidationError) {
    const field = (error.details[0]?.path ?? '').replace(/^body\./, '');
    const href = `#${FIELDS[field]?.[0] ?? fallback}`;
    return { problems: [{ href, text: error.message }], status: error instanceof RuleViolation ? 422 : 400 };
  }
  if (error instanceof StaleVersionError) {
    return {
      problems: [
        { href: '#name', text: 'Someone changed this team since you opened the page: check it and save again' },
      ],
      status: 409,
    };
  }
  if (error instanceof ConflictError) return { problems: [{ href: `#${fallback}`, text: error.message }], status: 409 };
  return null;
}

async function teamsPage(request: PageRequest, state: AdminForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.listTeams);
  const mayCreate = mayUse(request, ROUTE_ROLES.createTeam);
  const [teams, staff] = await Promise.all([allTeams(), mayCreate ? allStaff() : Promise.resolve([])]);
  return render(request, status, {
    title: 'Teams',
    section: 'admin',
    main: teamsMain({
      roles: request.session.roles,
      teams: [...teams].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      staff,
      mayCreate,
      state,
      formToken: request.session.formToken,
      notice: state ? null : (NOTICES[request.event.queryStringParameters?.done ?? ''] ?? null),
    }),
    problems: state?.problems ?? [],
  });
}

async function editPage(request: PageRequest, state: AdminForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.updateTeam);
  const [team, staff] = await Promise.all([findTeam(adminDeps.teams, request.path.teamId ?? ''), allStaff()]);
  return render(request, status, {
    title: `Change ${team.name}`,
    section: 'admin',
    main: editTeamMain({ roles: request.session.roles, team, staff, state, formToken: request.session.formToken }),
    problems: state?.problems ?? [],
  });
}

async function providerTeamPage(request: PageRequest, state: AdminForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.getProviderTeams);
  const providerId = request.path.providerId ?? '';
  const mayChange = mayUse(request, ROUTE_ROLES.assignProviderTeam);
  const [provider, stored, teams] = await Promise.all([
    findProvider(register, providerId),
    providerTeams(adminDeps, providerId),
    mayChange ? allTeams() : Promise.resolve([]),
  ]);
  return render(request, status, {
    title: `${provider.name}: team`,
    section: 'providers',
    main: providerTeamMain({
      provider,
      stored,
      teams,
      mayChange,
      state,
      formToken: request.session.formToken,
      notice: state ? null : (NOTICES[request.event.queryStringParameters?.done ?? ''] ?? null),
    }),
    problems: state?.problems ?? [],
  });
}

/** A team's fields from the form: blank optional choices are left out on create and cleared (null) on change. */
function teamBody(form: URLSearchParams, forChange: boolean): Record<string, unknown> {
  const text = (name: string) => (form.get(name) ?? '').trim();
  const optional = (name: string) => (text(name) ? text(name) : forChange ? null : undefined);
  const body: Record<string, unknown> = {
    name: text('name'),
    kind: text('kind'),
    operationsManagerId: optional('operationsManagerId'),
    deputyDirectorId: optional('deputyDirectorId'),
    area: optional('area'),
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

export const TEAM_PAGES: { get: Record<string, GetPage>; post: Record<string, PostPage> } = {
  get: {
    // GET /teams
    workspaceTeams: (request) => teamsPage(request, null, 200),
    // GET /teams/{id}/dashboard
    workspaceTeam: async (request) => {
      changeAs(request, ROUTE_ROLES.getTeamDashboard);
      const view = await teamDashboard(adminDeps, request.path.teamId ?? '', request.now);
      const notice = NOTICES[request.event.queryStringParameters?.done ?? ''] ?? null;
      return render(request, 200, {
        title: view.team.name,
        section: 'admin',
        main: teamMain(request.session.roles, view, mayUse(request, ROUTE_ROLES.updateTeam), notice),
      });
    },
    workspaceEditTeam: (request) => editPage(request, null, 200),
    // GET /providers/{id}/team
    workspaceProviderTeam: (request) => providerTeamPage(request, null, 200),
  },
  post: {
    // POST /teams
    workspaceCreateTeam: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.createTeam);
      const parsed = CreateTeamSchema.safeParse(teamBody(form, false));
      const again = (problems: AdminForm['problems'], status: number) =>
        teamsPage(request, stateOf(request, form, 'team', problems), status);
      if (!parsed.success)
        return again(
          problemsOf(
            parsed.error.issues.map((issue) => String(issue.path[0])),
            'name',
          ),
          400,
        );
      let teamId: string;
      try {
        teamId = (await createTeam(adminDeps, parsed.data, change)).teamId;
      } catch (error) {
        const refused = refusal(error, 'name');
        if (refused) return again(refused.problems, refused.status);
        throw error;
      }
      return redirect(`${teamHref(teamId)}?done=created`);
    },
    // PATCH /teams/{id} with If-Match: the version the form showed
    workspaceChangeTeam: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.updateTeam);
      const teamId = request.path.teamId ?? '';
      await findTeam(adminDeps.teams, teamId);
      const version = formVersion(form);
      const parsed = UpdateTeamSchema.safeParse(teamBody(form, true));
      const again = (problems: AdminForm['problems'], status: number) =>
        editPage(request, stateOf(request, form, 'team', problems), status);
      if (!parsed.success || !Number.isSafeInteger(version)) {
        const fields = parsed.success ? ['name'] : parsed.error.issues.map((issue) => String(issue.path[0]));
        return again(problemsOf(fields, 'name'), 400);
      }
      try {
        await updateTeam(adminDeps, teamId, parsed.data, version, change);
      } catch (error) {
        const refused = refusal(error, 'name');
        if (refused) return again(refused.problems, refused.status);
        throw error;
      }
      return redirect(`${teamHref(teamId)}?done=changed`);
    },
    // PUT /providers/{id}/team
    workspaceAssignTeam: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.assignProviderTeam);
      const providerId = request.path.providerId ?? '';
      const again = (problems: AdminForm['problems'], status: number) =>
        providerTeamPage(request, stateOf(request, form, 'team', problems), status);
      const parsed = AssignProviderTeamSchema.safeParse({
        teamId: form.get('teamId') ?? '',
        reason: form.get('reason') ?? '',
      });
      if (!parsed.success)
        return again(
          problemsOf(
            parsed.error.issues.map((issue) => String(issue.path[0])),
            'teamId',
          ),
          400,
        );
      try {
        await assignProviderTeam(adminDeps, providerId, parsed.data, change);
      } catch (error) {
        const refused = refusal(error, 'teamId');
        if (refused) return again(refused.problems, refused.status);
        throw error;
      }
      return redirect(`${providerHref(providerId)}/team?done=assigned`);
    },
  },
};
