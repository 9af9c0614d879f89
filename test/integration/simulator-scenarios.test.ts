/**
 * Failure scenarios of the simulator (lambdas/simulator/scenarios), read by two clients we did
 * not write for the purpose and by our own: `ipmitool sel elist` and `sensor` decode the injected
 * SEL entries and sensor states as the library does, and the prediction rules over what the
 * library reads give exactly the expected predictions. Scenario time is driven by explicit ticks
 * (the fleet's own timer is parked), so the histories are deterministic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prediction, SensorHistory, SensorSample } from '../../lambdas/core/monitoring/model.ts';
import { assessBmc } from '../../lambdas/core/monitoring/predictions/index.ts';
import { openSession, type Session } from '../../lambdas/ipmi/index.ts';
import { TimeoutError } from '../../lambdas/ipmi/errors.ts';
import { readSensors } from '../../lambdas/ipmi/ops/sensors.ts';
import { selList, type SelEntry } from '../../lambdas/ipmi/ops/sel.ts';
import { startFleet, type BmcHandle, type Fleet } from '../../lambdas/simulator/index.ts';
import { ipmitool } from '../support/ipmitool.ts';

const PASSWORD = 'scenario-pw';
const MIN = 60_000;
let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({ count: 7, password: PASSWORD, seed: 5, selHistory: true, timing: { tickMs: 3_600_000, selEraseMs: 20 } });
});
afterAll(async () => {
  await fleet?.stop();
});

const target = (b: BmcHandle) => ({ host: b.host, port: b.port, username: 'admin', password: PASSWORD });

async function withSession<T>(b: BmcHandle, fn: (s: Session) => Promise<T>, patience: { timeoutMs: number; retries: number; deadlineMs?: number } = { timeoutMs: 300, retries: 2 }): Promise<T> {
  const s = await openSession({ ...target(b), cipherSuite: 3, ...patience });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

/** `sel elist` rows as [id, sensor, event, direction]. */
async function elist(b: BmcHandle): Promise<string[][]> {
  const out = await ipmitool(target(b), ['sel', 'elist'], { utc: true });
  return out
    .split('\n')
    .filter((l) => l.includes('|'))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map((c) => [String(parseInt(c[0]!, 16)), c[3]!, c[4]!, c[5]!]);
}

/** ipmitool and the library agree on every entry: id, sensor type, event text and direction. */
async function agreedSel(b: BmcHandle): Promise<SelEntry[]> {
  const ours = await withSession(b, (s) => selList(s));
  const theirs = await elist(b);
  expect(theirs.map((r) => [Number(r[0]), r[2], r[3]])).toEqual(ours.map((e) => [e.id, e.event, e.direction === 'asserted' ? 'Asserted' : 'Deasserted']));
  theirs.forEach((r, i) => expect(r[1]!.startsWith(`${ours[i]!.sensorType} `)).toBe(true));
  return ours;
}

const assess = (sel: readonly SelEntry[], now: number, sensors: SensorHistory[] = []): Prediction[] =>
  assessBmc({ bmcId: 'b', sel, sensors, previous: [], now: new Date(now).toISOString() });

const summary = (ps: readonly Prediction[]) => ps.map((p) => [p.rule, p.component, p.risk]);

/** Moves the scenarios of one BMC through `times`, reading `sensor` with the library at each. */
async function history(b: BmcHandle, sensor: string, times: readonly number[]): Promise<SensorHistory> {
  const samples: SensorSample[] = [];
  let last: Awaited<ReturnType<typeof readSensors>>[number] | undefined;
  for (const t of times) {
    b.tickScenarios(t);
    b.bmc.tick(t);
    last = (await withSession(b, (s) => readSensors(s))).find((x) => x.name === sensor);
    if (!last) throw new Error(`no sensor ${sensor}`);
    samples.push({ time: new Date(t).toISOString(), reading: last.reading, status: last.status });
  }
  return { name: sensor, type: last!.type, unit: last!.unit, thresholds: last!.thresholds, samples };
}

describe('the SEL history a simulated BMC starts with', () => {
  it('is there, decodes alike in ipmitool and the library, and predicts nothing', async () => {
    const sel = await agreedSel(fleet.bmc(0));
    expect(sel.length).toBeGreaterThanOrEqual(5);
    expect(sel[0]).toMatchObject({ sensorType: 'Event Logging Disabled', event: 'Log area reset/cleared' });
    expect(sel.map((e) => e.timestamp!)).toEqual([...sel.map((e) => e.timestamp!)].sort());
    for (let i = 0; i < fleet.size; i++) expect(assess(await withSession(fleet.bmc(i), (s) => selList(s)), Date.now())).toEqual([]);
  });

  it('is the same for the same seed', async () => {
    const again = await startFleet({ count: 2, password: PASSWORD, seed: 5, selHistory: true, timing: { tickMs: 3_600_000 } });
    try {
      // Bytes 3-6 are the timestamp, relative to when each fleet started.
      const shape = (hex: readonly string[]) => hex.map((r) => r.slice(0, 6) + r.slice(14));
      expect(shape(again.bmc(1).selEntries())).toEqual(shape(fleet.bmc(1).selEntries()));
    } finally {
      await again.stop();
    }
  });
});

