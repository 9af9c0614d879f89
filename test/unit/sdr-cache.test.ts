/**
 * The SDR cache: keying (IPMI v2.0 20.1 Table 20-2 identity + 33.9 repository state), the
 * memory LRU/TTL, the persisted document, the file store, and getSdrs against in-memory
 * BMCs that count every command they answer.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter, toHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { GetDeviceId } from '../../lambdas/ipmi/commands/app/get-device-id.ts';
import { GetSdrRepositoryInfo } from '../../lambdas/ipmi/commands/storage/sdr-repository-info.ts';
import { readSdrRepository, type SdrRepository } from '../../lambdas/ipmi/ops/sdr.ts';
import {
  defaultSdrCacheDir,
  FileSdrStore,
  fromCacheDocument,
  getSdrs,
  lookupSdrs,
  MemorySdrStore,
  SDR_CACHE_KEY_PATTERN,
  SdrCache,
  sdrCacheKey,
  scopedSdrCacheKey,
  toCacheDocument,
  type SdrCacheStore,
} from '../../lambdas/ipmi/sdr-cache/index.ts';
import { cc, FakeBmc } from './cli-fake-bmc.ts';
import { compactRecord, entityAssociationRecord, eventOnlyRecord, fullRecord, mcLocatorRecord } from './sdr-fixtures.ts';

const APP = 0x06;
const STORAGE = 0x0a;
const GET_SDR = 0x23;
const RESERVE_SDR = 0x22;

/** Get Device ID response (Table 20-2): device 20h rev 1, fw 2.16, IPMI 2.0, manufacturer 343, product 0f02h, aux 01020304. */
const DEVICE_ID = [0x20, 0x81, 0x02, 0x16, 0x02, 0x9f, 0x57, 0x01, 0x00, 0x02, 0x0f, 1, 2, 3, 4];

const ALL = () => [fullRecord(), compactRecord(), eventOnlyRecord(), mcLocatorRecord(), entityAssociationRecord()];

interface SdrBmcState {
  deviceId: number[];
  records: Uint8Array[];
  lastAdd: number;
  lastErase: number;
  /** Called on every Get SDR; lets a test change the repository mid-read. */
  onGetSdr?: () => void;
}

/** A BMC with Get Device ID and an SDR repository (33.9, 33.11, 33.12) whose state tests can change. */
function sdrBmc(init: Partial<SdrBmcState> = {}): { bmc: FakeBmc; state: SdrBmcState } {
  const state: SdrBmcState = { deviceId: DEVICE_ID, records: ALL(), lastAdd: 0x6500_0000, lastErase: 0x6400_0000, ...init };
  const bmc = new FakeBmc();
  bmc.on(APP, 0x01, () => state.deviceId);
  bmc.on(STORAGE, 0x20, () => [
    ...new ByteWriter().u8(0x51).u16le(state.records.length).u16le(0x400).u32le(state.lastAdd).u32le(state.lastErase).u8(0x02).finish(),
  ]);
  bmc.on(STORAGE, RESERVE_SDR, () => [0x01, 0x00]);
  bmc.on(STORAGE, GET_SDR, (data) => {
    state.onGetSdr?.();
    const r = new ByteReader(data);
    r.u16le();
    const recordId = r.u16le();
    const [offset, count] = [r.u8(), r.u8()];
    const ids = state.records.map((rec) => rec[0]! | (rec[1]! << 8));
    const index = recordId === 0 ? 0 : ids.indexOf(recordId);
    const rec = state.records[index];
    if (!rec) return cc(0xcb);
    const next = ids[index + 1] ?? 0xffff;
    return [next & 0xff, next >> 8, ...rec.subarray(offset, offset + count)];
  });
  return { bmc, state };
}

const recordReads = (bmc: FakeBmc) => bmc.sent(STORAGE, GET_SDR).length + bmc.sent(STORAGE, RESERVE_SDR).length;

