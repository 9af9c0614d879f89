/**
 * The whole HTTP API as one function from ApiRequest to ApiResponse: GraphQL at /graphql (with
 * the explorer page for browsers), REST under /v1 with its OpenAPI document, and a health check.
 * The local node:http server and the Lambda handlers both run it.
 */
import type { ApolloServer } from '@apollo/server';
import type { Authenticator } from '../authenticate.ts';
import type { GraphQLContext } from '../graphql/context.ts';
import { executeGraphQL } from '../graphql/http.ts';
import { errorFields, type ApiLogger } from '../logger.ts';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../idempotency.ts';
import { openApiDocument } from '../rest/openapi.ts';
import { createRestRouter, errorResponse, REST_ROUTES } from '../rest/router.ts';
import type { ApiServices } from '../services.ts';
import { DomainError } from '../../core/errors.ts';
import { explorerHtml } from './explorer.ts';
import { jsonResponse, MAX_BODY_BYTES, type ApiRequest, type ApiResponse } from './types.ts';

export interface ApiAppOptions {
  readonly services: ApiServices;
  /** A started Apollo server (createGraphQLServer + start()); without one /graphql is not served. */
  readonly graphql?: ApolloServer<GraphQLContext>;
  readonly authenticate: Authenticator;
  readonly logger: ApiLogger;
  /** Where Idempotency-Key answers are kept (default: in this process's memory). */
  readonly idempotency?: IdempotencyStore;
}

export type ApiHandler = (request: ApiRequest) => Promise<ApiResponse>;

const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' } as const;

const EXPLORER_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'";

function wantsHtml(request: ApiRequest): boolean {
  return request.method === 'GET' && !request.query.has('query') && /\btext\/html\b/.test(request.headers['accept'] ?? '');
}

export function createApiApp(options: ApiAppOptions): ApiHandler {
  const idempotency = options.idempotency ?? new MemoryIdempotencyStore();
  const rest = createRestRouter({ ...options, idempotency });
  const openapi = JSON.stringify(openApiDocument(REST_ROUTES));

  const route = async (request: ApiRequest): Promise<ApiResponse> => {
    if (Buffer.byteLength(request.body, 'utf8') > MAX_BODY_BYTES) {
      const e = new DomainError('BAD_USER_INPUT', `body: larger than ${MAX_BODY_BYTES} bytes`, { field: 'body' });
      return { ...errorResponse(e, request.requestId), status: 413 };
    }
    const path = request.path.replace(/\/+$/, '') || '/';
    if (path === '/graphql' && options.graphql) {
      if (wantsHtml(request)) {
        return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': EXPLORER_CSP }, body: explorerHtml('/graphql') };
      }
      return executeGraphQL(options.graphql, request, options.authenticate, options.services, idempotency);
    }
    if (path === '/v1/openapi.json' && request.method === 'GET') {
      return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: openapi };
    }
    if (path === '/health' && request.method === 'GET') return jsonResponse(200, { ok: true });
    if (path === '/v1' || path.startsWith('/v1/')) return rest(request);
    return errorResponse(new DomainError('NOT_FOUND', `no route ${request.method} ${request.path}`), request.requestId);
  };

  return async (request) => {
    let response: ApiResponse;
    try {
      response = await route(request);
    } catch (e) {
      options.logger.error('unhandled request error', { requestId: request.requestId, ...errorFields(e) });
      response = errorResponse(e, request.requestId);
    }
    options.logger.info('request', { requestId: request.requestId, method: request.method, path: request.path, status: response.status });
    return { ...response, headers: { ...SECURITY_HEADERS, ...response.headers, 'x-request-id': request.requestId } };
  };
}
