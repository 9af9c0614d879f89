/** DCMI power management (DCMI v1.5 section 6.6, NetFn Group Extension 2Ch, group DCh). */
import { ActivatePowerLimit, DCMI_ACK, DCMI_GROUP, GetPowerLimit, GetPowerReading, SetPowerLimit } from '../../ipmi/protocol.ts';
import { decoded, isReply } from './decode-request.ts';
import { CC, fail, ok, Priv, registerCommand, type CommandContext, type CommandTable, type Reply } from './registry.ts';

/** Every DCMI request starts with the group extension identification; anything else is 0CCh. */
function dcmiRequest(data: Uint8Array): Reply | undefined {
  if (data.length < 1) return fail(CC.requestLength);
  return data[0] === DCMI_GROUP ? undefined : fail(CC.invalidField);
}

function getPowerReading({ bmc }: CommandContext, data: Uint8Array): Reply {
  const bad = dcmiRequest(data);
  if (bad) return bad;
  if (data.length < 4) return fail(CC.requestLength);
  // Mode 01h, system power statistics; enhanced statistics (02h) are not offered.
  if (data[1] !== 0x01) return fail(CC.invalidField);
  const p = bmc.powerStatistics();
  return ok(GetPowerReading.encodeResponse({ ...p, timestamp: bmc.sel.now(), active: bmc.poweredOn }));
}

function getPowerLimit({ bmc }: CommandContext, data: Uint8Array): Reply {
  const bad = dcmiRequest(data);
  if (bad) return bad;
  const body = GetPowerLimit.encodeResponse(bmc.power.limit);
  // 80h: no active power limit; the stored values come with it.
  return bmc.power.active ? ok(body) : { cc: 0x80, data: body };
}

function setPowerLimit({ bmc }: CommandContext, data: Uint8Array): Reply {
  const bad = dcmiRequest(data);
  if (bad) return bad;
  const limit = decoded(() => SetPowerLimit.decodeRequest(data));
  if (isReply(limit)) return limit;
  if (limit.limit < 50 || limit.limit > 2000) return fail(0x84);
  if (limit.correctionMs < 100 || limit.correctionMs > 600_000) return fail(0x85);
  if (limit.samplingSeconds > 3600) return fail(0x89);
  bmc.power.limit = limit;
  return ok(DCMI_ACK);
}

function activatePowerLimit({ bmc }: CommandContext, data: Uint8Array): Reply {
  const bad = dcmiRequest(data);
  if (bad) return bad;
  const on = decoded(() => ActivatePowerLimit.decodeRequest(data));
  if (isReply(on)) return on;
  bmc.power.active = on;
  return ok(DCMI_ACK);
}

export function registerDcmiCommands(t: CommandTable): void {
  registerCommand(t, GetPowerReading, { privilege: Priv.user, handler: getPowerReading });
  registerCommand(t, GetPowerLimit, { privilege: Priv.user, handler: getPowerLimit });
  registerCommand(t, SetPowerLimit, { privilege: Priv.admin, handler: setPowerLimit });
  registerCommand(t, ActivatePowerLimit, { privilege: Priv.admin, handler: activatePowerLimit });
}
