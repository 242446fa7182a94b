import { CONTACT_ROUTE } from '../../../../definitions/routes/contact.ts';
import { IMPORTS_ROUTE } from '../../../../definitions/routes/imports.ts';
import { JOBS_ROUTE } from '../../../../definitions/routes/jobs.ts';
import { PROVIDERS_ROUTE } from '../../../../definitions/routes/providers.ts';
import { RELATIONSHIPS_ROUTE } from '../../../../definitions/routes/relationships.ts';
import { STAFF_ROUTE } from '../../../../definitions/routes/staff.ts';
import type { StaffRole } from '../../../../domain/vocabulary.ts';
import { subNavigation } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';

/** The API routes these pages stand for, from their own functions' route modules (issue 17: not the aggregate). */
const ROUTE = {
  ...CONTACT_ROUTE,
  ...IMPORTS_ROUTE,
  ...JOBS_ROUTE,
  ...PROVIDERS_ROUTE,
  ...RELATIONSHIPS_ROUTE,
  ...STAFF_ROUTE,
};

/**
 * The admin area's navigation (issue 15 item 7). The service navigation shows "Admin" only to those
 * who may change something there: the roles of PATCH /staff, GET /jobs/{job}/runs and GET /imports
 * (the API's own lists, not a copy). Its sub navigation shows each section to those its API route allows.
 */
export type AdminTab = 'staff' | 'teams' | 'jobs' | 'imports' | 'mental-health' | 'admin-queue' | 'policies';

const may = (roles: readonly string[], allowed: readonly StaffRole[]) =>
  roles.some((role) => (allowed as readonly string[]).includes(role));

export const mayOpenAdmin = (roles: readonly string[]): boolean =>
  may(roles, ROUTE.updateStaff.roles) || may(roles, ROUTE.listJobRuns.roles) || may(roles, ROUTE.listImports.roles);

export const ADMIN_HOME = '/workspace/admin/staff';

export function adminHeader(roles: readonly string[], tab: AdminTab, heading: string, caption = 'Admin'): SafeHtml {
  const items: [AdminTab, string, string, readonly StaffRole[]][] = [
    ['staff', 'Staff', '/workspace/admin/staff', ROUTE.listStaff.roles],
    ['teams', 'Teams', '/workspace/admin/teams', ROUTE.listTeams.roles],
    ['jobs', 'Job runs', '/workspace/admin/jobs', ROUTE.listJobRuns.roles],
    ['imports', 'Register imports', '/workspace/admin/imports', ROUTE.listImports.roles],
    [
      'mental-health',
      'Mental health providers',
      '/workspace/admin/mental-health-providers',
      ROUTE.listMentalHealthProviders.roles,
    ],
    ['admin-queue', 'Admin queue', '/workspace/admin/queue', ROUTE.listAdminQueue.roles],
    ['policies', 'Policies', '/workspace/admin/policies', ROUTE.listPolicies.roles],
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
