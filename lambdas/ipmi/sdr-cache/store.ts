import type { SdrRepository } from '../ops/sdr.ts';

/**
 * Where decoded SDR repositories are kept, by cache key (see key.ts). The in-memory LRU,
 * the on-disk store of the CLI and, later, a DynamoDB table all implement this.
 *
 * A store may lose entries at any time and must treat anything it cannot read back (a
 * corrupt file, an item of an older format) as absent: the cache then reads the BMC again.
 * It may throw on I/O failures; the cache counts those and carries on without it.
 */
export interface SdrCacheStore {
  get(key: string): Promise<SdrRepository | undefined>;
  set(key: string, repository: SdrRepository): Promise<void>;
}
