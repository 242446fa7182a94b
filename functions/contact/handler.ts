import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ulid } from 'ulid';
import { DynamoContactStore } from '../../shared/adapters/dynamodb/contact-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/team-store.ts';
import { type ApiEvent, apiFunction, publicRoute, staffRoute } from '../../shared/adapters/http/api-function.ts';
import {
  type ContactPageState,
  contactPage,
  expiredContactPage,
} from '../../shared/adapters/http/pages/contact-pages.ts';
import { formOf, fromOurPage, htmlPage } from '../../shared/adapters/http/pages/provider-form.ts';
import { refusedPage } from '../../shared/adapters/http/pages/respond-pages.ts';
import { created, ok } from '../../shared/adapters/http/responses.ts';
import { deliverNow } from '../../shared/adapters/ses/deliver-now.ts';
import { sesMailerFromEnvironment } from '../../shared/adapters/ses/mailer.ts';
import { ENV, readEnv, workspaceOriginFromEnvironment } from '../../shared/config/env.ts';
import { linkKeyFromEnvironment, publicBaseUrl } from '../../shared/config/link-key.ts';
import { policyFromEnvironment } from '../../shared/config/policy.ts';
import { CONTACT_ROUTE as ROUTE } from '../../shared/definitions/routes/contact.ts';
import { isReference, referenceFrom } from '../../shared/domain/contact/reference.ts';
import { formToken } from '../../shared/domain/links/provider-link.ts';
import { logger } from '../../shared/observability/logger.ts';
import { loggableError } from '../../shared/observability/redact.ts';
import { adminQueue } from '../../shared/use-cases/admin-queue.ts';
import {
  answerSubmission,
  closeSubmission,
  findSubmission,
  providerSubmissions,
} from '../../shared/use-cases/answer-submission.ts';
import {
  type ContactForm,
  type ContactView,
  checkContactForm,
  openContact,
  submitContact,
} from '../../shared/use-cases/contact-the-regulator.ts';
import { providerInformationRequests, requestInformation } from '../../shared/use-cases/request-information.ts';

/**
 * The provider's contact page (a signed contact link from any email: R-REL-4, R-PRV-1..5), and the staff
 * routes that answer what providers send and ask them to explain (R-PRV-5).
 */
const config = readEnv([
  ENV.stage,
  ENV.providersTable,
  ENV.auditTable,
  ENV.meetingsTable,
  ENV.senderAddress,
  ENV.sesConfigurationSet,
]);
// Top-level await: the secret is read once, at cold start.
const key = await linkKeyFromEnvironment();
const register = new DynamoRegisterStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
const deps = {
  register,
  relationships: new DynamoRelationshipStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  // Emails a change owes go to the outbox (the delivery ledger, on the meetings table) in its transaction.
  contact: new DynamoContactStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE, config.MEETINGS_TABLE),
  deliver: deliverNow({
    mailer: sesMailerFromEnvironment(),
    meetingsTable: config.MEETINGS_TABLE,
    providersTable: config.PROVIDERS_TABLE,
  }),
  policy: policyFromEnvironment(),
  // R-TEAM-4: the provider's team and its co-ordinator, for routing what the provider sends.
  teams: new DynamoTeamStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  staffChanges: register,
};
const newReference = () => referenceFrom(randomBytes(5));
/** Links in emails to staff point at the workspace (issue 15). */
const workspaceOrigin = workspaceOriginFromEnvironment();
const linksFor = (event: ApiEvent) => ({ key, baseUrl: publicBaseUrl(event.requestContext.domainName) });

const tokenOf = (event: ApiEvent) => event.pathParameters?.token ?? '';
const emptyForm: ContactForm = { kind: '', details: '', actionTaken: '', answers: {} };

async function safely(work: () => Promise<APIGatewayProxyStructuredResultV2>) {
  try {
    return await work();
  } catch (error) {
    logger.error('Provider page failed', loggableError(error));
    return htmlPage(
      500,
      refusedPage().replace('This link does not work', 'Sorry, there is a problem with the service'),
    );
  }
}

/** The refused (404) or expired (410) answer, or null for an open view. */
function notOpen(view: ContactView): APIGatewayProxyStructuredResultV2 | null {
  if (view.kind === 'refused') return htmlPage(404, refusedPage());
  if (view.kind === 'expired') return htmlPage(410, expiredContactPage());
  return null;
}

