/**
 * What goes wrong in `npm start`'s fleet, so a newcomer sees health, events and predictions
 * within minutes: every BMC has a month of SEL history, and some are failing. sim-01 stays
 * healthy. Set BMC_SIM_SCENARIOS=none for a healthy fleet.
 */
import type { ScenarioSpec } from '../simulator/index.ts';

const FAILING: readonly (readonly ScenarioSpec[])[] = [
  [],
  // sim-02: PSU2 has failed.
  [{ kind: 'psu-failure', psu: 2 }],
  // sim-03: FAN2 has been slowing down and is now under its lower critical threshold.
  [{ kind: 'fan-degrading', sensor: 'FAN2', elapsedMs: 30 * 60_000, durationMs: 30 * 60_000 }],
  // sim-04: DIMM 2 logs correctable ECC errors, a dozen in the last half hour and one every 5 minutes.
  [{ kind: 'ecc-storm', dimm: 2 }],
  // sim-05: CPU1 overheats for 3 minutes in every 10, hotter each time.
  [{ kind: 'thermal-excursion', sensor: 'CPU1 Temp' }],
  // sim-06: the drive in bay 0 reports a predictive failure.
  [{ kind: 'drive-predictive-failure' }],
];

/** Scenarios by BMC index for a fleet of `count`. */
export function defaultScenarios(count: number): Record<number, readonly ScenarioSpec[]> {
  const out: Record<number, readonly ScenarioSpec[]> = {};
  FAILING.forEach((specs, i) => {
    if (i < count && specs.length > 0) out[i] = specs;
  });
  return out;
}
