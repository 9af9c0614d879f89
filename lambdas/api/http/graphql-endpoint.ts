/** GraphQL at /graphql, with GraphiQL for browsers. */
import type { ApolloServer } from '@apollo/server';
import type { Authenticator } from '../authenticate.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { executeGraphQL } from '../graphql/http.ts';
import type { IdempotencyStore } from '../idempotency.ts';
import type { ApiLogger } from '../logger.ts';
import type { ApiServices } from '../services.ts';
import { GRAPHIQL_NOT_BUILT } from './graphiql-page.ts';
import { GRAPHIQL_CSP, htmlHeaders } from './page-security.ts';
import type { Endpoint } from './pipeline.ts';
import type { ApiRequest } from './types.ts';

function wantsHtml(request: ApiRequest): boolean {
  return request.method === 'GET' && !request.query.has('query') && /\btext\/html\b/.test(request.headers['accept'] ?? '');
}

export interface GraphQLEndpointOptions {
  /** A started Apollo server (createGraphQLServer + start()). */
  readonly graphql: ApolloServer<GraphQLContext>;
  readonly authenticate: Authenticator;
  readonly services: ApiServices;
  readonly idempotency: IdempotencyStore;
  /** Where refusals of unknown keys are logged (refusals.ts). */
  readonly logger?: ApiLogger;
  /** GraphiQL's page from the built console; without it the page says how to get GraphiQL. */
  readonly graphiqlPage?: string;
}

export function graphqlEndpoint(options: GraphQLEndpointOptions): Endpoint {
  return (request, path) => {
    if (path !== '/graphql') return undefined;
    if (wantsHtml(request)) {
      // Relative asset and endpoint paths, so the page works under an API Gateway stage prefix too.
      return Promise.resolve({ status: 200, headers: htmlHeaders(GRAPHIQL_CSP), body: options.graphiqlPage ?? GRAPHIQL_NOT_BUILT });
    }
    return executeGraphQL(options.graphql, request, options.authenticate, options.services, options.idempotency, options.logger);
  };
}
