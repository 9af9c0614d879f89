/**
 * Application NetFn (06h) commands: device identity (section 20), channel and session
 * management (22) and payload activation (24).
 */
import {
  ActivatePayload,
  ByteReader,
  ByteWriter,
  cipherSuite,
  CloseSession,
  ConfidentialityAlgorithm,
  DeactivatePayload,
  decodeActivatePayloadRequest,
  encodeActivatePayloadResponse,
  encodeCipherSuiteRecords,
  GetChannelAuthCapabilities,
  GetChannelCipherSuites,
  GetDeviceGuid,
  GetDeviceId,
  GetSelfTestResults,
  GetSystemGuid,
  NetFn,
  SetSessionPrivilege,
  SUPPORTED_CIPHER_SUITES,
} from '../../ipmi/protocol.ts';
import { suiteAllowed } from '../options.ts';
import { rmcpPlusOffered, V15_AUTH_SUPPORT, v15Offered } from '../rmcp/v15-session.ts';
import { CC, fail, ok, Priv, register, registerCommand, type CommandContext, type CommandTable, type Reply } from './registry.ts';

/** The LAN channel every simulated BMC answers on. */
export const LAN_CHANNEL = 1;
/** IPMI Forum IANA (7154), the vendor ID of standard channel info (22.24). */
const IPMI_FORUM_IANA = 0x001bf2;
/** Largest SOL payload accepted and sent (24.1 response bytes 5-8). */
export const SOL_PAYLOAD_SIZE = 200;

/** Channel byte of a request: 0Eh means "this channel". */
function channelOf(b: number): number {
  const c = b & 0x0f;
  return c === 0x0e ? LAN_CHANNEL : c;
}

function getDeviceId({ bmc }: CommandContext): Reply {
  const d = bmc.profile.device;
  // Table 20-2. Revision bit 7 clear: no device SDRs, the SDR repository holds everything.
  return ok(
    new ByteWriter(15)
      .u8(d.deviceId)
      .u8(d.deviceRevision & 0x0f)
      .u8(d.firmwareMajor & 0x7f) // bit 7 clear: device available
      .u8(d.firmwareMinorBcd)
      .u8(0x02) // IPMI 2.0
      .u8(0xbf) // sensor, SDR repository, SEL, FRU, event receiver, event generator, chassis
      .u24le(d.manufacturerId & 0x0fffff)
      .u16le(d.productId)
      .bytes(d.auxFirmware)
      .finish(),
  );
}

/**
 * Table 22-15. Byte 2 bit 7 and byte 4 only when the request asked for v2.0 data (request byte
 * 1 bit 7) and the BMC has RMCP+; a v1.5-only BMC answers as IPMI v1.5 defines the command.
 */
function getChannelAuthCapabilities({ bmc }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 2) return fail(CC.requestLength);
  const rmcpPlus = rmcpPlusOffered(bmc);
  const extended = (data[0]! & 0x80) !== 0 && rmcpPlus;
  const channel = channelOf(data[0]!);
  const privilege = data[1]! & 0x0f;
  if (channel !== LAN_CHANNEL) return fail(CC.invalidField);
  if (privilege < 1 || privilege > 5) return fail(CC.invalidField);
  // Without the quirk ipmi15 no v1.5 authentication type is offered: RMCP+ only, as hardened BMCs ship.
  const v15 = v15Offered(bmc);
  return ok(
    new ByteWriter(8)
      .u8(channel)
      .u8((extended ? 0x80 : 0x00) | (v15 ? V15_AUTH_SUPPORT : 0))
      // Kg all zeros, per-message and user-level authentication on, non-null user names only.
      .u8(0x04)
      .u8(extended ? (v15 ? 0x01 : 0) | (rmcpPlus ? 0x02 : 0) : 0x00)
      .u24le(0)
      .u8(0)
      .finish(),
  );
}

