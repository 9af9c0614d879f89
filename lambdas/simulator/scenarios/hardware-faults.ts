/**
 * Faults that a BMC states and holds: a failed power supply (its sensor-specific state and
 * the SEL assertion), and a drive the backplane marks for predictive failure.
 */
import { SENSOR } from '../bmc/profile.ts';
import type { ScenarioFactory } from './types.ts';

/** Power Supply (08h) offsets as state bits: 1 failure detected, 3 input lost (Table 42-3). */
const PSU_FAILURE = 1 << 1;
const PSU_INPUT_LOST = 1 << 3;
/** Drive Slot (0Dh) offset 02h: predictive failure. */
const DRIVE_PREDICTIVE = 0x02;

export const psuFailure: ScenarioFactory<'psu-failure'> = (bmc, spec) => {
  const sensor = spec.psu === 1 ? SENSOR.psu1 : SENSOR.psu2;
  const bits = PSU_FAILURE | (spec.acLost ? PSU_INPUT_LOST : 0);
  bmc.setDiscrete(sensor, bits, true);
  return { kind: 'psu-failure', tick: () => undefined, stop: () => bmc.setDiscrete(sensor, bits, false) };
};

export const drivePredictiveFailure: ScenarioFactory<'drive-predictive-failure'> = (bmc) => {
  const event = { sensorType: 0x0d, sensorNumber: SENSOR.driveBay, eventType: 0x6f, data: [DRIVE_PREDICTIVE, 0xff, 0xff] as const };
  bmc.sel.add({ ...event, deassertion: false });
  return { kind: 'drive-predictive-failure', tick: () => undefined, stop: () => void bmc.sel.add({ ...event, deassertion: true }) };
};
