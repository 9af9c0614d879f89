/**
 * A limit on denied attempts per API key, across processes: each refusal adds one to a counter
 * for the key and the current window (MemoryDenialCounter in one process; the coordination
 * table's DynamoDenialCounter wherever several serve the API). Up to `limit` refusals per window
 * are each audited; the one that crosses it is audited once more as `ratelimit.exceeded`, and
 * from then until the window ends the key gets RATE_LIMITED (HTTP 429 with Retry-After) for
 * every request, refused before any work, each still counted but not audited one by one.
 *
 * Memory only remembers what a counter already answered (a key seen over its limit here): a
 * process that has not seen it yet lets one more refusal through, whose count tells it.
 */
import { rateLimited } from '../core/errors.ts';
import type { Principal } from '../core/types.ts';

/** Denied attempts a key may make per window before it is limited. */
export const DEFAULT_DENIAL_LIMIT = 30;
export const DEFAULT_DENIAL_WINDOW_MS = 60_000;

/** Where the per-window counts live. */
export type { WindowCounter as DenialCounter } from '../core/window-counter.ts';
export { MemoryWindowCounter as MemoryDenialCounter } from '../core/window-counter.ts';
import type { WindowCounter as DenialCounter } from '../core/window-counter.ts';

/** What a counted refusal means for its audit record. */
export type DenialVerdict =
  | { readonly kind: 'record' }
  /** The refusal that crossed the limit: recorded, with the one aggregated event of the window. */
  | { readonly kind: 'exceeded'; readonly limit: number; readonly windowStart: string; readonly windowSeconds: number }
  /** Past the limit: counted only. */
  | { readonly kind: 'limited' };

export interface DenialLimiterOptions {
  readonly limit?: number;
  readonly windowMs?: number;
  readonly now?: () => number;
}

/** Counts per key; an identity without a key (IAM, JWT) counts per actor. */
export function denialSubject(principal: Principal): string {
  return `${principal.tenantId}#${principal.keyId ?? principal.actor}`;
}

export class DenialLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly now: () => number;
  /** Subjects this process saw over their limit, until their window ends (a cache of the counter's answer). */
  private readonly limitedUntil = new Map<string, number>();

  constructor(
    private readonly counter: DenialCounter,
    options: DenialLimiterOptions = {},
  ) {
    this.limit = options.limit ?? DEFAULT_DENIAL_LIMIT;
    this.windowMs = options.windowMs ?? DEFAULT_DENIAL_WINDOW_MS;
    this.now = options.now ?? Date.now;
    if (!Number.isInteger(this.limit) || this.limit < 1) throw new RangeError('denial limit: a positive integer');
    if (!Number.isInteger(this.windowMs) || this.windowMs < 1000) throw new RangeError('denial window: at least 1000 ms');
  }

  /** RATE_LIMITED when this key is known to be over its limit in the current window. */
  limitedError(principal: Principal) {
    const until = this.limitedUntil.get(denialSubject(principal));
    const now = this.now();
    if (until === undefined || until <= now) return undefined;
    return rateLimited(`too many refused requests with this key; retry after ${Math.ceil((until - now) / 1000)} s`, Math.ceil((until - now) / 1000));
  }

  /** Counts one refusal of this principal and says whether it is to be audited. */
  async count(principal: Principal): Promise<DenialVerdict> {
    const subject = denialSubject(principal);
    const now = this.now();
    const window = Math.floor(now / this.windowMs);
    const windowEnd = (window + 1) * this.windowMs;
    const count = await this.counter.increment(subject, window, Math.ceil(windowEnd / 1000) + 60);
    if (count <= this.limit) return { kind: 'record' };
    for (const [k, until] of this.limitedUntil) if (until <= now) this.limitedUntil.delete(k);
    this.limitedUntil.set(subject, windowEnd);
    if (count === this.limit + 1) {
      return { kind: 'exceeded', limit: this.limit, windowStart: new Date(window * this.windowMs).toISOString(), windowSeconds: this.windowMs / 1000 };
    }
    return { kind: 'limited' };
  }
}
