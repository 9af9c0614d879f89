/**
 * What every HTTP entry shares, whatever it serves: the body limit, the health check, one error
 * shape, a log line per request, and the security headers. The local server runs it with GraphQL
 * and REST together; each Lambda function runs it with its own endpoints only, so a function's
 * bundle carries only what it serves (the REST function has no Apollo, GraphQL no REST schemas).
 */
import { DomainError } from '../../core/errors.ts';
import { HTTP_STATUS, publicError } from '../errors.ts';
import { errorFields, type ApiLogger } from '../logger.ts';
import { jsonResponse, MAX_BODY_BYTES, type ApiRequest, type ApiResponse } from './types.ts';

export type ApiHandler = (request: ApiRequest) => Promise<ApiResponse>;

/** Answers the requests it serves; undefined passes the request on to the next endpoint. */
export type Endpoint = (request: ApiRequest, path: string) => Promise<ApiResponse> | undefined;

const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' } as const;

/** `{ error: { code, message, ... }, requestId }` with the status of the code. */
export function errorResponse(e: unknown, requestId: string, extraHeaders: Readonly<Record<string, string>> = {}, extra: Readonly<Record<string, unknown>> = {}): ApiResponse {
  const error = publicError(e);
  const retryAfter: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { 'retry-after': String(error.retryAfterSeconds) };
  return jsonResponse(HTTP_STATUS[error.code], { error: { ...error, ...extra }, requestId }, { ...retryAfter, ...extraHeaders });
}

export function httpPipeline(logger: ApiLogger, endpoints: readonly Endpoint[]): ApiHandler {
  const route = async (request: ApiRequest): Promise<ApiResponse> => {
    if (Buffer.byteLength(request.body, 'utf8') > MAX_BODY_BYTES) {
      const e = new DomainError('BAD_USER_INPUT', `body: larger than ${MAX_BODY_BYTES} bytes`, { field: 'body' });
      return { ...errorResponse(e, request.requestId), status: 413 };
    }
    const path = request.path.replace(/\/+$/, '') || '/';
    if (path === '/health' && request.method === 'GET') return jsonResponse(200, { ok: true });
    for (const endpoint of endpoints) {
      const answer = endpoint(request, path);
      if (answer) return answer;
    }
    return errorResponse(new DomainError('NOT_FOUND', `no route ${request.method} ${request.path}`), request.requestId);
  };

  return async (request) => {
    let response: ApiResponse;
    try {
      response = await route(request);
    } catch (e) {
      logger.error('unhandled request error', { requestId: request.requestId, ...errorFields(e) });
      response = errorResponse(e, request.requestId);
    }
    logger.info('request', { requestId: request.requestId, method: request.method, path: request.path, status: response.status });
    return { ...response, headers: { ...SECURITY_HEADERS, ...response.headers, 'x-request-id': request.requestId } };
  };
}
