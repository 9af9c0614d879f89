/**
 * Get and Set LAN Configuration Parameters (IPMI v2.0 sections 23.1-23.2, Table 23-4), answered
 * from the BMC's LAN settings with the library's parameter codecs.
 */
import {
  DESTINATION_TYPES,
  DestinationAddressParam,
  DestinationTypeParam,
  GetLanConfig,
  IP_SOURCES,
  LanParam,

  PARAMETER_REVISION,
  SetLanConfig,
  SUPPORTED_CIPHER_SUITES,
  type IpSource,
} from '../../ipmi/protocol.ts';
import { ALERT_DESTINATIONS, type LanSettings } from '../bmc/platform-settings.ts';
import { suiteAllowed } from '../options.ts';
import { LAN_CHANNEL } from './app.ts';
import { decoded, isReply } from './decode-request.ts';
import { CC, fail, ok, Priv, registerCommand, type CommandContext, type CommandTable, type Reply } from './registry.ts';
import { V15_AUTH_SUPPORT, v15Offered } from '../rmcp/v15-session.ts';

const NOT_SUPPORTED = 0x80;
const READ_ONLY = 0x82;

function suites(ctx: CommandContext): number[] {
  return SUPPORTED_CIPHER_SUITES.filter((id) => suiteAllowed(id, ctx.bmc.faults.quirks));
}

function settings(ctx: CommandContext): LanSettings {
  return ctx.bmc.lan(ctx.server.address, suites(ctx).length);
}

/** Parameter data of Table 23-4, or undefined when not supported. */
function readParameter(ctx: CommandContext, parameter: number, set: number): Uint8Array | undefined | Reply {
  const lan = settings(ctx);
  switch (parameter) {
    case 0:
      return Uint8Array.of(lan.setInProgress);
    // The v1.5 types (none, MD5, straight password) only with the quirk ipmi15; enabled for
    // callback, user, operator and admin alike, none for OEM.
    case LanParam.authTypeSupport.id:
      return Uint8Array.of(v15Offered(ctx.bmc) ? V15_AUTH_SUPPORT : 0x00);
    case LanParam.authTypeEnables.id:
      return v15Offered(ctx.bmc) ? Uint8Array.of(V15_AUTH_SUPPORT, V15_AUTH_SUPPORT, V15_AUTH_SUPPORT, V15_AUTH_SUPPORT, 0) : new Uint8Array(5);
    case LanParam.ipAddress.id:
      return LanParam.ipAddress.encode(lan.ipAddress);
    case LanParam.ipSource.id:
      return Uint8Array.of(lan.ipSource);
    case LanParam.macAddress.id:
      return ctx.bmc.identity.mac.slice();
    case LanParam.subnetMask.id:
      return LanParam.subnetMask.encode(lan.netmask);
    case LanParam.defaultGateway.id:
      return LanParam.defaultGateway.encode(lan.gateway);
    case LanParam.defaultGatewayMac.id:
      return LanParam.defaultGatewayMac.encode(lan.gatewayMac);
    case 14: // backup gateway address and MAC: none
      return new Uint8Array(4);
    case 15:
      return new Uint8Array(6);
    case LanParam.communityString.id:
      return LanParam.communityString.encode(lan.community);
    case LanParam.destinationCount.id:
      return Uint8Array.of(ALERT_DESTINATIONS);
    case DestinationTypeParam.id:
    case DestinationAddressParam.id: {
      const d = lan.destinations[set];
      if (!d) return fail(CC.outOfRange);
      return parameter === DestinationTypeParam.id
        ? Uint8Array.of(set, (d.acknowledge ? 0x80 : 0) | d.type, d.timeoutSeconds, d.retries)
        : DestinationAddressParam.encode({ destination: set, useBackupGateway: d.useBackupGateway, ipAddress: d.ipAddress, macAddress: d.macAddress });
    }
    case LanParam.vlanId.id:
      return LanParam.vlanId.encode(lan.vlanId);
    case LanParam.vlanPriority.id:
      return Uint8Array.of(lan.vlanPriority);
    case LanParam.cipherSuiteCount.id:
      return Uint8Array.of(suites(ctx).length);
    case LanParam.cipherSuiteEntries.id:
      return LanParam.cipherSuiteEntries.encode(suites(ctx));
    case LanParam.cipherSuitePrivileges.id:
      return LanParam.cipherSuitePrivileges.encode(lan.cipherSuitePrivileges);
    default:
      return undefined;
  }
}

function getLanConfig(ctx: CommandContext, data: Uint8Array): Reply {
  const req = decoded(() => GetLanConfig.decodeRequest(data));
  if (isReply(req)) return req;
  if (req.channel !== LAN_CHANNEL && req.channel !== 0x0e) return fail(CC.invalidField);
  if (req.revisionOnly) return ok(Uint8Array.of(PARAMETER_REVISION));
  const value = readParameter(ctx, req.parameter, req.setSelector);
  if (value === undefined) return fail(NOT_SUPPORTED);
  if (isReply(value)) return value;
  return ok(GetLanConfig.encodeResponse({ revision: PARAMETER_REVISION, data: value }));
}

