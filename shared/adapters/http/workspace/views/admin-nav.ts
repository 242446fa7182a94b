import { ROUTE_ROLES } from '../../../../definitions/route-roles.ts';
import type { StaffRole } from '../../../../domain/vocabulary.ts';
import { subNavigation } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';

/**
 * The admin area's navigation (issue 15 item 7). The service navigation shows "Admin" only to those
 * who may change something there: the roles of PATCH /staff, GET /jobs/{job}/runs and GET /imports
 * (the API's own lists, not a copy). Its sub navigation shows each section to those its API route allows.
 */
export type AdminTab = 'staff' | 'teams' | 'jobs' | 'imports' | 'mental-health' | 'admin-queue' | 'policies';

const may = (roles: readonly string[], allowed: readonly StaffRole[]) =>
  roles.some((role) => (allowed as readonly string[]).includes(role));

export const mayOpenAdmin = (roles: readonly string[]): boolean =>
  may(roles, ROUTE_ROLES.updateStaff) || may(roles, ROUTE_ROLES.listJobRuns) || may(roles, ROUTE_ROLES.listImports);

export const ADMIN_HOME = '/workspace/admin/staff';

export function adminHeader(roles: readonly string[], tab: AdminTab, heading: string, caption = 'Admin'): SafeHtml {
  const items: [AdminTab, string, string, readonly StaffRole[]][] = [
    ['staff', 'Staff', '/workspace/admin/staff', ROUTE_ROLES.listStaff],
    ['teams', 'Teams', '/workspace/admin/teams', ROUTE_ROLES.listTeams],
    ['jobs', 'Job runs', '/workspace/admin/jobs', ROUTE_ROLES.listJobRuns],
    ['imports', 'Register imports', '/workspace/admin/imports', ROUTE_ROLES.listImports],
    [
      'mental-health',
      'Mental health providers',
      '/workspace/admin/mental-health-providers',
      ROUTE_ROLES.listMentalHealthProviders,
    ],
    ['admin-queue', 'Admin queue', '/workspace/admin/queue', ROUTE_ROLES.listAdminQueue],
    ['policies', 'Policies', '/workspace/admin/policies', ROUTE_ROLES.listPolicies],
  ];
  return html`<span class="govuk-caption-l">${caption}</span>
<h1 class="govuk-heading-l">${heading}</h1>
${subNavigation({
  label: 'Admin',
  items: items
    .filter(([, , , allowed]) => may(roles, allowed))
    .map(([id, text, href]) => ({ text, href, active: id === tab })),
})}`;
}
