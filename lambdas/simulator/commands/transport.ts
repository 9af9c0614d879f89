/**
 * Transport NetFn (0Ch) commands: LAN configuration (section 23.2) and SOL configuration
 * (26.2, 26.3). Values describe the simulated BMC's own network identity.
 */
import { ByteWriter, NetFn } from '../../ipmi/protocol.ts';
import { LAN_CHANNEL } from './app.ts';
import { CC, fail, ok, Priv, register, type CommandContext, type CommandTable, type Reply } from './registry.ts';

const PARAMETER_NOT_SUPPORTED = 0x80;
/** Parameter revision 1.1 (11h), the first response byte of both commands. */
const REVISION = 0x11;

function ipBytes(address: string): Uint8Array {
  const parts = address.split('.').map((p) => Number(p));
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? Uint8Array.from(parts) : new Uint8Array(4);
}

/** Get LAN Configuration Parameters, Table 23-4. */
function lanParameter(ctx: CommandContext, parameter: number): Uint8Array | undefined {
  switch (parameter) {
    case 0: // set in progress
      return Uint8Array.of(0x00);
    case 1: // authentication type support: none of the v1.5 types
      return Uint8Array.of(0x00);
    case 2: // authentication type enables, per privilege level
      return new Uint8Array(5);
    case 3: // IP address
      return ipBytes(ctx.server.address);
    case 4: // IP address source: static
      return Uint8Array.of(0x01);
    case 5: // MAC address
      return ctx.bmc.identity.mac.slice();
    case 6: // subnet mask
      return Uint8Array.of(255, 0, 0, 0);
    case 12: // default gateway address
      return Uint8Array.of(127, 0, 0, 1);
    case 13: // default gateway MAC
      return new Uint8Array(6);
    case 20: // 802.1q VLAN ID: disabled
      return Uint8Array.of(0x00, 0x00);
    default:
      return undefined;
  }
}

/** Request: [7] revision only, [3:0] channel; parameter; set selector; block selector. */
function getLanConfig(ctx: CommandContext, data: Uint8Array): Reply {
  if (data.length < 4) return fail(CC.requestLength);
  const channel = data[0]! & 0x0f;
  if (channel !== LAN_CHANNEL && channel !== 0x0e) return fail(CC.invalidField);
  if (data[0]! & 0x80) return ok(Uint8Array.of(REVISION));
  const value = lanParameter(ctx, data[1]!);
  if (!value) return fail(PARAMETER_NOT_SUPPORTED);
  return ok(new ByteWriter(1 + value.length).u8(REVISION).bytes(value).finish());
}

/** Get SOL Configuration Parameters, Table 26-5. */
function solParameter(ctx: CommandContext, parameter: number): Uint8Array | undefined {
  switch (parameter) {
    case 0: // set in progress
      return Uint8Array.of(0x00);
    case 1: // SOL enable
      return Uint8Array.of(0x01);
    case 2: // SOL authentication: [3:0] User privilege suffices, no forced encryption/authentication
      return Uint8Array.of(0x02);
    case 3: // character accumulate interval (5 ms units) and send threshold
      return Uint8Array.of(12, 96);
    case 4: // retry count, retry interval (10 ms units)
      return Uint8Array.of(7, Math.min(255, Math.round(ctx.bmc.timing.solRetryMs / 10)));
    case 5: // non-volatile bit rate: 115.2 kbps
    case 6: // volatile bit rate
      return Uint8Array.of(0x0a);
    case 7: // payload channel
      return Uint8Array.of(LAN_CHANNEL);
    case 8: // payload port
      return new ByteWriter(2).u16le(ctx.server.port).finish();
    default:
      return undefined;
  }
}

function getSolConfig(ctx: CommandContext, data: Uint8Array): Reply {
  if (data.length < 4) return fail(CC.requestLength);
  if (data[0]! & 0x80) return ok(Uint8Array.of(REVISION));
  const value = solParameter(ctx, data[1]!);
  if (!value) return fail(PARAMETER_NOT_SUPPORTED);
  return ok(new ByteWriter(1 + value.length).u8(REVISION).bytes(value).finish());
}

/** Set SOL Configuration Parameters, 26.2: accepted for the parameters we know, without effect. */
function setSolConfig(ctx: CommandContext, data: Uint8Array): Reply {
  if (data.length < 3) return fail(CC.requestLength);
  return solParameter(ctx, data[1]!) ? ok() : fail(PARAMETER_NOT_SUPPORTED);
}

export function registerTransportCommands(t: CommandTable): void {
  const tr = NetFn.transport;
  register(t, tr, 0x02, { name: 'Get LAN Configuration Parameters', privilege: Priv.operator, handler: getLanConfig });
  register(t, tr, 0x21, { name: 'Set SOL Configuration Parameters', privilege: Priv.admin, handler: setSolConfig });
  register(t, tr, 0x22, { name: 'Get SOL Configuration Parameters', privilege: Priv.user, handler: getSolConfig });
}
