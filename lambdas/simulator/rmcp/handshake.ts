/**
 * The BMC side of RMCP+ session establishment, IPMI v2.0 sections 13.17-13.23: Open Session,
 * RAKP 1 -> RAKP 2, RAKP 3 -> RAKP 4, with the status codes of Table 13-15. Each function takes
 * a request payload and returns the response payload to send (or undefined to stay silent).
 * Retransmitted requests get the answer already sent, so a lossy network does not burn slots.
 */
import { randomBytes } from 'node:crypto';
import {
  ByteReader,
  cipherSuite,
  codesEqual,
  decodeOpenSessionRequest,
  decodeRakp1,
  decodeRakp3,
  deriveK1K2,
  encodeOpenSessionResponse,
  encodeRakp2,
  encodeRakp4,
  passwordKey,
  rakp2AuthCode,
  rakp3AuthCode,
  rakp4Icv,
  sessionIntegrityKey,
  suiteFor,
  SUPPORTED_CIPHER_SUITES,
  wipe,
  type RakpParams,
} from '../../ipmi/protocol.ts';
import type { Bmc } from '../bmc/bmc.ts';
import { suiteAllowed } from '../options.ts';
import type { Peer, SessionTable, SimSession } from './sim-session.ts';

/** RMCP+ status codes used here (Table 13-15). */
export const Status = {
  ok: 0x00,
  noResources: 0x01,
  invalidSessionId: 0x02,
  invalidAuthAlgorithm: 0x04,
  invalidIntegrityAlgorithm: 0x05,
  invalidRole: 0x09,
  unauthorizedRole: 0x0a,
  unauthorizedName: 0x0d,
  invalidIntegrityCheck: 0x0f,
  invalidConfidentialityAlgorithm: 0x10,
  noCipherSuiteMatch: 0x11,
  illegalParameter: 0x12,
} as const;

export interface HandshakeContext {
  bmc: Bmc;
  sessions: SessionTable;
  random: () => number;
}

function openError(tag: number, status: number, consoleSessionId: number): Uint8Array {
  return encodeOpenSessionResponse({ tag, status, privilege: 0, consoleSessionId, bmcSessionId: 0, auth: 0, integrity: 0, confidentiality: 0 });
}

/** Why a proposal matches no suite this BMC offers: the most specific status. */
function proposalStatus(bmc: Bmc, auth: number, integrity: number, confidentiality: number): number {
  const offered = SUPPORTED_CIPHER_SUITES.filter((id) => suiteAllowed(id, bmc.faults.quirks)).map((id) => cipherSuite(id)!);
  if (!offered.some((s) => s.auth === auth)) return Status.invalidAuthAlgorithm;
  if (!offered.some((s) => s.integrity === integrity)) return Status.invalidIntegrityAlgorithm;
  if (!offered.some((s) => s.confidentiality === confidentiality)) return Status.invalidConfidentialityAlgorithm;
  return Status.noCipherSuiteMatch;
}

/** Open Session Request -> Response (13.17, 13.18). */
export function openSession(ctx: HandshakeContext, peer: Peer, payload: Uint8Array): Uint8Array | undefined {
  let req;
  try {
    req = decodeOpenSessionRequest(payload);
  } catch {
    // Answer what can be answered: tag and console session ID are in the first 8 bytes.
    if (payload.length < 8) return undefined;
    const r = new ByteReader(payload);
    const tag = r.u8();
    r.skip(3);
    return openError(tag, Status.illegalParameter, r.u32le());
  }
  const again = ctx.sessions.findOpening(peer, req.consoleSessionId, req.tag);
  if (again) {
    again.lastActivity = Date.now();
    return again.openResponse;
  }
  if (req.privilege > 4) return openError(req.tag, Status.invalidRole, req.consoleSessionId);
  const suite = suiteFor(req.auth, req.integrity, req.confidentiality);
  if (!suite || !suiteAllowed(suite.id, ctx.bmc.faults.quirks)) {
    return openError(req.tag, proposalStatus(ctx.bmc, req.auth, req.integrity, req.confidentiality), req.consoleSessionId);
  }
  const s = ctx.sessions.create(req.consoleSessionId, peer, suite, ctx.random);
  if (!s) return openError(req.tag, Status.noResources, req.consoleSessionId);
  s.openTag = req.tag;
  // Privilege 0 asks for "the highest the proposed algorithms allow": Administrator here.
  s.openPrivilege = req.privilege === 0 ? 4 : req.privilege;
  s.openResponse = encodeOpenSessionResponse({
    tag: req.tag,
    status: Status.ok,
    privilege: s.openPrivilege,
    consoleSessionId: req.consoleSessionId,
    bmcSessionId: s.bmcSessionId,
    auth: suite.auth,
    integrity: suite.integrity,
    confidentiality: suite.confidentiality,
  });
  return s.openResponse;
}

function rakp2Error(tag: number, status: number, consoleSessionId: number): Uint8Array {
  return encodeRakp2({ tag, status, consoleSessionId, bmcRandom: new Uint8Array(0), bmcGuid: new Uint8Array(0), authCode: new Uint8Array(0) });
}

function params(s: SimSession, bmc: Bmc): RakpParams {
  return {
    auth: s.suite.auth,
    consoleSessionId: s.consoleSessionId,
    bmcSessionId: s.bmcSessionId,
    consoleRandom: s.consoleRandom!,
    bmcRandom: s.bmcRandom!,
    bmcGuid: bmc.identity.deviceGuid,
    role: s.hashRole,
    username: s.user!.name,
  };
}

