/** Chassis NetFn (00h) commands, IPMI v2.0 section 28. */
import {
  ByteWriter,
  ChassisControl,
  ChassisIdentify,
  GetChassisStatus,
  GetSystemBootOptions,
  NetFn,
  SetSystemBootOptions,
} from '../../ipmi/protocol.ts';
import { SENSOR } from '../bmc/profile.ts';
import { CC, fail, ok, Priv, register, registerCommand, type CommandContext, type CommandTable, type Reply } from './registry.ts';

/** Get Chassis Status, Table 28-3. */
function getChassisStatus({ bmc }: CommandContext): Reply {
  const c = bmc.chassis;
  const intrusion = bmc.discreteStates(SENSOR.intrusion) & 0x01;
  return ok(
    new ByteWriter(4)
      .u8((c.poweredOn ? 0x01 : 0x00) | 0x20) // [0] power on, [6:5] 01b: restore to previous state after AC loss
      .u8(c.lastOnByCommand ? 0x10 : 0x00) // [4] last power-on by IPMI command
      .u8(intrusion | 0x40 | (c.identifyState << 4)) // [0] intrusion, [6] identify state supported, [5:4] state
      .u8(0x00) // front panel: no button disables supported
      .finish(),
  );
}

function chassisControl({ bmc }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 1) return fail(CC.requestLength);
  return fail(bmc.chassis.control(data[0]! & 0x0f));
}

/** Chassis Identify, Table 28-6: no data = 15 s; byte 1 interval; byte 2 bit 0 force on. */
function chassisIdentify({ bmc }: CommandContext, data: Uint8Array): Reply {
  const force = data.length >= 2 && (data[1]! & 0x01) !== 0;
  bmc.chassis.identify(data.length >= 1 ? data[0]! : 15, force);
  return ok();
}

/** Get System Restart Cause, 28.11: 01h = chassis control command. */
function getRestartCause({ bmc }: CommandContext): Reply {
  return ok(Uint8Array.of(bmc.chassis.lastOnByCommand ? 0x01 : 0x00, 0x01));
}

/** Set System Boot Options, Table 28-13: byte 1 [6:0] parameter, then its data. */
function setBootOptions({ bmc }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 1) return fail(CC.requestLength);
  return fail(bmc.boot.set(data[0]! & 0x7f, data.subarray(1)));
}

/** Get System Boot Options, Table 28-14: parameter version 1, parameter, data. */
function getBootOptions({ bmc }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 3) return fail(CC.requestLength);
  const parameter = data[0]! & 0x7f;
  const value = bmc.boot.get(parameter);
  if (typeof value === 'number') return fail(value);
  return ok(new ByteWriter(2 + value.length).u8(0x01).u8(parameter).bytes(value).finish());
}

/** Get Chassis Capabilities, 28.1: FRU device 0, SDR/SEL/SM at the BMC (20h). */
function getChassisCapabilities(): Reply {
  return ok(Uint8Array.of(0x00, 0x20, 0x20, 0x20, 0x20, 0x20));
}

export function registerChassisCommands(t: CommandTable): void {
  const c = NetFn.chassis;
  register(t, c, 0x00, { name: 'Get Chassis Capabilities', privilege: Priv.user, handler: getChassisCapabilities });
  registerCommand(t, GetChassisStatus, { privilege: Priv.user, handler: getChassisStatus });
  registerCommand(t, ChassisControl, { privilege: Priv.operator, handler: chassisControl });
  registerCommand(t, ChassisIdentify, { privilege: Priv.operator, handler: chassisIdentify });
  register(t, c, 0x07, { name: 'Get System Restart Cause', privilege: Priv.user, handler: getRestartCause });
  registerCommand(t, SetSystemBootOptions, { privilege: Priv.operator, handler: setBootOptions });
  registerCommand(t, GetSystemBootOptions, { privilege: Priv.operator, handler: getBootOptions });
}
