import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import {
  AbortedError,
  AuthenticationError,
  BmcBusyError,
  CompletionCodeError,
  InsufficientPrivilegeError,
  InvalidArgumentError,
  IpmiError,
  RakpError,
  TimeoutError,
  UnsupportedCipherSuiteError,
} from '../errors.ts';
import { GetChannelAuthCapabilities } from '../commands/app/get-channel-auth-capabilities.ts';
import { GetChannelCipherSuites, parseCipherSuiteRecords } from '../commands/app/get-channel-cipher-suites.ts';
import { SetSessionPrivilege } from '../commands/app/set-session-privilege.ts';
import { cipherSuite, NEGOTIATION_ORDER, type CipherSuite } from '../crypto/cipher-suites.ts';
import { codesEqual, passwordKey } from '../crypto/hmac.ts';
import { deriveK1K2, rakp2AuthCode, rakp3AuthCode, rakp4Icv, sessionIntegrityKey, wipe, type RakpParams } from '../crypto/rakp.ts';
import { encodeV2, parseV2Header, PayloadType } from '../rmcp/session-frame.ts';
import { DEFAULT_POLICY, exchange, type RetryPolicy } from '../transport/exchange.ts';
import { sharedTransport, type UdpTransport } from '../transport/udp-transport.ts';
import { abortableSleep } from '../transport/abortable-sleep.ts';
import {
  decodeOpenSessionResponse,
  decodeRakp2,
  decodeRakp4,
  encodeOpenSessionRequest,
  encodeRakp1,
  encodeRakp3,
  privilegeLevel,
  type PrivilegeName,
} from './rakp-messages.ts';
import { forgetBmcHints, hintFor, learnSessionLimit, rttOf, updateHint } from './bmc-hints.ts';
import { CLOSE_BUDGET_MS, Session, type OperationBudget } from './session.ts';
import { sessionlessCall } from './sessionless.ts';

/**
 * Named workarounds for BMCs that deviate from the spec. Each is also auto-detected where
 * the protocol allows; setting it skips detection.
 */
export interface Quirks {
  /**
   * RAKP HMACs and the SIK are computed with the privilege of the Open Session exchange
   * instead of the RAKP 1 role byte (FreeIPMI's "opensesspriv"; OpenIPMI's ipmi_sim does this).
   * Auto-detected: when RAKP 2 fails to verify with the RAKP 1 role but verifies with the
   * Open Session privilege, the session continues with it.
   */
  opensesspriv?: boolean;
}

export interface SessionOptions {
  host: string;
  port?: number;
  username: string;
  /** The user's password (at most 20 bytes). Never logged. */
  password: string | Uint8Array;
  /** Cipher suite to use; default: negotiated (17, then 3, then the rest). */
  cipherSuite?: number;
  privilege?: PrivilegeName;
  /** BMC key K_G for two-key logins (at most 20 bytes). */
  kg?: Uint8Array;
  /** 'name-only' (default, like ipmitool) or 'username-privilege' lookup in RAKP 1. */
  lookup?: 'name-only' | 'username-privilege';
  quirks?: Quirks;
  /**
   * Longest wait for the first answer to a request, in ms (default 1000). Once a BMC's round
   * trip is measured the wait adapts to it (SRTT + 4 RTTVAR, at least 200 ms), never longer.
   */
  timeoutMs?: number;
  /**
   * Retransmissions of a request to a BMC that has not answered yet: how soon a dead BMC is
   * reported. Default: every `timeoutMs` for 12 s. A BMC that answers gets retransmissions
   * while the deadline lasts.
   */
  retries?: number;
  /**
   * The operation's budget in ms (default DEFAULT_DEADLINE_MS): session setup, and with
   * withSession, SessionPool.use and runFleet the work too. Requests are retransmitted while
   * it lasts; past it a request fails with TimeoutError. Close Session has its own budget.
   */
  deadlineMs?: number;
  /** Aborts setup and every request on the session (also after it is open). Close Session still goes out. */
  signal?: AbortSignal;
  /**
   * Told when Close Session went unanswered: the BMC keeps the session until its idle timeout
   * (a failed operation's IpmiError also carries `sessionLeftOpen`).
   */
  onSessionLeftOpen?: (where: string) => void;
  transport?: UdpTransport;
  /** Requests in flight at once on the session; default adaptive (see Session), 1 turns pipelining off. */
  maxInFlight?: number;
}

