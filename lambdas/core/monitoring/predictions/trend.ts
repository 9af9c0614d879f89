/** Least-squares line through a sensor's recent readings: how fast it moves, per hour. */
import type { SensorSample } from '../model.ts';
import { HOUR_MS } from './finding.ts';

export interface Point {
  readonly t: number;
  readonly v: number;
}

/** Samples with a reading and a parseable time inside [now - windowMs, now], oldest first. */
export function points(samples: readonly SensorSample[], now: number, windowMs: number): Point[] {
  const out: Point[] = [];
  for (const s of samples) {
    const t = Date.parse(s.time);
    if (s.reading === null || Number.isNaN(t) || t < now - windowMs || t > now) continue;
    out.push({ t, v: s.reading });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** Slope in units per hour and the fitted value at the last point; null for fewer than `min` points or no time spread. */
export function fit(ps: readonly Point[], min: number): { perHour: number; last: number; first: number } | null {
  if (ps.length < min) return null;
  const n = ps.length;
  const mt = ps.reduce((a, p) => a + p.t, 0) / n;
  const mv = ps.reduce((a, p) => a + p.v, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of ps) {
    num += (p.t - mt) * (p.v - mv);
    den += (p.t - mt) ** 2;
  }
  if (den === 0) return null;
  const slope = num / den;
  return { perHour: slope * HOUR_MS, first: mv + slope * (ps[0]!.t - mt), last: mv + slope * (ps[n - 1]!.t - mt) };
}