const identity = GetDeviceId.decode(Uint8Array.from(DEVICE_ID));
const state = { recordCount: 5, lastAddTimestamp: 0x6500_0000, lastEraseTimestamp: 0x6400_0000 };

describe('sdrCacheKey (Get Device ID 20.1 + Get SDR Repository Info 33.9)', () => {
  it('names every field it is built from, as a safe file name', () => {
    const key = sdrCacheKey(identity, state);
    expect(key).toBe('sdr1_m000157_p0f02_d20.1_fw02.16.01020304_ipmi2.0_n0005_a65000000_e64000000');
    expect(key).toMatch(SDR_CACHE_KEY_PATTERN);
  });

  it.each([
    ['device ID', { deviceId: 0x21 }],
    ['device revision', { deviceRevision: 2 }],
    ['firmware major', { firmwareMajor: 3 }],
    ['firmware minor', { firmwareMinorBcd: 0x17 }],
    ['aux firmware revision', { auxFirmwareRevision: Uint8Array.of(1, 2, 3, 5) }],
    ['aux firmware revision absent', { auxFirmwareRevision: null }],
    ['IPMI version', { ipmiVersionMinor: 5, ipmiVersionMajor: 1 }],
    ['manufacturer', { manufacturerId: 674 }],
    ['product', { productId: 0x0f03 }],
  ])('changes with the %s', (_, change) => {
    expect(sdrCacheKey({ ...identity, ...change }, state)).not.toBe(sdrCacheKey(identity, state));
  });

  it.each([
    ['record count', { recordCount: 6 }],
    ['most recent addition', { lastAddTimestamp: 0x6500_0001 }],
    ['most recent erase', { lastEraseTimestamp: 0x6400_0001 }],
  ])('changes with the repository %s', (_, change) => {
    expect(sdrCacheKey(identity, { ...state, ...change })).not.toBe(sdrCacheKey(identity, state));
  });

  it('scoped to a tenant: another key per scope, still a safe file name, naming no tenant', () => {
    const key = sdrCacheKey(identity, state)!;
    expect(scopedSdrCacheKey(key, undefined)).toBe(key);
    const a = scopedSdrCacheKey(key, 'tenant-a');
    expect(a).toMatch(SDR_CACHE_KEY_PATTERN);
    expect(a).toMatch(/^sdr1_s[0-9a-f]{16}_m000157_/);
    expect(a).not.toContain('tenant');
    expect(scopedSdrCacheKey(key, 'tenant-a')).toBe(a);
    expect(scopedSdrCacheKey(key, 'tenant-b')).not.toBe(a);
  });

  it('keeps lookups of one scope from ever returning the repository of another scope', async () => {
    const cache = new SdrCache();
    const a = await lookupSdrs(sdrBmc().bmc, cache, { scope: 'tenant-a' });
    const b = await lookupSdrs(sdrBmc().bmc, cache, { scope: 'tenant-b' });
    expect([a.source, b.source]).toEqual(['bmc', 'bmc']);
    expect(b.repository).not.toBe(a.repository);
    expect((await lookupSdrs(sdrBmc().bmc, cache, { scope: 'tenant-a' })).repository).toBe(a.repository);
  });

  it('is undefined when the BMC gives no addition timestamp (0, or FFFFFFFFh "unspecified", section 37)', () => {
    expect(sdrCacheKey(identity, { ...state, lastAddTimestamp: 0 })).toBeUndefined();
    expect(sdrCacheKey(identity, { ...state, lastAddTimestamp: 0xffffffff })).toBeUndefined();
    // Never erased (FFFFFFFFh) is a normal state and still cacheable.
    expect(sdrCacheKey(identity, { ...state, lastEraseTimestamp: 0xffffffff })).toMatch(SDR_CACHE_KEY_PATTERN);
  });
});