const encoder = new TextEncoder();

/** An operation's default budget: long enough for a full inventory read over a lossy link. */
export const DEFAULT_DEADLINE_MS = 120_000;

/**
 * How long one setup exchange to a BMC known to be alive (it answered in this operation, or
 * recently) keeps retransmitting, within the deadline: loss must not fail a login, and a BMC
 * that silently ignores a cipher suite must not hold negotiation for the whole deadline.
 */
const ALIVE_EXCHANGE_MS = 20_000;

/**
 * How long the first request to a BMC is retransmitted (every `timeoutMs`) when the caller
 * set no `retries`: long enough that loss does not pass for a dead BMC, as FreeIPMI's 20 s
 * session timeout does, short enough that a dead BMC is reported in seconds.
 */
const FIRST_CONTACT_MS = 12_000;

/** A BMC heard from this recently counts as alive for its next Open Session. */
const ALIVE_FOR_MS = 60_000;

/** Waits between Open Session attempts while the BMC's session table is full: doubling, with jitter. */
const BUSY_BACKOFF_MS = { first: 250, max: 4_000 } as const;

/** Handshakes started afresh after a lost RAKP 4, per suite. */
const MAX_HANDSHAKE_RACES = 3;

/** Internal: a RAKP 4 was lost and the BMC refused the retransmitted RAKP 3; establishPolitely starts again. */
class HandshakeRaceError extends Error {
  constructor(where: string) {
    super(`${where}: RAKP 4 lost, retransmitted RAKP 3 refused`);
    this.name = 'HandshakeRaceError';
  }
}

/** The budget of an operation that starts now. */
export function operationBudget(opts: SessionOptions): OperationBudget & { deadline: number } {
  const ms = opts.deadlineMs ?? DEFAULT_DEADLINE_MS;
  if (!(typeof ms === 'number' && ms > 0 && Number.isFinite(ms))) throw new InvalidArgumentError(`deadlineMs: expected a positive number of ms, got ${String(ms)}`);
  return { deadline: performance.now() + ms, ...(opts.signal ? { signal: opts.signal } : {}) };
}

export async function resolveHost(host: string): Promise<string> {
  if (isIP(host)) return host;
  try {
    return (await lookup(host)).address;
  } catch (e) {
    throw new InvalidArgumentError(`cannot resolve host "${host}"`, { cause: e });
  }
}

/**
 * Opens an authenticated RMCP+ session (IPMI v2.0 sections 13.14-13.23): Open Session,
 * RAKP 1-4, then Set Session Privilege Level. Without an explicit cipher suite the BMC's
 * Get Channel Cipher Suites answer is used as a hint and suites are tried strongest first,
 * falling through on Open Session / RAKP 2 algorithm errors. Bad credentials stop at once.
 */
export async function openSession(opts: SessionOptions): Promise<Session> {
  const session = await openSessionWithin(opts, operationBudget(opts));
  // A bare session has no deadline after setup (its owner decides how long it lives), but its signal holds.
  if (opts.signal) session.bind({ signal: opts.signal });
  return session;
}

