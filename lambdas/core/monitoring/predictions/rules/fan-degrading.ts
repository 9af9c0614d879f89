/**
 * fan.degrading: a fan whose bearing or motor wears out slows down before it stops. Two signs:
 * repeated lower-threshold crossings in the SEL (Fan 04h, threshold type 01h, the "going low"
 * offsets 00h/02h/04h of Table 42-2) and a falling RPM trend in the sensor history. A fan that
 * dipped once, or dipped and came back to speed, is not reported by the trend.
 */
import type { PredictionRisk, SensorHistory } from '../../model.ts';
import { DAY_MS, HOUR_MS, readingEvidence, type Finding } from '../finding.ts';
import { groupBy, sensorLabel, within, type SelFact } from '../sel-facts.ts';
import { fit, points } from '../trend.ts';

const FAN = 0x04;
const THRESHOLD = 0x01;
/** lower non-critical, lower critical, lower non-recoverable going low (Table 42-2). */
const GOING_LOW = new Map([
  [0x00, 'non-critical'],
  [0x02, 'critical'],
  [0x04, 'non-recoverable'],
]);

export const FAN_CROSSINGS = { windowMs: DAY_MS, count: 3 } as const;
export const FAN_TREND = { windowMs: 6 * HOUR_MS, minSamples: 4, minDropRatio: 0.1, recoveredRatio: 0.95, horizonMs: DAY_MS } as const;

function crossings(facts: readonly SelFact[], now: number): Finding[] {
  const low = within(facts, now, FAN_CROSSINGS.windowMs).filter(
    (f) => f.sensorType === FAN && f.eventType === THRESHOLD && f.asserted && GOING_LOW.has(f.offset),
  );
  const out: Finding[] = [];
  for (const [, list] of groupBy(low, (f) => String(f.sensorNumber))) {
    if (list.length < FAN_CROSSINGS.count) continue;
    const critical = list.some((f) => f.offset !== 0x00);
    out.push({
      rule: 'fan.degrading',
      component: sensorLabel('Fan', list[0]!.sensorNumber),
      risk: critical ? 'high' : 'medium',
      reason: `${list.length} lower-threshold crossings in the last 24 hours (threshold ${FAN_CROSSINGS.count})${critical ? ', down to critical' : ''}`,
      evidence: list.map((f) => f.ref),
    });
  }
  return out;
}

function trend(sensor: SensorHistory, now: number): Finding | null {
  const ps = points(sensor.samples, now, FAN_TREND.windowMs);
  const line = fit(ps, FAN_TREND.minSamples);
  if (!line || line.perHour >= 0 || line.first <= 0) return null;
  const first = ps[0]!;
  const last = ps[ps.length - 1]!;
  if ((line.first - line.last) / line.first < FAN_TREND.minDropRatio) return null;
  if (last.v >= first.v * FAN_TREND.recoveredRatio) return null;
  const status = sensor.samples[sensor.samples.length - 1]!.status;
  const floor = sensor.thresholds.lcr ?? sensor.thresholds.lnc;
  const reachesFloor = floor !== undefined && line.last + (line.perHour * FAN_TREND.horizonMs) / HOUR_MS <= floor;
  const risk: PredictionRisk = status === 'cr' || status === 'nr' ? 'high' : status === 'nc' || reachesFloor ? 'medium' : 'low';
  const unit = sensor.unit;
  return {
    rule: 'fan.degrading',
    component: sensor.name,
    risk,
    reason: `speed falling by ${Math.round(-line.perHour)} ${unit ?? 'units'} per hour over the last ${ps.length} readings${reachesFloor ? ', reaching its lower critical threshold within 24 hours' : ''}`,
    evidence: [readingEvidence(sensor.name, first.v, unit, new Date(first.t).toISOString()), readingEvidence(sensor.name, last.v, unit, new Date(last.t).toISOString())],
  };
}

export function fanDegrading(facts: readonly SelFact[], sensors: readonly SensorHistory[], now: number): Finding[] {
  const fans = sensors.filter((s) => s.type === 'Fan');
  return [...crossings(facts, now), ...fans.map((s) => trend(s, now)).filter((f): f is Finding => f !== null)];
}
