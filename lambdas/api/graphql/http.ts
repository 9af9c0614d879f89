/**
 * Runs one GraphQL HTTP request through Apollo from the framework-agnostic ApiRequest: the
 * caller is authenticated first (401 with code UNAUTHENTICATED otherwise), then Apollo parses,
 * validates, limits and executes with the caller in the context. What Apollo refuses before
 * running (400) is audited as a refusal, and counts against the key's limit (refusals.ts).
 */
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { DomainError, isDomainError } from '../../core/errors.ts';
import type { Authenticator } from '../authenticate.ts';
import { HTTP_STATUS, publicError } from '../errors.ts';
import { jsonResponse, type ApiRequest, type ApiResponse } from '../http/types.ts';
import type { ApiLogger } from '../logger.ts';
import { authenticateAudited, countCoreRefusal, refuse, type Attempt } from '../refusals.ts';
import type { ApiServices } from '../services.ts';
import type { IdempotencyStore } from '../idempotency.ts';
import type { GraphQLContext } from './context.ts';
import { withGraphQLIdempotency } from './idempotency.ts';

export function graphqlErrorResponse(e: unknown): ApiResponse {
  const { message, ...extensions } = publicError(e);
  // A refusal before the operation ran (429 RATE_LIMITED) says when to retry, as REST does.
  const retryAfter = extensions.retryAfterSeconds === undefined ? {} : { 'retry-after': String(extensions.retryAfterSeconds) };
  return jsonResponse(HTTP_STATUS[extensions.code], { errors: [{ message, extensions }] }, retryAfter);
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

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/** What the request tries, named from the operation name when it is a plain GraphQL name. */
function attemptOf(body: unknown, request: ApiRequest): Attempt {
  const fromBody = typeof body === 'object' && body !== null ? (body as { operationName?: unknown }).operationName : undefined;
  const name = fromBody ?? request.query.get('operationName');
  return { action: `graphql.${typeof name === 'string' && OPERATION_NAME.test(name) ? name : 'operation'}`, target: 'api:graphql' };
}

/** The `extensions.code` of each error in a GraphQL answer (none when it is not one). */
function errorCodes(text: string): string[] {
  // Most answers carry no errors: skip parsing the whole body again for them.
  if (!text.includes('"errors"')) return [];
  try {
    const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] };
    return (parsed.errors ?? []).map((e) => String(e.extensions?.code ?? 'BAD_USER_INPUT'));
  } catch {
    return [];
  }
}

export async function executeGraphQL(
  server: ApolloServer<GraphQLContext>,
  request: ApiRequest,
  authenticate: Authenticator,
  services: ApiServices,
  idempotency: IdempotencyStore,
  logger?: ApiLogger,
): Promise<ApiResponse> {
  const refusals = { services, ...(logger && { logger }) };
  let attempt = attemptOf(undefined, request);
  try {
    const principal = await authenticateAudited(refusals, authenticate, request, attempt);
    const caller = { principal, requestId: request.requestId, source: request.source };
    let body: unknown;
    try {
      body = parseBody(request);
    } catch (e) {
      throw isDomainError(e) ? await refuse(refusals, caller, attempt, e) : e;
    }
    attempt = attemptOf(body, request);
    const context: GraphQLContext = { caller, services };
    const response = await withGraphQLIdempotency(idempotency, principal, request.headers, body, () => runApollo(server, request, body, context));
    if (response.status === 400) {
      // Refused by Apollo before anything ran: parse, validation (a bad enum value), limits.
      const code = errorCodes(response.body)[0] ?? 'BAD_REQUEST';
      const refusal = await refuse(refusals, caller, attempt, new DomainError('BAD_USER_INPUT', code), { reason: code });
      return refusal.code === 'RATE_LIMITED' ? graphqlErrorResponse(refusal) : response;
    }
    const core = errorCodes(response.body).find((c) => c === 'FORBIDDEN' || c === 'NOT_FOUND');
    if (core !== undefined) await countCoreRefusal(refusals, caller, new DomainError(core, core));
    return response;
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
