/**
 * A session as the ops see it (IpmiRequester), with every state-changing command sent in its
 * turn (BmcLeases.spaced): the ops stay unaware of the etiquette, and reads are never delayed.
 */
import type { CallOptions, Command, IpmiRequester } from '../../ipmi/index.ts';
import { SetUserAccess, SetUserName, SetUserPassword } from '../../ipmi/commands/app/user-accounts.ts';
import { ColdReset, WarmReset } from '../../ipmi/commands/app/bmc-reset.ts';
import { ActivatePowerLimit, SetPowerLimit } from '../../ipmi/commands/dcmi/power.ts';
import { AlertImmediate, SetPefConfig } from '../../ipmi/commands/sensor/pef-config.ts';
import { SetSensorHysteresis, SetSensorThresholds } from '../../ipmi/commands/sensor/set-sensor-thresholds.ts';
import { AddSelEntry } from '../../ipmi/commands/storage/sel-add.ts';
import { SetLanConfig } from '../../ipmi/commands/transport/lan-config.ts';
import { ChassisControl } from '../../ipmi/commands/chassis/chassis-control.ts';
import { ChassisIdentify } from '../../ipmi/commands/chassis/chassis-identify.ts';
import { SetSystemBootOptions } from '../../ipmi/commands/chassis/set-system-boot-options.ts';
import { ClearSel } from '../../ipmi/commands/storage/sel-clear.ts';
import { SetSelTime } from '../../ipmi/commands/storage/sel-time.ts';
import type { BmcLeases, Deadline } from './bmc-leases.ts';

/** Commands that change a BMC's or its host's state: power, identify, boot, users, SEL, and the BMC's configuration. */
const STATE_CHANGING: ReadonlySet<string> = new Set(
  [
    ChassisControl,
    ChassisIdentify,
    SetSystemBootOptions,
    SetUserPassword,
    SetUserName,
    SetUserAccess,
    ClearSel,
    SetSelTime,
    AddSelEntry,
    SetLanConfig,
    SetPefConfig,
    AlertImmediate,
    SetSensorThresholds,
    SetSensorHysteresis,
    SetPowerLimit,
    ActivatePowerLimit,
    WarmReset,
    ColdReset,
  ].map((c) => `${c.netFn}/${c.cmd}`),
);

export function isStateChanging(netFn: number, cmd: number): boolean {
  return STATE_CHANGING.has(`${netFn}/${cmd}`);
}

export class SpacedRequester implements IpmiRequester {
  constructor(
    private readonly inner: IpmiRequester,
    private readonly leases: BmcLeases,
    private readonly bmc: string,
    /** The action these commands belong to (not spaced against each other). */
    private readonly action: string,
    private readonly deadline: Deadline,
    /** Space every command (raw passthrough: what a raw request does is not known). */
    private readonly spaceAll = false,
  ) {}

  get pipelineDepth(): number | undefined {
    return this.inner.pipelineDepth;
  }

  call<Req, Res>(command: Command<Req, Res>, req: Req, options?: CallOptions): Promise<Res> {
    if (!isStateChanging(command.netFn, command.cmd)) return this.inner.call(command, req, options);
    return this.leases.spaced(this.bmc, this.action, this.deadline, () => this.inner.call(command, req, options));
  }

  raw(netFn: number, cmd: number, data: Uint8Array, options?: CallOptions): Promise<{ completionCode: number; data: Uint8Array }> {
    if (!this.spaceAll && !isStateChanging(netFn, cmd)) return this.inner.raw(netFn, cmd, data, options);
    return this.leases.spaced(this.bmc, this.action, this.deadline, () => this.inner.raw(netFn, cmd, data, options));
  }
}
