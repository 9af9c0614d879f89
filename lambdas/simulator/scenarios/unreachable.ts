/** A BMC that stops answering (a hung network stack, a BMC reboot) and comes back. */
import type { ScenarioFactory } from './types.ts';

export const unreachable: ScenarioFactory<'unreachable'> = (bmc, spec, now) => {
  const after = spec.downAfterMs ?? 0;
  const down = spec.downForMs ?? 60_000;
  const every = spec.everyMs;
  if (every !== undefined && every <= down) throw new RangeError('unreachable: everyMs must be longer than downForMs');
  const set = (unresponsive: boolean) => {
    if ((bmc.faults.unresponsive ?? false) !== unresponsive) bmc.faults = { ...bmc.faults, unresponsive };
  };
  const tick = (t: number) => {
    const elapsed = t - now - after;
    const phase = every === undefined ? elapsed : ((elapsed % every) + every) % every;
    set(elapsed >= 0 && phase < down);
  };
  tick(now);
  return { kind: 'unreachable', tick, stop: () => set(false) };
};