/**
 * RAKP 1 -> RAKP 2 (13.20, 13.21). The role byte's bit 4 selects name-only lookup; without it
 * the user must match name and privilege. Unknown names get 0Dh, roles above the user's limit 0Ah.
 */
export function rakp1(ctx: HandshakeContext, payload: Uint8Array): Uint8Array | undefined {
  let m;
  try {
    m = decodeRakp1(payload);
  } catch {
    return undefined;
  }
  const s = ctx.sessions.get(m.bmcSessionId);
  if (!s || s.phase === 'active') return rakp2Error(m.tag, Status.invalidSessionId, 0);
  s.lastActivity = Date.now();
  if (s.phase === 'rakp2-sent' && s.rakp2 && s.consoleRandom && codesEqual(s.consoleRandom, m.consoleRandom)) return s.rakp2;
  const fail = (status: number) => {
    ctx.sessions.remove(s);
    return rakp2Error(m.tag, status, s.consoleSessionId);
  };
  const privilege = m.role & 0x0f;
  const nameOnly = (m.role & 0x10) !== 0;
  if (privilege < 1 || privilege > 4 || (m.role & 0xe0) !== 0) return fail(Status.invalidRole);
  const named = ctx.bmc.users.filter((u) => m.username.length > 0 && codesEqual(u.name, m.username));
  const user = nameOnly ? named[0] : named.find((u) => u.maxPrivilege >= privilege);
  if (!user) return fail(named.length > 0 ? Status.unauthorizedRole : Status.unauthorizedName);
  if (privilege > user.maxPrivilege) return fail(Status.unauthorizedRole);
  s.user = user;
  s.consoleRandom = m.consoleRandom;
  s.bmcRandom = new Uint8Array(randomBytes(16));
  s.hashRole = ctx.bmc.faults.quirks?.opensesspriv ? s.openPrivilege : m.role;
  s.maxPrivilege = privilege;
  const kuid = passwordKey(user.password);
  s.rakp2 = encodeRakp2({
    tag: m.tag,
    status: Status.ok,
    consoleSessionId: s.consoleSessionId,
    bmcRandom: s.bmcRandom,
    bmcGuid: ctx.bmc.identity.deviceGuid,
    authCode: rakp2AuthCode(params(s, ctx.bmc), kuid),
  });
  wipe(kuid);
  s.phase = 'rakp2-sent';
  return s.rakp2;
}

/**
 * RAKP 3 -> RAKP 4 (13.22, 13.23). A wrong RAKP 3 AuthCode (wrong password) gets 0Fh and
 * the session is dropped; a good one derives SIK, K1 and K2 (13.31, 13.32) and activates it.
 */
export function rakp3(ctx: HandshakeContext, payload: Uint8Array): Uint8Array | undefined {
  let m;
  try {
    m = decodeRakp3(payload);
  } catch {
    return undefined;
  }
  const s = ctx.sessions.get(m.bmcSessionId);
  if (!s) return encodeRakp4({ tag: m.tag, status: Status.invalidSessionId, consoleSessionId: 0, icv: new Uint8Array(0) });
  if (s.phase === 'active' && s.rakp4 && s.rakp3AuthCode && codesEqual(s.rakp3AuthCode, m.authCode)) return rakp4Unless(ctx, s.rakp4);
  if (s.phase !== 'active' && m.status !== Status.ok) {
    // The console gave up (our RAKP 2 did not verify, or it was aborted): free the slot now.
    ctx.sessions.remove(s);
    return undefined;
  }
  if (s.phase !== 'rakp2-sent' || !s.user) return undefined;
  const p = params(s, ctx.bmc);
  const kuid = passwordKey(s.user.password);
  try {
    if (!codesEqual(rakp3AuthCode(p, kuid), m.authCode)) {
      ctx.sessions.remove(s);
      return encodeRakp4({ tag: m.tag, status: Status.invalidIntegrityCheck, consoleSessionId: s.consoleSessionId, icv: new Uint8Array(0) });
    }
    const sik = sessionIntegrityKey(p, kuid);
    const icv = rakp4Icv(p, sik);
    const { k1, k2 } = deriveK1K2(s.suite.auth, sik);
    wipe(sik);
    s.keys = { integrity: s.suite.integrity, confidentiality: s.suite.confidentiality, k1, k2, password: s.user.password };
    s.rakp3AuthCode = m.authCode;
    s.rakp4 = encodeRakp4({ tag: m.tag, status: Status.ok, consoleSessionId: s.consoleSessionId, icv });
    s.phase = 'active';
    // Sessions start at User level (or below, if that is all that was asked) until Set Session Privilege (22.18).
    s.privilege = Math.min(2, s.maxPrivilege);
    s.lastActivity = Date.now();
    return rakp4Unless(ctx, s.rakp4);
  } finally {
    wipe(kuid);
  }
}

/** RAKP 4, or silence when the fault `dropRakp4` is on (the session is active all the same). */
function rakp4Unless(ctx: HandshakeContext, rakp4: Uint8Array): Uint8Array | undefined {
  return ctx.bmc.faults.dropRakp4 ? undefined : rakp4;
}
