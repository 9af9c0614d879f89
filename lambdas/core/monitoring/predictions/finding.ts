import type { Prediction } from '../model.ts';

/** What a rule concludes; the assessment adds `since` and `evaluatedAt`. */
export type Finding = Omit<Prediction, 'since' | 'evaluatedAt'>;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Readings as evidence: `FAN2=1200 RPM at 2026-12-03T10:00:00.000Z`. */
export function readingEvidence(name: string, reading: number | null, unit: string | null, time: string): string {
  return `${name}=${reading === null ? 'no reading' : `${reading}${unit ? ` ${unit}` : ''}`} at ${time}`;
}
