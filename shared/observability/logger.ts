import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one logger. Structured JSON, keys added per request (appendKeys), state cleared between
 * invocations by the middleware. Never log an email address, a token or a request body.
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'provider-engagement',
  logLevel: (process.env.POWERTOOLS_LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
});
