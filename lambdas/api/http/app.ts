/**
 * The whole HTTP API as one function from ApiRequest to ApiResponse: GraphQL at /graphql (with
 * the explorer page for browsers), REST under /v1 with its OpenAPI document, and a health check.
 * The local node:http server runs it; the Lambda functions run the same pipeline with their own
 * endpoint each (lambdas/api/lambda).
 */
import type { ApolloServer } from '@apollo/server';
import type { Authenticator } from '../authenticate.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import type { ApiLogger } from '../logger.ts';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../idempotency.ts';
import type { ApiServices } from '../services.ts';
import { graphqlEndpoint } from './graphql-endpoint.ts';
import { httpPipeline, type ApiHandler, type Endpoint } from './pipeline.ts';
import { restEndpoint } from './rest-endpoint.ts';

export type { ApiHandler } from './pipeline.ts';

export interface ApiAppOptions {
  readonly services: ApiServices;
  /** A started Apollo server (createGraphQLServer + start()); without one /graphql is not served. */
  readonly graphql?: ApolloServer<GraphQLContext>;
  readonly authenticate: Authenticator;
  readonly logger: ApiLogger;
  /** Where Idempotency-Key answers are kept (default: in this process's memory). */
  readonly idempotency?: IdempotencyStore;
  /** Served before GraphQL and REST (the local server's operator endpoint). */
  readonly extraEndpoints?: readonly Endpoint[];
}

export function createApiApp(options: ApiAppOptions): ApiHandler {
  const idempotency = options.idempotency ?? new MemoryIdempotencyStore();
  const endpoints: Endpoint[] = [...(options.extraEndpoints ?? [])];
  if (options.graphql) endpoints.push(graphqlEndpoint({ graphql: options.graphql, authenticate: options.authenticate, services: options.services, idempotency, logger: options.logger }));
  endpoints.push(restEndpoint({ ...options, idempotency }));
  return httpPipeline(options.logger, endpoints);
}
