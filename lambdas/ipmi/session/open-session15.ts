import { randomInt } from 'node:crypto';
import { AuthenticationError, CompletionCodeError, InsufficientPrivilegeError, InvalidArgumentError, IpmiError, SessionError } from '../errors.ts';
import type { Command } from '../commands/command.ts';
import { ActivateSession } from '../commands/app/activate-session.ts';
import { GetChannelAuthCapabilities, type ChannelAuthCapabilities } from '../commands/app/get-channel-auth-capabilities.ts';
import { GetSessionChallenge } from '../commands/app/get-session-challenge.ts';
import { SetSessionPrivilege } from '../commands/app/set-session-privilege.ts';
import { v15AuthCode, v15PasswordKey, V15_AUTH_TYPES, type V15AuthName } from '../crypto/v15-auth-code.ts';
import { decodeLanMessage, requestMessage } from '../rmcp/lan-message.ts';
import { decodeV15, encodeV15, peekKind } from '../rmcp/session-frame.ts';
import { exchange, DEFAULT_POLICY, type RetryPolicy } from '../transport/exchange.ts';
import { sharedTransport, type UdpTransport } from '../transport/udp-transport.ts';
import { rttOf } from './bmc-hints.ts';
import { operationBudget, resolveHost, type SessionOptions } from './open-session.ts';
import { privilegeLevel } from './rakp-messages.ts';
import { Session15 } from './session15.ts';
import { sessionlessCall } from './sessionless.ts';

export interface Session15Options extends Omit<SessionOptions, 'cipherSuite' | 'kg' | 'lookup' | 'quirks' | 'maxInFlight'> {
  /** Authentication type; default the strongest the channel offers (MD5, then password, then none). */
  auth?: V15AuthName;
}

const encoder = new TextEncoder();

/** Strongest first. MD2 is deliberately absent: it is broken and no reference client needs it. */
const PREFERENCE: readonly V15AuthName[] = ['md5', 'password', 'none'];

function offered(caps: ChannelAuthCapabilities, name: V15AuthName): boolean {
  return caps.authTypes[name];
}

/**
 * Opens an IPMI v1.5 session (IPMI v2.0 sections 6.12 and 22.13-22.18): Get Channel
 * Authentication Capabilities, Get Session Challenge, Activate Session, Set Session Privilege
 * Level. Used for BMCs without RMCP+, and by choice. The password travels only inside the
 * AuthCode (MD5) or, with straight password auth, in the clear: that is what v1.5 is.
 */
