/**
 * thermal.trend: CPU and inlet temperatures whose excursions above a threshold come back, each
 * one hotter than the last (cooling losing ground: clogged filters, a failing fan, a blocked
 * inlet, dried thermal paste). One excursion is weather; repeated, rising ones are a trend.
 */
import type { PredictionRisk, SensorHistory, SensorSample } from '../../model.ts';
import { DAY_MS, readingEvidence, type Finding } from '../finding.ts';

export const THERMAL = { windowMs: DAY_MS, episodes: 2, highEpisodes: 3 } as const;

const WATCHED = /\b(cpu|inlet|ambient)\b|cpu\d/i;

interface Episode {
  readonly peak: SensorSample;
}

/** Runs of consecutive samples above a threshold (status other than ok and ns) inside the window. */
function episodes(samples: readonly SensorSample[], now: number): Episode[] {
  const out: Episode[] = [];
  let peak: SensorSample | null = null;
  for (const s of samples) {
    const t = Date.parse(s.time);
    if (Number.isNaN(t) || t < now - THERMAL.windowMs || t > now) continue;
    const hot = s.status === 'nc' || s.status === 'cr' || s.status === 'nr';
    if (hot) {
      if (!peak || (s.reading ?? -Infinity) > (peak.reading ?? -Infinity)) peak = s;
    } else if (s.status === 'ok' && peak) {
      out.push({ peak });
      peak = null;
    }
  }
  if (peak) out.push({ peak });
  return out;
}

function assess(sensor: SensorHistory, now: number): Finding | null {
  const eps = episodes(sensor.samples, now);
  if (eps.length < THERMAL.episodes) return null;
  const rising = eps.every((e, i) => i === 0 || (e.peak.reading ?? -Infinity) >= (eps[i - 1]!.peak.reading ?? Infinity));
  if (!rising) return null;
  const last = sensor.samples[sensor.samples.length - 1]!;
  const risk: PredictionRisk = eps.length >= THERMAL.highEpisodes || last.status === 'cr' || last.status === 'nr' ? 'high' : 'medium';
  return {
    rule: 'thermal.trend',
    component: sensor.name,
    risk,
    reason: `${eps.length} excursions above a threshold in the last 24 hours, each peak at least as hot as the one before`,
    evidence: eps.map((e) => readingEvidence(sensor.name, e.peak.reading, sensor.unit, e.peak.time)),
  };
}

export function thermalTrend(sensors: readonly SensorHistory[], now: number): Finding[] {
  return sensors
    .filter((s) => s.type === 'Temperature' && WATCHED.test(s.name))
    .map((s) => assess(s, now))
    .filter((f): f is Finding => f !== null);
}
