/**
 * Helpers for the integration tests (device, chassis, CLI) over the
 * ipmi_sim fixture (test/support/ipmi-sim.ts): ipmitool on the same BMC, direct control of
 * the simulated chassis, and a "stuck power sequencer" fault.
 *
 * ipmitool runs with -E: the password travels in IPMI_PASSWORD, never in argv.
 */
import { readFile, rename, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { IpmiSimHandle } from '../support/ipmi-sim.ts';
import { ipmitool as runIpmitool } from '../support/ipmitool.ts';

export { parseIpmitoolFields } from '../support/ipmitool.ts';

/** Runs ipmitool lanplus (cipher suite 3, ipmi_sim's best) against the sim; returns stdout. */
export const ipmitool = (sim: IpmiSimHandle, ...args: string[]): Promise<string> => runIpmitool(sim, args);

/** Sets the chassis power as the chassis_control state file holds it (NAME=VALUE lines), bypassing IPMI. */
export async function setChassisPower(sim: IpmiSimHandle, on: boolean): Promise<void> {
  const path = join(sim.dir, 'chassis.state');
  const lines = (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '' && !l.startsWith('power='));
  await writeFile(path, [...lines, `power=${on ? 1 : 0}`, ''].join('\n'));
}

/**
 * While stuck, `set power` requests reach a wrapper that accepts and drops them: the BMC
 * answers the Chassis Control command with success and the power never changes, as with a
 * hung power sequencer. ipmi_sim sends one NAME VALUE pair per set, so the wrapper only
 * needs to look at the first.
 */
export async function stickChassisPower(sim: IpmiSimHandle, stuck: boolean): Promise<void> {
  const program = join(sim.dir, 'chassis_control');
  const real = join(sim.dir, 'chassis_control.real');
  if (stuck) {
    await rename(program, real);
    await writeFile(program, `#!/bin/sh\nif [ "$2" = set ] && [ "$3" = power ]; then exit 0; fi\nexec "${real}" "$@"\n`);
    await chmod(program, 0o755);
  } else {
    await rename(real, program);
  }
}
