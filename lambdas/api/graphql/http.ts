/**
 * Runs one GraphQL HTTP request through Apollo from the framework-agnostic ApiRequest: the
 * caller is authenticated first (401 with code UNAUTHENTICATED otherwise), then Apollo parses,
 * validates, limits and executes with the caller in the context.
 */
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { DomainError } from '../../core/errors.ts';
import type { Authenticator } from '../authenticate.ts';
import { HTTP_STATUS, publicError } from '../errors.ts';
import { jsonResponse, type ApiRequest, type ApiResponse } from '../http/types.ts';
import type { ApiServices } from '../services.ts';
import type { IdempotencyStore } from '../idempotency.ts';
import type { GraphQLContext } from './context.ts';
import { withGraphQLIdempotency } from './idempotency.ts';

export function graphqlErrorResponse(e: unknown): ApiResponse {
  const { message, ...extensions } = publicError(e);
  return jsonResponse(HTTP_STATUS[extensions.code], { errors: [{ message, extensions }] });
}

function parseBody(request: ApiRequest): unknown {
  if (request.method !== 'POST') return undefined;
  const type = request.headers['content-type'] ?? '';
  // Apollo reads only JSON bodies; anything else it refuses with its own clear 400.
  if (!/^application\/(.+\+)?json\b/i.test(type)) return request.body;
  try {
    return JSON.parse(request.body) as unknown;
  } catch {
    throw new DomainError('BAD_USER_INPUT', 'body: not valid JSON', { field: 'body' });
  }
}

export async function executeGraphQL(
  server: ApolloServer<GraphQLContext>,
  request: ApiRequest,
  authenticate: Authenticator,
  services: ApiServices,
  idempotency: IdempotencyStore,
): Promise<ApiResponse> {
  try {
    const body = parseBody(request);
    const principal = await authenticate(request);
    const context: GraphQLContext = { caller: { principal, requestId: request.requestId, source: request.source }, services };
    return await withGraphQLIdempotency(idempotency, principal, request.headers, body, () => runApollo(server, request, body, context));
  } catch (e) {
    return graphqlErrorResponse(e);
  }
}

async function runApollo(server: ApolloServer<GraphQLContext>, request: ApiRequest, body: unknown, context: GraphQLContext): Promise<ApiResponse> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method, headers, search: request.query.toString(), body },
    context: async () => context,
  });
  let text = '';
  if (response.body.kind === 'complete') text = response.body.string;
  else for await (const chunk of response.body.asyncIterator) text += chunk;
  return { status: response.status ?? 200, headers: Object.fromEntries(response.headers), body: text };
}