/** openSession bound by `budget` (withSession and SessionPool share the caller's budget with the work). */
export async function openSessionWithin(opts: SessionOptions, budget: OperationBudget & { deadline: number }): Promise<Session> {
  const username = encoder.encode(opts.username);
  if (username.length > 16) throw new InvalidArgumentError('user name: at most 16 bytes');
  const password = typeof opts.password === 'string' ? encoder.encode(opts.password) : opts.password;
  if (password.length > 20) throw new InvalidArgumentError('password: at most 20 bytes');
  if (opts.kg && opts.kg.length > 20) throw new InvalidArgumentError('kg: at most 20 bytes');
  // rqSeq is 6 bits: no more than 64 requests can be told apart on one session.
  if (opts.maxInFlight !== undefined && !(Number.isInteger(opts.maxInFlight) && opts.maxInFlight >= 1 && opts.maxInFlight <= 64)) {
    throw new InvalidArgumentError(`maxInFlight: expected a whole number 1-64, got ${String(opts.maxInFlight)}`);
  }
  const privilege = privilegeLevel(opts.privilege ?? 'admin');
  if (!privilege) throw new InvalidArgumentError(`privilege: unknown level "${String(opts.privilege)}"`);
  if (opts.cipherSuite !== undefined && !cipherSuite(opts.cipherSuite)) {
    throw new InvalidArgumentError(`cipher suite ${opts.cipherSuite} is not supported (supported: ${NEGOTIATION_ORDER.join(', ')})`);
  }
  const host = await resolveHost(opts.host);
  const port = opts.port ?? 623;
  const transport = opts.transport ?? sharedTransport();
  const policy: RetryPolicy = {
    timeoutMs: opts.timeoutMs ?? DEFAULT_POLICY.timeoutMs,
    retries: opts.retries ?? DEFAULT_POLICY.retries,
    rtt: rttOf(host, port),
    ...(budget.signal ? { signal: budget.signal } : {}),
    ...(opts.retries === undefined ? { steady: true, deadline: Math.min(budget.deadline, performance.now() + FIRST_CONTACT_MS) } : {}),
  };
  const ctx: SetupContext = { transport, host, port, username, password, kg: opts.kg, privilege, policy, budget, opts };

  if (opts.cipherSuite !== undefined) return establishPolitely(ctx, cipherSuite(opts.cipherSuite)!);

  // A BMC negotiated before is asked for the same suite straight away: four or five fewer
  // round trips per session in a fleet sweep. Only an algorithm refusal re-negotiates; a
  // time-out is reported as it is, so a dead BMC is not waited for twice.
  const remembered = hintFor(host, port)?.suite;
  if (remembered !== undefined) {
    try {
      return await establishPolitely(ctx, cipherSuite(remembered)!);
    } catch (e) {
      // Whatever went wrong, the next attempt negotiates afresh (the BMC may have been replaced).
      updateHint(host, port, { suite: undefined });
      if (!fallsThrough(e, false, ctx)) throw e;
    }
  }

  const { suites, answered } = await candidateSuites(ctx);
  const tried: number[] = [];
  let lastError: unknown;
  for (const id of suites) {
    tried.push(id);
    try {
      const session = await establishPolitely(ctx, cipherSuite(id)!);
      updateHint(host, port, { suite: id });
      return session;
    } catch (e) {
      if (!fallsThrough(e, answered, ctx)) throw e;
      lastError = e;
    }
  }
  throw new UnsupportedCipherSuiteError(`${host}:${port}`, tried, { cause: lastError });
}

/** Forgets negotiated suites and everything else learned per BMC (tests; or after reconfiguring BMCs). */
export function forgetNegotiatedSuites(): void {
  forgetBmcHints();
}

interface SetupContext {
  transport: UdpTransport;
  host: string;
  port: number;
  username: Uint8Array;
  password: Uint8Array;
  kg: Uint8Array | undefined;
  privilege: number;
  /** Retransmission policy of the first contact (retries count: a dead BMC is reported soon). */
  policy: RetryPolicy;
  budget: OperationBudget & { deadline: number };
  opts: SessionOptions;
}

/** The policy for an exchange with a BMC that has shown it is alive: retransmit within the budget. */
function alivePolicy(ctx: SetupContext): RetryPolicy {
  const { steady: _, ...policy } = ctx.policy;
  return { ...policy, deadline: Math.min(ctx.budget.deadline, performance.now() + ALIVE_EXCHANGE_MS) };
}

/**
 * RAKP 1 and RAKP 3, once the BMC holds a session for us: at least one attempt even when the
 * deadline has just passed, so that the handshake ends in a state the BMC can tear down
 * (a session that never saw RAKP 1 is only reclaimed by the BMC's own timeout).
 */
function handshakePolicy(ctx: SetupContext): RetryPolicy {
  const policy = alivePolicy(ctx);
  return { ...policy, deadline: Math.max(policy.deadline!, performance.now() + ctx.policy.timeoutMs) };
}

/** Whether the BMC answered anything lately (in this operation or another). */
function heardFrom(ctx: SetupContext): boolean {
  const heard = ctx.policy.rtt?.lastHeard;
  return heard !== undefined && performance.now() - heard < ALIVE_FOR_MS;
}

