/**
 * Requests per tenant, across processes (docs/keys-and-limits.md): every request of a tenant adds
 * one to the tenant's counter for the current fixed window in the coordination table (an atomic
 * ADD, so concurrent requests in any process each get their own number). Numbers up to the
 * tenant's limit (its `requestsPerSecond` quota times the window's seconds) are admitted;
 * the rest are refused with RATE_LIMITED and Retry-After until the window ends. Across all
 * processes exactly `limit` requests are admitted per window: no process admits on its own.
 *
 * A process that saw the tenant over its limit refuses its further requests of that window from
 * memory, without a store write, so a flood costs one write per request only until the first
 * refusal a process sees. Memory only remembers what the counter answered.
 *
 * Refusals are counted (the window's counter keeps growing while processes learn of the limit)
 * but not audited one by one: the caller learns of the first refusal of a minute through
 * `onExceeded`, claimed with a second counter so that one event is written per tenant and minute
 * whichever process refuses.
 */
import { rateLimited, type DomainError } from '../errors.ts';
import type { TenantId } from '../types.ts';
import type { WindowCounter } from '../window-counter.ts';
import type { TenantGate } from './tenant-gate.ts';
import { DEFAULT_QUOTAS } from './types.ts';

export const DEFAULT_RATE_WINDOW_MS = 1_000;
/** One audit event per tenant for this long, however long the flood lasts. */
const EXCEEDED_AUDIT_MS = 60_000;

export interface RequestRateOptions {
  /** Length of a counting window; the limit is requestsPerSecond * windowMs / 1000. */
  readonly windowMs?: number;
  readonly now?: () => number;
}

/** What a refusal over the rate is, for the one audit event of its minute. */
export interface RateExceeded {
  readonly tenantId: TenantId;
  readonly limit: number;
  readonly requestsPerSecond: number;
  readonly windowSeconds: number;
  readonly windowStart: string;
}

export class RequestRateLimiter {
  readonly windowMs: number;
  private readonly now: () => number;
  /** Tenants this process saw over their limit, until the end of that window. */
  private readonly limitedUntil = new Map<TenantId, number>();

  constructor(
    private readonly counter: WindowCounter,
    /** The tenant's requestsPerSecond quota (the registry's, or the default for tenants it does not know). */
    private readonly rateOf: (tenantId: TenantId) => Promise<number>,
    options: RequestRateOptions = {},
  ) {
    this.windowMs = options.windowMs ?? DEFAULT_RATE_WINDOW_MS;
    this.now = options.now ?? Date.now;
    if (!Number.isInteger(this.windowMs) || this.windowMs < 1000 || this.windowMs > 3_600_000) throw new RangeError('request rate window: whole ms, 1 s to 1 h');
  }

  /**
   * Counts one request of the tenant; resolves when it is admitted, rejects with RATE_LIMITED
   * when it is over the limit. `onExceeded` runs for the first refusal of a tenant per minute
   * across processes (the caller audits it); its failure does not change the refusal.
   */
  async admit(tenantId: TenantId, onExceeded: (e: RateExceeded) => Promise<void>): Promise<void> {
    const now = this.now();
    const window = Math.floor(now / this.windowMs);
    const windowEnd = (window + 1) * this.windowMs;
    const known = this.limitedUntil.get(tenantId);
    if (known !== undefined && known > now) throw this.refusal(known, now);
    const rate = await this.rateOf(tenantId);
    const limit = Math.max(0, Math.floor((rate * this.windowMs) / 1000));
    const count = await this.counter.increment(`rate#${tenantId}`, window, Math.ceil(windowEnd / 1000) + 60);
    if (count <= limit) return;
    for (const [k, until] of this.limitedUntil) if (until <= now) this.limitedUntil.delete(k);
    this.limitedUntil.set(tenantId, windowEnd);
    if (count === limit + 1) {
      const minute = Math.floor(now / EXCEEDED_AUDIT_MS);
      const first = await this.counter.increment(`rate-audit#${tenantId}`, minute, Math.ceil(((minute + 1) * EXCEEDED_AUDIT_MS) / 1000) + 60);
      if (first === 1) {
        await onExceeded({ tenantId, limit, requestsPerSecond: rate, windowSeconds: this.windowMs / 1000, windowStart: new Date(window * this.windowMs).toISOString() }).catch(() => undefined);
      }
    }
    throw this.refusal(windowEnd, now);
  }

  private refusal(until: number, now: number): DomainError {
    const seconds = Math.max(1, Math.ceil((until - now) / 1000));
    return rateLimited(`the tenant's request rate is used up for this window; retry after ${seconds} s`, seconds);
  }
}

/**
 * The limiter over `counter`, each tenant at its `requestsPerSecond` quota as `gate` reads it
 * (the default quota for tenants the registry does not know, or without a gate).
 */
export function tenantRequestRates(counter: WindowCounter, gate: Pick<TenantGate, 'quotasOf'> | undefined, options: RequestRateOptions = {}): RequestRateLimiter {
  const rateOf = async (id: TenantId) => (gate && (await gate.quotasOf(id))?.requestsPerSecond) ?? DEFAULT_QUOTAS.requestsPerSecond;
  return new RequestRateLimiter(counter, rateOf, options);
}

/** TENANT_RATE_WINDOW_SECONDS (whole seconds, default 1): the composition roots' window. */
export function rateWindowFromEnv(env: Readonly<Record<string, string | undefined>>): RequestRateOptions {
  const raw = env['TENANT_RATE_WINDOW_SECONDS'];
  if (!raw) return {};
  if (!/^\d+$/.test(raw)) throw new RangeError('TENANT_RATE_WINDOW_SECONDS: whole seconds');
  return { windowMs: Number(raw) * 1000 };
}
