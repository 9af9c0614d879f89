/**
 * PEF commands (IPMI v2.0 section 30): capabilities, configuration parameters (Table 30-6)
 * and Alert Immediate, answered from the BMC's PEF settings with the library's codecs.
 */
import {
  AlertImmediate,
  decodeAlertPolicy,
  decodeEventFilter,
  encodeAlertPolicy,
  encodeEventFilter,
  GetLastProcessedEventId,
  GetPefCapabilities,
  GetPefConfig,
  PARAMETER_REVISION,
  PefParam,
  SetPefConfig,
} from '../../ipmi/protocol.ts';
import { ALERT_POLICIES, EVENT_FILTERS } from '../bmc/platform-settings.ts';
import { LAN_CHANNEL } from './app.ts';
import { decoded, isReply } from './decode-request.ts';
import { CC, fail, ok, Priv, register, registerCommand, type CommandContext, type CommandTable, type Reply } from './registry.ts';

const NOT_SUPPORTED = 0x80;
const READ_ONLY = 0x82;
/** PEF version 1.5 (51h, BCD), alert, power down, reset, power cycle supported (30.1). */
const CAPABILITIES = { version: 0x51, actions: 0x0f, filterCount: EVENT_FILTERS };

function readParameter({ bmc }: CommandContext, parameter: number, set: number): Uint8Array | undefined | Reply {
  const pef = bmc.pef;
  switch (parameter) {
    case 0:
      return Uint8Array.of(0);
    case PefParam.control.id:
      return PefParam.control.encode(pef.control);
    case PefParam.actionControl.id:
      return PefParam.actionControl.encode(pef.actionControl);
    case 3: // PEF startup delay, s
    case 4: // PEF alert startup delay, s
      return Uint8Array.of(0);
    case PefParam.filterCount.id:
      return Uint8Array.of(EVENT_FILTERS);
    case PefParam.eventFilter: {
      const f = pef.filters[set - 1];
      return f ? encodeEventFilter(f) : fail(CC.outOfRange);
    }
    case 7: {
      // Event filter table data 1: the filter's configuration byte alone.
      const f = pef.filters[set - 1];
      return f ? encodeEventFilter(f).subarray(0, 2) : fail(CC.outOfRange);
    }
    case PefParam.policyCount.id:
      return Uint8Array.of(ALERT_POLICIES);
    case PefParam.alertPolicy: {
      const p = pef.policies[set - 1];
      return p ? encodeAlertPolicy(p) : fail(CC.outOfRange);
    }
    case 10: // system GUID: use the one of Get System GUID
      return Uint8Array.of(0x00, ...bmc.identity.systemGuid);
    case 11: // number of alert strings
      return Uint8Array.of(0);
    default:
      return undefined;
  }
}

function getPefConfig(ctx: CommandContext, data: Uint8Array): Reply {
  const req = decoded(() => GetPefConfig.decodeRequest(data));
  if (isReply(req)) return req;
  if (req.revisionOnly) return ok(Uint8Array.of(PARAMETER_REVISION));
  const value = readParameter(ctx, req.parameter, req.setSelector);
  if (value === undefined) return fail(NOT_SUPPORTED);
  if (isReply(value)) return value;
  return ok(GetPefConfig.encodeResponse({ revision: PARAMETER_REVISION, data: value }));
}

