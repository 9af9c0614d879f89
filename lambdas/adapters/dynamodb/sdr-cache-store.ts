/**
 * SdrCacheStore on DynamoDB: the Lambdas' persistent SDR cache level. A fresh execution
 * environment finds the repository another environment already read from a BMC with the same
 * firmware and repository state, and reads no SDR record (SdrCache reports a `store` hit).
 *
 * Items are keyed by the SDR cache key (lambdas/ipmi/sdr-cache/key.ts: manufacturer, product,
 * device and firmware revisions, repository record count and timestamps) scoped to the tenant
 * by a hash of its id (scopedSdrCacheKey): the records come from a BMC, so one tenant's BMC
 * must never supply the SDRs another tenant's readings are converted with. Within a tenant,
 * BMCs of one model and firmware share an item. An item is built from the three attributes
 * below and nothing else: no tenant or BMC id, address, user name or credential is ever
 * written, and the key holds only the hash.
 *
 * Item (SDR_CACHE_ITEM in tables.ts):
 * - cacheKey  (S) the SDR cache key, partition key;
 * - document  (B) gzip of the JSON SdrCacheDocument (document.ts): repository info and every
 *             record as the BMC sent it, decoded again on load by fromCacheDocument;
 * - expiresAt (N) epoch seconds, the table's TTL attribute (default: 30 days after the write).
 *
 * Reads are eventually consistent, on purpose: what a key names never changes (another state
 * is another key), so the only stale answer possible is "absent" for a moment after another
 * environment's write, which costs one BMC read, as a miss would. Strong reads would double the
 * read cost for nothing.
 *
 * Anything that does not read back as a repository for its key (expired but not yet deleted,
 * not gzip, not JSON, another document format) is absent: the cache reads the BMC again and the
 * next write replaces the item. A document that is still too large compressed is not written
 * (counted in `stats.oversized`), and that repository is read from its BMC each time.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SdrRepository } from '../../ipmi/ops/sdr.ts';
import { fromCacheDocument, toCacheDocument } from '../../ipmi/sdr-cache/document.ts';
import { SDR_CACHE_KEY_PATTERN } from '../../ipmi/sdr-cache/key.ts';
import type { SdrCacheStore } from '../../ipmi/sdr-cache/store.ts';
import { SDR_CACHE_ITEM } from './tables.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** 30 days: keys already change with the firmware and the repository; TTL only sweeps keys no BMC reports any more. */
export const DEFAULT_SDR_CACHE_TTL_SECONDS = 30 * 24 * 60 * 60;

/**
 * DynamoDB's item limit is 400 KB, attribute names and values together. 256 KiB of compressed
 * document leaves ample room for the other attributes and bounds one read at 32 read units.
 * Compressed, a record takes some 50 bytes (the simulator's 22 records: 1 KB), so even a
 * repository of 1,000 records stays near 50 KB.
 */
export const DEFAULT_MAX_DOCUMENT_BYTES = 256 * 1024;

/**
 * Largest JSON a document may inflate to (a bound against a hostile or broken item, not a
 * limit real repositories meet: 65,535 records of the longest kind are about 34 MB).
 */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export interface DynamoSdrCacheStoreOptions {
  /** Seconds an item lives after it is written (default 30 days). */
  readonly ttlSeconds?: number;
  /** Compressed document size above which a repository is not stored (default 256 KiB). */
  readonly maxDocumentBytes?: number;
  /** Clock in ms, for tests. */
  readonly now?: () => number;
}

/** What this store did; counters only grow. */
export interface DynamoSdrCacheStoreStats {
  /** Items found, unexpired and parsed back to a repository. */
  hits: number;
  /** No item under the key. */
  misses: number;
  /** Items past expiresAt that DynamoDB had not deleted yet (TTL deletes within days, not at once). */
  expired: number;
  /** Items that did not decompress or parse back to a repository for their key. */
  unreadable: number;
  /** Items written. */
  writes: number;
  /** Repositories not written because their compressed document exceeds maxDocumentBytes. */
  oversized: number;
}

export class DynamoSdrCacheStore implements SdrCacheStore {
  readonly stats: DynamoSdrCacheStoreStats = { hits: 0, misses: 0, expired: 0, unreadable: 0, writes: 0, oversized: 0 };
  private readonly ttlSeconds: number;
  private readonly maxDocumentBytes: number;
  private readonly now: () => number;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: DynamoSdrCacheStoreOptions = {},
  ) {
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_SDR_CACHE_TTL_SECONDS;
    this.maxDocumentBytes = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<SdrRepository | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { [SDR_CACHE_ITEM.key]: checkedKey(key) } }));
    if (!item) {
      this.stats.misses++;
      return undefined;
    }
    const expiresAt = item[SDR_CACHE_ITEM.expiresAt];
    if (typeof expiresAt === 'number' && expiresAt <= this.nowSeconds()) {
      this.stats.expired++;
      return undefined;
    }
    const repository = typeof expiresAt === 'number' ? await decodeDocument(key, item[SDR_CACHE_ITEM.document]) : undefined;
    this.stats[repository ? 'hits' : 'unreadable']++;
    return repository;
  }

  async set(key: string, repository: SdrRepository): Promise<void> {
    checkedKey(key);
    const json = Buffer.from(JSON.stringify(toCacheDocument(key, repository, new Date(this.now()))), 'utf8');
    const document = json.length > MAX_JSON_BYTES ? undefined : await gzipAsync(json);
    if (!document || document.length > this.maxDocumentBytes) {
      this.stats.oversized++;
      return;
    }
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        // Exactly these attributes: nothing of the request (tenant, BMC, credentials) can reach the item.
        Item: {
          [SDR_CACHE_ITEM.key]: key,
          [SDR_CACHE_ITEM.document]: document,
          [SDR_CACHE_ITEM.expiresAt]: this.nowSeconds() + this.ttlSeconds,
        },
      }),
    );
    this.stats.writes++;
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }
}

/** Keys come from sdrCacheKey; anything else (a bug) is refused before it reaches the table. */
function checkedKey(key: string): string {
  if (!SDR_CACHE_KEY_PATTERN.test(key)) throw new RangeError(`not an SDR cache key: ${key.slice(0, 60)}`);
  return key;
}

/** The repository a stored document holds, or undefined when it is not one (see fromCacheDocument). */
async function decodeDocument(key: string, document: unknown): Promise<SdrRepository | undefined> {
  if (!(document instanceof Uint8Array)) return undefined;
  let json: Buffer;
  try {
    json = await gunzipAsync(document, { maxOutputLength: MAX_JSON_BYTES });
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch {
    return undefined;
  }
  return fromCacheDocument(key, parsed);
}
