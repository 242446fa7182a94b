import { CASEWORK_PAGES } from '../workspace/casework-pages.ts';
import type { PageTable } from '../workspace/context.ts';
import { ENGAGEMENT_PAGES } from '../workspace/engagement-pages.ts';
import { MEETING_PAGES } from '../workspace/meeting-pages.ts';
import { servePages } from '../workspace/serve-pages.ts';
import { TEMPLATE_PAGES } from '../workspace/template-pages.ts';

/**
 * The staff workspace's meeting pages (issue 15), a function of their own (issue 17: the workspace split by
 * page group keeps each bundle, and its cold start, near the AWS SDK's own): meetings and their templates,
 * other contact and ad hoc meetings, casework, the policies and the admin queue. The same session and form
 * checks as every workspace page (functions/workspace/serve-pages.ts); sign-in is the workspace function's.
 */
export const PAGES: PageTable = {
  get: { ...MEETING_PAGES.get, ...TEMPLATE_PAGES.get, ...ENGAGEMENT_PAGES.get, ...CASEWORK_PAGES.get },
  post: { ...MEETING_PAGES.post, ...ENGAGEMENT_PAGES.post, ...CASEWORK_PAGES.post },
};

export const handler = servePages(PAGES);
