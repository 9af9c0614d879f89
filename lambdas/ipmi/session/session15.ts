import { SessionError } from '../errors.ts';
import type { CallOptions, Command, IpmiRequester } from '../commands/command.ts';
import { CloseSession } from '../commands/app/close-session.ts';
import { codesEqual } from '../crypto/hmac.ts';
import { v15AuthCode } from '../crypto/v15-auth-code.ts';
import { decodeLanMessage, requestMessage, type LanMessage } from '../rmcp/lan-message.ts';
import { decodeV15, encodeV15, peekKind } from '../rmcp/session-frame.ts';
import { exchange, type ExchangeSink, type RetryPolicy } from '../transport/exchange.ts';
import type { RttEstimator } from '../transport/rtt.ts';
import type { UdpTransport } from '../transport/udp-transport.ts';
import { rttOf } from './bmc-hints.ts';
import { SequenceWindow } from './sequence-window.ts';
import { CLOSE_BUDGET_MS, decodeAnswer, type DropCounts, type OperationBudget } from './session.ts';

export interface Session15Params {
  transport: UdpTransport;
  host: string;
  port: number;
  sessionId: number;
  /** Auth type for the rest of the session, from Activate Session. */
  authType: number;
  /** The 16-byte padded password (v15PasswordKey); zeroed on close. */
  key: Uint8Array;
  /** Our first outbound sequence number (Activate Session's initial inbound sequence number). */
  firstSequence: number;
  privilege: number;
  policy: RetryPolicy;
}

const CLOSE_ATTEMPT_MS = 500;

/** The answer a request waits for: same rqSeq and command, response NetFn. */
interface Waiter {
  rqSeq: number;
  netFn: number;
  cmd: number;
  sink: ExchangeSink<LanMessage>;
}

/**
 * An active IPMI v1.5 session (IPMI v2.0 sections 6.12 and 22.16-22.19): every packet carries
 * the session's auth type and AuthCode; our sequence numbers start where Activate Session
 * said and grow by one per packet (retransmissions included, so none looks like a replay);
 * the BMC's are checked against a window. One request at a time: v1.5 BMCs are old and small.
 */
export class Session15 implements IpmiRequester {
  readonly host: string;
  readonly port: number;
  readonly sessionId: number;
  readonly authType: number;
  privilege: number;
  readonly drops: DropCounts = { malformed: 0, integrity: 0, replay: 0, unmatched: 0 };
  /** After close(): whether the BMC answered Close Session (undefined while open). */
  closeConfirmed: boolean | undefined;

  private readonly transport: UdpTransport;
  private readonly key: Uint8Array;
  private readonly policy: RetryPolicy;
  private readonly rtt: RttEstimator;
  private readonly window = new SequenceWindow();
  private readonly unsubscribe: () => void;
  private operation: OperationBudget = {};
  private outSeq: number;
  private rqSeq = Math.floor(Math.random() * 64);
  private waiter: Waiter | undefined;
  /** Requests run one after another on this chain. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(p: Session15Params) {
    this.transport = p.transport;
    this.host = p.host;
    this.port = p.port;
    this.sessionId = p.sessionId;
    this.authType = p.authType;
    this.key = p.key;
    this.privilege = p.privilege;
    this.policy = p.policy;
    this.rtt = rttOf(p.host, p.port);
    this.outSeq = p.firstSequence >>> 0;
    // v1.5 packets are not told apart by the transport: each session picks out its own session ID.
    this.unsubscribe = p.transport.onSessionless(p.host, p.port, (buf) => this.receive(buf));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Binds every request from now on to `budget`; returns what undoes it (as Session.bind). */
  bind(budget: OperationBudget): () => void {
    const before = this.operation;
    this.operation = budget;
    return () => {
      if (this.operation === budget) this.operation = before;
    };
  }

  /** The next outbound sequence number; 0 is skipped on wrap (6.12.12). */
  private nextSeq(): number {
    const seq = this.outSeq;
    this.outSeq = (this.outSeq + 1) >>> 0 || 1;
    return seq;
  }

