/**
 * The REST API under /v1: matches a route, authenticates, validates path parameters, query and
 * body with the route's zod schemas (clear 400s naming the field, nothing changed, the refusal
 * audited: refusals.ts), calls the core as the caller and maps domain errors to their HTTP
 * status and stable code.
 */
import type { z } from 'zod';
import { DomainError, isDomainError } from '../../core/errors.ts';
import type { Caller } from '../../core/types.ts';
import type { Authenticator } from '../authenticate.ts';
import { errorResponse as sharedErrorResponse } from '../http/pipeline.ts';
import { jsonResponse, type ApiRequest, type ApiResponse } from '../http/types.ts';
import { errorFields, type ApiLogger } from '../logger.ts';
import type { ApiServices } from '../services.ts';
import { authenticateAudited, countCoreRefusal, refuse, type Attempt } from '../refusals.ts';
import {
  IDEMPOTENCY_HEADER,
  idempotencyScope,
  MemoryIdempotencyStore,
  REPLAYED_HEADER,
  requestFingerprint,
  validIdempotencyKey,
  type IdempotencyStore,
} from '../idempotency.ts';
import type { RestResult, Route } from './route.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { auditRoutes } from './routes/audit.ts';
import { registryRoutes } from './routes/bmcs.ts';
import { fleetRoutes } from './routes/fleet.ts';
import { fleetIdentifyRoutes } from './routes/fleet-identify.ts';
import { jobRoutes } from './routes/jobs.ts';
import { liveRoutes } from './routes/live.ts';
import { tenantRoutes } from './routes/tenant.ts';
import { monitoringRoutes } from './routes/monitoring.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { bmcConfigRoutes } from './routes/bmc-config.ts';

export const REST_ROUTES: readonly Route[] = [...registryRoutes, ...liveRoutes, ...fleetRoutes, ...fleetIdentifyRoutes, ...jobRoutes, ...auditRoutes, ...apiKeyRoutes, ...tenantRoutes, ...monitoringRoutes, ...webhookRoutes, ...bmcConfigRoutes];

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  // Templates hold only letters, '-', '/' and {name} placeholders: nothing to escape.
  const source = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

export interface RestRouterOptions {
  readonly services: ApiServices;
  readonly authenticate: Authenticator;
  readonly logger: ApiLogger;
  /** Where Idempotency-Key answers are kept (default: in this process's memory). */
  readonly idempotency?: IdempotencyStore;
}

type Match = { kind: 'route'; route: Route; params: Record<string, string> } | { kind: 'method'; allow: string[] } | { kind: 'none' };

class ValidationError extends DomainError {
  constructor(
    field: string,
    message: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super('BAD_USER_INPUT', message, { field });
  }
}

function validate<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  const first = issues[0] ?? { path: where, message: 'invalid' };
  throw new ValidationError(first.path, `${first.path}: ${first.message}`, issues);
}

function queryObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key);
    out[key] = all.length === 1 ? (all[0] ?? '') : all;
  }
  return out;
}

function parseBody(request: ApiRequest): unknown {
  if (request.body.trim() === '') return {};
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new DomainError('BAD_USER_INPUT', 'body: send JSON with content-type application/json', { field: 'body' });
  }
  try {
    return JSON.parse(request.body) as unknown;
  } catch {
    throw new DomainError('BAD_USER_INPUT', 'body: not valid JSON', { field: 'body' });
  }
}

/** The shared error shape, with the schema issues of a request that failed validation. */
export function errorResponse(e: unknown, requestId: string, extraHeaders: Readonly<Record<string, string>> = {}): ApiResponse {
  return sharedErrorResponse(e, requestId, extraHeaders, e instanceof ValidationError ? { issues: e.issues } : {});
}

function toResponse(result: RestResult): ApiResponse {
  if (result.contentType) {
    return {
      status: result.status,
      headers: { 'content-type': result.contentType, 'cache-control': 'no-store', ...result.headers },
      body: String(result.body),
    };
  }
  return jsonResponse(result.status, result.body, result.headers);
}

