import type { Bmc } from '../bmc/bmc.ts';
import { eccStorm } from './ecc-storm.ts';
import { fanDegrading } from './fan-degrading.ts';
import { drivePredictiveFailure, psuFailure } from './hardware-faults.ts';
import { thermalExcursion } from './thermal-excursion.ts';
import type { Scenario, ScenarioSpec } from './types.ts';
import { unreachable } from './unreachable.ts';

export type { Scenario, ScenarioKind, ScenarioSpec } from './types.ts';
export { seedSelHistory } from './sel-history.ts';

export const SCENARIO_KINDS = ['fan-degrading', 'ecc-storm', 'psu-failure', 'thermal-excursion', 'drive-predictive-failure', 'unreachable'] as const;

export function startScenario(bmc: Bmc, spec: ScenarioSpec, now = Date.now()): Scenario {
  switch (spec.kind) {
    case 'fan-degrading':
      return fanDegrading(bmc, spec, now);
    case 'ecc-storm':
      return eccStorm(bmc, spec, now);
    case 'psu-failure':
      return psuFailure(bmc, spec, now);
    case 'thermal-excursion':
      return thermalExcursion(bmc, spec, now);
    case 'drive-predictive-failure':
      return drivePredictiveFailure(bmc, spec, now);
    case 'unreachable':
      return unreachable(bmc, spec, now);
  }
}