  private receive(buf: Uint8Array): void {
    if (peekKind(buf) !== 'v15') return;
    let msg: LanMessage;
    try {
      const f = decodeV15(buf);
      if (f.sessionId !== this.sessionId || f.sessionId === 0) return;
      if (!this.authentic(f.authType, f.authCode, f.sequence, f.message)) {
        this.drops.integrity++;
        return;
      }
      if (!this.window.accept(f.sequence)) {
        this.drops.replay++;
        return;
      }
      msg = decodeLanMessage(f.message);
    } catch {
      this.drops.malformed++;
      return;
    }
    const w = this.waiter;
    if (w && msg.rqSeq === w.rqSeq && msg.cmd === w.cmd && msg.netFn === (w.netFn | 1) && msg.body.length >= 1) w.sink.resolve(msg);
    else this.drops.unmatched++;
  }

  /**
   * Whether an inbound packet carries the session's AuthCode. A BMC may answer with auth type
   * NONE when per-message authentication is disabled (22.13): that is only accepted in a
   * session whose auth type is NONE, so nobody can inject unauthenticated answers.
   */
  private authentic(authType: number, code: Uint8Array, sequence: number, message: Uint8Array): boolean {
    if (authType !== this.authType) return false;
    const expected = v15AuthCode({ authType, key: this.key, sessionId: this.sessionId, sequence, message });
    return expected === undefined || codesEqual(expected, code);
  }

  private packet(message: Uint8Array): Uint8Array {
    const sequence = this.nextSeq();
    const code = v15AuthCode({ authType: this.authType, key: this.key, sessionId: this.sessionId, sequence, message });
    return encodeV15(this.sessionId, sequence, message, code ? { type: this.authType, code } : undefined);
  }

  raw(netFn: number, cmd: number, data: Uint8Array, options: CallOptions = {}, what = `NetFn 0x${netFn.toString(16)} command 0x${cmd.toString(16)}`): Promise<{ completionCode: number; data: Uint8Array }> {
    const run = this.queue.then(() => this.send(netFn, cmd, data, options, what));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async send(netFn: number, cmd: number, data: Uint8Array, options: CallOptions, what: string): Promise<{ completionCode: number; data: Uint8Array }> {
    if (this.closed) throw new SessionError(`${what}: session to ${this.host}:${this.port} is closed`);
    const { deadline } = this.operation;
    const signal = options.signal ?? this.operation.signal;
    this.rqSeq = (this.rqSeq + 1) & 0x3f;
    const rqSeq = this.rqSeq;
    const message = requestMessage(netFn, cmd, rqSeq, data, options.lun ?? 0);
    const policy: RetryPolicy = {
      timeoutMs: options.timeoutMs ?? this.policy.timeoutMs,
      retries: options.retries ?? this.policy.retries,
      rtt: this.rtt,
      ...(signal ? { signal } : {}),
      ...(deadline !== undefined ? { deadline } : {}),
    };
    const msg = await exchange<LanMessage>({
      what,
      host: `${this.host}:${this.port}`,
      policy,
      send: () => this.transport.send(this.host, this.port, this.packet(message)),
      listen: (sink) => {
        this.waiter = { rqSeq, netFn, cmd, sink };
        return () => {
          if (this.waiter?.sink === sink) this.waiter = undefined;
        };
      },
    });
    return { completionCode: msg.body[0]!, data: msg.body.subarray(1) };
  }

  async call<Req, Res>(command: Command<Req, Res>, req: Req, options?: CallOptions): Promise<Res> {
    return decodeAnswer(command, await this.raw(command.netFn, command.cmd, command.encode(req), options, command.name), this.privilege);
  }

  /**
   * Close Session (22.19) within its own budget, then forget the password. Never throws;
   * `closeConfirmed` says whether the BMC answered (as Session.close).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.operation = { deadline: performance.now() + CLOSE_BUDGET_MS };
    let answered = false;
    try {
      await this.raw(CloseSession.netFn, CloseSession.cmd, CloseSession.encode(this.sessionId), { timeoutMs: Math.min(this.policy.timeoutMs, CLOSE_ATTEMPT_MS) }, CloseSession.name);
      answered = true;
    } catch {
      // Gone from our side either way; the caller learns it from `false`.
    } finally {
      this.closed = true;
      this.unsubscribe();
      this.key.fill(0);
      this.closeConfirmed = answered;
    }
  }
}
