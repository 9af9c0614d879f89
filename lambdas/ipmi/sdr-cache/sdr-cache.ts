import { GetDeviceId } from '../commands/app/get-device-id.ts';
import type { CallOptions, IpmiRequester } from '../commands/command.ts';
import { GetSdrRepositoryInfo } from '../commands/storage/sdr-repository-info.ts';
import type { ReadBounds } from '../ops/read-bounds.ts';
import { readSdrRepository, type SdrRepository } from '../ops/sdr.ts';
import { scopedSdrCacheKey, sdrCacheKey, type SdrCacheState } from './key.ts';
import { MemorySdrStore, type MemorySdrStoreOptions } from './memory-store.ts';
import type { SdrCacheStore } from './store.ts';

export interface SdrCacheOptions {
  /** The first level: decoded objects shared between BMCs (a store, or options for a new one). */
  memory?: MemorySdrStore | MemorySdrStoreOptions;
  /** A second, persistent level (a directory for the CLI, later a table for Lambdas). */
  store?: SdrCacheStore;
}

/** Where each getSdrs answer came from; counters only grow. */
export interface SdrCacheStats {
  /** Found decoded in memory: no record read. */
  memoryHits: number;
  /** Loaded from the persistent store: no record read. */
  storeHits: number;
  /** Another BMC with the same key was being read at the same moment; its result was used. */
  sharedReads: number;
  /** Read from the BMC because no level had the key. */
  misses: number;
  /** Read from the BMC because it reports no usable timestamps (never cached). */
  uncacheable: number;
  /** Persistent store failures (unreadable directory, full disk); each was treated as a miss. */
  storeErrors: number;
}

type Source = 'memory' | 'store' | 'shared' | 'bmc' | 'uncacheable';

export interface SdrLookup {
  repository: SdrRepository;
  /** The key it is cached under; undefined for a BMC without timestamps. */
  key: string | undefined;
  source: Source;
}

export interface GetSdrsOptions {
  signal?: AbortSignal;
  /** Passed on to readSdrRepository on a miss. */
  maxReadBytes?: number;
  /** Passed on to readSdrRepository on a miss (sdrRecords, readRequests). */
  bounds?: ReadBounds;
  /**
   * Who may share the decoded copy (the API passes the tenant): repositories read in one
   * scope are never handed to another (scopedSdrCacheKey). Unset: one scope for all, as a CLI
   * run over the operator's own BMCs wants.
   */
  scope?: string;
}

/** A read in progress, and the key its result turned out to have (it may differ if the repository changed meanwhile). */
type Pending = Promise<{ repository: SdrRepository; key: string | undefined }>;

/**
 * Decoded SDR repositories by key (key.ts), in memory and optionally in a persistent store.
 * One instance serves a whole fleet: BMCs with identical firmware and repository timestamps
 * get the same decoded object, and concurrent misses on one key read the repository once.
 */
export class SdrCache {
  readonly memory: MemorySdrStore;
  readonly store: SdrCacheStore | undefined;
  readonly stats: SdrCacheStats = { memoryHits: 0, storeHits: 0, sharedReads: 0, misses: 0, uncacheable: 0, storeErrors: 0 };
  private readonly pending = new Map<string, Pending>();
  /** Store reads in progress, by key. */
  private readonly loading = new Map<string, Promise<SdrRepository | undefined>>();

  constructor(options: SdrCacheOptions = {}) {
    this.memory = options.memory instanceof MemorySdrStore ? options.memory : new MemorySdrStore(options.memory);
    this.store = options.store;
  }

  /** The repository cached under `key` in either level (a store hit is promoted to memory). */
  async lookup(key: string): Promise<{ repository: SdrRepository; source: 'memory' | 'store' } | undefined> {
    const inMemory = this.memory.peek(key);
    if (inMemory) return { repository: inMemory, source: 'memory' };
    if (!this.store) return undefined;
    // A fleet's BMCs ask for the same key at the same moment: load and decode it once.
    const loading = this.loading.get(key);
    if (loading) {
      const shared = await loading;
      return shared ? { repository: shared, source: 'memory' } : undefined;
    }
    const load = this.load(key);
    this.loading.set(key, load);
    try {
      const stored = await load;
      return stored ? { repository: stored, source: 'store' } : undefined;
    } finally {
      this.loading.delete(key);
    }
  }