export async function openSession15(opts: Session15Options): Promise<Session15> {
  const budget = operationBudget(opts);
  const username = encoder.encode(opts.username);
  if (username.length > 16) throw new InvalidArgumentError('user name: at most 16 bytes');
  const key = v15PasswordKey(typeof opts.password === 'string' ? encoder.encode(opts.password) : opts.password);
  const privilege = privilegeLevel(opts.privilege ?? 'admin');
  if (!privilege) throw new InvalidArgumentError(`privilege: unknown level "${String(opts.privilege)}"`);
  if (opts.auth !== undefined && !(opts.auth in V15_AUTH_TYPES)) throw new InvalidArgumentError(`auth: expected none, password or md5, got "${String(opts.auth)}"`);
  const host = await resolveHost(opts.host);
  const port = opts.port ?? 623;
  const where = `${host}:${port}`;
  const transport = opts.transport ?? sharedTransport();
  const policy: RetryPolicy = {
    timeoutMs: opts.timeoutMs ?? DEFAULT_POLICY.timeoutMs,
    retries: opts.retries ?? DEFAULT_POLICY.retries,
    rtt: rttOf(host, port),
    deadline: budget.deadline,
    ...(budget.signal ? { signal: budget.signal } : {}),
  };

  const caps = await authCapabilities(transport, host, port, privilege, policy);
  const name = opts.auth ?? PREFERENCE.find((n) => offered(caps, n));
  if (name === undefined || !offered(caps, name)) {
    throw new AuthenticationError(where, `IPMI v1.5 auth type ${name ?? '(none usable)'} is not enabled on the channel (offered: ${PREFERENCE.filter((n) => offered(caps, n)).join(', ') || 'none of none, password, md5'})`);
  }
  const authType = V15_AUTH_TYPES[name];

  let challenge;
  try {
    challenge = await preSessionCall(transport, host, port, policy, GetSessionChallenge, { authType, username }, { authType: 0, sessionId: 0, key });
  } catch (e) {
    if (e instanceof CompletionCodeError && (e.code === 0x81 || e.code === 0x82)) throw new AuthenticationError(where, `Get Session Challenge: ${e.message}`);
    throw e;
  }
  // The BMC numbers its packets to us from here (22.17): random, non-zero.
  const initialOutboundSequence = randomInt(1, 0x7fffffff);
  let active;
  try {
    active = await preSessionCall(
      transport,
      host,
      port,
      policy,
      ActivateSession,
      { authType, maxPrivilege: privilege, challenge: challenge.challenge, initialOutboundSequence },
      { authType, sessionId: challenge.temporarySessionId, key },
    );
  } catch (e) {
    if (e instanceof CompletionCodeError && e.code === 0x86) throw new InsufficientPrivilegeError('Activate Session', opts.privilege ?? 'admin', { cause: e });
    // A wrong password makes the AuthCode wrong: the BMC either stays silent or refuses (ipmi_sim answers CCh or D4h).
    if (e instanceof IpmiError && (e.kind === 'timeout' || e instanceof CompletionCodeError)) throw new AuthenticationError(where, `Activate Session: ${e.message} (wrong user name or password?)`);
    throw e;
  }
  if (active.authType !== authType) throw new SessionError(`${where}: Activate Session switched auth type to ${active.authType}, expected ${authType}`);

  const session = new Session15({
    transport,
    host,
    port,
    sessionId: active.sessionId,
    authType: active.authType,
    key,
    firstSequence: active.initialInboundSequence || 1,
    privilege,
    policy: { timeoutMs: policy.timeoutMs, retries: policy.retries },
  });
  session.bind(budget);
  try {
    // Sessions start at user level; raise to the requested one (22.18).
    if (privilege > 2) session.privilege = await session.call(SetSessionPrivilege, privilege);
  } catch (e) {
    await session.close();
    if (e instanceof CompletionCodeError && (e.code === 0x80 || e.code === 0x81)) throw new InsufficientPrivilegeError('Set Session Privilege Level', opts.privilege ?? 'admin', { cause: e });
    throw e;
  }
  if (opts.signal) session.bind({ signal: opts.signal });
  else session.bind({});
  return session;
}

/**
 * Get Channel Authentication Capabilities (22.13), asked first with the v2.0 bit as every
 * console does; a v1.5-only BMC may refuse the bit (CCh), so then once more without it.
 */
export async function authCapabilities(transport: UdpTransport, host: string, port: number, privilege: number, policy: RetryPolicy): Promise<ChannelAuthCapabilities> {
  try {
    return await sessionlessCall(transport, host, port, GetChannelAuthCapabilities, { privilege }, policy);
  } catch (e) {
    if (!(e instanceof CompletionCodeError && e.code === 0xcc)) throw e;
    return sessionlessCall(transport, host, port, GetChannelAuthCapabilities, { privilege, extended: false }, policy);
  }
}

/** A request before the session is active: sequence number 0, its own auth type and session ID (22.16, 22.17). */
function preSessionCall<Req, Res>(
  transport: UdpTransport,
  host: string,
  port: number,
  policy: RetryPolicy,
  command: Command<Req, Res>,
  req: Req,
  frame: { authType: number; sessionId: number; key: Uint8Array },
): Promise<Res> {
  const rqSeq = randomInt(0, 64);
  const message = requestMessage(command.netFn, command.cmd, rqSeq, command.encode(req));
  const code = v15AuthCode({ authType: frame.authType, key: frame.key, sessionId: frame.sessionId, sequence: 0, message });
  const packet = encodeV15(frame.sessionId, 0, message, code ? { type: frame.authType, code } : undefined);
  return exchange<Res>({
    what: command.name,
    host: `${host}:${port}`,
    policy,
    send: () => transport.send(host, port, packet),
    listen: (sink) =>
      transport.onSessionless(host, port, (buf) => {
        if (peekKind(buf) !== 'v15') return;
        let msg;
        try {
          msg = decodeLanMessage(decodeV15(buf).message);
        } catch {
          return;
        }
        if (msg.rqSeq !== rqSeq || msg.cmd !== command.cmd || msg.netFn !== (command.netFn | 1) || msg.body.length < 1) return;
        const cc = msg.body[0]!;
        if (cc !== 0) return sink.reject(new CompletionCodeError(command.name, cc, command.completionCodes));
        try {
          sink.resolve(command.decode(msg.body.subarray(1)));
        } catch (e) {
          sink.reject(e);
        }
      }),
  });
}
