/**
 * The SDR cache table against DynamoDB Local, with repositories read from simulated BMCs over
 * RMCP+ on loopback: what is stored comes back decoded again, what cannot be read back is a
 * miss and never an error, items carry their TTL and nothing of tenants or credentials, an
 * oversized document is refused without a throw, and a second execution environment (its own
 * memory level) gets a BMC's repository from the table without reading a single SDR record.
 */
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  createDocumentClient,
  createTables,
  DEFAULT_SDR_CACHE_TTL_SECONDS,
  DynamoSdrCacheStore,
  SDR_CACHE_ITEM,
  type TableNames,
} from '../../lambdas/adapters/dynamodb/index.ts';
import { IpmiGateway } from '../../lambdas/adapters/ipmi/gateway.ts';
import { BmcCredentials } from '../../lambdas/core/credentials.ts';
import type { BmcEndpoint } from '../../lambdas/core/ports.ts';
import { lambdaSdrCache } from '../../lambdas/handlers/api-runtime.ts';
import type { CallOptions, Command, IpmiRequester } from '../../lambdas/ipmi/commands/command.ts';
import { openSession, type Session } from '../../lambdas/ipmi/index.ts';
import type { SdrRepository } from '../../lambdas/ipmi/ops/sdr.ts';
import { lookupSdrs, SdrCache, toCacheDocument } from '../../lambdas/ipmi/sdr-cache/index.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../support/dynamodb-local.ts';

const PASSWORD = 'sdr-cache-table-pw';

/** The names of every command a session sends, in order. */
class CountingRequester implements IpmiRequester {
  readonly sent: string[] = [];
  constructor(private readonly s: Session) {}
  call<Req, Res>(command: Command<Req, Res>, req: Req, options?: CallOptions): Promise<Res> {
    this.sent.push(command.name);
    return this.s.call(command, req, options);
  }
  raw(netFn: number, cmd: number, data: Uint8Array, options?: CallOptions) {
    this.sent.push(`raw ${netFn.toString(16)}:${cmd.toString(16)}`);
    return this.s.raw(netFn, cmd, data, options);
  }
  take(): string[] {
    return this.sent.splice(0);
  }
}

let ddb: DynamoDbLocal;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let fleet: Fleet;
let tableCounter = 0;
/** One session per BMC for the whole file: a BMC holds only a few. */
const sessions = new Map<number, Session>();

/** A fresh SDR cache table (and the other tables, as createTables makes them). */
async function table(): Promise<string> {
  const n = ++tableCounter;
  const names: TableNames = { bmcs: `sc-bmcs-${n}`, apiKeys: `sc-keys-${n}`, audit: `sc-audit-${n}`, sdrCache: `sc-sdr-${n}`, tenants: `sc-tenants-${n}`, access: `sc-access-${n}` };
  await createTables(client, names);
  return names.sdrCache as string;
}

async function session(i: number): Promise<Session> {
  const open = sessions.get(i);
  if (open) return open;
  const b = fleet.bmc(i);
  const s = await openSession({ host: b.host, port: b.port, username: 'admin', password: PASSWORD, timeoutMs: 500, retries: 3 });
  sessions.set(i, s);
  return s;
}

/** The repository of BMC `i` and its cache key, read from the BMC. */
async function readFromBmc(i: number): Promise<{ key: string; repository: SdrRepository }> {
  const { key, repository, source } = await lookupSdrs(await session(i), new SdrCache());
  expect(source).toBe('bmc');
  if (key === undefined) throw new Error('the simulator reports repository timestamps: its repository is cacheable');
  return { key, repository };
}

const rawItem = async (tableName: string, key: string) => (await doc.send(new GetCommand({ TableName: tableName, Key: { [SDR_CACHE_ITEM.key]: key } }))).Item;

beforeAll(async () => {
  [ddb, fleet] = await Promise.all([startDynamoDbLocal(), startFleet({ count: 3, password: PASSWORD, seed: 23 })]);
  ({ client, doc } = createDocumentClient({ ...ddb.clientConfig, maxAttempts: 2 }));
});

afterAll(async () => {
  await Promise.all([...sessions.values()].map((s) => s.close().catch(() => undefined)));
  client?.destroy();
  await Promise.all([ddb?.stop(), fleet?.stop()]);
});

