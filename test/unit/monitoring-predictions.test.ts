/**
 * The prediction rules (lambdas/core/monitoring/predictions), fed SEL entries that the library's
 * decoder made from record bytes the simulator encodes (IPMI v2.0 section 32.1 Table 32-1), and
 * sensor histories. Boundaries: window edges, one event not being enough, deassertions, a fan
 * that recovers, `since` surviving re-evaluation.
 */
import { describe, expect, it } from 'vitest';
import type { SelEntry } from '../../lambdas/core/bmc-data.ts';
import type { Prediction, SensorHistory, SensorSample } from '../../lambdas/core/monitoring/model.ts';
import { assessBmc, raisedPredictions } from '../../lambdas/core/monitoring/predictions/index.ts';
import { selEntryFromBytes } from '../../lambdas/ipmi/sel/entry.ts';
import { encodeSystemEventRecord, type SystemEvent } from '../../lambdas/simulator/bmc/sel-log.ts';

const NOW = '2026-12-03T12:00:00.000Z';
const NOW_MS = Date.parse(NOW);
const MIN = 60_000;
const HOUR = 60 * MIN;

let nextId = 1;
/** One SEL entry as the library decodes it from the simulator's bytes, logged `agoMs` before NOW. */
function sel(agoMs: number, e: SystemEvent): SelEntry {
  return selEntryFromBytes(encodeSystemEventRecord(nextId++, Math.floor((NOW_MS - agoMs) / 1000), e));
}
// Memory (0Ch) correctable ECC (offset 0) on DIMM `dimm`: event data 1 bits 5:4 = 11b says data 3 names it.
const ecc = (agoMs: number, dimm: number, offset = 0x00): SelEntry => sel(agoMs, { sensorType: 0x0c, sensorNumber: 0x70, eventType: 0x6f, deassertion: false, data: [0x30 | offset, 0xff, dimm] });
const discrete = (agoMs: number, sensorType: number, sensorNumber: number, offset: number, deassertion = false): SelEntry =>
  sel(agoMs, { sensorType, sensorNumber, eventType: 0x6f, deassertion, data: [offset, 0xff, 0xff] });
// Fan lower-threshold going low (Table 42-2 offset 00h lnc, 02h lcr): data 2 the reading, 3 the threshold (raw).
const fanLow = (agoMs: number, sensorNumber: number, offset = 0x00, deassertion = false): SelEntry =>
  sel(agoMs, { sensorType: 0x04, sensorNumber, eventType: 0x01, deassertion, data: [0x50 | offset, 25, 27] });

const assess = (input: { sel?: SelEntry[]; sensors?: SensorHistory[]; previous?: Prediction[]; now?: string }) =>
  assessBmc({ bmcId: 'bmc-1', sel: input.sel ?? [], sensors: input.sensors ?? [], previous: input.previous ?? [], now: input.now ?? NOW });

const series = (values: readonly (readonly [number, number | null, SensorSample['status']])[]): SensorSample[] =>
  values.map(([agoMs, reading, status]) => ({ time: new Date(NOW_MS - agoMs).toISOString(), reading, status }));
const fanHistory = (samples: SensorSample[]): SensorHistory => ({ name: 'FAN2', type: 'Fan', unit: 'RPM', thresholds: { lnr: 560, lcr: 1008, lnc: 1512 }, samples });
const tempHistory = (name: string, samples: SensorSample[]): SensorHistory => ({ name, type: 'Temperature', unit: 'degrees C', thresholds: { unc: 85, ucr: 95, unr: 100 }, samples });

describe('the SEL entries the rules read', () => {
  it('are what the library decodes from the simulator bytes', () => {
    const e = ecc(MIN, 3);
    expect(e).toMatchObject({ sensorType: 'Memory', sensorNumber: 0x70, event: 'Correctable ECC', direction: 'asserted' });
    expect(e.raw).toHaveLength(32);
  });
});

