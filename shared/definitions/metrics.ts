/**
 * The custom metrics the functions emit (CloudWatch embedded metric format, through Powertools) and
 * the stack's alarms read, declared once so the names cannot drift apart.
 */
export const METRICS_NAMESPACE = 'ProviderEngagement';
export const SERVICE_NAME = 'provider-engagement';

export const DAILY_RUN_METRICS = {
  /** 1 each time a daily run finishes its work; missing for a day means the day's run did not complete. */
  completed: 'DailyRunCompleted',
  /** Emails the run was responsible for sending (due, not sent before, deliverable). */
  expected: 'DailyEmailsExpected',
  /** Of those, the ones SES accepted. */
  sent: 'DailyEmailsSent',
} as const;

/**
 * Counted by a metric filter on the API's access log (one per request the API answered 429: a
 * stage or route throttle, or the account's), with the API's id as dimension so stages apart.
 * HTTP APIs publish 4xx but no count of 429s alone.
 */
export const API_METRICS = {
  throttled: 'ApiThrottled',
} as const;