/** Decodes with the parameter's codec; anything it refuses is 0CCh (invalid data field). */
function parse<T>(decode: () => T): T | Reply {
  try {
    return decode();
  } catch {
    return fail(CC.invalidField);
  }
}

function writeParameter(ctx: CommandContext, parameter: number, value: Uint8Array): Reply {
  const lan = settings(ctx);
  const apply = <T>(decode: () => T, set: (v: T) => void): Reply => {
    const v = parse(decode);
    if (isReply(v)) return v;
    set(v);
    return ok();
  };
  switch (parameter) {
    case 0: {
      const state = (value[0] ?? 0) & 0x03;
      if (value.length < 1 || state > 2) return fail(CC.invalidField);
      // Commit write (10b): writes apply at once here, so there is nothing pending to commit.
      if (state === 2) return ok();
      if (state === 1 && lan.setInProgress === 1) return fail(0x81);
      lan.setInProgress = state;
      return ok();
    }
    case LanParam.ipAddress.id:
      return apply(() => LanParam.ipAddress.decode(value), (v) => (lan.ipAddress = v));
    case LanParam.ipSource.id:
      return apply(
        () => {
          const v = LanParam.ipSource.decode(value);
          if (!(['static', 'dhcp', 'bios', 'other'] as IpSource[]).includes(v)) throw new RangeError('IP source');
          return IP_SOURCES.indexOf(v);
        },
        (v) => (lan.ipSource = v),
      );
    case LanParam.subnetMask.id:
      return apply(() => LanParam.subnetMask.decode(value), (v) => (lan.netmask = v));
    case LanParam.defaultGateway.id:
      return apply(() => LanParam.defaultGateway.decode(value), (v) => (lan.gateway = v));
    case LanParam.defaultGatewayMac.id:
      return apply(() => LanParam.defaultGatewayMac.decode(value), (v) => (lan.gatewayMac = v));
    case LanParam.communityString.id:
      return apply(() => LanParam.communityString.decode(value), (v) => (lan.community = v));
    case LanParam.vlanId.id:
      return apply(
        () => {
          const v = LanParam.vlanId.decode(value);
          if (v === 0 || v === 0xfff) throw new RangeError('VLAN id');
          return v;
        },
        (v) => (lan.vlanId = v),
      );
    case LanParam.vlanPriority.id:
      return apply(() => LanParam.vlanPriority.decode(value), (v) => (lan.vlanPriority = v));
    case LanParam.cipherSuitePrivileges.id:
      return apply(() => LanParam.cipherSuitePrivileges.decode(value), (v) => (lan.cipherSuitePrivileges = v.slice(0, lan.cipherSuitePrivileges.length)));
    case LanParam.authTypeEnables.id:
      return ok(); // no v1.5 authentication types to enable; accepted, as FreeIPMI commits every field it read
    case DestinationTypeParam.id:
      return apply(
        () => DestinationTypeParam.decode(value),
        (v) => {
          const d = lan.destinations[v.destination];
          if (d) Object.assign(d, { type: DESTINATION_TYPES.indexOf(v.type), acknowledge: v.acknowledge, timeoutSeconds: v.timeoutSeconds, retries: v.retries });
        },
      );
    case DestinationAddressParam.id:
      return apply(
        () => DestinationAddressParam.decode(value),
        (v) => {
          const d = lan.destinations[v.destination];
          if (d) Object.assign(d, { useBackupGateway: v.useBackupGateway, ipAddress: v.ipAddress, macAddress: v.macAddress });
        },
      );
    default:
      return readParameter(ctx, parameter, 0) === undefined ? fail(NOT_SUPPORTED) : fail(READ_ONLY);
  }
}

function setLanConfig(ctx: CommandContext, data: Uint8Array): Reply {
  const req = decoded(() => SetLanConfig.decodeRequest(data));
  if (isReply(req)) return req;
  if (req.channel !== LAN_CHANNEL && req.channel !== 0x0e) return fail(CC.invalidField);
  // Destination parameters carry their selector first; one that does not exist is out of range.
  if ((req.parameter === DestinationTypeParam.id || req.parameter === DestinationAddressParam.id) && !settings(ctx).destinations[req.data[0] ?? 0xff]) return fail(CC.outOfRange);
  return writeParameter(ctx, req.parameter, req.data);
}

export function registerLanConfigCommands(t: CommandTable): void {
  registerCommand(t, GetLanConfig, { privilege: Priv.operator, handler: getLanConfig });
  registerCommand(t, SetLanConfig, { privilege: Priv.admin, handler: setLanConfig });
}