describe('memory.ecc-rate', () => {
  it('ignores a single correctable error', () => {
    expect(assess({ sel: [ecc(MIN, 3)] })).toEqual([]);
  });

  it('rates 3 errors in 7 days low, 4 in 24 hours medium, 10 in an hour high', () => {
    const week = [ecc(2 * 24 * HOUR, 3), ecc(3 * 24 * HOUR, 3), ecc(5 * 24 * HOUR, 3)];
    const low = assess({ sel: week });
    expect(low).toHaveLength(1);
    expect(low[0]).toMatchObject({ rule: 'memory.ecc-rate', component: 'DIMM 3 (Memory #0x70)', risk: 'low' });
    expect(low[0]!.evidence).toEqual(week.map((e) => `sel:0x${e.id.toString(16).padStart(4, '0')}`));

    const day = [1, 5, 9, 20].map((h) => ecc(h * HOUR, 3));
    expect(assess({ sel: day })[0]).toMatchObject({ risk: 'medium', reason: '4 correctable ECC errors in the last 24 hours (threshold 4)' });

    const storm = Array.from({ length: 10 }, (_, i) => ecc(i * 5 * MIN, 3));
    expect(assess({ sel: storm })[0]).toMatchObject({ risk: 'high', reason: '10 correctable ECC errors in the last hour (threshold 10)' });
  });

  it('counts per DIMM: errors spread over two DIMMs do not add up', () => {
    const spread = [1, 2, 3].map((h) => ecc(h * HOUR, 1)).concat([4, 5, 6].map((h) => ecc(h * HOUR, 2)));
    const found = assess({ sel: spread, now: new Date(NOW_MS).toISOString() });
    expect(found.map((p) => [p.component, p.risk])).toEqual([
      ['DIMM 1 (Memory #0x70)', 'low'],
      ['DIMM 2 (Memory #0x70)', 'low'],
    ]);
  });

  it('includes the window edge and excludes just past it', () => {
    const atEdge = [ecc(24 * HOUR, 4), ecc(HOUR, 4), ecc(2 * HOUR, 4), ecc(3 * HOUR, 4)];
    expect(assess({ sel: atEdge })[0]!.risk).toBe('medium');
    const pastEdge = [ecc(24 * HOUR + 1000, 4), ecc(HOUR, 4), ecc(2 * HOUR, 4), ecc(3 * HOUR, 4)];
    expect(assess({ sel: pastEdge })[0]!.risk).toBe('low');
  });

  it('ignores errors logged after the time of the assessment', () => {
    const future = Array.from({ length: 10 }, () => ecc(-HOUR, 5));
    expect(assess({ sel: future })).toEqual([]);
  });

  it('rates one uncorrectable error or a logging limit high', () => {
    expect(assess({ sel: [ecc(HOUR, 6, 0x01)] })[0]).toMatchObject({ component: 'DIMM 6 (Memory #0x70)', risk: 'high', reason: 'an uncorrectable ECC error was logged in the last 24 hours' });
    expect(assess({ sel: [ecc(HOUR, 6, 0x05)] })[0]!.risk).toBe('high');
  });
});

