import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { DynamoDeliveryLedger } from '../../shared/adapters/dynamodb/delivery-ledger.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { DynamoSuppressionList } from '../../shared/adapters/dynamodb/suppression-list.ts';
import { DynamoTemplateStore } from '../../shared/adapters/dynamodb/template-store.ts';
import { deliverNow } from '../../shared/adapters/ses/deliver-now.ts';
import { sesMailerFromEnvironment } from '../../shared/adapters/ses/mailer.ts';
import { ENV, readEnv, workspaceOriginFromEnvironment } from '../../shared/config/env.ts';
import {
  type ProviderCommented,
  SES_SEND_FAILURE_EVENTS,
  type SesDeliverabilityDetail,
  type SesDeliverabilityEvent,
  type SesSendFailureDetail,
  type SesSendFailureEvent,
} from '../../shared/definitions/events.ts';
import { logger } from '../../shared/observability/logger.ts';
import { markUndeliverable } from '../../shared/use-cases/mark-undeliverable.ts';
import { notifyHolderOfComments } from '../../shared/use-cases/notify-holder.ts';
import { recordSendFailure } from '../../shared/use-cases/record-send-failure.ts';

/**
 * Target of the rules of shared/definitions/events.ts that name it:
 * - `notify-holder-of-comments`: a provider sent comments, so its holder is told (R-TPL-4);
 * - `mark-undeliverable`: SES reports a bounce or complaint (configuration set → default bus), so
 *   the address gets nothing more and the holder is asked for a new one;
 * - `record-send-failure`: SES could not render, or rejected, an email: its delivery record says so.
 * Errors fail the invocation: EventBridge retries, then dead-letters it.
 */
const config = readEnv([
  ENV.stage,
  ENV.providersTable,
  ENV.auditTable,
  ENV.meetingsTable,
  ENV.senderAddress,
  ENV.sesConfigurationSet,
]);
const register = new DynamoRegisterStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
const mailer = sesMailerFromEnvironment();
const deps = {
  register,
  meetings: new DynamoMeetingStore(config.MEETINGS_TABLE, config.AUDIT_TABLE),
  templates: new DynamoTemplateStore({
    providers: config.PROVIDERS_TABLE,
    meetings: config.MEETINGS_TABLE,
    audit: config.AUDIT_TABLE,
  }),
  relationships: new DynamoRelationshipStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  suppression: new DynamoSuppressionList(config.PROVIDERS_TABLE),
  ledger: new DynamoDeliveryLedger(config.MEETINGS_TABLE),
  deliver: deliverNow({ mailer, meetingsTable: config.MEETINGS_TABLE, providersTable: config.PROVIDERS_TABLE }),
  mailer,
  workspaceOrigin: workspaceOriginFromEnvironment(),
};

type Handled =
  | EventBridgeEvent<'ProviderCommented', ProviderCommented>
  | EventBridgeEvent<SesDeliverabilityEvent, SesDeliverabilityDetail>
  | EventBridgeEvent<SesSendFailureEvent, SesSendFailureDetail>;

const isSendFailure = (event: Handled): event is EventBridgeEvent<SesSendFailureEvent, SesSendFailureDetail> =>
  SES_SEND_FAILURE_EVENTS.some((detailType) => detailType === event['detail-type']);

export const handler = middy<Handled>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event: Handled) => {
    logger.appendKeys({ eventId: event.id, detailType: event['detail-type'] });
    if (event['detail-type'] === 'ProviderCommented') {
      logger.appendKeys({ meetingId: event.detail.meetingId });
      const outcome = await notifyHolderOfComments(deps, event.detail);
      logger.info('Holder notified of provider comments', { outcome });
      return { outcome };
    }
    if (isSendFailure(event)) return recordSendFailure(deps, event.detail, new Date(event.time));
    const result = await markUndeliverable(deps, event.detail as SesDeliverabilityDetail, {
      actor: { type: 'system', id: 'ses-deliverability' },
      now: new Date(event.time),
      newId: ulid,
    });
    logger.info('Deliverability event handled', { ...result });
    return result;
  });
