import type { SdrRepository } from '../ops/sdr.ts';
import type { SdrCacheStore } from './store.ts';

export interface MemorySdrStoreOptions {
  /** Repositories kept at once; the least recently used goes first (default 256). */
  maxEntries?: number;
  /**
   * How long an entry is trusted after it was stored, in ms (default 1 hour). Keys already
   * change with the repository; the TTL bounds how long a warm Lambda keeps a firmware's
   * records after the fleet moved on, and picks up decoder fixes on redeploy-free runs.
   */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Entry {
  repository: SdrRepository;
  storedAt: number;
}

/**
 * A bounded LRU of decoded repositories with a TTL. Entries are the decoded objects
 * themselves, so every BMC whose key matches gets the same object: 1,000 identical BMCs
 * hold one copy. Callers must treat what they get as read-only.
 */
export class MemorySdrStore implements SdrCacheStore {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: MemorySdrStoreOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 256);
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /** Synchronous lookup: the hot path of a cache hit does not wait for a promise. */
  peek(key: string): SdrRepository | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now() - e.storedAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Map iteration order is insertion order: moving the key to the end marks it recent.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.repository;
  }

  put(key: string, repository: SdrRepository): void {
    this.entries.delete(key);
    this.entries.set(key, { repository, storedAt: this.now() });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get(key: string): Promise<SdrRepository | undefined> {
    return Promise.resolve(this.peek(key));
  }

  set(key: string, repository: SdrRepository): Promise<void> {
    this.put(key, repository);
    return Promise.resolve();
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
