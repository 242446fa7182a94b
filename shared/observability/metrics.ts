import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { ENV } from '../config/env.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../definitions/metrics.ts';

/**
 * The one metrics emitter: embedded metric format in the function's log, which CloudWatch turns
 * into metrics with no API call. Dimensions: service (Powertools) and stage.
 */
export const metrics = new Metrics({
  namespace: METRICS_NAMESPACE,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE_NAME,
  defaultDimensions: { stage: process.env[ENV.stage] ?? 'local' },
});

export { MetricUnit };
