import { ADD_STAFF_PAGES } from '../workspace/add-staff-pages.ts';
import type { PageTable } from '../workspace/context.ts';
import { RUN_PAGES } from '../workspace/run-pages.ts';
import { servePages } from '../workspace/serve-pages.ts';
import { STAFF_PAGES } from '../workspace/staff-pages.ts';
import { TEAM_PAGES } from '../workspace/team-pages.ts';

/**
 * The staff workspace's admin pages (issue 15 item 7), a function of their own (issue 17: the workspace split
 * by page group keeps each bundle, and its cold start, near the AWS SDK's own): staff, their sign-in groups,
 * absences and leavers, teams, job runs, register imports and the mental health providers list. The same
 * session and form checks as every workspace page (functions/workspace/serve-pages.ts).
 */
export const PAGES: PageTable = {
  get: { ...STAFF_PAGES.get, ...ADD_STAFF_PAGES.get, ...TEAM_PAGES.get, ...RUN_PAGES.get },
  post: { ...STAFF_PAGES.post, ...ADD_STAFF_PAGES.post, ...TEAM_PAGES.post, ...RUN_PAGES.post },
};

export const handler = servePages(PAGES);
