/**
 * The operator endpoint under /operator (docs/tenants.md): the OperatorService's operations as
 * JSON over HTTP, for `bmc-admin`. The local server serves it beside the API; in AWS its own
 * function serves it behind an IAM-authorized route. A tenant API key presented here is refused
 * (FORBIDDEN) and the attempt recorded in that key's tenant and in the operator chain.
 */
import { badInput, DomainError, forbidden, isDomainError, notFound, unauthenticated } from '../../core/errors.ts';
import { OPERATOR_AUDIT_TENANT, type OperatorCaller, type OperatorService } from '../../core/tenants/operator-service.ts';
import { API_KEY_HEADER } from '../authenticate.ts';
import { errorResponse, type Endpoint } from '../http/pipeline.ts';
import { jsonResponse, type ApiRequest, type ApiResponse } from '../http/types.ts';
import type { ApiLogger } from '../logger.ts';
import type { ApiServices } from '../services.ts';
import type { OperatorAuthenticator } from './authenticate.ts';

export const OPERATOR_PREFIX = '/operator';

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly action: string;
  run(op: OperatorService, caller: OperatorCaller, params: readonly string[], body: Record<string, unknown>, request: ApiRequest): Promise<ApiResponse>;
}

const ok = (value: unknown, status = 200) => jsonResponse(status, value);
const ID = '([^/]+)';

const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/operator\/tenants$/, action: 'operator.tenant.list', run: async (op, c, _p, _b, r) => ok(await op.list(c, { limit: Number(r.query.get('limit') ?? 100), cursor: r.query.get('cursor') })) },
  {
    method: 'POST',
    pattern: /^\/operator\/tenants$/,
    action: 'operator.tenant.create',
    run: async (op, c, _p, b) => {
      const { tenant, adminKey } = await op.create(c, { name: b['name'] as string, ranges: b['ranges'] as string[], ...(b['quotas'] !== undefined && { quotas: b['quotas'] as object }) });
      return ok({ tenant, adminKey: { key: adminKey.key, info: adminKey.info } }, 201);
    },
  },
  { method: 'GET', pattern: new RegExp(`^/operator/tenants/${ID}$`), action: 'operator.tenant.get', run: async (op, c, [id]) => ok(await op.get(c, id as string)) },
  { method: 'POST', pattern: new RegExp(`^/operator/tenants/${ID}/suspend$`), action: 'operator.tenant.suspend', run: async (op, c, [id]) => ok(await op.suspend(c, id as string)) },
  { method: 'POST', pattern: new RegExp(`^/operator/tenants/${ID}/resume$`), action: 'operator.tenant.resume', run: async (op, c, [id]) => ok(await op.resume(c, id as string)) },
  { method: 'DELETE', pattern: new RegExp(`^/operator/tenants/${ID}$`), action: 'operator.tenant.delete', run: async (op, c, [id]) => ok(await op.delete(c, id as string)) },
  { method: 'PUT', pattern: new RegExp(`^/operator/tenants/${ID}/ranges$`), action: 'operator.tenant.ranges', run: async (op, c, [id], b) => ok(await op.setRanges(c, id as string, b['ranges'] as string[])) },
  { method: 'PUT', pattern: new RegExp(`^/operator/tenants/${ID}/quotas$`), action: 'operator.tenant.quotas', run: async (op, c, [id], b) => ok(await op.setQuotas(c, id as string, b)) },
  {
    method: 'POST',
    pattern: new RegExp(`^/operator/tenants/${ID}/keys$`),
    action: 'operator.apikey.issue',
    run: async (op, c, [id], b) => {
      const created = await op.issueAdminKey(c, id as string, typeof b['name'] === 'string' ? b['name'] : undefined);
      return ok({ key: created.key, info: created.info }, 201);
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/operator/tenants/${ID}/export$`),
    action: 'operator.tenant.export',
    run: async (op, c, [id]) => {
      let body = '';
      for await (const line of op.export(c, id as string)) body += line;
      return { status: 200, headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' }, body };
    },
  },
  { method: 'GET', pattern: /^\/operator\/audit$/, action: 'operator.audit.read', run: async (op, c, _p, _b, r) => ok(await op.operatorAudit(c, { limit: Number(r.query.get('limit') ?? 100), cursor: r.query.get('cursor') })) },
];

export interface OperatorEndpointOptions {
  readonly operator: OperatorService;
  readonly authenticate: OperatorAuthenticator;
  /** Key lookups and the audit log, to record a tenant key that tried an operator operation. */
  readonly services: Pick<ApiServices, 'apiKeys' | 'audit'>;
  readonly logger: ApiLogger;
}

function bodyOf(request: ApiRequest): Record<string, unknown> {
  if (request.body === '') return {};
  try {
    const value = JSON.parse(request.body) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw badInput('body', 'must be a JSON object');
}

export function operatorEndpoint(options: OperatorEndpointOptions): Endpoint {
  return (request, path) => {
    if (path !== OPERATOR_PREFIX && !path.startsWith(`${OPERATOR_PREFIX}/`)) return undefined;
    return serve(options, request, path).catch((e: unknown) => errorResponse(e, request.requestId));
  };
}

async function serve(options: OperatorEndpointOptions, request: ApiRequest, path: string): Promise<ApiResponse> {
  const route = ROUTES.find((r) => r.method === request.method && r.pattern.test(path));
  const caller = options.authenticate(request);
  if (!caller) throw await refuseTenantKey(options, request, route?.action ?? 'operator.unknown');
  if (!route) throw notFound('operator route', `${request.method} ${path}`);
  const params = (route.pattern.exec(path) ?? []).slice(1).map((p) => decodeURIComponent(p));
  return route.run(options.operator, caller, params, bodyOf(request), request);
}

/**
 * No operator credentials: a tenant key is FORBIDDEN here, and its attempt is recorded in its
 * own tenant and in the operator chain; anything else is UNAUTHENTICATED (and a log line).
 */
async function refuseTenantKey(options: OperatorEndpointOptions, request: ApiRequest, action: string): Promise<DomainError> {
  const key = request.headers[API_KEY_HEADER];
  if (!key || key.length > 256) return unauthenticated('operator credentials required');
  let principal;
  try {
    principal = await options.services.apiKeys.authenticate(key);
  } catch (e) {
    options.logger.warn('refused unknown credentials', { requestId: request.requestId, source: request.source, action, target: 'api:operator' });
    return isDomainError(e) ? unauthenticated('operator credentials required') : unauthenticated();
  }
  const error = forbidden('operator operations are not open to tenant API keys');
  const record = { action, target: 'api:operator', parameters: { path: request.path.slice(0, 200) }, outcome: 'denied' as const, errorCode: error.code };
  await options.services.audit.record({ principal, requestId: request.requestId, source: request.source }, record);
  await options.services.audit.record({ principal: { ...principal, tenantId: OPERATOR_AUDIT_TENANT }, requestId: request.requestId, source: request.source }, { ...record, parameters: { ...record.parameters, tenant: principal.tenantId } });
  return error;
}