  private async load(key: string): Promise<SdrRepository | undefined> {
    let stored: SdrRepository | undefined;
    try {
      stored = await this.store!.get(key);
    } catch {
      this.stats.storeErrors++;
      return undefined;
    }
    if (!stored) return undefined;
    // Another BMC may have filled memory while the store was read: keep one shared object.
    const raced = this.memory.peek(key);
    if (raced) return raced;
    this.memory.put(key, stored);
    return stored;
  }

  /** Stores a repository under `key` in both levels; a failing persistent store is counted, not thrown. */
  async save(key: string, repository: SdrRepository): Promise<void> {
    this.memory.put(key, repository);
    if (!this.store) return;
    try {
      await this.store.set(key, repository);
    } catch {
      this.stats.storeErrors++;
    }
  }

  /**
   * The cached repository for `key`, else the result of a read of the same key already in
   * progress, else `read()`'s. The read's result is saved under the key it reports.
   */
  async resolve(key: string, read: () => Pending): Promise<SdrLookup> {
    const hit = await this.lookup(key);
    if (hit) {
      this.stats[hit.source === 'memory' ? 'memoryHits' : 'storeHits']++;
      return { ...hit, key };
    }
    const inFlight = this.pending.get(key);
    if (inFlight) {
      // If that BMC fails, or its repository turned out to have changed, read this one.
      const shared = await inFlight.catch(() => undefined);
      if (shared && shared.key === key) {
        this.stats.sharedReads++;
        return { repository: shared.repository, key, source: 'shared' };
      }
    }
    this.stats.misses++;
    const reading: Pending = read().then(async (r) => {
      if (r.key !== undefined) await this.save(r.key, r.repository);
      return r;
    });
    this.pending.set(key, reading);
    try {
      const r = await reading;
      return { repository: r.repository, key: r.key, source: 'bmc' };
    } finally {
      if (this.pending.get(key) === reading) this.pending.delete(key);
    }
  }
}

/**
 * The decoded SDR repository of the BMC behind `s`, from `cache` when the BMC's identity
 * and repository state match a cached one (two commands: Get Device ID, Get SDR Repository
 * Info), else read with readSdrRepository and cached. A repository that changes while it
 * is read is returned but not cached.
 */
export async function lookupSdrs(s: IpmiRequester, cache: SdrCache, opts: GetSdrsOptions = {}): Promise<SdrLookup> {
  const callOptions: CallOptions = opts.signal ? { signal: opts.signal } : {};
  const readOptions = { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.maxReadBytes !== undefined ? { maxReadBytes: opts.maxReadBytes } : {}), ...(opts.bounds && { bounds: opts.bounds }) };
  // Independent questions, issued together: a pipelining session sends both in one round trip,
  // any other requester queues the second (IpmiRequester).
  const [id, info] = await Promise.all([s.call(GetDeviceId, undefined, callOptions), s.call(GetSdrRepositoryInfo, undefined, callOptions)]);
  const keyOf = (state: SdrCacheState) => {
    const k = sdrCacheKey(id, state);
    return k === undefined ? undefined : scopedSdrCacheKey(k, opts.scope);
  };
  const key = keyOf(info);
  if (key === undefined) {
    cache.stats.uncacheable++;
    return { repository: await readSdrRepository(s, readOptions), key: undefined, source: 'uncacheable' };
  }
  return cache.resolve(key, async () => {
    const repository = await readSdrRepository(s, readOptions);
    // Records read between two identical states belong to that state; otherwise an add or
    // erase happened mid-read and the records may mix both, so they are not cached.
    const after = await s.call(GetSdrRepositoryInfo, undefined, callOptions);
    const readKey = keyOf(repository.info);
    return { repository, key: readKey !== undefined && readKey === keyOf(after) ? readKey : undefined };
  });
}

/** lookupSdrs without the provenance: what readSensors({ sdrs }) takes. */
export async function getSdrs(s: IpmiRequester, cache: SdrCache, opts: GetSdrsOptions = {}): Promise<SdrRepository> {
  return (await lookupSdrs(s, cache, opts)).repository;
}
