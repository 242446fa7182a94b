import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { adminQueueMain, policiesMain, policyMain } from '../../shared/adapters/http/workspace/views/engagement.ts';
import { CONTACT_ROUTE } from '../../shared/definitions/routes/contact.ts';
import { RELATIONSHIPS_ROUTE } from '../../shared/definitions/routes/relationships.ts';
import { NotFoundError, ValidationError } from '../../shared/domain/errors.ts';
import { describePolicies } from '../../shared/domain/policy/engine.ts';
import { currentPolicyId } from '../../shared/domain/policy/types.ts';
import { adminQueue } from '../../shared/use-cases/admin-queue.ts';
import { changeAs, type PageRequest, redirect, render } from './context.ts';
import { deps } from './deps.ts';

/** The API routes these pages stand for, from their own functions' route modules (issue 17: not the aggregate). */
const ROUTE = { ...CONTACT_ROUTE, ...RELATIONSHIPS_ROUTE };

/**
 * Engagement pages (issue 15: "everything the API can do for staff"): the policy versions (GET /policies,
 * GET /policies/{id}) and the admin queue (GET /admin-queue, R-TEAM-4), through the same use cases and role
 * lists as the API's handlers.
 */
type Get = (request: PageRequest) => Promise<APIGatewayProxyStructuredResultV2>;
type Post = (request: PageRequest, form: URLSearchParams) => Promise<APIGatewayProxyStructuredResultV2>;

// The same descriptions GET /policies answers (functions/relationships/handler.ts), built once per container.
const policies = describePolicies(deps.policy);
const QUEUE_PAGE = 25;
const QUEUE = '/workspace/admin/queue';

export const ENGAGEMENT_PAGES: { get: Record<string, Get>; post: Record<string, Post> } = {
  get: {
    // GET /policies
    workspacePolicies: async (request) => {
      changeAs(request, ROUTE.listPolicies);
      return render(request, 200, {
        title: 'Policies',
        section: 'admin',
        main: policiesMain(request.session.roles, policies),
      });
    },
    // GET /policies/{policyId}: an id of the old catalogue finds its current version, as the API's does.
    workspacePolicy: async (request) => {
      changeAs(request, ROUTE.getPolicy);
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
    // GET /admin-queue (R-TEAM-4), a page at a time, oldest first
    workspaceAdminQueue: async (request) => {
      changeAs(request, ROUTE.listAdminQueue);
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
  post: {},
};
