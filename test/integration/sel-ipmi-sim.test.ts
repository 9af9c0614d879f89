/**
 * SEL against OpenIPMI's ipmi_sim, compared with `ipmitool sel elist` on the same BMC:
 * event text, direction, sensor type, OEM records, timestamps, info, and clear.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ByteWriter } from '../../lambdas/ipmi/codec/bytes.ts';
import type { Session } from '../../lambdas/ipmi/index.ts';
import { selClear, selInfo, selList, selTime, setSelTime, type SelEntry } from '../../lambdas/ipmi/ops/sel.ts';
import type { IpmiSimHandle } from '../support/ipmi-sim.ts';
import { useIpmiSimSession } from '../support/use-ipmi-sim.ts';
import { ipmitool as runIpmitool } from '../support/ipmitool.ts';

let sim: IpmiSimHandle;
let s: Session;

/** ipmitool over lanplus with cipher suite 3 (ipmi_sim's highest); UTC times (-Z); password in the environment. */
const ipmitool = (...args: string[]): Promise<string> => runIpmitool(sim, args, { utc: true, timeoutMs: 20_000 });

interface ElistLine {
  id: number;
  /** ISO 8601 for calendar times, null for Pre-Init and for non-timestamped records. */
  time: string | null;
  cols: string[];
}

/** Two-digit years as glibc's %x prints them in the C locale, or four. */
function elistTime(date: string, time: string): string {
  const [mm, dd, yy] = date.split('/');
  const year = yy!.length === 2 ? `20${yy}` : yy!;
  return `${year}-${mm}-${dd}T${time.replace(/\s*(UTC|GMT)$/, '')}.000Z`;
}

/** `sel elist` lines: "id | date | time | sensor | event | direction [| detail]" or the OEM forms. */
function parseElist(text: string): ElistLine[] {
  return text
    .split('\n')
    .filter((l) => l.includes('|'))
    .map((line) => {
      const cols = line.split('|').map((c) => c.trim());
      const id = parseInt(cols[0]!, 16);
      if (cols[1]!.startsWith('OEM record')) return { id, time: null, cols: cols.slice(1) };
      if (cols[1] === 'Pre-Init') return { id, time: null, cols: cols.slice(3) };
      return { id, time: elistTime(cols[1]!, cols[2]!), cols: cols.slice(3) };
    });
}

/** Our entry as the columns ipmitool prints after the time. */
function expectSameAsIpmitool(ours: SelEntry, theirs: ElistLine): void {
  expect(ours.id).toBe(theirs.id);
  expect(ours.timestamp).toBe(theirs.time);
  if (ours.sensorType === 'OEM') {
    // "OEM record c1 | 000157 | 010203040506" / "OEM record e0 | 0102...".
    const [record, a, b] = theirs.cols;
    expect(record).toBe(`OEM record ${ours.recordType.toString(16)}`);
    expect(ours.event).toBe(b === undefined ? `${record}: data ${a}` : `${record}: manufacturer ${a}, data ${b}`);
    return;
  }
  const [sensor, event, direction] = theirs.cols;
  // elist names the sensor from the SDR ("Temperature CPU1 Temp") or by number ("Temperature #0x30").
  expect(sensor!.startsWith(`${ours.sensorType} `)).toBe(true);
  expect(ours.event).toBe(event);
  expect(direction).toBe(ours.direction === 'asserted' ? 'Asserted' : 'Deasserted');
}

const ipmiSim = useIpmiSimSession();
beforeAll(() => {
  ({ sim, session: s } = ipmiSim());
});

describe('SEL against ipmi_sim, compared with ipmitool', () => {
  it('lists every fixture entry as `ipmitool sel elist` words it', async () => {
    const ours = await selList(s);
    const theirs = parseElist(await ipmitool('sel', 'elist'));
    expect(ours.length).toBe(theirs.length);
    ours.forEach((entry, i) => expectSameAsIpmitool(entry, theirs[i]!));

    // The fixture's own values (test/fixtures/ipmi-sim/bmc.emu), so agreeing with ipmitool by accident still fails.
    expect(ours.length).toBe(12);
    expect(ours[0]).toMatchObject({ recordType: 2, sensorType: 'Temperature', sensorNumber: 0x10, event: 'Upper Non-critical going high', direction: 'asserted' });
    expect(ours[1]).toMatchObject({ direction: 'deasserted' });
    expect(ours[2]).toMatchObject({ sensorType: 'Voltage', event: 'Lower Critical going low' });
    expect(ours[4]).toMatchObject({ sensorType: 'Power Supply', sensorNumber: 0x51, event: 'Failure detected' });
    expect(ours[6]).toMatchObject({ sensorType: 'Physical Security', event: 'General Chassis intrusion' });
    expect(ours[9]).toMatchObject({ event: 'System boot initiated' });
    expect(ours[10]).toMatchObject({ recordType: 0xc1, event: 'OEM record c1: manufacturer 000157, data 010203040506' });
    expect(ours[11]).toMatchObject({ recordType: 0xe0, timestamp: null, raw: '0c00e0' + '101112131415161718191a1b1c' });
    // ipmi_sim stamps fixture entries with seconds since it started: pre-init times.
    expect(ours[0]!.timestamp).toBeNull();
  });

  it('reports SEL info as `ipmitool sel info` does', async () => {
    const info = await selInfo(s);
    const text = await ipmitool('sel', 'info');
    expect(text).toContain(`Entries          : ${info.entries}`);
    expect(text).toContain(`Free Space       : ${info.freeBytes} bytes`);
    expect(text).toMatch(new RegExp(`Version\\s+: ${info.version.replace('.', '\\.')}`));
    expect(info.supports.reserve).toBe(true);
  });

  it('sets the SEL clock and timestamps new entries as ipmitool reads them', async () => {
    await setSelTime(s, new Date('2024-05-06T07:08:09Z'));
    const now = await selTime(s);
    expect(now.time).not.toBeNull();
    expect(Date.parse(now.time!)).toBeGreaterThanOrEqual(Date.parse('2024-05-06T07:08:09Z'));
    expect(Date.parse(now.time!)).toBeLessThan(Date.parse('2024-05-06T07:18:09Z'));

    // Add SEL Entry (section 31.6): Temperature sensor 10h, Upper Critical going high (offset 9).
    const record = new ByteWriter().u16le(0).u8(0x02).u32le(0).u16le(0x0020).u8(0x04).u8(0x01).u8(0x10).u8(0x01).u8(0x59).u8(0x60).u8(0x5a).finish();
    const added = await s.raw(0x0a, 0x44, record);
    expect(added.completionCode).toBe(0);

    const ours = (await selList(s)).at(-1)!;
    const theirs = parseElist(await ipmitool('sel', 'elist')).at(-1)!;
    expect(ours.timestamp).not.toBeNull();
    expectSameAsIpmitool(ours, theirs);
    expect(ours.event).toBe('Upper Critical going high');
  });

  it('clears the SEL with a reservation and waits for the erase', async () => {
    expect((await selList(s)).length).toBeGreaterThan(0);
    await selClear(s, { pollIntervalMs: 50 });
    expect(await selList(s)).toEqual([]);
    expect((await selInfo(s)).entries).toBe(0);
    expect(parseElist(await ipmitool('sel', 'elist'))).toEqual([]);
  });
});
