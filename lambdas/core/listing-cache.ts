/**
 * Listing pages a process read a moment ago, per tenant: a dashboard that lists a fleet many
 * times a second costs the store one Query per page and interval, not one per request.
 * Identical listings in flight at once share one Query (single flight).
 *
 * A write through this process forgets every page of its tenant at once, and a Query that a
 * write overtook does not leave its page behind, so in this process a listing that starts after
 * a write sees it. A write made through another process (another Lambda environment) is seen
 * here within `ttlMs`; a DynamoDB Query is eventually consistent anyway. Keys hold the tenant, so
 * a page never serves another tenant; who may list is checked per request before this is asked.
 */
import type { Clock } from './ports.ts';

const MAX_PAGES = 1_000;

interface Entry<T> {
  readonly page: Promise<T>;
  readonly until: number;
}

export class ListingCache<T> {
  private readonly tenants = new Map<string, Map<string, Entry<T>>>();
  private size = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /** The page listed under `key` less than `ttlMs` ago or in flight, else what `load` lists. */
  get(tenantId: string, key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const now = this.clock.now().getTime();
    let pages = this.tenants.get(tenantId);
    const hit = pages?.get(key);
    if (hit && hit.until > now) return hit.page;
    if (!pages) {
      pages = new Map();
      this.tenants.set(tenantId, pages);
    }
    if (hit) this.size--;
    const entry: Entry<T> = { page: load(), until: now + this.ttlMs };
    pages.set(key, entry);
    this.size++;
    const owner = pages;
    // A failed Query is not remembered.
    entry.page.catch(() => {
      if (this.tenants.get(tenantId) === owner && owner.get(key) === entry) {
        owner.delete(key);
        this.size--;
      }
    });
    if (this.size > MAX_PAGES) this.clear();
    return entry.page;
  }

  /** Forgets every page of one tenant (this process changed one of its records). */
  forget(tenantId: string): void {
    const pages = this.tenants.get(tenantId);
    if (!pages) return;
    this.size -= pages.size;
    this.tenants.delete(tenantId);
  }

  private clear(): void {
    this.tenants.clear();
    this.size = 0;
  }
}
