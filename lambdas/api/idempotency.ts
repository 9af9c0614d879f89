/**
 * Idempotency-Key on actions (docs/architecture.md section 4, as Powertools' idempotency utility does it):
 * the first request with a key runs and its successful answer is kept for a day; a retry with
 * the same key and the same request gets that answer again without touching the BMC; the same
 * key with a different request is refused; a retry while the first is still running gets
 * CONFLICT. Failed answers are not kept, so a retry after e.g. BMC_UNREACHABLE runs again.
 * A key belongs to the tenant and actor (API key) that used it first: anyone else presenting it
 * is refused, with the same error as a changed request, and never sees the first answer.
 *
 * Where the records live decides how far this holds: MemoryIdempotencyStore serves one process;
 * the DynamoDB store (adapters/dynamodb/idempotency-store.ts) every process sharing its table,
 * which is what Lambda and `npm start` use.
 */
import { createHash } from 'node:crypto';
import { badInput, idempotencyKeyRunning, idempotencyKeyUsed } from '../core/errors.ts';
import type { Principal } from '../core/types.ts';
import type { ApiResponse } from './http/types.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export type Claim = { readonly kind: 'new' } | { readonly kind: 'replay'; readonly response: ApiResponse };

/** Where claims and answers are kept. */
export interface IdempotencyStore {
  /** Claims (scope, key) for a request fingerprint, or returns the kept answer. */
  claim(scope: string, key: string, fingerprint: string): Promise<Claim>;
  complete(scope: string, key: string, response: ApiResponse): Promise<void>;
  release(scope: string, key: string): Promise<void>;
}

interface Entry {
  scope: string;
  fingerprint: string;
  response: ApiResponse | undefined;
  expiresAt: number;
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 24 * 3600_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(scope: string, key: string, fingerprint: string): Promise<Claim> {
    const existing = this.entries.get(key);
    if (existing && existing.expiresAt > this.now()) {
      if (existing.scope !== scope || existing.fingerprint !== fingerprint) throw idempotencyKeyUsed();
      if (!existing.response) throw idempotencyKeyRunning();
      return { kind: 'replay', response: existing.response };
    }
    this.evict();
    this.entries.set(key, { scope, fingerprint, response: undefined, expiresAt: this.now() + this.ttlMs });
    return { kind: 'new' };
  }

  async complete(scope: string, key: string, response: ApiResponse): Promise<void> {
    const entry = this.entries.get(key);
    if (entry?.scope === scope) entry.response = response;
  }

  async release(scope: string, key: string): Promise<void> {
    if (this.entries.get(key)?.scope === scope) this.entries.delete(key);
  }

  /** Drops expired entries, then the oldest, to stay within maxEntries. */
  private evict(): void {
    const now = this.now();
    for (const [id, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(id);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

export function idempotencyScope(principal: Principal): string {
  return `${principal.tenantId}\u0000${principal.actor}`;
}

/** The request as far as idempotency is concerned: method, path and body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(JSON.stringify([method, path, body ?? null])).digest('hex');
}

export function validIdempotencyKey(value: string): string {
  if (!KEY.test(value)) throw badInput('Idempotency-Key', 'must be 8-128 characters of letters, digits, _ . : -');
  return value;
}