function setPefConfig(ctx: CommandContext, data: Uint8Array): Reply {
  const req = decoded(() => SetPefConfig.decodeRequest(data));
  if (isReply(req)) return req;
  const pef = ctx.bmc.pef;
  const v = req.data;
  switch (req.parameter) {
    case 0:
      return v.length < 1 ? fail(CC.requestLength) : ok();
    case PefParam.control.id:
      if (v.length < 1) return fail(CC.requestLength);
      pef.control = PefParam.control.decode(v);
      return ok();
    case PefParam.actionControl.id:
      if (v.length < 1) return fail(CC.requestLength);
      pef.actionControl = PefParam.actionControl.decode(v);
      return ok();
    case 3:
    case 4:
      return v.length < 1 ? fail(CC.requestLength) : ok();
    case PefParam.eventFilter: {
      const f = decoded(() => decodeEventFilter(v));
      if (isReply(f)) return f;
      if (f.id < 1 || f.id > EVENT_FILTERS) return fail(CC.outOfRange);
      pef.filters[f.id - 1] = f;
      return ok();
    }
    case 7: {
      if (v.length < 2) return fail(CC.requestLength);
      const f = pef.filters[(v[0]! & 0x7f) - 1];
      if (!f) return fail(CC.outOfRange);
      pef.filters[f.id - 1] = { ...f, enabled: (v[1]! & 0x80) !== 0 };
      return ok();
    }
    case PefParam.alertPolicy: {
      const p = decoded(() => decodeAlertPolicy(v));
      if (isReply(p)) return p;
      if (p.id < 1 || p.id > ALERT_POLICIES) return fail(CC.outOfRange);
      pef.policies[p.id - 1] = p;
      return ok();
    }
    default:
      return readParameter(ctx, req.parameter, 1) === undefined ? fail(NOT_SUPPORTED) : fail(READ_ONLY);
  }
}

/**
 * Alert Immediate: the simulator sends no trap (it must not reach past loopback on its own);
 * it checks the destination and records the alert in its journal of sent alerts.
 */
function alertImmediate(ctx: CommandContext, data: Uint8Array): Reply {
  const req = decoded(() => AlertImmediate.decodeRequest(data));
  if (isReply(req)) return req;
  if (req.channel !== LAN_CHANNEL && req.channel !== 0x0e) return fail(CC.invalidField);
  const lan = ctx.bmc.lan(ctx.server.address, 0);
  if (!lan.destinations[req.destination]) return fail(CC.outOfRange);
  if (req.operation === 'status') return ok(Uint8Array.of(ctx.bmc.alerts.length > 0 ? 0x01 : 0x00));
  if (req.operation === 'clear') return ok();
  if (ctx.bmc.alerts.length >= 100) ctx.bmc.alerts.shift();
  ctx.bmc.alerts.push({ destination: req.destination, ipAddress: lan.destinations[req.destination]!.ipAddress, at: Date.now() });
  return ok();
}

/**
 * Get Last Processed Event ID (30.5): the simulator's PEF looks at every event as it is
 * logged, so the BMC has processed the last record; software has processed none (FFFFh).
 */
function lastProcessedEventId({ bmc }: CommandContext): Reply {
  if (bmc.sel.erasing) return fail(0x81);
  const last = bmc.sel.get(0xffff)?.record;
  const lastId = last ? last[0]! | (last[1]! << 8) : 0xffff;
  return ok(GetLastProcessedEventId.encodeResponse({ lastAddTimestamp: bmc.sel.lastAdd, lastRecordId: lastId, lastSoftwareProcessedId: 0xffff, lastBmcProcessedId: last ? lastId : 0 }));
}

export function registerPefCommands(t: CommandTable): void {
  registerCommand(t, GetPefCapabilities, { privilege: Priv.user, handler: () => ok(GetPefCapabilities.encodeResponse(CAPABILITIES)) });
  registerCommand(t, GetPefConfig, { privilege: Priv.operator, handler: getPefConfig });
  registerCommand(t, SetPefConfig, { privilege: Priv.admin, handler: setPefConfig });
  registerCommand(t, GetLastProcessedEventId, { privilege: Priv.admin, handler: lastProcessedEventId });
  registerCommand(t, AlertImmediate, { privilege: Priv.admin, handler: alertImmediate });
  // Arm PEF Postponement Timer (30.2): FreeIPMI reads it; 00h = disabled.
  register(t, 0x04, 0x11, { name: 'Arm PEF Postpone Timer', privilege: Priv.admin, handler: (_ctx, d) => (d.length < 1 ? fail(CC.requestLength) : ok(Uint8Array.of(0))) });
}
