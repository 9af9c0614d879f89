/**
 * Transport NetFn (0Ch) commands: SOL configuration (26.2, 26.3). LAN configuration
 * (23.1, 23.2) is in lan-config.ts.
 */
import { ByteWriter, NetFn } from '../../ipmi/protocol.ts';
import { LAN_CHANNEL } from './app.ts';
import { CC, fail, ok, Priv, register, type CommandContext, type CommandTable, type Reply } from './registry.ts';

const PARAMETER_NOT_SUPPORTED = 0x80;
/** Parameter revision 1.1 (11h), the first response byte of both commands. */
const REVISION = 0x11;

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
  register(t, tr, 0x21, { name: 'Set SOL Configuration Parameters', privilege: Priv.admin, handler: setSolConfig });
  register(t, tr, 0x22, { name: 'Get SOL Configuration Parameters', privilege: Priv.user, handler: getSolConfig });
}