describe('DynamoSdrCacheStore', () => {
  it('gives back what was stored, decoded again from the records (not the same objects)', async () => {
    const name = await table();
    const { key, repository } = await readFromBmc(0);
    await new DynamoSdrCacheStore(doc, name).set(key, repository);

    const reader = new DynamoSdrCacheStore(doc, name);
    const loaded = await reader.get(key);
    expect(loaded).toEqual(repository);
    expect(loaded).not.toBe(repository);
    expect(loaded?.records.length).toBeGreaterThan(5);
    expect(loaded?.records[0]).not.toBe(repository.records[0]);
    expect(reader.stats).toMatchObject({ hits: 1, misses: 0, unreadable: 0 });
  });

  it('answers undefined for a key it never stored', async () => {
    const store = new DynamoSdrCacheStore(doc, await table());
    const { key } = await readFromBmc(0);
    expect(await store.get(key)).toBeUndefined();
    expect(store.stats.misses).toBe(1);
  });

  it('writes the key, the gzipped document and a TTL 30 days ahead, and nothing else', async () => {
    const name = await table();
    const { key, repository } = await readFromBmc(0);
    const now = Date.UTC(2025, 0, 1);
    await new DynamoSdrCacheStore(doc, name, { now: () => now }).set(key, repository);

    const item = (await rawItem(name, key)) ?? {};
    expect(Object.keys(item).sort()).toEqual([SDR_CACHE_ITEM.key, SDR_CACHE_ITEM.document, SDR_CACHE_ITEM.expiresAt].sort());
    expect(item[SDR_CACHE_ITEM.expiresAt]).toBe(now / 1000 + DEFAULT_SDR_CACHE_TTL_SECONDS);
    const document = item[SDR_CACHE_ITEM.document] as Uint8Array;
    expect(document).toBeInstanceOf(Uint8Array);
    const json = gunzipSync(document).toString('utf8');
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(toCacheDocument(key, repository, new Date(now)))));
    // The BMC's records and firmware identity only: no address, user name or password.
    for (const secret of [PASSWORD, 'admin', fleet.bmc(0).host]) expect(json).not.toContain(secret);
    expect(document.length).toBeLessThan(json.length / 2);

    const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(ttl).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: SDR_CACHE_ITEM.expiresAt });
  });

  it('treats an item past its expiry as absent (DynamoDB deletes expired items only within days)', async () => {
    const name = await table();
    const { key, repository } = await readFromBmc(0);
    let now = Date.now();
    const store = new DynamoSdrCacheStore(doc, name, { ttlSeconds: 60, now: () => now });
    await store.set(key, repository);
    expect(await store.get(key)).toEqual(repository);
    now += 60_000;
    expect(await store.get(key)).toBeUndefined();
    expect(store.stats.expired).toBe(1);
  });

  it('treats an item it cannot read back as absent, without throwing, and the next read of the BMC replaces it', async () => {
    const name = await table();
    const { key, repository } = await readFromBmc(0);
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    const otherKey = key.replace(/_n[0-9a-f]{4}_/, '_nffff_');
    const garbage: Record<string, unknown>[] = [
      { [SDR_CACHE_ITEM.document]: randomBytes(200), [SDR_CACHE_ITEM.expiresAt]: expiresAt },
      { [SDR_CACHE_ITEM.document]: gzipSync('{"format":"bmc-control-plane/sdr-cache",'), [SDR_CACHE_ITEM.expiresAt]: expiresAt },
      { [SDR_CACHE_ITEM.document]: gzipSync(JSON.stringify({ ...toCacheDocument(key, repository), version: 99 })), [SDR_CACHE_ITEM.expiresAt]: expiresAt },
      { [SDR_CACHE_ITEM.document]: gzipSync(JSON.stringify({ ...toCacheDocument(key, repository), raw: ['zz'] })), [SDR_CACHE_ITEM.expiresAt]: expiresAt },
      // Another key's document copied under this one.
      { [SDR_CACHE_ITEM.document]: gzipSync(JSON.stringify(toCacheDocument(otherKey, repository))), [SDR_CACHE_ITEM.expiresAt]: expiresAt },
      { [SDR_CACHE_ITEM.document]: 'not binary', [SDR_CACHE_ITEM.expiresAt]: expiresAt },
      { [SDR_CACHE_ITEM.document]: gzipSync(JSON.stringify(toCacheDocument(key, repository))), [SDR_CACHE_ITEM.expiresAt]: 'soon' },
      { [SDR_CACHE_ITEM.expiresAt]: expiresAt },
    ];
    const store = new DynamoSdrCacheStore(doc, name);
    for (const attributes of garbage) {
      await doc.send(new PutCommand({ TableName: name, Item: { [SDR_CACHE_ITEM.key]: key, ...attributes } }));
      await expect(store.get(key)).resolves.toBeUndefined();
    }
    expect(store.stats.unreadable).toBe(garbage.length);

    const cache = new SdrCache({ store });
    const s = new CountingRequester(await session(0));
    const lookup = await lookupSdrs(s, cache);
    expect(lookup.source).toBe('bmc');
    expect(cache.stats.storeErrors).toBe(0);
    expect(await new DynamoSdrCacheStore(doc, name).get(key)).toEqual(repository);
  });

  it('refuses, without throwing, a document too large for an item, and keeps no item for it', async () => {
    const name = await table();
    const { key, repository } = await readFromBmc(0);
    // 8,000 records of random bytes: hex that gzip cannot shrink below the limit.
    const raw = Array.from({ length: 8000 }, (_, i) => Buffer.from([i & 0xff, i >> 8, 0x51, 0x01, 59, ...randomBytes(59)]).toString('hex'));
    const huge: SdrRepository = { ...repository, raw };
    const store = new DynamoSdrCacheStore(doc, name);
    await expect(store.set(key, huge)).resolves.toBeUndefined();
    expect(store.stats).toMatchObject({ oversized: 1, writes: 0 });
    expect(await rawItem(name, key)).toBeUndefined();

    // Through the cache: counted by the store, not a store error, and the answer is still served.
    const cache = new SdrCache({ store });
    await cache.save(key, huge);
    expect(cache.stats.storeErrors).toBe(0);
    expect(store.stats.oversized).toBe(2);
    expect(cache.memory.peek(key)).toBe(huge);
  });

  it('a failing table is a store error: sensors still get their repository from the BMC', async () => {
    const cache = new SdrCache({ store: new DynamoSdrCacheStore(doc, 'no-such-table') });
    const lookup = await lookupSdrs(await session(0), cache);
    expect(lookup.source).toBe('bmc');
    expect(lookup.repository.records.length).toBeGreaterThan(5);
    expect(cache.stats.storeErrors).toBe(2); // the get, then the set
  });
});

