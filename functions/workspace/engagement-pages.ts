import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { adminQueueMain, policiesMain, policyMain } from '../../shared/adapters/http/workspace/views/engagement.ts';
import { meetingHref } from '../../shared/adapters/http/workspace/views/my-work.ts';
import { CONTACT_ROUTE } from '../../shared/definitions/routes/contact.ts';
import { MEETINGS_ROUTE } from '../../shared/definitions/routes/meetings.ts';
import { RELATIONSHIPS_ROUTE } from '../../shared/definitions/routes/relationships.ts';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../../shared/domain/errors.ts';
import { describePolicies } from '../../shared/domain/policy/engine.ts';
import { currentPolicyId } from '../../shared/domain/policy/types.ts';
import { UpdateActionSchema } from '../../shared/schemas/meeting.ts';
import { adminQueue } from '../../shared/use-cases/admin-queue.ts';
import { updateAction } from '../../shared/use-cases/update-action.ts';
import { changeAs, type PageRequest, redirect, render } from './context.ts';
import { deps } from './deps.ts';
import { meetingPage } from './meeting-pages.ts';

/** The API routes these pages stand for, from their own functions' route modules (issue 17: not the aggregate). */
const ROUTE = { ...CONTACT_ROUTE, ...MEETINGS_ROUTE, ...RELATIONSHIPS_ROUTE };

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
  post: {
    // PATCH /meetings/{id}/actions/{actionId} (R-CAD-9), If-Match: the meeting's version the page showed
    workspaceMeetingAction: async (request, form) => {
      const change = changeAs(request, ROUTE.updateMeetingAction);
      const meetingId = request.path.meetingId ?? '';
      const actionId = request.path.actionId ?? '';
      const field = `#action-${actionId}`;
      const again = (text: string, status: number) =>
        meetingPage(
          request,
          { formToken: request.session.formToken, values: {}, problems: [{ href: field, text }], form: 'action' },
          status,
        );
      const version = Number(form.get('version') ?? '');
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
