/**
 * The core's Telemetry port on Powertools Metrics: CloudWatch Embedded Metric Format (EMF) lines
 * on stdout, which Lambda ships to CloudWatch Logs and CloudWatch turns into metrics without an
 * API call. Namespace and service come from the POWERTOOLS_* environment the CDK app sets
 * (cdk/lib/telemetry.ts, whose names and alarms these must match), with the same defaults.
 *
 * Metrics are buffered during an invocation and flushed once at its end, so a fleet request with
 * several unreachable BMCs is one EMF document holding one value per BMC.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Telemetry } from '../core/ports.ts';

export const METRICS_NAMESPACE = 'BmcControlPlane';
export const METRICS_SERVICE = 'bmc-control-plane';
/** A BMC that did not answer (BMC_UNREACHABLE): what the CDK app's alarm watches. */
export const BMC_UNREACHABLE_METRIC = 'BmcUnreachable';
/** A job task that ended failed or unknown (cdk/lib/telemetry.ts JOB_TASK_FAILED_METRIC). */
export const JOB_TASK_FAILED_METRIC = 'JobTaskFailed';

/**
 * One Metrics buffer for the execution environment. Only the default `service` dimension is
 * ever set: no BMC id, tenant or address (low cardinality: docs/architecture.md section 4).
 */
export function lambdaMetrics(env: Readonly<Record<string, string | undefined>> = process.env): Metrics {
  return new Metrics({
    namespace: env['POWERTOOLS_METRICS_NAMESPACE'] || METRICS_NAMESPACE,
    serviceName: env['POWERTOOLS_SERVICE_NAME'] || METRICS_SERVICE,
  });
}

export function metricsTelemetry(metrics: Metrics): Telemetry {
  return {
    bmcUnreachable: () => metrics.addMetric(BMC_UNREACHABLE_METRIC, MetricUnit.Count, 1),
    jobTaskFailed: () => metrics.addMetric(JOB_TASK_FAILED_METRIC, MetricUnit.Count, 1),
  };
}

/**
 * Wraps a handler so that whatever it recorded is published when the invocation ends, returned
 * or thrown. Nothing is written when nothing was recorded (Powertools would otherwise log a
 * warning about empty metrics on every quiet invocation).
 */
export function publishingMetrics<Args extends unknown[], Result>(metrics: Metrics, handler: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await handler(...args);
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}