const repo = (tag: string): SdrRepository => ({
  info: GetSdrRepositoryInfo.decode(Uint8Array.from([0x51, 1, 0, 0, 4, 0, 0, 0, 0x65, 0, 0, 0, 0x64, 0x02])),
  records: [],
  invalid: [],
  raw: [tag],
});

describe('MemorySdrStore', () => {
  it('evicts the least recently used entry beyond maxEntries; a lookup makes an entry recent', () => {
    const m = new MemorySdrStore({ maxEntries: 2 });
    const a = repo('a');
    m.put('a', a);
    m.put('b', repo('b'));
    expect(m.peek('a')).toBe(a); // a is now the most recent
    m.put('c', repo('c'));
    expect(m.peek('b')).toBeUndefined();
    expect(m.peek('a')).toBe(a);
    expect(m.peek('c')?.raw).toEqual(['c']);
    expect(m.size).toBe(2);
  });

  it('forgets entries ttlMs after they were stored, whether or not they were used', () => {
    let now = 1_000;
    const m = new MemorySdrStore({ ttlMs: 100, now: () => now });
    m.put('a', repo('a'));
    now += 99;
    expect(m.peek('a')).toBeDefined();
    now += 1;
    expect(m.peek('a')).toBeUndefined();
    expect(m.size).toBe(0);
  });

  it('hands out the stored object itself (the sharing that keeps 1,000 BMCs at one copy)', async () => {
    const m = new MemorySdrStore();
    const a = repo('a');
    await m.set('k', a);
    expect(await m.get('k')).toBe(a);
  });
});

describe('the persisted document', () => {
  it('round-trips through JSON to the same decoded repository', async () => {
    const { bmc } = sdrBmc({ records: [...ALL(), Uint8Array.from([0x07, 0x00, 0x51, 0x01, 0x02, 0x20, 0x00])] });
    const original = await readSdrRepository(bmc);
    expect(original.invalid).toHaveLength(1); // a truncated full record is kept as invalid, not dropped
    const key = 'sdr1_test';
    const back = fromCacheDocument(key, JSON.parse(JSON.stringify(toCacheDocument(key, original))));
    expect(back).toEqual(original);
  });

  it.each<[string, (d: Record<string, unknown>) => unknown]>([
    ['another key', (d) => ({ ...d, key: 'sdr1_other' })],
    ['another version', (d) => ({ ...d, version: 2 })],
    ['another format', (d) => ({ ...d, format: 'x' })],
    ['odd-length hex', (d) => ({ ...d, raw: ['0a0'] })],
    ['non-hex', (d) => ({ ...d, raw: ['zz'] })],
    ['a record shorter than its header says', (d) => ({ ...d, raw: [toHex(fullRecord()).slice(0, 40)] })],
    ['a record longer than its header says', (d) => ({ ...d, raw: [toHex(fullRecord()) + '00'] })],
    ['raw not a list', (d) => ({ ...d, raw: 'abc' })],
    ['info missing', (d) => ({ ...d, info: undefined })],
    ['a timestamp out of range', (d) => ({ ...d, info: { ...(d.info as object), lastAddTimestamp: 2 ** 32 } })],
    ['not an object', () => 42],
    ['null', () => null],
  ])('is refused (a miss) with %s', async (_, mutate) => {
    const { bmc } = sdrBmc();
    const doc = JSON.parse(JSON.stringify(toCacheDocument('sdr1_test', await readSdrRepository(bmc)))) as Record<string, unknown>;
    expect(fromCacheDocument('sdr1_test', mutate(doc))).toBeUndefined();
  });
});

