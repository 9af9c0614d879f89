/** The GraphQL API as a Lambda handler: the shared HTTP pipeline serving /graphql. */
import { createGraphQLServer } from '../graphql/server.ts';
import { graphqlEndpoint } from '../http/graphql-endpoint.ts';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../idempotency.ts';
import type { ApiLogger } from '../logger.ts';
import type { ApiServices } from '../services.ts';
import { createApiLambdaHandler, type ApiLambdaHandler } from './api-handler.ts';

export type GraphQLLambdaHandler = ApiLambdaHandler;

export function createGraphQLLambdaHandler(
  getServices: () => Promise<ApiServices>,
  logger: ApiLogger,
  idempotency: IdempotencyStore = new MemoryIdempotencyStore(),
): GraphQLLambdaHandler {
  return createApiLambdaHandler(getServices, logger, async (services, authenticate) => {
    const graphql = createGraphQLServer(logger);
    await graphql.start();
    return graphqlEndpoint({ graphql, authenticate, services, idempotency, logger });
  });
}