/**
 * establish(), waiting while the BMC's session table is full (Open Session status 01h or 0Bh):
 * backoff with jitter, within the operation's deadline and signal, then BmcBusyError. Each
 * refusal also teaches the per-BMC session limit (bmc-hints) that pools and fleets keep to.
 */
async function establishPolitely(ctx: SetupContext, suite: CipherSuite): Promise<Session> {
  let races = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await establish(ctx, suite);
    } catch (e) {
      if (e instanceof HandshakeRaceError) {
        // A lost RAKP 4 (the session it activated is closed already): start afresh, a few times, within the deadline.
        if (++races > MAX_HANDSHAKE_RACES || performance.now() >= ctx.budget.deadline) throw new RakpError('rakp4', 0x0f);
        attempt--;
        continue;
      }
      if (!(e instanceof RakpError && e.stage === 'open-session' && (e.status === 0x01 || e.status === 0x0b))) throw e;
      learnSessionLimit(ctx.host, ctx.port);
      const grown = Math.min(BUSY_BACKOFF_MS.max, BUSY_BACKOFF_MS.first * 2 ** (attempt - 1));
      const wait = Math.round(grown * (0.5 + Math.random() * 0.5));
      if (performance.now() + wait >= ctx.budget.deadline) throw new BmcBusyError(`${ctx.host}:${ctx.port}`, attempt, { cause: e });
      await abortableSleep(wait, ctx.budget.signal, 'Open Session (waiting for a free session)');
    }
  }
}

/**
 * Errors after which the next cipher suite is worth trying: the BMC refused the algorithms,
 * or (when it did answer the pre-session queries, so it is alive) ignored the Open Session
 * request, as some BMCs do for suites they lack.
 */
function fallsThrough(e: unknown, bmcAnswered: boolean, ctx: SetupContext): boolean {
  // A spent deadline ends negotiation: it says nothing about the suite.
  if (performance.now() >= ctx.budget.deadline) return false;
  if (e instanceof RakpError) return [0x03, 0x04, 0x05, 0x06, 0x07, 0x10, 0x11, 0x12].includes(e.status);
  return bmcAnswered && e instanceof TimeoutError && e.command === 'Open Session';
}

/** Suites to try, in order: the BMC's advertised ones (when it answers) filtered to ours. */
async function candidateSuites(ctx: SetupContext): Promise<{ suites: number[]; answered: boolean }> {
  let advertised: number[] | undefined;
  let answered = false;
  try {
    // Every IPMI v1.5/v2.0 LAN channel answers this (22.13): no answer means no BMC, as ipmitool concludes too.
    const caps = await sessionlessCall(ctx.transport, ctx.host, ctx.port, GetChannelAuthCapabilities, { privilege: ctx.privilege }, ctx.policy).catch((e: unknown) => {
      // A v1.5-only BMC may refuse the v2.0 bit of the request (CCh): it has no RMCP+.
      if (e instanceof CompletionCodeError && e.code === 0xcc) throw new UnsupportedCipherSuiteError(`${ctx.host}:${ctx.port}`, []);
      throw e;
    });
    answered = true;
    const hintPolicy = alivePolicy(ctx);
    // No v2.0 extended data, or v2.0 data that says no v2.0 connections: the channel has no RMCP+ (22.13).
    if (!caps.ipmiV20 || !caps.supportsV20) throw new UnsupportedCipherSuiteError(`${ctx.host}:${ctx.port}`, []);
    const records: Uint8Array[] = [];
    for (let index = 0; index < 64; index++) {
      const page = await sessionlessCall(ctx.transport, ctx.host, ctx.port, GetChannelCipherSuites, { listIndex: index }, hintPolicy);
      records.push(page.records);
      if (page.records.length < 16) break;
    }
    const all = new Uint8Array(records.reduce((n, r) => n + r.length, 0));
    let at = 0;
    for (const r of records) {
      all.set(r, at);
      at += r.length;
    }
    advertised = parseCipherSuiteRecords(all).filter((r) => r.oemIana === undefined).map((r) => r.id);
  } catch (e) {
    // A BMC that does not answer Get Channel Cipher Suites gets the whole list.
    if (e instanceof UnsupportedCipherSuiteError || e instanceof AbortedError) throw e;
    if (!answered && e instanceof TimeoutError) throw e;
  }
  if (!advertised || advertised.length === 0) return { suites: [...NEGOTIATION_ORDER], answered };
  const set = new Set(advertised);
  return { suites: NEGOTIATION_ORDER.filter((id) => set.has(id)), answered };
}

