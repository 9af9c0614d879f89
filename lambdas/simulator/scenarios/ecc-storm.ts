/**
 * An ECC error storm on one DIMM: a burst of correctable errors already logged, and more coming.
 * Memory (0Ch) offset 00h "Correctable ECC" (Table 42-3); event data 1 bits 5:4 = 11b say event
 * data 3 holds the memory module, here the DIMM number.
 */
import { SENSOR } from '../bmc/profile.ts';
import type { SystemEvent } from '../bmc/sel-log.ts';
import { selSecondsAt } from './sel-time.ts';
import type { ScenarioFactory } from './types.ts';

export function correctableEcc(dimm: number): SystemEvent {
  return { sensorType: 0x0c, sensorNumber: SENSOR.memory, eventType: 0x6f, deassertion: false, data: [0x30, 0xff, dimm & 0xff] };
}

export const eccStorm: ScenarioFactory<'ecc-storm'> = (bmc, spec, now) => {
  const event = correctableEcc(spec.dimm ?? 2);
  const burst = spec.burst ?? 12;
  const span = spec.burstSpanMs ?? 30 * 60_000;
  const every = spec.everyMs ?? 5 * 60_000;
  for (let i = burst - 1; i >= 0; i--) bmc.sel.addAt(event, selSecondsAt(bmc, now - (burst > 1 ? (span * i) / (burst - 1) : 0)));
  let next = now + every;
  return {
    kind: 'ecc-storm',
    tick: (t) => {
      while (every > 0 && t >= next) {
        bmc.sel.add(event);
        next += every;
      }
    },
    stop: () => undefined,
  };
};
