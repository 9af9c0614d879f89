/**
 * Commands that change the BMC's own state beyond users and LAN: Set Sensor Thresholds and
 * Hysteresis (35.6, 35.8), Add SEL Entry (31.6), Get Watchdog Timer (27.7), Cold and Warm
 * Reset (20.2, 20.3).
 */
import { AddSelEntry, ColdReset, GetWatchdogTimer, SetSensorHysteresis, SetSensorThresholds, WarmReset } from '../../ipmi/protocol.ts';
import type { AnalogSensor } from '../bmc/sensor-catalog.ts';
import { decoded, isReply } from './decode-request.ts';
import { CC, fail, ok, Priv, registerCommand, type CommandContext, type CommandTable, type Reply } from './registry.ts';

function analog(ctx: CommandContext, number: number): AnalogSensor | Reply {
  const s = ctx.bmc.catalog.byNumber.get(number);
  if (!s) return fail(CC.notPresent);
  return 'rawThresholds' in s ? s : fail(CC.illegalForSensor);
}

function setSensorThresholds(ctx: CommandContext, data: Uint8Array): Reply {
  const req = decoded(() => SetSensorThresholds.decodeRequest(data));
  if (isReply(req)) return req;
  const s = analog(ctx, req.sensorNumber);
  if (isReply(s)) return s;
  // Only thresholds the SDR lists as settable (the readable ones here); others are 0CCh.
  for (const name of Object.keys(req.thresholds) as (keyof typeof req.thresholds)[]) {
    if (s.rawThresholds[name] === undefined) return fail(CC.invalidField);
  }
  ctx.bmc.sensors.setThresholds(s, req.thresholds, ctx.bmc.poweredOn);
  return ok();
}

function setSensorHysteresis(ctx: CommandContext, data: Uint8Array): Reply {
  const req = decoded(() => SetSensorHysteresis.decodeRequest(data));
  if (isReply(req)) return req;
  const s = analog(ctx, req.sensorNumber);
  if (isReply(s)) return s;
  ctx.bmc.sensors.setHysteresis(s, req.positive, req.negative);
  return ok();
}

function addSelEntry({ bmc }: CommandContext, data: Uint8Array): Reply {
  const record = decoded(() => AddSelEntry.decodeRequest(data));
  if (isReply(record)) return record;
  if (bmc.sel.erasing) return fail(0x81);
  const id = bmc.sel.addRecord(record);
  // A full SEL that does not overwrite answers "out of space" (31.6, generic C4h).
  return id === null ? fail(0xc4) : ok(Uint8Array.of(id & 0xff, id >> 8));
}

/** The watchdog is never armed in the simulator: stopped, no action, countdowns zero. */
function getWatchdog(): Reply {
  return ok(
    GetWatchdogTimer.encodeResponse({ use: 'sms-os', running: false, dontLog: false, action: 'none', preTimeoutInterrupt: 'none', preTimeoutSeconds: 0, expirationFlags: 0, initialCountdown: 0, presentCountdown: 0 }),
  );
}

export function registerBmcControlCommands(t: CommandTable): void {
  registerCommand(t, SetSensorThresholds, { privilege: Priv.operator, handler: setSensorThresholds });
  registerCommand(t, SetSensorHysteresis, { privilege: Priv.operator, handler: setSensorHysteresis });
  registerCommand(t, AddSelEntry, { privilege: Priv.operator, handler: addSelEntry });
  registerCommand(t, GetWatchdogTimer, { privilege: Priv.user, handler: getWatchdog });
  // A reset answers, then (for a real BMC) restarts; the simulator counts it and keeps its sessions.
  registerCommand(t, ColdReset, { privilege: Priv.admin, handler: ({ bmc }) => ({ cc: CC.ok, after: () => void bmc.resets.cold++ }) });
  registerCommand(t, WarmReset, { privilege: Priv.admin, handler: ({ bmc }) => ({ cc: CC.ok, after: () => void bmc.resets.warm++ }) });
}
