/** Lambda entry: the GraphQL API behind API Gateway. */
import { createGraphQLLambdaHandler, type GraphQLLambdaHandler } from '../api/lambda/graphql-handler.ts';
import type { ApiLogger } from '../api/logger.ts';
import type { ApiServices } from '../api/services.ts';
import { publishingMetrics } from './metrics.ts';
import type { IdempotencyStore } from '../api/idempotency.ts';
import { apiServices, closingIdleSessions, idempotencyStore, metrics } from './api-runtime.ts';
import { powertoolsLogger } from './runtime.ts';

/**
 * The entry as deployed: the API's handler, publishing the metrics each invocation recorded when
 * it ends. Services are a parameter so tests can run this same wiring over in-memory stores.
 */
export function graphqlEntry(getServices: () => Promise<ApiServices>, logger: ApiLogger, idempotency: IdempotencyStore = idempotencyStore): GraphQLLambdaHandler {
  return publishingMetrics(metrics, createGraphQLLambdaHandler(getServices, logger, idempotency));
}

export const handler = closingIdleSessions(graphqlEntry(apiServices, powertoolsLogger()));
