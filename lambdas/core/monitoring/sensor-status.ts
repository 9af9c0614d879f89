/**
 * A sensor's status with the SDR's hysteresis applied. The BMC's comparison bits (Get Sensor
 * Reading, IPMI v2.0 section 35.14) say where the reading is now; a reading hovering at a
 * threshold would flip them every read. A worse status is taken at once; a better one only
 * once the reading has moved back past the threshold by the hysteresis of the full SDR
 * (Table 43-1 bytes 43-44: positive-going for upper thresholds, negative-going for lower).
 */
import type { SensorReading, SensorStatus, SensorThresholds } from '../bmc-data.ts';

const RANK: Readonly<Record<SensorStatus, number>> = { ns: -1, ok: 0, nc: 1, cr: 2, nr: 3 };
const BY_RANK: readonly SensorStatus[] = ['ok', 'nc', 'cr', 'nr'];

export function severityRank(status: SensorStatus): number {
  return RANK[status];
}

const UPPER = [
  ['unr', 'nr'],
  ['ucr', 'cr'],
  ['unc', 'nc'],
] as const;
const LOWER = [
  ['lnr', 'nr'],
  ['lcr', 'cr'],
  ['lnc', 'nc'],
] as const;

/** The status a reading has against thresholds moved inwards by `upperBy` and `lowerBy`. */
function statusAgainst(reading: number, t: SensorThresholds, upperBy: number, lowerBy: number): SensorStatus {
  let rank = 0;
  for (const [name, status] of UPPER) {
    const v = t[name];
    if (v !== undefined && reading >= v - upperBy) rank = Math.max(rank, RANK[status]);
  }
  for (const [name, status] of LOWER) {
    const v = t[name];
    if (v !== undefined && reading <= v + lowerBy) rank = Math.max(rank, RANK[status]);
  }
  return BY_RANK[rank] as SensorStatus;
}

/** The status to keep for `current` when the last kept status was `previous`. */
export function steadyStatus(previous: SensorStatus | undefined, current: SensorReading): SensorStatus {
  if (previous === undefined || previous === 'ns' || current.status === 'ns' || current.reading === null) return current.status;
  if (RANK[current.status] >= RANK[previous]) return current.status;
  const h = current.hysteresis;
  if (!h) return current.status;
  // Recovering: the reading still inside the hysteresis band keeps the worse status.
  const banded = statusAgainst(current.reading, current.thresholds, h.positive, h.negative);
  const rank = Math.min(RANK[previous], Math.max(RANK[banded], RANK[current.status]));
  return BY_RANK[rank] as SensorStatus;
}

/** The threshold a reading is at or beyond for `status` (worse) or was for `from` (recovering). */
export function thresholdCrossed(reading: number | null, thresholds: SensorThresholds, status: SensorStatus): { name: string; value: number } | null {
  if (reading === null || status === 'ok' || status === 'ns') return null;
  const upper = UPPER.find(([, s]) => s === status);
  const lower = LOWER.find(([, s]) => s === status);
  const u = upper && thresholds[upper[0]];
  const l = lower && thresholds[lower[0]];
  if (upper && u !== undefined && (l === undefined || Math.abs(reading - u) <= Math.abs(reading - l))) return { name: upper[0], value: u };
  if (lower && l !== undefined) return { name: lower[0], value: l };
  return null;
}
