/**
 * The BMC registry with a brief in-process memory of records, so that the reads a dashboard
 * sends many times a second do not each cost a GetItem. Writes through this process forget
 * the record at once; a change made by another process (another Lambda environment) is seen
 * here within `ttlMs`. What a stale record can do in that window is bounded: it names a BMC of
 * the same tenant (keys hold the tenant), and its address and rotation state are at most
 * `ttlMs` old.
 */
import { ListingCache } from './listing-cache.ts';
import type { BmcFilter, BmcRepository, Clock } from './ports.ts';
import type { Bmc, BmcHealth, Page, PageRequest, TenantId } from './types.ts';

const MAX_ENTRIES = 10_000;
/** Listing pages are kept for at most this long (and never longer than records). */
const LISTING_TTL_MS = 1_000;

export class CachedBmcRepository implements BmcRepository {
  private readonly records = new Map<string, { bmc: Promise<Bmc | undefined>; until: number }>();
  private readonly key = (tenantId: TenantId, id: string) => `${tenantId}\u0000${id}`;
  /** Bumped by every write: a lookup that a write overtook does not leave its record behind. */
  private writes = 0;
  private readonly listings: ListingCache<Page<Bmc>>;

  constructor(
    private readonly inner: BmcRepository,
    private readonly clock: Clock,
    private readonly ttlMs = 2_000,
    /** Told of every registration change made through this process (the read cache forgets the BMC). */
    private readonly onChange: (tenantId: TenantId, id: string) => void = () => undefined,
  ) {
    this.listings = new ListingCache(clock, Math.min(ttlMs, LISTING_TTL_MS));
  }

  /** Concurrent lookups of one record share one store read; a missing record is never remembered. */
  get(tenantId: TenantId, id: string, options: { readonly fresh?: boolean } = {}): Promise<Bmc | undefined> {
    const k = this.key(tenantId, id);
    const hit = this.records.get(k);
    if (!options.fresh && hit && hit.until > this.clock.now().getTime()) return hit.bmc;
    const bmc = this.inner.get(tenantId, id);
    this.remember(k, bmc);
    return bmc;
  }

  async getMany(tenantId: TenantId, ids: readonly string[]): Promise<Bmc[]> {
    const writes = this.writes;
    const found = await this.inner.getMany(tenantId, ids);
    for (const bmc of found) this.keep(bmc, writes);
    return found;
  }

  async create(bmc: Bmc): Promise<void> {
    this.forget(bmc.tenantId, bmc.id);
    try {
      await this.inner.create(bmc);
    } finally {
      // A listing that started while the item was being written must not outlive the write.
      this.forget(bmc.tenantId, bmc.id);
    }
  }

  async update(bmc: Bmc, expectedUpdatedAt: string): Promise<void> {
    this.forget(bmc.tenantId, bmc.id);
    try {
      await this.inner.update(bmc, expectedUpdatedAt);
    } finally {
      this.forget(bmc.tenantId, bmc.id);
    }
  }

  async delete(tenantId: TenantId, id: string): Promise<boolean> {
    this.forget(tenantId, id);
    try {
      return await this.inner.delete(tenantId, id);
    } finally {
      this.forget(tenantId, id);
    }
  }

  /**
   * A page listed within the last second in this process, or a new Query (see ListingCache). Its
   * records serve the reads that follow it (`bmcs { power }`) as a get's would.
   */
  list(tenantId: TenantId, filter: BmcFilter, page: PageRequest, options: { readonly fresh?: boolean } = {}): Promise<Page<Bmc>> {
    const query = async () => {
      const writes = this.writes;
      const result = await this.inner.list(tenantId, filter, page);
      for (const bmc of result.items) this.keep(bmc, writes);
      return result;
    };
    if (options.fresh) return query();
    const key = JSON.stringify([filter.tags ?? null, filter.nameContains ?? null, filter.health ?? null, page.limit ?? null, page.cursor ?? null]);
    return this.listings.get(tenantId, key, query);
  }

  async setHealth(tenantId: TenantId, id: string, health: BmcHealth): Promise<void> {
    await this.inner.setHealth(tenantId, id, health);
    this.listings.forget(tenantId);
    // Health is a hint (no updatedAt bump), kept up to date in place rather than forgotten.
    const hit = this.records.get(this.key(tenantId, id));
    if (hit) hit.bmc = hit.bmc.then((b) => b && { ...b, health });
  }

  /** Forgets one record (this process changed or removed it). */
  forget(tenantId: TenantId, id: string): void {
    this.writes++;
    this.records.delete(this.key(tenantId, id));
    this.listings.forget(tenantId);
    this.onChange(tenantId, id);
  }

  private keep(bmc: Bmc, writesBefore: number): void {
    if (this.writes === writesBefore) this.remember(this.key(bmc.tenantId, bmc.id), Promise.resolve(bmc));
  }

  private remember(k: string, bmc: Promise<Bmc | undefined>): void {
    const entry = { bmc, until: this.clock.now().getTime() + this.ttlMs };
    this.records.delete(k);
    this.records.set(k, entry);
    const forget = () => {
      if (this.records.get(k) === entry) this.records.delete(k);
    };
    // A write while the read was on its way, a missing record or a failed read: not kept.
    const writes = this.writes;
    bmc.then((found) => (found && this.writes === writes ? undefined : forget()), forget);
    if (this.records.size > MAX_ENTRIES) this.records.delete(this.records.keys().next().value as string);
  }
}