/** Get Channel Cipher Suites, 22.15: 16 bytes of record data per list index. */
function getChannelCipherSuites({ bmc }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 3) return fail(CC.requestLength);
  const channel = channelOf(data[0]!);
  if (channel !== LAN_CHANNEL) return fail(CC.invalidField);
  const payloadType = data[1]! & 0x3f;
  if (payloadType > 0x01) return fail(CC.invalidField);
  const bySuite = (data[2]! & 0x80) !== 0;
  const index = data[2]! & 0x3f;
  const suites = SUPPORTED_CIPHER_SUITES.filter((id) => suiteAllowed(id, bmc.faults.quirks)).map((id) => cipherSuite(id)!);
  let records: Uint8Array;
  if (bySuite) {
    records = encodeCipherSuiteRecords(suites);
  } else {
    // "Supported algorithms" list: each algorithm once, tagged by class (Table 22-19).
    const tags = new Set<number>();
    for (const s of suites) {
      tags.add(s.auth);
      tags.add(0x40 | s.integrity);
      tags.add(0x80 | s.confidentiality);
    }
    records = Uint8Array.from([...tags].sort((a, b) => a - b));
  }
  return ok(new ByteWriter(17).u8(channel).bytes(records.subarray(index * 16, index * 16 + 16)).finish());
}

/** Set Session Privilege Level, 22.18: 0 reads the current level. */
function setSessionPrivilege({ session }: CommandContext, data: Uint8Array): Reply {
  if (!session) return fail(CC.insufficientPrivilege);
  if (data.length < 1) return fail(CC.requestLength);
  const level = data[0]! & 0x0f;
  if (level === 0) return ok(Uint8Array.of(session.privilege));
  if (level > 5) return fail(CC.invalidField);
  if (level > session.maxPrivilege) return fail(0x81);
  session.privilege = level;
  return ok(Uint8Array.of(level));
}

/** Close Session, 22.19: answers first, then forgets the session (its keys frame this answer). */
function closeSession({ session, server }: CommandContext, data: Uint8Array): Reply {
  if (!session) return fail(CC.insufficientPrivilege);
  if (data.length < 4) return fail(CC.requestLength);
  const id = new ByteReader(data, 'Close Session request').u32le('session ID');
  const target = id === 0 ? undefined : server.sessions.get(id);
  if (!target || target.phase !== 'active') return fail(0x87);
  // Only administrators may close someone else's session.
  if (target !== session && session.privilege < Priv.admin) return fail(CC.insufficientPrivilege);
  return { cc: CC.ok, after: () => server.closeSession(target) };
}

function activeSessions(ctx: CommandContext) {
  return [...ctx.server.sessions.all()].filter((s) => s.phase === 'active');
}

/** Get Session Info, 22.20: 00h = this session, 01h-3Fh = nth active session, FFh = by session ID. */
function getSessionInfo(ctx: CommandContext, data: Uint8Array): Reply {
  if (data.length < 1) return fail(CC.requestLength);
  const active = activeSessions(ctx);
  const index = data[0]!;
  let target: (typeof active)[number] | undefined;
  if (index === 0) target = ctx.session;
  else if (index === 0xff) {
    if (data.length < 5) return fail(CC.requestLength);
    const id = new ByteReader(data.subarray(1), 'Get Session Info request').u32le('session ID');
    target = active.find((s) => s.bmcSessionId === id);
  } else if (index <= 0x3f) target = active[index - 1];
  else return fail(CC.invalidField);
  const w = new ByteWriter(18).u8(target ? active.indexOf(target) + 1 : 0).u8(ctx.server.sessionLimit & 0x3f).u8(active.length);
  if (!target) return ok(w.finish());
  const ip = target.peer.address.split('.').map((n) => Number(n) & 0xff);
  w.u8(target.user?.id ?? 0).u8(target.privilege).u8(0x10 | LAN_CHANNEL);
  for (const b of ip.length === 4 ? ip : [0, 0, 0, 0]) w.u8(b);
  return ok(w.zeros(6).u16le(target.peer.port).finish());
}

/** Get Channel Info, 22.24. */
function getChannelInfo(ctx: CommandContext, data: Uint8Array): Reply {
  if (data.length < 1) return fail(CC.requestLength);
  const channel = channelOf(data[0]!);
  const w = new ByteWriter(9).u8(channel);
  if (channel === LAN_CHANNEL) w.u8(0x04).u8(0x01).u8(0x80 | (activeSessions(ctx).length & 0x3f)); // 802.3 LAN, IPMB-1.0, multi-session
  else if (channel === 0) w.u8(0x01).u8(0x01).u8(0x00); // primary IPMB, session-less
  else if (channel === 0x0f) w.u8(0x0c).u8(0x05).u8(0x00); // system interface, KCS
  else return fail(CC.invalidField);
  return ok(w.u24le(IPMI_FORUM_IANA).u16le(0).finish());
}

