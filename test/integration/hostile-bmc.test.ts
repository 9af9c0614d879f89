/**
 * A BMC that tries to set the client's amount of work (simulator profile hostile-storage.ts):
 * each read ends with the typed error of the bound it hit, after a number of requests (counted
 * by the BMC itself, leaving out the retransmissions it answers from memory, which a loaded
 * machine provokes) and bytes that the bound fixes. Bounds, unless a test states others, are
 * the defaults of lambdas/ipmi/ops/read-bounds.ts: sdrRecords 4,096, selEntries 8,192,
 * fruBytes 16,384 and readRequests 32,768.
 *
 * Memory, stated here: while a hostile read runs, the live heap (after a full collection)
 * grows by less than 8 MiB, client and simulator together. Reading the 4,096 records of the
 * record bound holds about 5 MiB; with that bound lifted, 23,000 records held 22 MiB, so
 * 65,535 would hold some 60. Those tests sample apart from the ones that count requests: a
 * full collection stalls the process long enough for the client to retransmit.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { BoundExceededError, RecordLoopError } from '../../lambdas/ipmi/errors.ts';
import { DEFAULT_READ_BOUNDS, readFru, readSdrRepository, readSensors, selList, withSession, type Session } from '../../lambdas/ipmi/index.ts';
import { hostileProfile, startFleet, type Fleet, type HostileStorage } from '../../lambdas/simulator/index.ts';

const STORAGE = 0x0a;
const GET_SDR = 0x23;
const GET_SEL_ENTRY = 0x43;
const READ_FRU = 0x11;

const LIVE_HEAP_BOUND = 8 * 2 ** 20;
/** Requests the BMC receives between two samples of the live heap. */
const SAMPLE_EVERY = 256;
// A full collection on demand, so that what is measured is what the read holds, not garbage.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const liveHeap = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.stop();
  fleet = undefined;
});

/**
 * Starts one hostile BMC, runs `work` in a session and returns the BMC's journal of it; with
 * `measureHeap`, also the most the live heap grew, sampled as the BMC's requests arrive and
 * once the read has ended (its result still held).
 */
async function against<T>(hostile: HostileStorage, work: (s: Session) => Promise<T>, measureHeap = false) {
  fleet = await startFleet({ count: 1, seed: 3, profile: hostileProfile(hostile) });
  const bmc = fleet.bmc(0);
  bmc.addSelEvents(5, { sensorType: 0x01, sensorNumber: 0x01, eventType: 0x01, deassertion: false, data: [0x57, 0x40, 0x45] });
  const journal = bmc.recordCommands();
  const baseline = measureHeap ? liveHeap() : 0;
  let heapGrowth = 0;
  const sample = () => (heapGrowth = Math.max(heapGrowth, liveHeap() - baseline));
  if (measureHeap) journal.onCommand = () => void (journal.entries.length % SAMPLE_EVERY === 0 && sample());
  const outcome = await withSession({ host: bmc.host, port: bmc.port, username: 'admin', password: 'admin', timeoutMs: 1000, retries: 2 }, (s) =>
    work(s).then(
      (value) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error }),
    ),
  );
  if (measureHeap) sample();
  const storage = journal.entries.filter((e) => e.netFn === STORAGE && !e.duplicate);
  return { ...outcome, journal, storageRequests: storage.length, heapGrowth };
}

describe('SDR repository', () => {
  it('refuses a repository that claims 65,535 records before reading one', async () => {
    const r = await against({ sdrRecords: 65_535 }, (s) => readSensors(s));
    expect(r.error).toBeInstanceOf(BoundExceededError);
    expect(r.error).toMatchObject({ bound: 'sdrRecords', limit: 4096 });
    expect(r.journal.executed(STORAGE, GET_SDR)).toHaveLength(0);
  });

  it('stops a repository that claims 10 records but serves 65,535 at the sdrRecords bound', async () => {
    const r = await against({ sdrRecords: 65_535, sdrClaimed: 10 }, (s) => readSdrRepository(s));
    expect(r.error).toMatchObject({ name: 'BoundExceededError', bound: 'sdrRecords', limit: DEFAULT_READ_BOUNDS.sdrRecords });
    // One whole-record read per record (each under 32 bytes): exactly the bound, no more.
    expect(r.journal.executed(STORAGE, GET_SDR)).toHaveLength(DEFAULT_READ_BOUNDS.sdrRecords);
  });

  it('stops one-byte answers at the readRequests bound (stated here: 2,000)', async () => {
    const r = await against({ sdrRecords: 65_535, sdrClaimed: 100, readBytes: 1 }, (s) => readSdrRepository(s, { bounds: { readRequests: 2000 } }));
    expect(r.error).toMatchObject({ name: 'BoundExceededError', bound: 'readRequests', limit: 2000 });
    // Info, reservations and Get SDR together: the requests the bound allows, not one more.
    expect(r.storageRequests).toBe(2000);
  });

  it('reads a repository whose answers come one byte at a time, when the bounds allow it', async () => {
    const r = await against({ sdrRecords: 3, readBytes: 1 }, (s) => readSdrRepository(s));
    expect(r.error).toBeUndefined();
    expect(r.value!.records.map((x) => x.kind)).toEqual(['event-only', 'event-only', 'event-only']);
  });
});