describe('two execution environments sharing the SDR cache table', () => {
  it('the second SdrCache (its own memory) gets the repository from the store and reads no SDR record', async () => {
    const store = new DynamoSdrCacheStore(doc, await table());
    const first = new SdrCache({ store });
    const second = new SdrCache({ store });

    const a = new CountingRequester(await session(1));
    const cold = await lookupSdrs(a, first);
    expect(cold.source).toBe('bmc');
    const coldSent = a.take();
    expect(coldSent.filter((c) => c === 'Get SDR').length).toBeGreaterThanOrEqual(cold.repository.raw.length);
    expect(store.stats.writes).toBe(1);

    // Another BMC of the same model and firmware: the same key, served from the table.
    const b = new CountingRequester(await session(2));
    const warm = await lookupSdrs(b, second);
    expect(warm.key).toBe(cold.key);
    expect(warm.source).toBe('store');
    expect(b.take()).toEqual(['Get Device ID', 'Get SDR Repository Info']);
    expect(warm.repository).toEqual(cold.repository);
    expect(second.stats).toMatchObject({ storeHits: 1, misses: 0, storeErrors: 0 });

    // Promoted to the second environment's memory: the next lookup does not reach the table.
    const reads = store.stats.hits + store.stats.misses;
    expect((await lookupSdrs(b, second)).source).toBe('memory');
    expect(store.stats.hits + store.stats.misses).toBe(reads);
  });

  it('as the Lambda handlers wire it: SDR_CACHE_TABLE set, a fresh gateway reads sensors without reading SDRs', async () => {
    const name = await table();
    const env = { SDR_CACHE_TABLE: name };
    expect(lambdaSdrCache({}, () => doc).store).toBeUndefined();
    const { repository } = await readFromBmc(0);
    const creds = new BmcCredentials('admin', PASSWORD);
    const endpoint: BmcEndpoint = { tenantId: 't1', address: fleet.bmc(0).host, port: fleet.bmc(0).port, cipherSuite: 17, privilege: 'admin' };
    const packets = async (gateway: IpmiGateway) => {
      const received = fleet.bmc(0).stats.received;
      const sensors = await gateway.sensors(endpoint, creds);
      return { sensors, packets: fleet.bmc(0).stats.received - received };
    };

    const coldCache = lambdaSdrCache(env, () => doc);
    expect(coldCache.store).toBeInstanceOf(DynamoSdrCacheStore);
    const cold = await packets(new IpmiGateway({ sdrCache: coldCache, sessionPool: false, timeoutMs: 500 }));
    expect(coldCache.stats.misses).toBe(1);

    const warmCache = lambdaSdrCache(env, () => doc);
    const warm = await packets(new IpmiGateway({ sdrCache: warmCache, sessionPool: false, timeoutMs: 500 }));
    expect(warmCache.stats).toMatchObject({ storeHits: 1, misses: 0, storeErrors: 0 });
    expect(warm.sensors.map((s) => s.name)).toEqual(cold.sensors.map((s) => s.name));
    // Everything but the records: no Reserve SDR Repository, no Get SDR, no closing repository info.
    expect(cold.packets - warm.packets).toBeGreaterThanOrEqual(repository.raw.length + 2);
  });
});
