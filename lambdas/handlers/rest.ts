/** Lambda entry: the REST API (/v1) behind API Gateway. */
import { createRestLambdaHandler, type RestLambdaHandler } from '../api/lambda/rest-handler.ts';
import type { ApiLogger } from '../api/logger.ts';
import type { ApiServices } from '../api/services.ts';
import { publishingMetrics } from './metrics.ts';
import type { IdempotencyStore } from '../api/idempotency.ts';
import { apiServices, closingIdleSessions, idempotencyStore, metrics } from './api-runtime.ts';
import { powertoolsLogger } from './runtime.ts';

/** The entry as deployed, publishing each invocation's metrics when it ends (see graphqlEntry). */
export function restEntry(getServices: () => Promise<ApiServices>, logger: ApiLogger, idempotency: IdempotencyStore = idempotencyStore): RestLambdaHandler {
  return publishingMetrics(metrics, createRestLambdaHandler(getServices, logger, idempotency));
}

export const handler = closingIdleSessions(restEntry(apiServices, powertoolsLogger()));
