/**
 * SDR, SEL and FRU reads against the simulator, checked from the BMC's side with its command
 * journal: a read interrupted mid-way (a cancelled reservation, a lost answer) resumes at the
 * record or byte where it stopped, and reads grow toward what the BMC serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpmiRequester } from '../../lambdas/ipmi/commands/command.ts';
import { TimeoutError } from '../../lambdas/ipmi/errors.ts';
import { openSession, readFru, readSdrRepository, selList, type Session, type SessionOptions } from '../../lambdas/ipmi/index.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';

/** NetFn Storage (0Ah) commands, IPMI v2.0 sections 31, 33 and 34. */
const STORAGE = 0x0a;
const RESERVE_SDR = 0x22;
const GET_SDR = 0x23;
const RESERVE_SEL = 0x42;
const GET_SEL_ENTRY = 0x43;
const READ_FRU = 0x11;

let fleet: Fleet;
let s: Session;

const options = (): SessionOptions => ({ host: fleet.bmc(0).host, port: fleet.bmc(0).port, username: 'admin', password: 'admin', timeoutMs: 500, retries: 2 });

beforeAll(async () => {
  fleet = await startFleet({ count: 1, seed: 21 });
  fleet.bmc(0).addSelEvents(40, { sensorType: 0x01, sensorNumber: 0x01, eventType: 0x01, deassertion: false, data: [0x57, 0x40, 0x45] });
  s = await openSession(options());
});
afterAll(async () => {
  await s?.close();
  await fleet?.stop();
});

/** The session, except that the nth answer to command `cmd` is lost after the BMC served it. */
function losingAnswer(inner: IpmiRequester, cmd: number, nth: number): IpmiRequester {
  let count = 0;
  return {
    raw: (netFn, c, data, o) => inner.raw(netFn, c, data, o),
    async call(command, req, o) {
      const res = await inner.call(command, req, o);
      if (command.cmd === cmd && ++count === nth) throw new TimeoutError(command.name, 'BMC', 500, 3);
      return res;
    },
  };
}

describe('SDR repository', () => {
  it('re-reserves after a cancelled reservation (C5h) and goes on from the record and offset it was reading', async () => {
    const journal = fleet.bmc(0).recordCommands();
    const clean = await readSdrRepository(s);
    const cleanGets = journal.of(STORAGE, GET_SDR).length;
    expect(journal.of(STORAGE, RESERVE_SDR)).toHaveLength(1);

    // Halfway through, another client's reservation cancels ours.
    const at = Math.floor(cleanGets / 2);
    fleet.bmc(0).bmc.injectStorageFaults({ cancelSdrReservationAt: [at] });
    journal.clear();
    const resumed = await readSdrRepository(s);
    fleet.bmc(0).bmc.injectStorageFaults({});

    expect(resumed.raw).toEqual(clean.raw);
    expect(journal.of(STORAGE, RESERVE_SDR)).toHaveLength(2);
    // The refused read is re-sent, and nothing else: starting the record or the repository
    // over would have cost the reads already made again.
    expect(journal.of(STORAGE, GET_SDR)).toHaveLength(cleanGets + 1);
  });

  it('re-sends a lost exchange and goes on, without reading earlier records again', async () => {
    const journal = fleet.bmc(0).recordCommands();
    const clean = await readSdrRepository(s);
    const cleanGets = journal.of(STORAGE, GET_SDR).length;
    journal.clear();
    const resumed = await readSdrRepository(losingAnswer(s, GET_SDR, Math.floor(cleanGets / 2)));
    expect(resumed.raw).toEqual(clean.raw);
    // Exactly one read more than a clean pass: the one whose answer was lost.
    expect(journal.of(STORAGE, GET_SDR)).toHaveLength(cleanGets + 1);
  });

  it('asks for whole records first and, refused, reads chunks from offset 0 that grow to what the BMC serves', async () => {
    const journal = fleet.bmc(0).recordCommands();
    const repo = await readSdrRepository(s);
    const lengths = repo.raw.map((r) => r.length / 2);
    // The simulator serves at most 32 bytes per Get SDR (profile maxSdrReadBytes): the whole
    // first record is refused, then each record comes in 32-byte chunks from offset 0, with one
    // more refusal where the chunk grew past 32.
    const chunks = lengths.reduce((n, len) => n + Math.ceil(len / 32), 0);
    const gets = journal.of(STORAGE, GET_SDR).length;
    expect(gets).toBeGreaterThanOrEqual(1 + chunks);
    expect(gets).toBeLessThanOrEqual(2 + chunks);
    // Reading each header alone first (ipmitool), even at 32 bytes, would need more.
    expect(gets).toBeLessThan(lengths.reduce((n, len) => n + 1 + Math.ceil((len - 5) / 32), 0));
  });
});

describe('SEL', () => {
  it('takes a reservation when an entry is refused with C5h and goes on from that entry', async () => {
    const journal = fleet.bmc(0).recordCommands();
    const clean = await selList(s);
    expect(clean).toHaveLength(40);
    const cleanGets = journal.of(STORAGE, GET_SEL_ENTRY).length;
    fleet.bmc(0).bmc.injectStorageFaults({ selReservationLostAt: [20] });
    journal.clear();
    const resumed = await selList(s);
    fleet.bmc(0).bmc.injectStorageFaults({});
    expect(resumed).toEqual(clean);
    expect(journal.of(STORAGE, RESERVE_SEL)).toHaveLength(1);
    expect(journal.of(STORAGE, GET_SEL_ENTRY)).toHaveLength(cleanGets + 1);
  });

  it('keeps only the newest entries asked for', async () => {
    const all = await selList(s);
    const last = await selList(s, { last: 5 });
    expect(last).toEqual(all.slice(-5));
  });
});

describe('FRU', () => {
  it('re-sends a lost exchange and goes on from the byte it had reached', async () => {
    const journal = fleet.bmc(0).recordCommands();
    const clean = await readFru(s);
    const cleanReads = journal.of(STORAGE, READ_FRU).length;
    expect(cleanReads).toBeGreaterThan(2);
    journal.clear();
    const resumed = await readFru(losingAnswer(s, READ_FRU, 2));
    expect(resumed).toEqual(clean);
    expect(journal.of(STORAGE, READ_FRU)).toHaveLength(cleanReads + 1);
  });
});
