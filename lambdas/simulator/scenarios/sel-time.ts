import type { Bmc } from '../bmc/bmc.ts';

/** The SEL clock (seconds) at host time `ms`, so backdated entries follow a clock set with Set SEL Time. */
export function selSecondsAt(bmc: Bmc, ms: number): number {
  return bmc.sel.now() - Math.round((Date.now() - ms) / 1000);
}