/** Get Channel Access, 22.23: always available, Administrator limit. */
function getChannelAccess(_ctx: CommandContext, data: Uint8Array): Reply {
  if (data.length < 2) return fail(CC.requestLength);
  if (channelOf(data[0]!) !== LAN_CHANNEL) return fail(CC.invalidField);
  return ok(Uint8Array.of(0x02, Priv.admin));
}

/** Activate Payload, 24.1, for SOL (payload type 1, instance 1); one SOL session per BMC. */
function activatePayload(ctx: CommandContext, data: Uint8Array): Reply {
  const { session, server } = ctx;
  if (!session) return fail(CC.insufficientPrivilege);
  if (data.length < 6) return fail(CC.requestLength);
  const req = decodeActivatePayloadRequest(data);
  if (req.payloadType !== 0x01) return fail(0x81);
  if (req.instance !== 1) return fail(CC.invalidField);
  if (server.solBusy) return fail(0x80);
  if (req.encrypt && session.suite.confidentiality === ConfidentialityAlgorithm.none) return fail(0x83);
  // Console data may flow only after the console has our answer: start SOL once it is sent.
  return {
    cc: CC.ok,
    data: encodeActivatePayloadResponse({ inboundPayloadSize: SOL_PAYLOAD_SIZE, outboundPayloadSize: SOL_PAYLOAD_SIZE, port: server.port, vlan: 0xffff }),
    after: () => server.startSol(session),
  };
}

/** Deactivate Payload, 24.2. */
function deactivatePayload({ session, server }: CommandContext, data: Uint8Array): Reply {
  if (!session) return fail(CC.insufficientPrivilege);
  if (data.length < 2) return fail(CC.requestLength);
  if ((data[0]! & 0x3f) !== 0x01) return fail(0x81);
  if ((data[1]! & 0x0f) !== 1) return fail(CC.invalidField);
  if (!server.solBusy) return fail(0x80);
  return { cc: CC.ok, after: () => server.stopSol() };
}

/** Get Payload Activation Status, 24.4: one SOL instance. */
function getPayloadActivationStatus({ server }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 1) return fail(CC.requestLength);
  if ((data[0]! & 0x3f) !== 0x01) return ok(Uint8Array.of(0x00, 0x00, 0x00));
  return ok(Uint8Array.of(0x01, server.solBusy ? 0x01 : 0x00, 0x00));
}

export function registerAppCommands(t: CommandTable): void {
  const app = NetFn.app;
  registerCommand(t, GetDeviceId, { privilege: Priv.user, handler: getDeviceId });
  registerCommand(t, GetSelfTestResults, { privilege: Priv.user, handler: () => ok(Uint8Array.of(0x55, 0x00)) });
  registerCommand(t, GetDeviceGuid, { privilege: Priv.user, handler: ({ bmc }) => ok(bmc.identity.deviceGuid.slice()) });
  registerCommand(t, GetSystemGuid, { privilege: Priv.user, handler: ({ bmc }) => ok(bmc.identity.systemGuid.slice()) });
  registerCommand(t, GetChannelAuthCapabilities, { privilege: Priv.callback, preSession: true, handler: getChannelAuthCapabilities });
  registerCommand(t, GetChannelCipherSuites, { privilege: Priv.callback, preSession: true, handler: getChannelCipherSuites });
  registerCommand(t, SetSessionPrivilege, { privilege: Priv.callback, handler: setSessionPrivilege });
  registerCommand(t, CloseSession, { privilege: Priv.callback, handler: closeSession });
  register(t, app, 0x3d, { name: 'Get Session Info', privilege: Priv.user, handler: getSessionInfo });
  register(t, app, 0x41, { name: 'Get Channel Access', privilege: Priv.user, handler: getChannelAccess });
  register(t, app, 0x42, { name: 'Get Channel Info', privilege: Priv.user, handler: getChannelInfo });
  registerCommand(t, ActivatePayload, { privilege: Priv.user, handler: activatePayload });
  registerCommand(t, DeactivatePayload, { privilege: Priv.user, handler: deactivatePayload });
  register(t, app, 0x4a, { name: 'Get Payload Activation Status', privilege: Priv.user, handler: getPayloadActivationStatus });
}
