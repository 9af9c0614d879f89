// Names shared by the functions' Powertools environment and the alarms that read
// what Powertools emits. The application code emits metrics through Powertools
// Metrics, so namespace and service come from these environment variables.

export const SERVICE_NAME = 'bmc-control-plane';
export const METRICS_NAMESPACE = 'BmcControlPlane';

/**
 * Count metric the API emits (Powertools Metrics, unit Count, default `service`
 * dimension only) each time a BMC does not answer: RMCP+ timeout or no route.
 * Per-BMC ids are never dimensions (low cardinality: docs/architecture.md section 4).
 */
export const BMC_UNREACHABLE_METRIC = 'BmcUnreachable';

/**
 * Count metric of API Gateway answers with status 401 (a missing, mistyped, unknown, expired or
 * revoked key), counted from the access log by a metric filter: API Gateway's own metrics have
 * only 4XXError, which also counts bad requests.
 */
export const API_UNAUTHORIZED_METRIC = 'ApiUnauthorized';

/** Count metric the job worker emits once per task that ends failed or unknown. */
export const JOB_TASK_FAILED_METRIC = 'JobTaskFailed';

/** Powertools for AWS Lambda (TypeScript) settings every function gets. */
export function powertoolsEnvironment(stage: string): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    // Events carry the x-api-key header: they are never logged whole.
    POWERTOOLS_LOGGER_LOG_EVENT: 'false',
    // Responses may hold BMC data of a tenant; traces keep timings and errors only.
    POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
    POWERTOOLS_TRACER_CAPTURE_ERROR: 'true',
    STAGE: stage,
  };
}
