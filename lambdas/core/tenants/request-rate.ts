/**
 * Requests per tenant, across processes (docs/keys-and-limits.md): every request of a tenant adds
 * one to the tenant's counter for the current fixed window in the coordination table (an atomic
 * ADD, so concurrent requests in any process each get their own number). Numbers up to the
 * tenant's limit (its `requestsPerSecond` quota times the window's seconds) are admitted;
 * the rest are refused with RATE_LIMITED and Retry-After until the window ends. Across all
 * processes exactly `limit` requests are admitted per window: no process admits on its own.
 *
 * A process that saw the tenant over its limit refuses its further requests of that window from
 * memory, without a store write. Memory only remembers what the counter answered.
 *
 * Where a window's limit is large (at least RESERVE_FROM requests), a process reserves a block
 * of numbers with one write (a twentieth of the limit, at most 50) and admits from it in memory,
 * so a busy tenant costs one write per block instead of one per request. Numbers handed out never
 * exceed the limit, so the bound stays exact across processes; what a process reserved but did
 * not use by the window's end is lost, so a window may admit up to (block - 1) fewer requests per
 * process than its limit. Smaller limits reserve one number at a time: exact, as before.
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
/** Limits per window from which a process reserves numbers in blocks. */
export const RESERVE_FROM = 200;

/** Numbers a process reserves with one write, for a window limit of `limit`. */
export function reserveBlock(limit: number): number {
  return limit < RESERVE_FROM ? 1 : Math.min(50, Math.floor(limit / 20));
}

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
  /** Numbers this process reserved and has not used yet, per tenant, for one window. */
  private readonly reserved = new Map<TenantId, { window: number; left: number }>();
  /** The reservation in flight per tenant (blocks only). */
  private readonly reserving = new Map<TenantId, Promise<void>>();

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
    const rate = await this.rateOf(tenantId);
    const limit = Math.max(0, Math.floor((rate * this.windowMs) / 1000));
    const block = reserveBlock(limit);
    for (;;) {
      const now = this.now();
      const window = Math.floor(now / this.windowMs);
      const known = this.limitedUntil.get(tenantId);
      if (known !== undefined && known > now) throw this.refusal(known, now);
      const held = this.reserved.get(tenantId);
      if (held && held.window === window && held.left > 0) {
        held.left -= 1;
        return;
      }
      if (block === 1) return this.draw(tenantId, onExceeded, { rate, limit, block, now, window });
      // In blocks, one reservation at a time per tenant: concurrent requests wait for it and take
      // from what it got, instead of each reserving a block of its own.
      const inFlight = this.reserving.get(tenantId);
      if (inFlight) {
        await inFlight.catch(() => undefined);
        continue;
      }
      const drawing = this.draw(tenantId, onExceeded, { rate, limit, block, now, window });
      this.reserving.set(tenantId, drawing);
      try {
        return await drawing;
      } finally {
        this.reserving.delete(tenantId);
      }
    }
  }

  /** Reserves `block` numbers with one write; admits this request from them or refuses it. */
  private async draw(tenantId: TenantId, onExceeded: (e: RateExceeded) => Promise<void>, at: { rate: number; limit: number; block: number; now: number; window: number }): Promise<void> {
    const { rate, limit, block, now, window } = at;
    const windowEnd = (window + 1) * this.windowMs;
    const count = await this.counter.increment(`rate#${tenantId}`, window, Math.ceil(windowEnd / 1000) + 60, block);
    // This reservation holds the numbers count - block + 1 .. count; those up to the limit are ours.
    const granted = Math.max(0, Math.min(block, limit - (count - block)));
    if (granted > 0) {
      if (granted > 1) {
        for (const [k, r] of this.reserved) if (r.window !== window) this.reserved.delete(k);
        this.reserved.set(tenantId, { window, left: granted - 1 });
      }
      return;
    }
    for (const [k, until] of this.limitedUntil) if (until <= now) this.limitedUntil.delete(k);
    this.limitedUntil.set(tenantId, windowEnd);
    // One number at a time: exactly one request draws limit + 1 and claims the minute's audit.
    // In blocks, the first refused reservation of each process asks the minute's claim instead.
    if (block > 1 || count === limit + 1) {
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
