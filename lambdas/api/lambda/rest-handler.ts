/** The REST API (/v1) as a Lambda handler: the shared HTTP pipeline serving /v1. */
import { restEndpoint } from '../http/rest-endpoint.ts';
import type { IdempotencyStore } from '../idempotency.ts';
import type { ApiLogger } from '../logger.ts';
import type { ApiServices } from '../services.ts';
import { createApiLambdaHandler, type ApiLambdaHandler } from './api-handler.ts';

export type RestLambdaHandler = ApiLambdaHandler;

export function createRestLambdaHandler(getServices: () => Promise<ApiServices>, logger: ApiLogger, idempotency?: IdempotencyStore): RestLambdaHandler {
  return createApiLambdaHandler(getServices, logger, async (services, authenticate) =>
    restEndpoint({ services, authenticate, logger, ...(idempotency && { idempotency }) }),
  );
}