describe('SEL', () => {
  it('stops a looping record chain with RecordLoopError after one pass', async () => {
    const r = await against({ selLoop: true }, (s) => selList(s));
    expect(r.error).toBeInstanceOf(RecordLoopError);
    expect(r.error).toMatchObject({ recordId: 1 });
    expect(r.journal.executed(STORAGE, GET_SEL_ENTRY)).toHaveLength(5);
  });

  it('refuses a log that claims 65,535 entries before reading one', async () => {
    const r = await against({ selClaimed: 65_535 }, (s) => selList(s, { last: 10 }));
    expect(r.error).toMatchObject({ name: 'BoundExceededError', bound: 'selEntries', limit: 8192 });
    expect(r.journal.executed(STORAGE, GET_SEL_ENTRY)).toHaveLength(0);
  });

  it('answers one byte per entry: a typed error, not a crash', async () => {
    const r = await against({ readBytes: 1 }, (s) => selList(s));
    expect(r.error).toMatchObject({ name: 'TruncatedError' });
  });
});

describe('FRU', () => {
  it('stops a 64 KiB image with an endless multirecord list at the fruBytes bound', async () => {
    const r = await against({ fruBytes: 65_535 }, (s) => readFru(s));
    expect(r.error).toMatchObject({ name: 'BoundExceededError', bound: 'fruBytes', limit: 16_384 });
    // The simulator serves up to 64 bytes a read: reads grew from 32 to 64, so the 16 KiB
    // took about 256 reads (5 bytes a read would have taken 3,277).
    const reads = r.journal.executed(STORAGE, READ_FRU).length;
    expect(reads).toBeGreaterThanOrEqual(16_384 / 64);
    expect(reads).toBeLessThanOrEqual(16_384 / 64 + 4);
  });

  it('stops one-byte answers at the fruBytes bound (stated here: 1,024 bytes)', async () => {
    const r = await against({ fruBytes: 65_535, readBytes: 1 }, (s) => readFru(s, { bounds: { fruBytes: 1024 } }));
    expect(r.error).toMatchObject({ name: 'BoundExceededError', bound: 'fruBytes', limit: 1024 });
    // Every read returned one byte: as many reads as bytes, then the bound.
    expect(r.journal.executed(STORAGE, READ_FRU)).toHaveLength(1024);
  });
});

describe('memory held by hostile reads (live heap bound stated above: 8 MiB)', () => {
  it('sensors over a repository that serves 65,535 records behind a claim of 10', async () => {
    const r = await against({ sdrRecords: 65_535, sdrClaimed: 10 }, (s) => readSensors(s), true);
    expect(r.error).toMatchObject({ name: 'BoundExceededError', bound: 'sdrRecords' });
    expect(r.heapGrowth).toBeLessThan(LIVE_HEAP_BOUND);
  });

  it('an SDR repository answered one byte per read (readRequests stated here: 4,000)', async () => {
    const r = await against({ sdrRecords: 65_535, sdrClaimed: 1_000, readBytes: 1 }, (s) => readSdrRepository(s, { bounds: { readRequests: 4_000 } }), true);
    expect(r.error).toMatchObject({ name: 'BoundExceededError', bound: 'readRequests', limit: 4_000 });
    expect(r.heapGrowth).toBeLessThan(LIVE_HEAP_BOUND);
  });

  it('a looping SEL', async () => {
    const r = await against({ selLoop: true }, (s) => selList(s), true);
    expect(r.error).toBeInstanceOf(RecordLoopError);
    expect(r.heapGrowth).toBeLessThan(LIVE_HEAP_BOUND);
  });

  it('a 64 KiB FRU image', async () => {
    const r = await against({ fruBytes: 65_535 }, (s) => readFru(s), true);
    expect(r.error).toMatchObject({ name: 'BoundExceededError', bound: 'fruBytes' });
    expect(r.heapGrowth).toBeLessThan(LIVE_HEAP_BOUND);
  });
});
