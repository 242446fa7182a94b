import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoTemplateStore } from '../../shared/adapters/dynamodb/template-store.ts';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import type { ProviderCommented } from '../../shared/definitions/events.ts';
import { logger } from '../../shared/observability/logger.ts';
import { notifyHolderOfComments } from '../../shared/use-cases/notify-holder.ts';

/**
 * Target of the `notify-holder-of-comments` rule (shared/definitions/events.ts): a provider sent
 * comments, so its holder is told (R-TPL-4). Errors fail the invocation: EventBridge retries, then
 * dead-letters it.
 */
const config = readEnv([ENV.stage, ENV.providersTable, ENV.meetingsTable, ENV.senderAddress, ENV.sesConfigurationSet]);
const deps = {
  register: new DynamoRegisterStore(config.PROVIDERS_TABLE),
  meetings: new DynamoMeetingStore(config.MEETINGS_TABLE, config.PROVIDERS_TABLE),
  templates: new DynamoTemplateStore({ providers: config.PROVIDERS_TABLE, meetings: config.MEETINGS_TABLE }),
  mailer: new SesMailer({
    stage: config.STAGE,
    sender: config.SENDER_ADDRESS,
    configurationSet: config.SES_CONFIGURATION_SET,
  }),
};

export const handler = middy<EventBridgeEvent<'ProviderCommented', ProviderCommented>>()
  .use(injectLambdaContext(logger, { clearState: true }))
  .handler(async (event: EventBridgeEvent<'ProviderCommented', ProviderCommented>) => {
    logger.appendKeys({ meetingId: event.detail.meetingId, eventId: event.id });
    const outcome = await notifyHolderOfComments(deps, event.detail);
    logger.info('Holder notified of provider comments', { outcome });
    return { outcome };
  });