/** Open Session + RAKP 1-4 + Set Session Privilege for one cipher suite. */
async function establish(ctx: SetupContext, suite: CipherSuite): Promise<Session> {
  const { transport, host, port } = ctx;
  const consoleSessionId = transport.allocateConsoleSessionId();
  const where = `${host}:${port}`;
  let releaseId: (() => void) | undefined = () => transport.releaseConsoleSessionId(consoleSessionId);
  const tag = Math.floor(Math.random() * 256);
  /** The BMC's session ID while its session is half-open (Open Session answered, RAKP 3 not sent). */
  let halfOpen: number | undefined;
  let openAnswered = false;
  /** BMC session IDs already abandoned: a retransmitted Open Session may have opened more than one. */
  const abandoned = new Set<number>();
  const strayOpen = (payload: Uint8Array): void => {
    const extra = decodeOpenSessionResponse(payload);
    if (extra.tag !== tag || extra.status !== 0 || abandoned.has(extra.bmcSessionId)) return;
    abandoned.add(extra.bmcSessionId);
    abandonHandshake(ctx, tag, extra.bmcSessionId);
  };

  // One pending answer at a time during setup, keyed by payload type. Once the BMC answered
  // (Open Session, or anything lately) loss is loss: retransmit within the budget.
  const await_ = <T>(what: string, payloadType: number, build: (seq: number) => Uint8Array, decode: (p: Uint8Array) => T, policy = handshakePolicy(ctx)): Promise<T> =>
    exchange<T>({
      what,
      host: where,
      policy,
      send: () => transport.send(host, port, build(0)),
      listen: (sink) =>
        transport.onSession(host, port, consoleSessionId, (buf) => {
          const h = parseV2Header(buf);
          if (h.payloadType !== payloadType) {
            // Some BMCs open a new session per retransmitted Open Session (ipmi_sim does): give those back.
            if (openAnswered && h.payloadType === PayloadType.openSessionResponse) strayOpen(h.rawPayload);
            return;
          }
          try {
            sink.resolve(decode(h.rawPayload));
          } catch (e) {
            if (e instanceof IpmiError) sink.reject(e);
          }
        }),
    });

  try {
    const open = await await_(
      'Open Session',
      PayloadType.openSessionResponse,
      () =>
        encodeV2({
          payloadType: PayloadType.openSessionRequest,
          sessionId: 0,
          sequence: 0,
          payload: encodeOpenSessionRequest({ tag, privilege: ctx.privilege, consoleSessionId, auth: suite.auth, integrity: suite.integrity, confidentiality: suite.confidentiality }),
        }),
      decodeOpenSessionResponse,
      heardFrom(ctx) ? alivePolicy(ctx) : ctx.policy,
    );
    openAnswered = true;
    if (open.status !== 0) throw new RakpError('open-session', open.status);
    halfOpen = open.bmcSessionId;
    abandoned.add(open.bmcSessionId);
    if (open.auth !== suite.auth || open.integrity !== suite.integrity || open.confidentiality !== suite.confidentiality) {
      throw new RakpError('open-session', 0x11);
    }

    const consoleRandom = new Uint8Array(randomBytes(16));
    const lookupBit = ctx.opts.lookup === 'username-privilege' ? 0 : 0x10;
    const role = ctx.privilege | lookupBit;
    const rakp2 = await await_(
      'RAKP Message 1',
      PayloadType.rakp2,
      () =>
        encodeV2({
          payloadType: PayloadType.rakp1,
          sessionId: 0,
          sequence: 0,
          payload: encodeRakp1({ tag, bmcSessionId: open.bmcSessionId, consoleRandom, role, username: ctx.username }),
        }),
      decodeRakp2,
    );
    if (rakp2.status !== 0) {
      // The BMC refused RAKP 1 and dropped the session already.
      halfOpen = undefined;
      if (rakp2.status === 0x0d) throw new AuthenticationError(where, 'RAKP 2: unauthorized name (unknown user)');
      if (rakp2.status === 0x09 || rakp2.status === 0x0a || rakp2.status === 0x0b) {
        throw new InsufficientPrivilegeError('RAKP Message 1', `requested ${ctx.opts.privilege ?? 'admin'}`, { cause: new RakpError('rakp2', rakp2.status) });
      }
      throw new RakpError('rakp2', rakp2.status);
    }

    const kuid = passwordKey(ctx.password);
    const base: Omit<RakpParams, 'role'> = {
      auth: suite.auth,
      consoleSessionId,
      bmcSessionId: open.bmcSessionId,
      consoleRandom,
      bmcRandom: rakp2.bmcRandom,
      bmcGuid: rakp2.bmcGuid,
      username: ctx.username,
    };
    const quirks: string[] = [];
    let hashRole = role;
    if (suite.auth !== 0) {
      // Which role byte did the BMC hash with? The spec says RAKP 1's; opensesspriv BMCs use Open Session's.
      const candidates = ctx.opts.quirks?.opensesspriv ? [open.privilege] : [role, open.privilege, ctx.privilege];
      const found = candidates.find((r) => codesEqual(rakp2AuthCode({ ...base, role: r }, kuid), rakp2.authCode));
      if (found === undefined) throw new AuthenticationError(where, 'RAKP 2 HMAC invalid: the password is wrong (or the BMC uses an unknown key derivation)');
      hashRole = found;
      if (found !== role) quirks.push('opensesspriv');
    }
    const params: RakpParams = { ...base, role: hashRole };
    const sik = sessionIntegrityKey(params, ctx.kg && ctx.kg.length > 0 ? passwordKey(ctx.kg) : kuid);
    const { k1, k2 } = deriveK1K2(suite.auth, sik);
    const sessionWithKeys = () => {
      releaseId = undefined;
      const session = new Session({
        transport,
        host,
        port,
        consoleSessionId,
        bmcSessionId: open.bmcSessionId,
        suite,
        keys: { integrity: suite.integrity, confidentiality: suite.confidentiality, k1, k2, password: ctx.password },
        privilege: ctx.privilege,
        policy: { timeoutMs: ctx.policy.timeoutMs, retries: ctx.policy.retries },
        quirks,
        ...(ctx.opts.maxInFlight !== undefined ? { maxInFlight: ctx.opts.maxInFlight } : {}),
      });
      session.bind(ctx.budget);
      return session;
    };
    let rakp4;
    let rakp3Sends = 0;
    try {
      rakp4 = await await_(
        'RAKP Message 3',
        PayloadType.rakp4,
        () => {
          // From RAKP 3 on, the BMC may activate the session: what is not handed over is closed.
          rakp3Sends++;
          halfOpen = undefined;
          return encodeV2({
            payloadType: PayloadType.rakp3,
            sessionId: 0,
            sequence: 0,
            payload: encodeRakp3({ tag, status: 0, bmcSessionId: open.bmcSessionId, authCode: rakp3AuthCode(params, kuid) }),
          });
        },
        decodeRakp4,
      );
    } catch (e) {
      wipe(sik, kuid);
      // RAKP 3 went out and no RAKP 4 came back (lost, or the caller gave up): the BMC may have
      // activated the session. Close it with the keys already derived (13.31, 13.32).
      if (rakp3Sends > 0) await closeOrReport(sessionWithKeys(), e, ctx.opts);
      else wipe(k1, k2);
      throw e;
    }
    if (rakp4.status !== 0 && rakp3Sends > 1) {
      // An earlier RAKP 3 may have activated the session and its RAKP 4 was lost: the BMC then
      // refuses the retransmission (ipmi_sim answers FEh) while it holds an active session.
      // Close it with the keys derived, then start the handshake again.
      const race = new HandshakeRaceError(where);
      wipe(sik, kuid);
      await closeOrReport(sessionWithKeys(), race, ctx.opts);
      throw race;
    }
    if (rakp4.status !== 0) {
      // The BMC refused our only RAKP 3 and holds no session.
      wipe(sik, kuid, k1, k2);
      if (rakp4.status === 0x0f) throw new AuthenticationError(where, 'RAKP 4: the BMC rejected our RAKP 3 integrity check value (wrong password)');
      throw new RakpError('rakp4', rakp4.status);
    }
    const icvValid = suite.auth === 0 || codesEqual(rakp4Icv(params, sik), rakp4.icv);
    wipe(sik, kuid);
    const session = sessionWithKeys();
    try {
      // The BMC activated the session even if its RAKP 4 does not verify: close it either way.
      if (!icvValid) throw new AuthenticationError(where, 'RAKP 4 integrity check value invalid (wrong BMC key K_G?)');
      // Sessions start at user level; raise to the requested one (22.18).
      if (ctx.privilege > 2) await session.call(SetSessionPrivilege, ctx.privilege);
    } catch (e) {
      await closeOrReport(session, e, ctx.opts);
      if (e instanceof CompletionCodeError && (e.code === 0x80 || e.code === 0x81)) {
        throw new InsufficientPrivilegeError('Set Session Privilege Level', `requested ${ctx.opts.privilege ?? 'admin'}`, { cause: e });
      }
      throw e;
    }
    return session;
  } catch (e) {
    if (halfOpen !== undefined) abandonHandshake(ctx, tag, halfOpen);
    else if (!openAnswered && (e instanceof AbortedError || e instanceof TimeoutError)) abandonLateOpenSession(ctx, consoleSessionId, strayOpen);
    throw e;
  } finally {
    releaseId?.();
  }
}

