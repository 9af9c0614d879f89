/**
 * The BMC side of IPMI v1.5 sessions (IPMI v2.0 sections 6.12, 22.16 and 22.17), offered when
 * the quirk `ipmi15` is set: Get Session Challenge outside a session, Activate Session under
 * the temporary session ID with sequence number 0, then every packet carries the session's
 * AuthCode (none, straight password or MD5) and a sequence number inside the window. The
 * AuthCode and the command codecs are the library's, the same the client uses.
 */
import { randomBytes } from 'node:crypto';
import {
  ActivateSession,
  cipherSuite,
  codesEqual,
  encodeV15,
  GetSessionChallenge,
  NetFn,
  v15AuthCode,
  v15PasswordKey,
  V15_AUTH_TYPES,
  type LanMessage,
  type V15Frame,
} from '../../ipmi/protocol.ts';
import type { Bmc } from '../bmc/bmc.ts';
import { CC, fail, ok, type Reply } from '../commands/registry.ts';
import type { HandshakeContext } from './handshake.ts';
import type { Peer, SimSession } from './sim-session.ts';

/** Auth type support bits of Get Channel Authentication Capabilities byte 2 (Table 22-15): none, MD5, straight password. */
export const V15_AUTH_SUPPORT = 0x15;

const OFFERED = new Set<number>(Object.values(V15_AUTH_TYPES));
/** A v1.5 session has no RMCP+ algorithms; cipher suite 0 (none, none, none) stands for that in the table. */
const NO_ALGORITHMS = cipherSuite(0)!;

export function v15Offered(bmc: Bmc): boolean {
  return bmc.faults.quirks?.ipmi15 !== undefined;
}

export function rmcpPlusOffered(bmc: Bmc): boolean {
  return bmc.faults.quirks?.ipmi15 !== 'only';
}

export const isSessionChallenge = (m: LanMessage): boolean => m.netFn === NetFn.app && m.cmd === GetSessionChallenge.cmd;
export const isActivateSession = (m: LanMessage): boolean => m.netFn === NetFn.app && m.cmd === ActivateSession.cmd;

/**
 * Get Session Challenge (22.16): finds the user (an empty name is the null user, ID 1), and
 * keeps a temporary session with a fresh challenge until Activate Session. 81h: unknown name;
 * 82h: null user not enabled.
 */
export function sessionChallenge(ctx: HandshakeContext, peer: Peer, body: Uint8Array): Reply {
  let req;
  try {
    req = GetSessionChallenge.decodeRequest(body);
  } catch {
    return fail(CC.requestLength);
  }
  if (!OFFERED.has(req.authType)) return fail(CC.invalidField);
  const user = req.username.length === 0 ? ctx.bmc.users.find((u) => u.id === 1) : ctx.bmc.users.find((u) => codesEqual(u.name, req.username));
  if (!user) return fail(req.username.length === 0 ? 0x82 : 0x81);
  let key: Uint8Array;
  try {
    key = v15PasswordKey(user.password);
  } catch {
    // A 20-byte password (RMCP+ only) cannot authenticate a v1.5 session.
    return fail(0x81);
  }
  const s = ctx.sessions.create(0, peer, NO_ALGORITHMS, ctx.random);
  if (!s) {
    key.fill(0);
    return fail(CC.nodeBusy);
  }
  s.phase = 'challenged';
  s.user = user;
  s.v15 = { authType: req.authType, key, challenge: new Uint8Array(randomBytes(16)), activated: undefined };
  return ok(GetSessionChallenge.encodeResponse({ temporarySessionId: s.bmcSessionId, challenge: s.v15.challenge }));
}

/** Whether a packet carries this session's auth type and the AuthCode its password gives. */
export function authentic(s: SimSession, f: V15Frame): boolean {
  const v = s.v15;
  if (!v || f.authType !== v.authType) return false;
  const expected = v15AuthCode({ authType: v.authType, key: v.key, sessionId: f.sessionId, sequence: f.sequence, message: f.message });
  return expected === undefined || codesEqual(expected, f.authCode);
}

/**
 * Activate Session (22.17), already authenticated by its AuthCode: the challenge must match,
 * the privilege fit the user (86h otherwise). The BMC numbers its packets from the console's
 * initial outbound sequence number and tells the console where its own numbers start.
 */
export function activateSession(s: SimSession, body: Uint8Array, random: () => number): Reply {
  let req;
  try {
    req = ActivateSession.decodeRequest(body);
  } catch {
    return fail(CC.requestLength);
  }
  const v = s.v15!;
  if (req.authType !== v.authType || !codesEqual(req.challenge, v.challenge)) return fail(CC.invalidField);
  if (req.maxPrivilege < 1 || req.maxPrivilege > 4) return fail(CC.invalidField);
  if (req.maxPrivilege > s.user!.maxPrivilege) return fail(0x86);
  if (req.initialOutboundSequence === 0) return fail(0x84);
  const inbound = 1 + Math.floor(random() * 0x7ffffffe);
  // Numbers below the console's first one are old: mark the one before it as seen.
  if (inbound > 1) s.window.accept(inbound - 1);
  s.startOutboundAt(req.initialOutboundSequence);
  s.maxPrivilege = req.maxPrivilege;
  // Sessions start at User level (or below, if that is all that was asked) until Set Session Privilege (22.18).
  s.privilege = Math.min(2, req.maxPrivilege);
  s.phase = 'active';
  s.lastActivity = Date.now();
  return ok(ActivateSession.encodeResponse({ authType: v.authType, sessionId: s.bmcSessionId, initialInboundSequence: inbound, maxPrivilege: req.maxPrivilege }));
}

/** One v1.5 packet of this session: its ID, the given sequence number and the AuthCode. */
export function v15Packet(s: SimSession, sequence: number, message: Uint8Array): Uint8Array {
  const v = s.v15!;
  const code = v15AuthCode({ authType: v.authType, key: v.key, sessionId: s.bmcSessionId, sequence, message });
  return encodeV15(s.bmcSessionId, sequence, message, code ? { type: v.authType, code } : undefined);
}
