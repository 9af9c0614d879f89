/**
 * A fan wearing out: it has dipped under its lower non-critical threshold before (logged, then
 * recovered), and now slows steadily through its lower thresholds, each crossing logged by the
 * sensor bank as a real BMC would (threshold events, Table 42-2).
 */
import { SensorBank } from '../bmc/sensor-bank.ts';
import { toRaw, type AnalogSensor } from '../bmc/sensor-catalog.ts';
import { selSecondsAt } from './sel-time.ts';
import type { ScenarioFactory } from './types.ts';

const HOUR = 3_600_000;

export function analogSensor(bmc: Parameters<ScenarioFactory<'fan-degrading'>>[0], name: string): AnalogSensor {
  const s = bmc.catalog.byNumber.get(bmc.sensorNumber(name));
  if (!s || !('rawThresholds' in s)) throw new RangeError(`sensor ${name} is not a threshold sensor`);
  return s;
}

export const fanDegrading: ScenarioFactory<'fan-degrading'> = (bmc, spec, now) => {
  const s = analogSensor(bmc, spec.sensor ?? 'FAN2');
  const lnc = s.rawThresholds.lnc;
  if (lnc === undefined) throw new RangeError(`sensor ${s.def.name} has no lower non-critical threshold`);
  const start = s.def.nominal;
  const floor = spec.floorRpm ?? 900;
  const duration = spec.durationMs ?? 30 * 60_000;
  const startedAt = now - (spec.elapsedMs ?? 0);
  const dip = toRaw(SensorBank.beyond(s, 'lnc'), s.def.factors);
  const pastDips = spec.pastDips ?? 2;
  for (let i = pastDips; i >= 1; i--) {
    const at = startedAt - i * 4 * HOUR;
    const event = { sensorType: s.def.sensorType, sensorNumber: s.def.number, eventType: 0x01, data: [0x50, dip, lnc] as const };
    bmc.sel.addAt({ ...event, deassertion: false }, selSecondsAt(bmc, at));
    bmc.sel.addAt({ ...event, deassertion: true }, selSecondsAt(bmc, at + 10 * 60_000));
  }
  const valueAt = (t: number) => start - (start - floor) * Math.min(1, Math.max(0, (t - startedAt) / duration));
  let last = Number.NaN;
  const tick = (t: number) => {
    const v = Math.round(valueAt(t));
    if (v === last) return;
    last = v;
    bmc.setSensor(s.def.number, v);
  };
  tick(now);
  return { kind: 'fan-degrading', tick, stop: () => bmc.setSensor(s.def.number, null) };
};
