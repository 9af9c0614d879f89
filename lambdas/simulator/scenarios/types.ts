/**
 * Failure scenarios injected per simulated BMC (docs/monitoring.md): each drives sensors, the
 * SEL and reachability the way the failing hardware would, from the fleet's housekeeping tick.
 * Times are milliseconds of the host clock; a scenario started with `elapsedMs` behaves as if
 * it had started that long ago (the default fleet starts some already under way).
 */
import type { Bmc } from '../bmc/bmc.ts';

export type ScenarioSpec =
  /** A fan slowing from its nominal speed to `floorRpm` over `durationMs`, after `pastDips` earlier dips under its lower non-critical threshold. */
  | { kind: 'fan-degrading'; sensor?: string; floorRpm?: number; durationMs?: number; pastDips?: number; elapsedMs?: number }
  /** `burst` correctable ECC errors on one DIMM over the last `burstSpanMs`, then one more every `everyMs`. */
  | { kind: 'ecc-storm'; dimm?: number; burst?: number; burstSpanMs?: number; everyMs?: number }
  /** A power supply that reports failure (and, with acLost, lost input). */
  | { kind: 'psu-failure'; psu?: 1 | 2; acLost?: boolean }
  /** A temperature that leaves its normal range every `periodMs` for `hotMs`, each peak `stepC` hotter than the last. */
  | { kind: 'thermal-excursion'; sensor?: string; periodMs?: number; hotMs?: number; firstPeakC?: number; stepC?: number; maxPeakC?: number; elapsedMs?: number }
  /** The backplane reports a predictive failure (SMART trip) of the drive in a bay. */
  | { kind: 'drive-predictive-failure' }
  /** The BMC stops answering after `downAfterMs` for `downForMs`, then comes back (every `everyMs` when given). */
  | { kind: 'unreachable'; downAfterMs?: number; downForMs?: number; everyMs?: number };

export type ScenarioKind = ScenarioSpec['kind'];

export interface Scenario {
  readonly kind: ScenarioKind;
  /** Moves the scenario to `now` (the fleet tick calls it). */
  tick(now: number): void;
  /** Ends the scenario and puts the hardware back as it was. */
  stop(): void;
}

export type ScenarioFactory<K extends ScenarioKind> = (bmc: Bmc, spec: Extract<ScenarioSpec, { kind: K }>, now: number) => Scenario;
