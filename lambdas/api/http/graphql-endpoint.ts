/** GraphQL at /graphql, with the explorer page for browsers. */
import type { ApolloServer } from '@apollo/server';
import type { Authenticator } from '../authenticate.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { executeGraphQL } from '../graphql/http.ts';
import type { IdempotencyStore } from '../idempotency.ts';
import type { ApiLogger } from '../logger.ts';
import type { ApiServices } from '../services.ts';
import { explorerHtml } from './explorer.ts';
import type { Endpoint } from './pipeline.ts';
import type { ApiRequest } from './types.ts';

const EXPLORER_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'";

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
}

export function graphqlEndpoint(options: GraphQLEndpointOptions): Endpoint {
  return (request, path) => {
    if (path !== '/graphql') return undefined;
    if (wantsHtml(request)) {
      // Relative, so the page finds the endpoint under an API Gateway stage prefix too.
      return Promise.resolve({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': EXPLORER_CSP }, body: explorerHtml('graphql') });
    }
    return executeGraphQL(options.graphql, request, options.authenticate, options.services, options.idempotency, options.logger);
  };
}