describe('fan.degrading', () => {
  it('needs 3 lower-threshold crossings in 24 hours', () => {
    expect(assess({ sel: [fanLow(HOUR, 0x21), fanLow(2 * HOUR, 0x21)] })).toEqual([]);
    const three = assess({ sel: [fanLow(HOUR, 0x21), fanLow(2 * HOUR, 0x21), fanLow(3 * HOUR, 0x21)] });
    expect(three).toEqual([expect.objectContaining({ rule: 'fan.degrading', component: 'Fan #0x21', risk: 'medium' })]);
    const critical = assess({ sel: [fanLow(HOUR, 0x21), fanLow(2 * HOUR, 0x21), fanLow(3 * HOUR, 0x21, 0x02)] });
    expect(critical[0]!.risk).toBe('high');
  });

  it('does not count deassertions, other fans, or crossings older than 24 hours', () => {
    const entries = [fanLow(HOUR, 0x21, 0, true), fanLow(2 * HOUR, 0x21, 0, true), fanLow(3 * HOUR, 0x22), fanLow(25 * HOUR, 0x21), fanLow(4 * HOUR, 0x21)];
    expect(assess({ sel: entries })).toEqual([]);
  });

  it('sees a falling RPM trend and rates it by status and by when it reaches critical', () => {
    const falling = fanHistory(series([[5 * HOUR, 7700, 'ok'], [4 * HOUR, 6400, 'ok'], [3 * HOUR, 5000, 'ok'], [2 * HOUR, 3800, 'ok'], [HOUR, 2500, 'ok']]));
    const [p] = assess({ sensors: [falling] });
    expect(p).toMatchObject({ rule: 'fan.degrading', component: 'FAN2', risk: 'medium' });
    expect(p!.evidence).toEqual([`FAN2=7700 RPM at ${new Date(NOW_MS - 5 * HOUR).toISOString()}`, `FAN2=2500 RPM at ${new Date(NOW_MS - HOUR).toISOString()}`]);
    const slow = fanHistory(series([[5 * HOUR, 7800, 'ok'], [4 * HOUR, 7600, 'ok'], [3 * HOUR, 7400, 'ok'], [2 * HOUR, 7100, 'ok'], [HOUR, 6900, 'ok']]));
    expect(assess({ sensors: [slow] })[0]!.risk).toBe('low');
    const underCritical = fanHistory(series([[4 * HOUR, 3000, 'ok'], [3 * HOUR, 2000, 'ok'], [2 * HOUR, 1400, 'nc'], [HOUR, 900, 'cr']]));
    expect(assess({ sensors: [underCritical] })[0]!.risk).toBe('high');
  });

  it('does not report a fan that came back to speed, a steady fan or too few readings', () => {
    const recovered = fanHistory(series([[5 * HOUR, 7700, 'ok'], [4 * HOUR, 5000, 'ok'], [3 * HOUR, 3000, 'ok'], [2 * HOUR, 3200, 'ok'], [HOUR, 7600, 'ok']]));
    const steady = fanHistory(series([[4 * HOUR, 7700, 'ok'], [3 * HOUR, 7750, 'ok'], [2 * HOUR, 7650, 'ok'], [HOUR, 7700, 'ok']]));
    const few = fanHistory(series([[3 * HOUR, 7700, 'ok'], [2 * HOUR, 4000, 'ok'], [HOUR, 2000, 'ok']]));
    expect(assess({ sensors: [recovered] })).toEqual([]);
    expect(assess({ sensors: [steady] })).toEqual([]);
    expect(assess({ sensors: [few] })).toEqual([]);
  });

  it('only looks at the last 6 hours of readings', () => {
    const old = fanHistory(series([[12 * HOUR, 7700, 'ok'], [11 * HOUR, 5000, 'ok'], [10 * HOUR, 3000, 'ok'], [9 * HOUR, 2000, 'ok'], [HOUR, 2000, 'ok']]));
    expect(assess({ sensors: [old] })).toEqual([]);
  });
});

describe('psu.failure, drive.predictive-failure and processor.fault', () => {
  it('reports a PSU failure, predictive failure or AC loss until it is deasserted', () => {
    const failed = assess({ sel: [discrete(HOUR, 0x08, 0x40, 0x01)] });
    expect(failed).toEqual([expect.objectContaining({ rule: 'psu.failure', component: 'Power Supply #0x40', risk: 'high', reason: 'Power Supply reports failure detected (asserted, not deasserted since)' })]);
    expect(assess({ sel: [discrete(HOUR, 0x08, 0x41, 0x02)] })[0]!.risk).toBe('medium');
    expect(assess({ sel: [discrete(HOUR, 0x08, 0x41, 0x03)] })[0]!.reason).toContain('AC input lost');
    expect(assess({ sel: [discrete(2 * HOUR, 0x08, 0x40, 0x01), discrete(HOUR, 0x08, 0x40, 0x01, true)] })).toEqual([]);
  });

  it('ignores a PSU presence event and keeps the highest risk of several states', () => {
    expect(assess({ sel: [discrete(HOUR, 0x08, 0x40, 0x00)] })).toEqual([]);
    const both = assess({ sel: [discrete(2 * HOUR, 0x08, 0x40, 0x02), discrete(HOUR, 0x08, 0x40, 0x01)] });
    expect(both).toHaveLength(1);
    expect(both[0]).toMatchObject({ risk: 'high', reason: 'Power Supply reports predictive failure, failure detected (asserted, not deasserted since)' });
    expect(both[0]!.evidence).toHaveLength(2);
  });

  it('reports a drive predictive failure (0Dh offset 02h)', () => {
    expect(assess({ sel: [discrete(HOUR, 0x0d, 0x80, 0x02)] })).toEqual([expect.objectContaining({ rule: 'drive.predictive-failure', component: 'Drive Slot / Bay #0x80', risk: 'medium' })]);
    expect(assess({ sel: [discrete(HOUR, 0x0d, 0x80, 0x00)] })).toEqual([]);
    expect(assess({ sel: [discrete(3 * HOUR, 0x0d, 0x80, 0x02), discrete(HOUR, 0x0d, 0x80, 0x02, true)] })).toEqual([]);
  });

  it('reports a processor IERR or thermal trip for 7 days', () => {
    expect(assess({ sel: [discrete(HOUR, 0x07, 0x90, 0x00)] })[0]).toMatchObject({ rule: 'processor.fault', component: 'Processor #0x90', risk: 'high' });
    expect(assess({ sel: [discrete(6 * 24 * HOUR, 0x07, 0x90, 0x01)] })[0]!.reason).toContain('thermal trip');
    expect(assess({ sel: [discrete(7 * 24 * HOUR + 1000, 0x07, 0x90, 0x01)] })).toEqual([]);
  });
});

