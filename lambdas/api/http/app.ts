/**
 * The whole HTTP API as one function from ApiRequest to ApiResponse: GraphQL at /graphql (with
 * GraphiQL for browsers), REST under /v1 with its OpenAPI document, a health check, and the web
 * console at `/` when it was built.
 * The local node:http server runs it; the Lambda functions run the same pipeline with their own
 * endpoint each (lambdas/api/lambda).
 */
import type { ApolloServer } from '@apollo/server';
import type { Authenticator } from '../authenticate.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import type { ApiLogger } from '../logger.ts';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../idempotency.ts';
import type { ApiServices } from '../services.ts';
import type { ConsoleAssets } from './console-assets.ts';
import { consoleEndpoint } from './console-endpoint.ts';
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
  /** The built web console (loadConsoleAssets): served at `/`, and GraphiQL's bundle at GET /graphql. */
  readonly console?: ConsoleAssets;
  /** Served before GraphQL and REST (the local server's operator endpoint). */
  readonly extraEndpoints?: readonly Endpoint[];
}

export function createApiApp(options: ApiAppOptions): ApiHandler {
  const idempotency = options.idempotency ?? new MemoryIdempotencyStore();
  const endpoints: Endpoint[] = [...(options.extraEndpoints ?? [])];
  const graphiqlPage = options.console?.graphiqlPage;
  if (options.graphql) endpoints.push(graphqlEndpoint({ graphql: options.graphql, authenticate: options.authenticate, services: options.services, idempotency, logger: options.logger, ...(graphiqlPage !== undefined && { graphiqlPage }) }));
  endpoints.push(restEndpoint({ ...options, idempotency }));
  endpoints.push(consoleEndpoint(options.console));
  return httpPipeline(options.logger, endpoints);
}
