/**
 * Refusals at the API edge, before the core runs: a revoked or expired key, a request the REST
 * schemas or GraphQL validation refuse (an extra field, a bad path id, a wrong content type, an
 * unknown enum value), a bad Idempotency-Key, a REST path no route serves or a method it does not
 * take (`rest.unrouted`, the path in the parameters). Each is one `denied` event in the caller's own
 * tenant chain (target `api:<route>`, never a BMC chain, so refusals cannot crowd a BMC's chain),
 * with the operation as its action and the reason in its parameters.
 *
 * An unknown key (or a wrong secret) names no tenant: it cannot go to any tenant's chain, and
 * writing it anywhere durable per request would let anyone fill a table for free. It is a
 * warning log line (`refused unknown credentials`, no key material) that a metric filter counts.
 *
 * Every refusal also counts against the key's limit (denials.ts), the core's own refusals
 * (FORBIDDEN, NOT_FOUND, already audited there) included.
 */
import { DomainError, isDomainError } from '../core/errors.ts';
import { RefusedKeyError } from '../core/services/api-key-service.ts';
import type { Caller, JsonValue, Principal } from '../core/types.ts';
import type { Authenticator } from './authenticate.ts';
import { DenialLimiter, MemoryDenialCounter } from './denials.ts';
import type { ApiRequest } from './http/types.ts';
import { errorFields, type ApiLogger } from './logger.ts';
import type { ApiServices } from './services.ts';

/** What a request was trying to do, from trusted names only (a route's template, a sanitised operation name). */
export interface Attempt {
  /** Audit action, e.g. `createApiKey` or `graphql.Fleet`. */
  readonly action: string;
  /** Audit target, e.g. `api:POST /v1/api-keys` or `api:graphql`. */
  readonly target: string;
}

export interface RefusalDeps {
  readonly services: Pick<ApiServices, 'audit' | 'denials' | 'requestRates'>;
  readonly logger?: ApiLogger;
}

const processLimiters = new WeakMap<object, DenialLimiter>();

/** The services' limiter; one per services object in this process when the composition root gave none. */
function limiterOf(deps: RefusalDeps): DenialLimiter {
  if (deps.services.denials) return deps.services.denials;
  let limiter = processLimiters.get(deps.services);
  if (!limiter) processLimiters.set(deps.services, (limiter = new DenialLimiter(new MemoryDenialCounter())));
  return limiter;
}

function callerOf(principal: Principal, request: ApiRequest): Caller {
  return { principal, requestId: request.requestId, source: request.source };
}

/** Codes the core refuses with, having recorded the refusal itself. */
const CORE_REFUSALS: ReadonlySet<string> = new Set(['FORBIDDEN', 'NOT_FOUND']);

/**
 * The caller, or the refusal to answer with: a revoked or expired key is audited in its tenant,
 * an unknown one logged; a key over its denial limit is refused (and counted) before any work.
 */
export async function authenticateAudited(deps: RefusalDeps, authenticate: Authenticator, request: ApiRequest, attempt: Attempt): Promise<Principal> {
  let principal: Principal;
  try {
    principal = await authenticate(request);
  } catch (e) {
    if (e instanceof RefusedKeyError) throw await refuse(deps, callerOf(e.principal, request), attempt, e, { reason: `key ${e.reason}` });
    if (isDomainError(e) && e.code === 'UNAUTHENTICATED') {
      deps.logger?.warn('refused unknown credentials', { requestId: request.requestId, source: request.source, action: attempt.action, target: attempt.target });
    }
    throw e;
  }
  const limiter = limiterOf(deps);
  const limited = limiter.limitedError(principal);
  if (limited) {
    await limiter.count(principal).catch(() => undefined);
    throw limited;
  }
  await admitRate(deps, callerOf(principal, request), attempt);
  return principal;
}

/**
 * The tenant's request rate (lambdas/core/tenants/request-rate.ts): RATE_LIMITED past it. The
 * first refusal of a tenant per minute is one `ratelimit.exceeded` event in its chain; the rest
 * are counted, not recorded one by one, and do not count against the key's denial limit.
 */
async function admitRate(deps: RefusalDeps, caller: Caller, attempt: Attempt): Promise<void> {
  const rates = deps.services.requestRates;
  if (!rates) return;
  await rates.admit(caller.principal.tenantId, async (exceeded) => {
    const { tenantId: _t, ...parameters } = exceeded;
    try {
      await deps.services.audit.record(caller, { action: 'ratelimit.exceeded', target: attempt.target, parameters: { ...parameters, quota: 'requestsPerSecond', operation: attempt.action }, outcome: 'denied', errorCode: 'RATE_LIMITED' });
    } catch (e) {
      deps.logger?.error('refusal not recorded', { requestId: caller.requestId, action: 'ratelimit.exceeded', ...errorFields(e) });
    }
  });
}

/**
 * Audits a refusal the API made before the core ran and counts it; returns the error to answer
 * with: the refusal itself, or RATE_LIMITED once the key is past its limit (then it is counted,
 * and only the refusal that crossed the limit is recorded, with one `ratelimit.exceeded` event).
 */
export async function refuse(deps: RefusalDeps, caller: Caller, attempt: Attempt, error: DomainError, detail: { [key: string]: JsonValue } = {}): Promise<DomainError> {
  const limiter = limiterOf(deps);
  try {
    const verdict = await limiter.count(caller.principal);
    if (verdict.kind === 'limited') return limiter.limitedError(caller.principal) ?? error;
    const parameters = { ...detail, ...(error.field === undefined ? {} : { field: error.field }) };
    await deps.services.audit.record(caller, { ...attempt, parameters, outcome: 'denied', errorCode: error.code });
    if (verdict.kind === 'exceeded') {
      const { kind: _k, ...window } = verdict;
      await deps.services.audit.record(caller, { action: 'ratelimit.exceeded', target: attempt.target, parameters: window, outcome: 'denied', errorCode: 'RATE_LIMITED' });
      return limiter.limitedError(caller.principal) ?? error;
    }
  } catch (e) {
    // The caller is refused either way; a refusal that could not be recorded is an operator's problem.
    deps.logger?.error('refusal not recorded', { requestId: caller.requestId, action: attempt.action, ...errorFields(e) });
  }
  return error;
}

/** Counts a refusal the core made (and recorded); later requests learn from it whether the key is limited. */
export async function countCoreRefusal(deps: RefusalDeps, caller: Caller, error: unknown): Promise<void> {
  if (!isDomainError(error) || !CORE_REFUSALS.has(error.code)) return;
  await limiterOf(deps)
    .count(caller.principal)
    .catch((e: unknown) => deps.logger?.error('refusal not counted', { requestId: caller.requestId, ...errorFields(e) }));
}
