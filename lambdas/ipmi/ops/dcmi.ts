/** DCMI power reading and power limit (DCMI v1.5 section 6.6) as `bmc dcmi` shows them. */
import type { IpmiRequester } from '../commands/command.ts';
import { ActivatePowerLimit, GetPowerLimit, GetPowerReading, SetPowerLimit, type PowerLimit } from '../commands/dcmi/power.ts';
import { CompletionCodeError } from '../errors.ts';

export { EXCEPTION_ACTIONS, type ExceptionAction, type PowerLimit } from '../commands/dcmi/power.ts';

/** The `bmc dcmi power --json` contract, in watts. */
export interface PowerStatistics {
  readonly current: number;
  readonly minimum: number;
  readonly maximum: number;
  readonly average: number;
  readonly periodSeconds: number;
}

export async function powerReading(s: IpmiRequester): Promise<PowerStatistics> {
  const r = await s.call(GetPowerReading, undefined);
  return { current: r.current, minimum: r.minimum, maximum: r.maximum, average: r.average, periodSeconds: r.periodMs / 1000 };
}

export interface PowerLimitState extends PowerLimit {
  /** False when the BMC answered 80h: a limit is stored but not active. */
  readonly active: boolean;
}

export async function powerLimit(s: IpmiRequester): Promise<PowerLimitState> {
  const res = await s.raw(GetPowerLimit.netFn, GetPowerLimit.cmd, GetPowerLimit.encode());
  // 80h "no active set power limit" still carries the stored values (DCMI v1.5 Table 6-13).
  if (res.completionCode !== 0 && res.completionCode !== 0x80) throw new CompletionCodeError(GetPowerLimit.name, res.completionCode, GetPowerLimit.completionCodes);
  return { ...GetPowerLimit.decode(res.data), active: res.completionCode === 0 };
}

export async function setPowerLimit(s: IpmiRequester, limit: PowerLimit, activate?: boolean): Promise<PowerLimitState> {
  SetPowerLimit.encode(limit);
  await s.call(SetPowerLimit, limit);
  if (activate !== undefined) await s.call(ActivatePowerLimit, activate);
  return powerLimit(s);
}