/**
 * RAKP 3 with a non-zero status (13.22): the console gives up on a half-open session, and the
 * BMC frees its slot now rather than at its handshake timeout. One datagram, no answer awaited.
 * Status 01h: the console has no means to go on (no other status of Table 13-15 says "cancel").
 */
function abandonHandshake(ctx: SetupContext, tag: number, bmcSessionId: number): void {
  try {
    const payload = encodeRakp3({ tag, status: 0x01, bmcSessionId, authCode: new Uint8Array(0) });
    ctx.transport.send(ctx.host, ctx.port, encodeV2({ payloadType: PayloadType.rakp3, sessionId: 0, sequence: 0, payload }));
  } catch {
    // A closed transport: the BMC reclaims the slot at its handshake timeout.
  }
}

/**
 * Open Session was given up while in flight: the BMC may have opened a session (one per
 * attempt, on some BMCs) whose ID we never saw. Listen a little longer (Close Session's
 * budget) for those answers and abandon each.
 */
function abandonLateOpenSession(ctx: SetupContext, consoleSessionId: number, strayOpen: (payload: Uint8Array) => void): void {
  try {
    const unlisten = ctx.transport.onSession(ctx.host, ctx.port, consoleSessionId, (buf) => {
      const h = parseV2Header(buf);
      if (h.payloadType === PayloadType.openSessionResponse) strayOpen(h.rawPayload);
    });
    setTimeout(unlisten, CLOSE_BUDGET_MS).unref();
  } catch {
    // A closed transport: the BMC reclaims the slot at its handshake timeout.
  }
}

