/**
 * Cooling losing ground: a temperature that stays normal most of each period, then climbs over
 * its upper non-critical threshold for a while, each time a little hotter. The sensor bank logs
 * each crossing and, past the hysteresis, its deassertion.
 */
import { analogSensor } from './fan-degrading.ts';
import type { ScenarioFactory } from './types.ts';

export const thermalExcursion: ScenarioFactory<'thermal-excursion'> = (bmc, spec, now) => {
  const s = analogSensor(bmc, spec.sensor ?? 'CPU1 Temp');
  const period = spec.periodMs ?? 10 * 60_000;
  const hot = spec.hotMs ?? 3 * 60_000;
  if (!(hot > 0 && hot < period)) throw new RangeError('thermal-excursion: hotMs must be between 0 and periodMs');
  const unc = s.def.thresholds.unc ?? s.def.nominal + 10;
  const first = spec.firstPeakC ?? unc + 2;
  const step = spec.stepC ?? 3;
  const max = spec.maxPeakC ?? s.def.thresholds.ucr ?? first + 10 * step;
  const startedAt = now - (spec.elapsedMs ?? 0);
  const valueAt = (t: number) => {
    const elapsed = Math.max(0, t - startedAt);
    const round = Math.floor(elapsed / period);
    return elapsed % period >= period - hot ? Math.min(max, first + round * step) : s.def.nominal;
  };
  let last = Number.NaN;
  const tick = (t: number) => {
    const v = valueAt(t);
    if (v === last) return;
    last = v;
    bmc.setSensor(s.def.number, v);
  };
  tick(now);
  return { kind: 'thermal-excursion', tick, stop: () => bmc.setSensor(s.def.number, null) };
};