export function createRestRouter(options: RestRouterOptions): (request: ApiRequest) => Promise<ApiResponse> {
  const compiled = REST_ROUTES.map(compile);
  const idempotency = options.idempotency ?? new MemoryIdempotencyStore();
  const refusals = { services: options.services, logger: options.logger };

  /** Path, query, body and Idempotency-Key as the route's schemas accept them; a refusal is audited (refusals.ts). */
  const validated = async (route: Route, rawParams: Record<string, string>, request: ApiRequest, caller: Caller, attempt: Attempt) => {
    try {
      const params = validate(route.params, rawParams, 'path');
      const query = validate(route.query, queryObject(request.query), 'query');
      const body = route.body ? validate(route.body, parseBody(request), 'body') : undefined;
      const key = request.headers[IDEMPOTENCY_HEADER];
      const idempotencyKey = key === undefined || !route.idempotent ? undefined : validIdempotencyKey(key);
      return { params, query, body, idempotencyKey };
    } catch (e) {
      if (isDomainError(e) && e.code === 'BAD_USER_INPUT') throw await refuse(refusals, caller, attempt, e);
      throw e;
    }
  };

  const match = (method: string, path: string): Match => {
    const allow: string[] = [];
    for (const c of compiled) {
      const m = c.pattern.exec(path);
      if (!m) continue;
      if (c.route.method !== method) {
        allow.push(c.route.method);
        continue;
      }
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => {
        const raw = m[i + 1] ?? '';
        let value = raw;
        try {
          value = decodeURIComponent(raw);
        } catch {
          // Left encoded: the id schema then refuses it with a clear message.
        }
        params[name] = value;
      });
      return { kind: 'route', route: c.route, params };
    }
    return allow.length > 0 ? { kind: 'method', allow } : { kind: 'none' };
  };

  /**
   * A request for no route (404) or with a method the path does not take (405) is a refused
   * attempt like any other: with a key of a tenant it is audited there (refusals.ts), the path
   * in its parameters as data (bounded), never as the target; without one it is only logged.
   */
  const unrouted = async (request: ApiRequest, error: DomainError): Promise<DomainError> => {
    const attempt = { action: 'rest.unrouted', target: 'api:rest' };
    try {
      const principal = await authenticateAudited(refusals, options.authenticate, request, attempt);
      const caller = { principal, requestId: request.requestId, source: request.source };
      return await refuse(refusals, caller, attempt, error, { method: request.method.slice(0, 16), path: request.path.slice(0, 256) });
    } catch (e) {
      // No key or an unknown one (logged by authenticateAudited) get the plain answer; a key over
      // its denial limit gets RATE_LIMITED.
      return isDomainError(e) && e.code === 'RATE_LIMITED' ? e : error;
    }
  };

  return async (request) => {
    const found = match(request.method, request.path);
    if (found.kind === 'none') return errorResponse(await unrouted(request, new DomainError('NOT_FOUND', `no route ${request.method} ${request.path}`)), request.requestId);
    if (found.kind === 'method') {
      const e = await unrouted(request, new DomainError('BAD_USER_INPUT', `method ${request.method} not allowed here; use ${found.allow.join(', ')}`));
      return e.code === 'BAD_USER_INPUT' ? { ...errorResponse(e, request.requestId, { allow: found.allow.join(', ') }), status: 405 } : errorResponse(e, request.requestId);
    }
    const { route } = found;
    const attempt = { action: route.operationId, target: `api:${route.method} ${route.path}` };
    let caller: Caller | undefined;
    try {
      const principal = await authenticateAudited(refusals, options.authenticate, request, attempt);
      caller = { principal, requestId: request.requestId, source: request.source };
      const input = await validated(route, found.params, request, caller, attempt);
      const run = async (c: Caller) => toResponse(await route.handle({ ...input, caller: c, services: options.services, request }));
      if (input.idempotencyKey === undefined) return await run(caller);
      const scope = idempotencyScope(principal);
      const claim = await idempotency.claim(scope, input.idempotencyKey, requestFingerprint(request.method, request.path, input.body));
      if (claim.kind === 'replay') return { ...claim.response, headers: { ...claim.response.headers, [REPLAYED_HEADER]: 'true' } };
      try {
        const response = await run(caller);
        await idempotency.complete(scope, input.idempotencyKey, response);
        return response;
      } catch (e) {
        await idempotency.release(scope, input.idempotencyKey);
        throw e;
      }
    } catch (e) {
      if (caller) await countCoreRefusal(refusals, caller, e);
      const response = errorResponse(e, request.requestId);
      if (response.status === 500) {
        options.logger.error('rest internal error', { requestId: request.requestId, operationId: route.operationId, ...errorFields(e) });
      }
      return response;
    }
  };
}
