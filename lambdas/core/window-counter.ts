/**
 * Counts per subject and fixed time window, the shape of every rate counter here (denied
 * attempts per key, failed BMC logins, requests per tenant). The coordination table's counter
 * (lambdas/adapters/dynamodb/denial-counter-store.ts) shares counts across processes; this one
 * counts in one process.
 */

export interface WindowCounter {
  /** Adds `by` (default one) to (subject, window) and returns the new count; the count may be dropped after `expiresAtSeconds`. */
  increment(subject: string, window: number, expiresAtSeconds: number, by?: number): Promise<number>;
}

export class MemoryWindowCounter implements WindowCounter {
  private readonly counts = new Map<string, { count: number; expiresAt: number }>();

  async increment(subject: string, window: number, expiresAtSeconds: number, by = 1): Promise<number> {
    const now = Date.now() / 1000;
    for (const [k, v] of this.counts) if (v.expiresAt < now) this.counts.delete(k);
    const key = `${subject}\u0000${window}`;
    const count = (this.counts.get(key)?.count ?? 0) + by;
    this.counts.set(key, { count, expiresAt: expiresAtSeconds });
    return count;
  }
}
