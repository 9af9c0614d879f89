/**
 * API Gateway (REST API, proxy integration) events to ApiRequest and back. The authorizer's
 * context, which API Gateway sets and clients cannot, becomes the request's principal.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ROLES, type Principal, type Role } from '../../core/types.ts';
import { decodeScope } from '../../core/key-scope.ts';
import { pickRequestId, type ApiRequest, type ApiResponse } from './types.ts';

/** Keys of the authorizer context (lambdas/handlers/authorizer.ts writes them). */
export const AUTHORIZER_CONTEXT = { tenantId: 'tenantId', role: 'role', actor: 'actor', keyId: 'keyId', scope: 'scope' } as const;

export function principalFromAuthorizer(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Principal | undefined {
  const ctx = event.requestContext?.authorizer as Record<string, unknown> | null | undefined;
  if (!ctx) return undefined;
  const tenantId = ctx[AUTHORIZER_CONTEXT.tenantId];
  const role = ctx[AUTHORIZER_CONTEXT.role];
  const actor = ctx[AUTHORIZER_CONTEXT.actor];
  const keyId = ctx[AUTHORIZER_CONTEXT.keyId];
  if (typeof tenantId !== 'string' || tenantId === '' || typeof actor !== 'string' || actor === '') return undefined;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return undefined;
  // A scope that does not read back is no principal at all, never one with the whole role.
  const scope = decodeScope(ctx[AUTHORIZER_CONTEXT.scope]);
  if (scope === 'invalid') return undefined;
  return { tenantId, role: role as Role, actor, ...(typeof keyId === 'string' && keyId !== '' && { keyId }), ...(scope && { scope }) };
}

function lowerHeaders(event: APIGatewayProxyEvent): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (values && values.length > 0) out[name.toLowerCase()] = values.join(', ');
  }
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined && out[name.toLowerCase()] === undefined) out[name.toLowerCase()] = value;
  }
  return out;
}

function queryOf(event: APIGatewayProxyEvent): URLSearchParams {
  const query = new URLSearchParams();
  const multi = event.multiValueQueryStringParameters;
  if (multi) {
    for (const [name, values] of Object.entries(multi)) for (const v of values ?? []) query.append(name, v);
  } else {
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) if (value !== undefined) query.append(name, value);
  }
  return query;
}

export function fromApiGatewayEvent(event: APIGatewayProxyEvent): ApiRequest {
  const headers = lowerHeaders(event);
  const body = event.body == null ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const principal = principalFromAuthorizer(event);
  return {
    method: (event.httpMethod ?? 'GET').toUpperCase(),
    path: event.path ?? '/',
    query: queryOf(event),
    headers,
    body,
    requestId: pickRequestId(headers['x-request-id'], () => event.requestContext?.requestId ?? randomUUID()),
    source: `apigateway ${event.requestContext?.identity?.sourceIp ?? 'unknown'}`,
    ...(principal && { authorizedPrincipal: principal }),
    ...(typeof event.requestContext?.identity?.userArn === 'string' && event.requestContext.identity.userArn !== '' && { iamCaller: event.requestContext.identity.userArn }),
  };
}

export function toApiGatewayResult(response: ApiResponse): APIGatewayProxyResult {
  return { statusCode: response.status, headers: { ...response.headers }, body: response.body, isBase64Encoded: false };
}
