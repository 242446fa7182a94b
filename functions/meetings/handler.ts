import { DynamoEngagementStore } from '../../shared/adapters/dynamodb/engagement-store.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { DynamoTemplateStore } from '../../shared/adapters/dynamodb/template-store.ts';
import { apiFunction, staffRoute } from '../../shared/adapters/http/api-function.ts';
import { created, ok } from '../../shared/adapters/http/responses.ts';
import { deliverNow } from '../../shared/adapters/ses/deliver-now.ts';
import { sesMailerFromEnvironment } from '../../shared/adapters/ses/mailer.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { linkKeyFromEnvironment, publicBaseUrl } from '../../shared/config/link-key.ts';
import { MEETINGS_ROUTE as ROUTE } from '../../shared/definitions/routes/meetings.ts';
import { bookMeeting, cancelMeeting, recordOutcome } from '../../shared/use-cases/manage-meeting.ts';
import {
  meetingComments,
  readTemplate,
  saveTemplate,
  shareTemplate,
} from '../../shared/use-cases/pre-meeting-template.ts';
import { readMeeting } from '../../shared/use-cases/read-meeting.ts';
import { findProvider } from '../../shared/use-cases/read-register.ts';
import { createAdHocMeeting, listActivities, logActivity } from '../../shared/use-cases/record-engagement.ts';
import { updateAction } from '../../shared/use-cases/update-action.ts';

/** Meetings of providers: read, book, reschedule, cancel, record as held; invites by email. */
const config = readEnv([
  ENV.stage,
  ENV.providersTable,
  ENV.auditTable,
  ENV.meetingsTable,
  ENV.senderAddress,
  ENV.sesConfigurationSet,
]);
const register = new DynamoRegisterStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
const meetings = new DynamoMeetingStore(config.MEETINGS_TABLE, config.AUDIT_TABLE);
const mailer = sesMailerFromEnvironment();
const templates = new DynamoTemplateStore({
  providers: config.PROVIDERS_TABLE,
  meetings: config.MEETINGS_TABLE,
  audit: config.AUDIT_TABLE,
});
// Top-level await: the secret is read once, at cold start.
const linkKey = await linkKeyFromEnvironment();
const deliver = deliverNow({ mailer, meetingsTable: config.MEETINGS_TABLE, providersTable: config.PROVIDERS_TABLE });
// Engagement beyond planned meetings (R-CAD-11): ad hoc meetings and logged contacts.
const engagement = new DynamoEngagementStore({
  providers: config.PROVIDERS_TABLE,
  meetings: config.MEETINGS_TABLE,
  audit: config.AUDIT_TABLE,
});
// R-REL-2: the holder named on emails to the provider is read when they go, from the current relationships.
const relationships = new DynamoRelationshipStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
const deps = { register, relationships, meetings, mailer, templates, deliver, engagement };

export const handler = apiFunction([
  staffRoute(ROUTE.listProviderMeetings, async ({ path, query }) => {
    const page = await meetings.listProviderMeetings(path.providerId, query);
    if (page.items.length === 0) await findProvider(register, path.providerId);
    return ok(page);
  }),
  staffRoute(ROUTE.getMeeting, async ({ path, change }) => {
    const meeting = await readMeeting(deps, path.meetingId, change.now);
    return ok(meeting, meeting.version);
  }),
  staffRoute(ROUTE.bookMeeting, async ({ path, body, ifMatch, change }) => {
    const meeting = await bookMeeting(deps, path.meetingId, ifMatch, body, change);
    return ok(meeting, meeting.version);
  }),
  staffRoute(ROUTE.cancelMeeting, async ({ path, body, change }) => {
    const meeting = await cancelMeeting(deps, path.meetingId, body.reason, change);
    return ok(meeting, meeting.version);
  }),
  staffRoute(ROUTE.recordMeetingOutcome, async ({ path, body, change }) => {
    const meeting = await recordOutcome(deps, path.meetingId, body, change);
    return ok(meeting, meeting.version);
  }),
  staffRoute(ROUTE.updateMeetingAction, async ({ path, body, ifMatch, change }) => {
    const meeting = await updateAction(deps, path.meetingId, path.actionId, ifMatch, body, change);
    return ok(meeting, meeting.version);
  }),
  staffRoute(ROUTE.getTemplate, async ({ path }) => {
    const template = await readTemplate(deps, path.meetingId);
    return { status: 200, body: template, headers: { etag: `"${template.version}"` } };
  }),
  staffRoute(ROUTE.saveTemplate, async ({ path, body, ifMatch, change }) => {
    const template = await saveTemplate(deps, path.meetingId, ifMatch, body, change);
    return ok(template, template.version);
  }),
  staffRoute(ROUTE.shareTemplate, async ({ path, change, event }) =>
    ok(
      await shareTemplate(
        deps,
        path.meetingId,
        { key: linkKey, baseUrl: publicBaseUrl(event.requestContext.domainName) },
        change,
      ),
    ),
  ),
  staffRoute(ROUTE.listComments, async ({ path }) => ok({ items: await meetingComments(deps, path.meetingId) })),
  staffRoute(ROUTE.createAdHocMeeting, async ({ path, body, change }) => {
    const meeting = await createAdHocMeeting(deps, path.providerId, body, change);
    return created(meeting, meeting.version);
  }),
  staffRoute(ROUTE.logActivity, async ({ path, body, change }) => ({
    status: 201,
    body: await logActivity(deps, path.providerId, body, change),
  })),
  staffRoute(ROUTE.listActivities, async ({ path, query }) => ok(await listActivities(deps, path.providerId, query))),
]);
