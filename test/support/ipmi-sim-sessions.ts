/**
 * How many sessions ipmi_sim holds besides the one ipmitool opens to ask: the BMC's own
 * account (`ipmitool session info all`, Get Session Info, IPMI v2.0 section 22.20).
 */
import { ipmitool, type IpmiTarget } from './ipmitool.ts';

export async function sessionsHeldBesidesIpmitool(bmc: IpmiTarget): Promise<number> {
  const out = await ipmitool(bmc, ['session', 'info', 'active']);
  const m = /active sessions\s*:\s*(\d+)/.exec(out);
  if (!m) throw new Error(`ipmitool session info: no "active sessions" line in:\n${out}`);
  return Number(m[1]) - 1;
}