describe('FileSdrStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sdr-cache-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const key = sdrCacheKey(identity, state)!;

  it('writes one JSON file per key (creating the directory) and reads it back decoded', async () => {
    const store = new FileSdrStore(join(dir, 'nested', 'sdr'));
    const { bmc } = sdrBmc();
    const original = await readSdrRepository(bmc);
    expect(await store.get(key)).toBeUndefined();
    await store.set(key, original);
    expect(await readdir(join(dir, 'nested', 'sdr'))).toEqual([`${key}.json`]);
    expect(await store.get(key)).toEqual(original);
  });

  it.each([
    ['empty', ''],
    ['truncated JSON', '{"format":"bmc-control-plane/sdr-cache","version":1,"key":'],
    ['binary garbage', '\u0000\u0001\u00ff'],
    ['valid JSON of the wrong shape', '[1,2,3]'],
  ])('treats a %s file as a miss, and the next set repairs it', async (_, content) => {
    const store = new FileSdrStore(dir);
    await writeFile(join(dir, `${key}.json`), content);
    expect(await store.get(key)).toBeUndefined();
    const { bmc } = sdrBmc();
    await store.set(key, await readSdrRepository(bmc));
    expect((await store.get(key))?.records).toHaveLength(5);
  });

  it('replaces files atomically: concurrent writers leave one whole file and no temporaries', async () => {
    const store = new FileSdrStore(dir);
    const a = await readSdrRepository(sdrBmc().bmc);
    const b = await readSdrRepository(sdrBmc({ records: [fullRecord()] }).bmc);
    const reads: Promise<SdrRepository | undefined>[] = [];
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      writes.push(store.set(key, i % 2 ? a : b));
      reads.push(store.get(key));
    }
    await Promise.all(writes);
    // Every read saw nothing yet or one of the two whole repositories, never a torn file.
    for (const r of await Promise.all(reads)) expect([undefined, 1, 5]).toContain(r?.records.length);
    expect(await readdir(dir)).toEqual([`${key}.json`]);
    expect([1, 5]).toContain((await store.get(key))?.records.length);
  });

  it('keeps at most maxFiles cache files, dropping the least recently written, and leaves other files alone', async () => {
    const store = new FileSdrStore(dir, { maxFiles: 2 });
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const r = await readSdrRepository(sdrBmc().bmc);
    const keys = [1, 2, 3].map((n) => sdrCacheKey(identity, { ...state, lastAddTimestamp: 0x6500_0000 + n })!);
    for (const k of keys) {
      await store.set(k, r);
      // Distinct modification times, whatever the file system's resolution.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await readdir(dir)).sort()).toEqual([`${keys[1]}.json`, `${keys[2]}.json`, 'notes.txt'].sort());
    expect(await store.get(keys[0]!)).toBeUndefined();
    expect((await store.get(keys[2]!))?.records).toHaveLength(5);
  });

  it('refuses keys that are not cache keys (no path can be smuggled in)', async () => {
    const store = new FileSdrStore(dir);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(RangeError);
    await expect(store.set('sdr1_a/../../x', repo('a'))).rejects.toThrow(RangeError);
  });

  it('takes its directory from BMC_SDR_CACHE_DIR, XDG_CACHE_HOME or HOME, in that order', () => {
    expect(defaultSdrCacheDir({ BMC_SDR_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c');
    expect(defaultSdrCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/bmc-control-plane/sdr');
    expect(defaultSdrCacheDir({ HOME: '/h' })).toBe('/h/.cache/bmc-control-plane/sdr');
    expect(defaultSdrCacheDir({})).toBeUndefined();
  });
});

describe('getSdrs', () => {
  it('reads a miss within the bounds it is given, and caches nothing past them', async () => {
    const cache = new SdrCache();
    const { bmc } = sdrBmc();
    await expect(lookupSdrs(bmc, cache, { bounds: { sdrRecords: 4 } })).rejects.toMatchObject({ name: 'BoundExceededError', bound: 'sdrRecords', limit: 4 });
    expect(recordReads(bmc)).toBe(0);
    expect((await lookupSdrs(bmc, cache)).source).toBe('bmc');
  });

  it('reads the repository on a miss, then answers from the cache with Get Device ID and Get SDR Repository Info only', async () => {
    const cache = new SdrCache();
    const { bmc } = sdrBmc();
    const first = await lookupSdrs(bmc, cache);
    expect(first.source).toBe('bmc');
    expect(first.repository.records).toHaveLength(5);
    const readsAfterMiss = bmc.requests.length;
    expect(recordReads(bmc)).toBeGreaterThan(0);

    const second = await lookupSdrs(bmc, cache);
    expect(second.source).toBe('memory');
    expect(second.repository).toBe(first.repository);
    expect(bmc.requests.slice(readsAfterMiss).map((r) => [r.netFn, r.cmd])).toEqual([
      [APP, 0x01],
      [STORAGE, 0x20],
    ]);
    expect(cache.stats).toMatchObject({ misses: 1, memoryHits: 1 });
  });

  it('shares one decoded object between BMCs with identical firmware and repository state', async () => {
    const cache = new SdrCache();
    const bmcs = Array.from({ length: 50 }, () => sdrBmc().bmc);
    const repos = [];
    for (const b of bmcs) repos.push(await getSdrs(b, cache));
    expect(new Set(repos).size).toBe(1);
    expect(bmcs.filter((b) => recordReads(b) > 0)).toHaveLength(1);
    expect(cache.memory.size).toBe(1);
  });

  it('reads identical BMCs that miss at the same moment once, and the others wait for that read', async () => {
    const cache = new SdrCache();
    const bmcs = Array.from({ length: 20 }, () => sdrBmc().bmc);
    const repos = await Promise.all(bmcs.map((b) => getSdrs(b, cache)));
    expect(new Set(repos).size).toBe(1);
    expect(bmcs.filter((b) => recordReads(b) > 0)).toHaveLength(1);
    expect(cache.stats).toMatchObject({ misses: 1, sharedReads: 19 });
  });

  it('reads its own repository when the BMC it waited for fails', async () => {
    const cache = new SdrCache();
    const broken = sdrBmc().bmc;
    broken.on(STORAGE, GET_SDR, () => cc(0xce));
    const healthy = sdrBmc().bmc;
    const [a, b] = await Promise.allSettled([getSdrs(broken, cache), getSdrs(healthy, cache)]);
    expect(a.status).toBe('rejected');
    expect(b.status === 'fulfilled' && b.value.records).toHaveLength(5);
    expect(recordReads(healthy)).toBeGreaterThan(0);
  });

  it('keeps BMCs with other firmware apart', async () => {
    const cache = new SdrCache();
    const a = await getSdrs(sdrBmc().bmc, cache);
    const other = sdrBmc({ deviceId: [...DEVICE_ID.slice(0, 3), 0x17, ...DEVICE_ID.slice(4)], records: [fullRecord()] });
    const b = await getSdrs(other.bmc, cache);
    expect(b).not.toBe(a);
    expect(b.records).toHaveLength(1);
  });

  it('reads again when the repository changes (record added: count and addition timestamp move)', async () => {
    const cache = new SdrCache();
    const { bmc, state: s } = sdrBmc();
    expect(await getSdrs(bmc, cache)).toHaveProperty('records.length', 5);
    s.records = [...s.records, fullRecord({}, 'New Temp', 0x0007)];
    s.lastAdd += 60;
    const before = recordReads(bmc);
    const after = await getSdrs(bmc, cache);
    expect(after.records).toHaveLength(6);
    expect(recordReads(bmc)).toBeGreaterThan(before);
  });

  it('reads again after an erase with the same record count (only the erase timestamp moves)', async () => {
    const cache = new SdrCache();
    const { bmc, state: s } = sdrBmc();
    await getSdrs(bmc, cache);
    s.records = [fullRecord({}, 'Other'), ...s.records.slice(1)];
    s.lastErase += 1;
    expect((await getSdrs(bmc, cache)).records[0]).toHaveProperty('name', 'Other');
  });

  it('never caches a BMC without timestamps', async () => {
    const cache = new SdrCache();
    const { bmc } = sdrBmc({ lastAdd: 0xffffffff });
    await getSdrs(bmc, cache);
    const before = recordReads(bmc);
    const second = await lookupSdrs(bmc, cache);
    expect(second.source).toBe('uncacheable');
    expect(recordReads(bmc)).toBeGreaterThan(before);
    expect(cache.memory.size).toBe(0);
  });

  it('returns but does not cache records read while the repository changed', async () => {
    const cache = new SdrCache();
    const { bmc, state: s } = sdrBmc();
    let gets = 0;
    s.onGetSdr = () => {
      if (++gets === 3) s.lastAdd += 1; // an add lands mid-read
    };
    const r = await lookupSdrs(bmc, cache);
    expect(r.repository.records).toHaveLength(5);
    expect(r.key).toBeUndefined();
    expect(cache.memory.size).toBe(0);
  });

  it('uses a persistent store as the second level and promotes its entries to memory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sdr-cache-test-'));
    try {
      const writer = new SdrCache({ store: new FileSdrStore(dir) });
      await getSdrs(sdrBmc().bmc, writer);
      // A new process: empty memory, same directory.
      const reader = new SdrCache({ store: new FileSdrStore(dir) });
      const { bmc } = sdrBmc();
      const a = await lookupSdrs(bmc, reader);
      expect(a.source).toBe('store');
      expect(recordReads(bmc)).toBe(0);
      expect((await lookupSdrs(bmc, reader)).source).toBe('memory');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loads and decodes a stored repository once when a whole fleet asks for it at the same moment', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sdr-cache-test-'));
    try {
      await getSdrs(sdrBmc().bmc, new SdrCache({ store: new FileSdrStore(dir) }));
      const file = new FileSdrStore(dir);
      let loads = 0;
      const counting = { get: (key: string) => (loads++, file.get(key)), set: (key: string, r: SdrRepository) => file.set(key, r) };
      const reader = new SdrCache({ store: counting });
      const bmcs = Array.from({ length: 40 }, () => sdrBmc().bmc);
      const repos = await Promise.all(bmcs.map((b) => getSdrs(b, reader)));
      expect(loads).toBe(1);
      expect(new Set(repos).size).toBe(1);
      expect(bmcs.every((b) => recordReads(b) === 0)).toBe(true);
      expect(reader.stats).toMatchObject({ storeHits: 1, memoryHits: 39, misses: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('carries on without a store that fails (unwritable directory): counted, never thrown', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sdr-cache-test-'));
    try {
      const blocker = join(dir, 'file');
      await writeFile(blocker, 'not a directory');
      const cache = new SdrCache({ store: new FileSdrStore(join(blocker, 'sdr')) });
      const { bmc } = sdrBmc();
      expect((await getSdrs(bmc, cache)).records).toHaveLength(5);
      expect(cache.stats.storeErrors).toBeGreaterThan(0);
      // Memory still holds it.
      expect((await lookupSdrs(bmc, cache)).source).toBe('memory');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('treats a store whose reads throw as a miss', async () => {
    const failing: SdrCacheStore = {
      get: () => Promise.reject(new Error('EIO')),
      set: () => Promise.reject(new Error('EIO')),
    };
    const cache = new SdrCache({ store: failing });
    expect((await getSdrs(sdrBmc().bmc, cache)).records).toHaveLength(5);
    expect(cache.stats.storeErrors).toBe(2);
  });

  it('a corrupt cache file on disk is a miss that reads the BMC and rewrites the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sdr-cache-test-'));
    try {
      const key = sdrCacheKey(identity, state)!;
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${key}.json`), '{"format":"bmc-control-plane/sdr-cache","version":1,"key":"' + key + '","raw":["ff');
      const cache = new SdrCache({ store: new FileSdrStore(dir) });
      const { bmc } = sdrBmc();
      expect((await lookupSdrs(bmc, cache)).source).toBe('bmc');
      expect(JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8'))).toMatchObject({ key });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