describe('scenarios', () => {
  it('psu-failure: the PSU states failure in its sensor and the SEL', async () => {
    const b = fleet.bmc(1);
    b.startScenario({ kind: 'psu-failure', psu: 2 });
    const sensor = await ipmitool(target(b), ['sensor', 'get', 'PSU2 Status']);
    expect(sensor).toMatch(/Sensor Type \(Discrete\)\s*:\s*Power Supply/);
    expect(sensor).toMatch(/\[Presence detected\]\s*\[Failure detected\]/);
    const ours = (await withSession(b, (s) => readSensors(s))).find((x) => x.name === 'PSU2 Status');
    expect(ours?.states).toEqual(['Presence detected', 'Failure detected']);
    const sel = await agreedSel(b);
    expect(sel.at(-1)).toMatchObject({ sensorType: 'Power Supply', sensorNumber: 0x41, event: 'Failure detected', direction: 'asserted' });
    expect(summary(assess(sel, Date.now()))).toEqual([['psu.failure', 'Power Supply #0x41', 'high']]);
    b.stopScenarios();
    expect(assess(await agreedSel(b), Date.now())).toEqual([]);
  });

  it('fan-degrading: the fan falls through its lower thresholds; the SEL and the trend both say so', async () => {
    const b = fleet.bmc(2);
    const t0 = Date.now();
    b.startScenario({ kind: 'fan-degrading', sensor: 'FAN2', durationMs: 60 * MIN, floorRpm: 900 }, t0);
    const fan = await history(b, 'FAN2', [0, 10, 20, 30, 40, 50, 60].map((m) => t0 + m * MIN));
    expect(fan.samples.at(-1)).toMatchObject({ status: 'cr' });
    expect(await ipmitool(target(b), ['sensor', 'get', 'FAN2'])).toMatch(/Status\s*:\s*Lower Critical/);
    const sel = await agreedSel(b);
    const lows = sel.filter((e) => e.sensorNumber === 0x21 && e.direction === 'asserted').map((e) => e.event);
    expect(lows).toEqual(['Lower Non-critical going low', 'Lower Non-critical going low', 'Lower Non-critical going low', 'Lower Critical going low']);
    expect(summary(assess(sel, t0 + 60 * MIN, [fan]))).toEqual([
      ['fan.degrading', 'Fan #0x21', 'high'],
      ['fan.degrading', 'FAN2', 'high'],
    ]);
  });

  it('ecc-storm: a dozen correctable ECC errors on DIMM 2 in half an hour', async () => {
    const b = fleet.bmc(3);
    b.startScenario({ kind: 'ecc-storm', dimm: 2, burst: 12, burstSpanMs: 30 * MIN, everyMs: 5 * MIN });
    const sel = await agreedSel(b);
    const storm = sel.filter((e) => e.sensorType === 'Memory' && e.event === 'Correctable ECC');
    expect(storm.length).toBeGreaterThanOrEqual(12);
    const [p, ...others] = assess(sel, Date.now());
    expect(others).toEqual([]);
    expect(p).toMatchObject({ rule: 'memory.ecc-rate', component: 'DIMM 2 (Memory #0x70)', risk: 'high', reason: '12 correctable ECC errors in the last hour (threshold 10)' });
    expect(p!.evidence).toHaveLength(12);
  });

  it('thermal-excursion: CPU1 leaves its range three times, hotter each time', async () => {
    const b = fleet.bmc(4);
    const t0 = Date.now();
    b.startScenario({ kind: 'thermal-excursion', sensor: 'CPU1 Temp', periodMs: 10 * MIN, hotMs: 3 * MIN, firstPeakC: 87, stepC: 3 }, t0);
    const cpu = await history(b, 'CPU1 Temp', Array.from({ length: 31 }, (_, m) => t0 + m * MIN));
    expect(cpu.samples.filter((s) => s.status === 'nc').map((s) => s.reading)).toEqual([87, 87, 87, 90, 90, 90, 93, 93, 93]);
    const sel = await agreedSel(b);
    expect(sel.filter((e) => e.sensorNumber === 0x03).map((e) => `${e.event} ${e.direction}`)).toEqual(
      Array.from({ length: 3 }, () => ['Upper Non-critical going high asserted', 'Upper Non-critical going high deasserted']).flat(),
    );
    expect(summary(assess(sel, t0 + 30 * MIN, [cpu]))).toEqual([['thermal.trend', 'CPU1 Temp', 'high']]);
  });

  it('drive-predictive-failure: the backplane reports it in the SEL', async () => {
    const b = fleet.bmc(5);
    b.startScenario({ kind: 'drive-predictive-failure' });
    const sel = await agreedSel(b);
    expect(sel.at(-1)).toMatchObject({ sensorType: 'Drive Slot / Bay', sensorNumber: 0x80, event: 'Predictive Failure', direction: 'asserted' });
    expect(summary(assess(sel, Date.now()))).toEqual([['drive.predictive-failure', 'Drive Slot / Bay #0x80', 'medium']]);
  });

  it('unreachable: the BMC stops answering, then comes back', async () => {
    const b = fleet.bmc(6);
    const t0 = Date.now();
    b.startScenario({ kind: 'unreachable', downAfterMs: 0, downForMs: 5 * MIN }, t0);
    await expect(withSession(b, async () => undefined, { timeoutMs: 100, retries: 0, deadlineMs: 1000 })).rejects.toBeInstanceOf(TimeoutError);
    b.tickScenarios(t0 + 5 * MIN);
    await expect(withSession(b, (s) => selList(s))).resolves.not.toHaveLength(0);
  });
});
