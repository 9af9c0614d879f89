import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SdrRepository } from '../ops/sdr.ts';
import { fromCacheDocument, toCacheDocument } from './document.ts';
import { SDR_CACHE_KEY_PATTERN } from './key.ts';
import type { SdrCacheStore } from './store.ts';

/**
 * The CLI's cache directory: `$BMC_SDR_CACHE_DIR`, else `$XDG_CACHE_HOME/bmc-control-plane/sdr`,
 * else `$HOME/.cache/bmc-control-plane/sdr`. Undefined when the environment names none of
 * them (then there is nowhere sensible to write, and the caller runs without a disk cache).
 */
export function defaultSdrCacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.BMC_SDR_CACHE_DIR) return env.BMC_SDR_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'bmc-control-plane', 'sdr');
  if (env.HOME) return join(env.HOME, '.cache', 'bmc-control-plane', 'sdr');
  return undefined;
}

export interface FileSdrStoreOptions {
  /**
   * Cache files kept; beyond it the least recently written go (default 1000). Every firmware
   * change or repository edit makes a new key, so without a bound the directory only grows.
   */
  maxFiles?: number;
}

const CACHE_FILE = /^sdr1_[0-9a-z._-]+\.json$/;

/**
 * One JSON file per key in a directory. Writes go to a temporary file that is renamed over
 * the target, so a reader sees the old file or the new one, never half of one, even with
 * several `bmc` processes sharing the directory. A file that does not parse back to a
 * repository for its key is a miss (and is overwritten by the next read of that BMC).
 */
export class FileSdrStore implements SdrCacheStore {
  private readonly maxFiles: number;

  constructor(
    readonly dir: string,
    options: FileSdrStoreOptions = {},
  ) {
    this.maxFiles = Math.max(1, options.maxFiles ?? 1000);
  }

  private path(key: string): string {
    // Keys come from sdrCacheKey; refusing anything else keeps a key from naming another path.
    if (!SDR_CACHE_KEY_PATTERN.test(key)) throw new RangeError(`SDR cache key is not a valid file name: ${key.slice(0, 60)}`);
    return join(this.dir, `${key}.json`);
  }

  async get(key: string): Promise<SdrRepository | undefined> {
    let text: string;
    try {
      text = await readFile(this.path(key), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return undefined;
    }
    return fromCacheDocument(key, doc);
  }

  async set(key: string, repository: SdrRepository): Promise<void> {
    const target = this.path(key);
    // Records describe hardware, not secrets; still, the cache is the user's own business.
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(toCacheDocument(key, repository)), { mode: 0o600, flag: 'wx' });
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    await this.prune();
  }

  /** Deletes the oldest cache files beyond maxFiles; only files this store names are touched. */
  private async prune(): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => CACHE_FILE.test(n));
    if (names.length <= this.maxFiles) return;
    const aged = await Promise.all(
      names.map(async (name) => {
        const path = join(this.dir, name);
        // Another process may prune the same file first.
        const mtime = await stat(path).then((st) => st.mtimeMs, () => Infinity);
        return { path, mtime };
      }),
    );
    aged.sort((a, b) => a.mtime - b.mtime);
    await Promise.all(aged.slice(0, names.length - this.maxFiles).map((f) => rm(f.path, { force: true })));
  }
}