describe('thermal.trend', () => {
  const excursions = (peaks: readonly number[]) =>
    series(peaks.flatMap((peak, i): [number, number, SensorSample['status']][] => [
      [(20 - i * 6) * HOUR, 60, 'ok'],
      [(19 - i * 6) * HOUR, peak, peak >= 95 ? 'cr' : 'nc'],
      [(18 - i * 6) * HOUR, 60, 'ok'],
    ]));

  it('needs two excursions with rising peaks on a CPU or inlet sensor', () => {
    expect(assess({ sensors: [tempHistory('CPU1 Temp', excursions([88]))] })).toEqual([]);
    expect(assess({ sensors: [tempHistory('CPU1 Temp', excursions([88, 90]))] })).toEqual([
      expect.objectContaining({ rule: 'thermal.trend', component: 'CPU1 Temp', risk: 'medium' }),
    ]);
    expect(assess({ sensors: [tempHistory('Inlet Temp', excursions([86, 88, 92]))] })[0]!.risk).toBe('high');
  });

  it('ignores falling peaks and sensors it does not watch', () => {
    expect(assess({ sensors: [tempHistory('CPU1 Temp', excursions([92, 88]))] })).toEqual([]);
    expect(assess({ sensors: [tempHistory('Exhaust Temp', excursions([86, 88, 92]))] })).toEqual([]);
  });
});

describe('the assessment', () => {
  const psu = [discrete(HOUR, 0x08, 0x40, 0x02)];

  it('keeps since from the previous assessment and sets evaluatedAt', () => {
    const first = assess({ sel: psu, now: '2026-12-03T11:00:00.000Z' });
    expect(first[0]).toMatchObject({ since: '2026-12-03T11:00:00.000Z', evaluatedAt: '2026-12-03T11:00:00.000Z' });
    const again = assess({ sel: psu, previous: first });
    expect(again[0]).toMatchObject({ since: '2026-12-03T11:00:00.000Z', evaluatedAt: NOW });
  });

  it('names new and raised predictions, not unchanged or lowered ones', () => {
    const medium = assess({ sel: psu });
    const high = assess({ sel: [...psu, discrete(MIN, 0x08, 0x40, 0x01)], previous: medium });
    expect(raisedPredictions([], medium)).toEqual(medium);
    expect(raisedPredictions(medium, medium)).toEqual([]);
    expect(raisedPredictions(medium, high)).toEqual(high);
    expect(raisedPredictions(high, medium)).toEqual([]);
  });

  it('refuses a now that is not a time', () => {
    expect(() => assess({ now: 'yesterday' })).toThrow(RangeError);
  });

  it('skips OEM records and malformed raw bytes', () => {
    const oem = selEntryFromBytes(Uint8Array.from([0x01, 0x00, 0xc0, 0, 0, 0, 0, 0x57, 0x01, 0, 1, 2, 3, 4, 5, 6]));
    expect(assess({ sel: [oem, { ...ecc(MIN, 1), raw: 'zz' }] })).toEqual([]);
  });
});