/** The confirmation after post/redirect/get: only a submission of this provider's contact is shown. */
async function sentState(event: ApiEvent, view: Extract<ContactView, { kind: 'open' }>) {
  const query = event.queryStringParameters ?? {};
  const answered = (query.answered ?? '').split(',').filter(isReference);
  const reference = query.sent && isReference(query.sent) ? query.sent : null;
  const submission = reference ? await deps.contact.getSubmission(reference) : null;
  const mine =
    submission && submission.providerId === view.provider.providerId && submission.contactId === view.contact.contactId
      ? submission
      : null;
  return mine || answered.length > 0 ? { submission: mine, answered } : null;
}

export const handler = apiFunction([
  publicRoute(ROUTE.getContactPage, ({ event }) =>
    safely(async () => {
      const token = tokenOf(event);
      const view = await openContact(deps, token, key, new Date());
      if (view.kind !== 'open') return notOpen(view) ?? htmlPage(404, refusedPage());
      const state: ContactPageState = {
        formToken: formToken(token, key),
        action: `/contact/${token}`,
        problems: [],
        values: emptyForm,
        sent: await sentState(event, view),
      };
      return htmlPage(200, contactPage(view, state));
    }),
  ),
  publicRoute(ROUTE.submitContactPage, ({ event }) =>
    safely(async () => {
      const token = tokenOf(event);
      const now = new Date();
      const view = await openContact(deps, token, key, now);
      if (view.kind !== 'open') return notOpen(view) ?? htmlPage(404, refusedPage());
      const form = formOf(event);
      if (!form) return htmlPage(413, refusedPage().replace('This link does not work', 'What you sent is too long'));
      if (!fromOurPage(event, form, token, key)) return htmlPage(403, refusedPage());
      const answers: Record<string, string> = {};
      for (const [name, value] of form) {
        if (name.startsWith('answer-') && value.trim()) answers[name.slice('answer-'.length)] = value;
      }
      const values: ContactForm = {
        kind: form.get('kind') ?? '',
        details: form.get('details') ?? '',
        actionTaken: form.get('action-taken') ?? '',
        answers,
      };
      const problems = checkContactForm(
        values,
        view.requests.map((request) => request.reference),
      );
      if (problems.length > 0) {
        const state = { formToken: formToken(token, key), action: `/contact/${token}`, problems, values, sent: null };
        return htmlPage(400, contactPage(view, state));
      }
      const sent = await submitContact(deps, view, values, {
        now,
        newId: ulid,
        newReference,
        links: linksFor(event),
        workspaceOrigin,
      });
      const query = new URLSearchParams({
        ...(sent.submission ? { sent: sent.submission.reference } : {}),
        ...(sent.answered.length > 0 ? { answered: sent.answered.join(',') } : {}),
      });
      return htmlPage(303, '', { location: `/contact/${token}?${query.toString()}` });
    }),
  ),
  staffRoute(ROUTE.getSubmission, async ({ path }) => {
    const submission = await findSubmission(deps, path.reference);
    return ok(submission, submission.version);
  }),
  staffRoute(ROUTE.answerSubmission, async ({ path, body, change, event }) => {
    const submission = await answerSubmission(deps, path.reference, body.text, linksFor(event), change);
    return ok(submission, submission.version);
  }),
  staffRoute(ROUTE.closeSubmission, async ({ path, body, change }) => {
    const submission = await closeSubmission(deps, path.reference, body.reason, change);
    return ok(submission, submission.version);
  }),
  staffRoute(ROUTE.listProviderSubmissions, async ({ path, query }) =>
    ok(await providerSubmissions(deps, path.providerId, query)),
  ),
  staffRoute(ROUTE.createInformationRequest, async ({ path, body, change, event }) => {
    const request = await requestInformation(deps, path.providerId, body, linksFor(event), { ...change, newReference });
    return created(request, request.version);
  }),
  staffRoute(ROUTE.listInformationRequests, async ({ path, query }) =>
    ok(await providerInformationRequests(deps, path.providerId, query)),
  ),
  staffRoute(ROUTE.listAdminQueue, async ({ query }) => ok(await adminQueue(deps, query))),
]);
