/**
 * The SDR cache against OpenIPMI's ipmi_sim: a hit costs Get Device ID and Get SDR
 * Repository Info only, the sensors read from cached SDRs equal those read without, and an
 * SDR added at run time (through ipmi_sim's console) moves the repository's record count and
 * addition timestamp, so the next lookup reads the repository again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallOptions, Command, IpmiRequester } from '../../lambdas/ipmi/commands/command.ts';
import { readSensors, type Session } from '../../lambdas/ipmi/index.ts';
import { lookupSdrs, SdrCache } from '../../lambdas/ipmi/sdr-cache/index.ts';
import type { IpmiSimHandle } from '../support/ipmi-sim.ts';
import { useIpmiSimSession } from '../support/use-ipmi-sim.ts';

/** Every command a session sends, as "netFn:cmd" in hex. */
class CountingRequester implements IpmiRequester {
  readonly sent: string[] = [];
  constructor(private readonly s: Session) {}
  call<Req, Res>(command: Command<Req, Res>, req: Req, options?: CallOptions): Promise<Res> {
    this.sent.push(`${command.netFn.toString(16)}:${command.cmd.toString(16)}`);
    return this.s.call(command, req, options);
  }
  raw(netFn: number, cmd: number, data: Uint8Array, options?: CallOptions) {
    this.sent.push(`${netFn.toString(16)}:${cmd.toString(16)}`);
    return this.s.raw(netFn, cmd, data, options);
  }
  take(): string[] {
    return this.sent.splice(0);
  }
}

const GET_DEVICE_ID = '6:1';
const GET_SDR_REPOSITORY_INFO = 'a:20';
const RESERVE_SDR = 'a:22';
const GET_SDR = 'a:23';

/**
 * An Event-Only Record (section 43.3 Table 43-3), record ID 0040h: sensor 71h, entity 7.1,
 * sensor type 12h (System Event), sensor-specific, ID string "Extra Event".
 */
const EXTRA_SDR =
  'main_sdr_add 0x20 0x40 0x00 0x51 0x03 0x17 0x20 0x00 0x71 0x07 0x01 0x12 0x6f 0x01 0x00 0x00 0x00 0xcb ' +
  [...Buffer.from('Extra Event', 'latin1')].map((b) => `0x${b.toString(16)}`).join(' ');

let sim: IpmiSimHandle;
let session: Session;

const ipmiSim = useIpmiSimSession(undefined, { cipherSuite: 3 });
beforeAll(() => {
  ({ sim, session } = ipmiSim());
});

describe('SDR cache against ipmi_sim', { timeout: 60_000 }, () => {
  it('a miss reads the records; a hit sends Get Device ID and Get SDR Repository Info only', async () => {
    const cache = new SdrCache();
    const s = new CountingRequester(session);
    const miss = await lookupSdrs(s, cache);
    expect(miss.source).toBe('bmc');
    expect(miss.key).toMatch(/^sdr1_m000157_p00a5_/); // ipmi_sim's fixture: Intel (343), product 00a5h
    const missSent = s.take();
    expect(missSent.filter((c) => c === GET_SDR).length).toBeGreaterThanOrEqual(miss.repository.raw.length);
    expect(missSent).toContain(RESERVE_SDR);

    const hit = await lookupSdrs(s, cache);
    expect(hit.source).toBe('memory');
    expect(hit.repository).toBe(miss.repository);
    expect(s.take()).toEqual([GET_DEVICE_ID, GET_SDR_REPOSITORY_INFO]);
  });

  it('sensors read from cached SDRs equal sensors read with a fresh repository', async () => {
    const cache = new SdrCache();
    await lookupSdrs(session, cache);
    const { repository, source } = await lookupSdrs(session, cache);
    expect(source).toBe('memory');
    const cached = await readSensors(session, { sdrs: repository });
    const fresh = await readSensors(session);
    expect(cached.length).toBeGreaterThan(10);
    expect(cached).toEqual(fresh);
  });

  it('reads the repository again after an SDR is added at run time', async () => {
    const cache = new SdrCache();
    const s = new CountingRequester(session);
    const before = await lookupSdrs(s, cache);
    expect(before.repository.records.map((r) => ('name' in r ? r.name : ''))).not.toContain('Extra Event');
    s.take();

    await sim.exec(EXTRA_SDR);

    const after = await lookupSdrs(s, cache);
    expect(after.source).toBe('bmc');
    expect(s.take()).toContain(GET_SDR);
    expect(after.key).not.toBe(before.key);
    expect(after.repository.info.recordCount).toBe(before.repository.info.recordCount + 1);
    expect(after.repository.info.lastAddTimestamp).toBeGreaterThanOrEqual(before.repository.info.lastAddTimestamp);
    expect(after.repository.records.map((r) => ('name' in r ? r.name : ''))).toContain('Extra Event');
    // And the new state is what is cached now.
    expect((await lookupSdrs(s, cache)).source).toBe('memory');
  });
});
