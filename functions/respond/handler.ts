import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ulid } from 'ulid';
import { DynamoContactStore } from '../../shared/adapters/dynamodb/contact-store.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { DynamoTeamStore } from '../../shared/adapters/dynamodb/team-store.ts';
import { DynamoTemplateStore } from '../../shared/adapters/dynamodb/template-store.ts';
import { type ApiEvent, apiFunction, publicRoute } from '../../shared/adapters/http/api-function.ts';
import { formOf, fromOurPage as fromPage, htmlPage } from '../../shared/adapters/http/pages/provider-form.ts';
import {
  closedPage,
  type FormState,
  refusedPage,
  respondPage,
} from '../../shared/adapters/http/pages/respond-pages.ts';
import { pagesStylesheet } from '../../shared/adapters/http/pages/stylesheet.ts';
import { STRICT_TRANSPORT_SECURITY } from '../../shared/adapters/http/responses.ts';
import { deliverNow } from '../../shared/adapters/ses/deliver-now.ts';
import { sesMailerFromEnvironment } from '../../shared/adapters/ses/mailer.ts';
import { ENV, readEnv, workspaceOriginFromEnvironment } from '../../shared/config/env.ts';
import { linkKeyFromEnvironment, publicBaseUrl } from '../../shared/config/link-key.ts';
import { policyFromEnvironment } from '../../shared/config/policy.ts';
import { RESPOND_ROUTE as ROUTE } from '../../shared/definitions/routes/respond.ts';
import { isReference } from '../../shared/domain/contact/reference.ts';
import { formToken } from '../../shared/domain/links/provider-link.ts';
import { logger } from '../../shared/observability/logger.ts';
import { loggableError } from '../../shared/observability/redact.ts';
import {
  checkResponse,
  openResponse,
  type RespondView,
  type ResponseForm,
  submitResponse,
} from '../../shared/use-cases/respond-to-template.ts';

/**
 * The provider's pages (no login: a signed link from an email). GET shows the shared template and
 * a form; POST adds comments and redirects back (post/redirect/get) to a confirmation.
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
  meetings: new DynamoMeetingStore(config.MEETINGS_TABLE, config.AUDIT_TABLE),
  templates: new DynamoTemplateStore({
    providers: config.PROVIDERS_TABLE,
    meetings: config.MEETINGS_TABLE,
    audit: config.AUDIT_TABLE,
  }),
  // The holder's email (R-TPL-4) is written to the outbox with the comments, then sent from here.
  deliver: deliverNow({
    mailer: sesMailerFromEnvironment(),
    meetingsTable: config.MEETINGS_TABLE,
    providersTable: config.PROVIDERS_TABLE,
  }),
  workspaceOrigin: workspaceOriginFromEnvironment(),
  // R-PRV-1: a concern added on the template is raised as a submission, routed as from the contact page.
  relationships: new DynamoRelationshipStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  contact: new DynamoContactStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE, config.MEETINGS_TABLE),
  policy: policyFromEnvironment(),
  // R-TEAM-4: the provider's team and its co-ordinator, for routing the concern.
  teams: new DynamoTeamStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  staffChanges: register,
};

const css = pagesStylesheet();

const page = htmlPage;
const fromOurPage = (event: ApiEvent, form: URLSearchParams, token: string) => fromPage(event, form, token, key);

const emptyForm = { comments: {}, addition: { kind: '', text: '', actionTaken: '' } };

/** The concern raised with the comments just sent (post/redirect/get): shown only to the contact who raised it. */
async function raisedConcern(event: ApiEvent, view: Extract<RespondView, { kind: 'open' }>) {
  const reference = event.queryStringParameters?.reference ?? '';
  if (!isReference(reference)) return null;
  const submission = await deps.contact.getSubmission(reference);
  return submission?.providerId === view.meeting.providerId && submission.contactId === view.claims.contactId
    ? submission.reference
    : null;
}
const tokenOf = (event: ApiEvent) => event.pathParameters?.token ?? '';

async function safely(work: () => Promise<APIGatewayProxyStructuredResultV2>) {
  try {
    return await work();
  } catch (error) {
    logger.error('Provider page failed', loggableError(error));
    return page(500, refusedPage().replace('This link does not work', 'Sorry, there is a problem with the service'));
  }
}

export const handler = apiFunction([
  publicRoute(ROUTE.getStylesheet, async () => ({
    statusCode: 200,
    headers: {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'public, max-age=86400',
      'x-content-type-options': 'nosniff',
      ...STRICT_TRANSPORT_SECURITY,
    },
    body: css,
  })),
  publicRoute(ROUTE.getRespondPage, ({ event }) =>
    safely(async () => {
      const token = tokenOf(event);
      const view = await openResponse(deps, token, key, new Date());
      if (view.kind === 'refused') return page(404, refusedPage());
      if (view.kind === 'closed') return page(410, closedPage(view));
      const state: FormState = {
        formToken: formToken(token, key),
        action: `/respond/${token}`,
        problems: [],
        values: emptyForm,
        submitted: event.queryStringParameters?.sent === '1',
        concernReference: await raisedConcern(event, view),
      };
      return page(200, respondPage(view, state));
    }),
  ),
  publicRoute(ROUTE.submitRespondPage, ({ event }) =>
    safely(async () => {
      const token = tokenOf(event);
      const view = await openResponse(deps, token, key, new Date());
      if (view.kind === 'refused') return page(404, refusedPage());
      if (view.kind === 'closed') return page(410, closedPage(view));
      const form = formOf(event);
      if (!form) return page(413, refusedPage().replace('This link does not work', 'What you sent is too long'));
      if (!fromOurPage(event, form, token)) return page(403, refusedPage());
      const comments: Record<string, string> = {};
      for (const [name, value] of form) {
        if (name.startsWith('comment-')) comments[name.slice('comment-'.length)] = value;
      }
      const values: ResponseForm = {
        comments,
        addition: {
          kind: form.get('addition-kind') ?? '',
          text: form.get('addition-text') ?? '',
          actionTaken: form.get('addition-action') ?? '',
        },
      };
      const problems = checkResponse(
        values,
        view.sections.map((section) => section.sectionId),
      );
      if (problems.length > 0) {
        const state = {
          formToken: formToken(token, key),
          action: `/respond/${token}`,
          problems,
          values,
          submitted: false,
          concernReference: null,
        };
        return page(400, respondPage(view, state));
      }
      const { concern } = await submitResponse(deps, view, values, {
        now: new Date(),
        newId: ulid,
        links: { key, baseUrl: publicBaseUrl(event.requestContext.domainName) },
      });
      const raised = concern ? `&reference=${encodeURIComponent(concern.reference)}` : '';
      return page(303, '', { location: `/respond/${token}?sent=1${raised}` });
    }),
  ),
]);