/**
 * Closes `session` and, when the BMC never answered Close Session, says so: on `failure` (if
 * it is an IpmiError, as `sessionLeftOpen`) and to `opts.onSessionLeftOpen`.
 */
export async function closeOrReport(session: Session, failure: unknown, opts: SessionOptions): Promise<void> {
  await session.close();
  if (session.closeConfirmed !== false) return;
  if (failure instanceof IpmiError) failure.sessionLeftOpen = true;
  opts.onSessionLeftOpen?.(`${session.host}:${session.port}`);
}

/**
 * Opens a session, runs `fn` on it, and always closes the session, also on errors and aborts.
 * The whole operation (setup and `fn`) is bound by `opts.signal` and `opts.deadlineMs`; Close
 * Session has its own budget. "Closed" means the BMC answered Close Session; when it never
 * does, the BMC reclaims the session at its idle timeout and the caller is told (a thrown
 * IpmiError carries `sessionLeftOpen`; `opts.onSessionLeftOpen` is called either way).
 */
export async function withSession<T>(opts: SessionOptions, fn: (s: Session) => Promise<T>): Promise<T> {
  const budget = operationBudget(opts);
  const s = await openSessionWithin(opts, budget);
  s.bind(budget);
  let failure: unknown;
  try {
    return await fn(s);
  } catch (e) {
    failure = e;
    throw e;
  } finally {
    await closeOrReport(s, failure, opts);
  }
}
