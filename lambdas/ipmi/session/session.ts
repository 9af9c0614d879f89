import { AbortedError, CompletionCode, CompletionCodeError, InsufficientPrivilegeError, SessionError } from '../errors.ts';
import type { CallOptions, Command, IpmiRequester } from '../commands/command.ts';
import { CloseSession } from '../commands/app/close-session.ts';
import type { CipherSuite } from '../crypto/cipher-suites.ts';
import { decodeLanMessage, requestMessage, type LanMessage } from '../rmcp/lan-message.ts';
import { encodeV2, parseV2Header, PayloadType, wipeFrameKeys, type FrameKeys } from '../rmcp/session-frame.ts';
import { exchange, type ExchangeSink, type ExchangeSpec, type RetryPolicy } from '../transport/exchange.ts';
import type { UdpTransport } from '../transport/udp-transport.ts';
import { privilegeName } from './rakp-messages.ts';
import type { RttEstimator } from '../transport/rtt.ts';
import { hintFor, rttOf, sessionClosed, sessionOpened, updateHint } from './bmc-hints.ts';
import { openInSession, SequenceWindow } from './sequence-window.ts';

export interface SessionParams {
  transport: UdpTransport;
  host: string;
  port: number;
  consoleSessionId: number;
  bmcSessionId: number;
  suite: CipherSuite;
  keys: FrameKeys;
  privilege: number;
  policy: RetryPolicy;
  /** Quirks in effect (named, for diagnostics). */
  quirks: readonly string[];
  /**
   * Requests in flight at once on this session. Unset: adaptive, from one up to
   * AUTO_PIPELINE_DEPTH, starting where earlier sessions to the BMC left off and back to one
   * request at a time when a pipelined request goes unanswered. A number fixes it.
   */
  maxInFlight?: number;
}

/** How deep an adaptive session pipelines at most: enough to hide a LAN round trip, little load on a BMC. */
export const AUTO_PIPELINE_DEPTH = 4;

/** How long a BMC that lost pipelined requests gets one request at a time, before pipelining is tried again. */
export const SERIAL_HOLD_MS = 10 * 60_000;

/**
 * Close Session's own budget (22.19): a caller's abort or spent deadline does not cancel it,
 * and it does not keep the caller long when the BMC is gone.
 */
export const CLOSE_BUDGET_MS = 2_000;
const CLOSE_ATTEMPT_MS = 500;
/** Only used without a deadline; Close Session always has one (CLOSE_BUDGET_MS). */
const CLOSE_RETRIES = 3;

/**
 * What the work running on a session right now is bound by: the caller's signal and the
 * operation's deadline (a performance.now() time). Every request on the session obeys both.
 */
export interface OperationBudget {
  signal?: AbortSignal;
  deadline?: number;
}

/** Why inbound packets were dropped; exposed for diagnostics and tests. */
export interface DropCounts {
  malformed: number;
  integrity: number;
  replay: number;
  unmatched: number;
}

export type PayloadListener = (payload: Uint8Array) => void;

/**
 * An active RMCP+ session (IPMI v2.0 section 13): frames requests with the session's keys,
 * verifies every inbound packet's integrity and sequence number, matches responses by
 * rqSeq and command, and retransmits with a fresh session sequence number per attempt.
 */
export class Session implements IpmiRequester {
  readonly host: string;
  readonly port: number;
  readonly cipherSuite: number;
  readonly consoleSessionId: number;
  readonly bmcSessionId: number;
  readonly quirks: readonly string[];
  privilege: number;
  readonly drops: DropCounts = { malformed: 0, integrity: 0, replay: 0, unmatched: 0 };

  private readonly transport: UdpTransport;
  private readonly keys: FrameKeys;
  private readonly policy: RetryPolicy;
  private readonly rtt: RttEstimator;
  private operation: OperationBudget = {};
  private readonly sequenceWindow = new SequenceWindow();
  /** Requests awaiting their answer, by rqSeq. */
  private readonly waiters = new Map<number, SessionRequest>();
  private readonly payloadListeners = new Map<number, Set<PayloadListener>>();
  private readonly unsubscribe: () => void;
  private outSeq = 0;
  private rqSeq = Math.floor(Math.random() * 64);
  private inFlight = 0;
  /** Requests admitted at once now; grows by one after `window` clean answers (adaptive sessions only). */
  private window: number;
  private maxWindow: number;
  private readonly adaptive: boolean;
  /** Answers without a retransmission since the window last changed. */
  private cleanAnswers = 0;
  private readonly queue: (() => void)[] = [];
  /** What each request needs of its session (made once: requests are on the hot path). */
  private readonly channel: RequestChannel;
  private closed = false;
  /** After close(): whether the BMC answered Close Session (undefined while open). */
  closeConfirmed: boolean | undefined;

  constructor(p: SessionParams) {
    this.transport = p.transport;
    this.host = p.host;
    this.port = p.port;
    this.consoleSessionId = p.consoleSessionId;
    this.bmcSessionId = p.bmcSessionId;
    this.cipherSuite = p.suite.id;
    this.keys = p.keys;
    this.privilege = p.privilege;
    this.policy = p.policy;
    this.rtt = rttOf(p.host, p.port);
    this.quirks = p.quirks;
    this.adaptive = p.maxInFlight === undefined;
    if (p.maxInFlight !== undefined) {
      this.maxWindow = this.window = Math.max(1, Math.floor(p.maxInFlight));
    } else {
      const hint = hintFor(p.host, p.port);
      this.maxWindow = hint?.serialUntil !== undefined && hint.serialUntil > Date.now() ? 1 : AUTO_PIPELINE_DEPTH;
      this.window = Math.min(this.maxWindow, Math.max(1, hint?.window ?? 1));
    }
    this.channel = {
      where: `${p.host}:${p.port}`,
      waiters: this.waiters,
      retransmitted: (pipelined) => this.retransmitted(pipelined),
      send: (message) => this.sendPayload(PayloadType.ipmi, message),
    };
    this.unsubscribe = p.transport.onSession(p.host, p.port, p.consoleSessionId, (buf) => this.receive(buf));
    sessionOpened(p.host, p.port);
  }

  /**
   * Binds every request from now on to `budget` (a caller's signal, an operation's deadline)
   * and returns what undoes it. withSession and SessionPool.use bind their work this way, so a
   * signal keeps working after the session is open.
   */
  bind(budget: OperationBudget): () => void {
    const before = this.operation;
    this.operation = budget;
    return () => {
      if (this.operation === budget) this.operation = before;
    };
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Requests worth issuing together on this session: its pipeline depth (IpmiRequester).
   * More than the current window may be issued; the excess waits here, not at the BMC.
   */
  get pipelineDepth(): number {
    return this.maxWindow;
  }

  /** Requests admitted at once right now (diagnostics, tests). */
  get inFlightWindow(): number {
    return this.window;
  }

  /** The next outbound session sequence number; 0 is skipped on wrap (6.12.13). */
  private nextSeq(): number {
    this.outSeq = (this.outSeq + 1) >>> 0;
    if (this.outSeq === 0) this.outSeq = 1;
    return this.outSeq;
  }

  private receive(buf: Uint8Array): void {
    let payload: Uint8Array;
    let payloadType: number;
    try {
      const h = parseV2Header(buf);
      if (h.sessionId !== this.consoleSessionId) {
        this.drops.unmatched++;
        return;
      }
      const opened = openInSession(buf, h, this.keys, this.sequenceWindow);
      if (typeof opened === 'string') {
        this.drops[opened]++;
        return;
      }
      payload = opened;
      payloadType = h.payloadType;
    } catch {
      this.drops.malformed++;
      return;
    }
    if (payloadType === PayloadType.ipmi) {
      let msg: LanMessage;
      try {
        msg = decodeLanMessage(payload);
      } catch {
        this.drops.malformed++;
        return;
      }
      const w = this.waiters.get(msg.rqSeq);
      if (w?.matches(msg)) w.sink?.resolve(msg);
      else this.drops.unmatched++;
      return;
    }
    const listeners = this.payloadListeners.get(payloadType);
    if (!listeners || listeners.size === 0) {
      this.drops.unmatched++;
      return;
    }
    for (const l of [...listeners]) l(payload);
  }

  private async acquire(signal?: AbortSignal): Promise<void> {
    if (this.inFlight < this.window) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        this.inFlight++;
        resolve();
      };
      const onAbort = () => {
        const i = this.queue.indexOf(go);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new AbortedError('queued request', { cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(go);
    });
  }

  private release(): void {
    this.inFlight--;
    while (this.inFlight < this.window && this.queue.length > 0) this.queue.shift()!();
  }

  /** A request was answered at its first attempt: after `window` of those, admit one more (up to the cap). */
  private answeredClean(): void {
    if (!this.adaptive || this.window >= this.maxWindow) return;
    if (++this.cleanAnswers < this.window) return;
    this.cleanAnswers = 0;
    this.window++;
    updateHint(this.host, this.port, { window: this.window });
  }

  /**
   * A request needed a retransmission. When it had company in flight the BMC may not take
   * pipelined requests: one at a time from now on, and for later sessions for a while. A
   * lone request that was lost is plain packet loss and changes nothing.
   */
  private retransmitted(pipelined: boolean): void {
    this.cleanAnswers = 0;
    if (!this.adaptive || !pipelined) return;
    this.window = this.maxWindow = 1;
    updateHint(this.host, this.port, { window: 1, serialUntil: Date.now() + SERIAL_HOLD_MS });
  }

  private allocRqSeq(): number {
    for (let i = 0; i < 64; i++) {
      this.rqSeq = (this.rqSeq + 1) & 0x3f;
      if (!this.waiters.has(this.rqSeq)) return this.rqSeq;
    }
    throw new SessionError('no free request sequence number (64 requests in flight)');
  }

  async raw(netFn: number, cmd: number, data: Uint8Array, options: CallOptions = {}, what = `NetFn 0x${netFn.toString(16)} command 0x${cmd.toString(16)}`): Promise<{ completionCode: number; data: Uint8Array }> {
    if (this.closed) throw new SessionError(`${what}: session to ${this.host}:${this.port} is closed`);
    const { deadline } = this.operation;
    const signal = eitherSignal(options.signal, this.operation.signal);
    await this.acquire(signal);
    try {
      const rqSeq = this.allocRqSeq();
      const message = requestMessage(netFn, cmd, rqSeq, data, options.lun ?? 0);
      const policy: RetryPolicy = {
        timeoutMs: options.timeoutMs ?? this.policy.timeoutMs,
        retries: options.retries ?? this.policy.retries,
        rtt: this.rtt,
        ...(signal ? { signal } : {}),
        ...(deadline !== undefined ? { deadline } : {}),
      };
      const request = new SessionRequest(this.channel, what, policy, rqSeq, netFn, cmd, message, this.inFlight > 1);
      const msg = await exchange<LanMessage>(request);
      if (!request.resent) this.answeredClean();
      return { completionCode: msg.body[0]!, data: msg.body.subarray(1) };
    } finally {
      this.release();
    }
  }

  async call<Req, Res>(command: Command<Req, Res>, req: Req, options?: CallOptions): Promise<Res> {
    return decodeAnswer(command, await this.raw(command.netFn, command.cmd, command.encode(req), options, command.name), this.privilege);
  }

  /** Frames and sends one payload with the session's keys (used for IPMI messages and SOL). */
  sendPayload(payloadType: number, payload: Uint8Array): void {
    if (this.closed) throw new SessionError(`session to ${this.host}:${this.port} is closed`);
    const packet = encodeV2({ payloadType, sessionId: this.bmcSessionId, sequence: this.nextSeq(), payload }, this.keys);
    this.transport.send(this.host, this.port, packet);
  }

  /** Receives inbound payloads of a non-IPMI type (e.g. SOL). */
  onPayload(payloadType: number, listener: PayloadListener): () => void {
    let set = this.payloadListeners.get(payloadType);
    if (!set) this.payloadListeners.set(payloadType, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * Closes the session at the BMC (Close Session, 22.19) and forgets its keys. Never throws.
   * Close Session has its own budget (CLOSE_BUDGET_MS, retransmitted within it) that the
   * operation's signal and deadline do not cut short.
   *
   * Afterwards `closeConfirmed` says whether the BMC answered (any answer: a BMC that no
   * longer knows the session has closed it too). False means it never answered: the session
   * may still be held there until the BMC's own idle timeout reclaims it (IPMI v2.0 6.12.15
   * suggests 60 s).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    // Close is an operation of its own, not bound by the caller's.
    this.operation = { deadline: performance.now() + CLOSE_BUDGET_MS };
    let answered = false;
    try {
      await this.raw(CloseSession.netFn, CloseSession.cmd, CloseSession.encode(this.bmcSessionId), { timeoutMs: Math.min(this.policy.timeoutMs, CLOSE_ATTEMPT_MS), retries: CLOSE_RETRIES }, CloseSession.name);
      answered = true;
    } catch {
      // The session is gone from our side either way; the caller learns it from `false`.
    } finally {
      this.closed = true;
      this.unsubscribe();
      wipeFrameKeys(this.keys);
      sessionClosed(this.host, this.port);
      this.closeConfirmed = answered;
    }
  }
}

/** A command's answer decoded, or its completion code as a typed error (both session kinds use this). */
export function decodeAnswer<Req, Res>(command: Command<Req, Res>, res: { completionCode: number; data: Uint8Array }, privilege: number): Res {
  if (res.completionCode !== 0) {
    const cc = new CompletionCodeError(command.name, res.completionCode, command.completionCodes);
    if (res.completionCode === CompletionCode.insufficientPrivilege) throw new InsufficientPrivilegeError(command.name, privilegeName(privilege), { cause: cc });
    throw cc;
  }
  return command.decode(res.data);
}

/** A signal that fires when either does (AbortSignal.any only when both are there: it allocates). */
function eitherSignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a) return b;
  if (!b || a === b) return a;
  return AbortSignal.any([a, b]);
}

/** What a request needs of its session: made once per session, shared by its requests. */
interface RequestChannel {
  /** host:port, for errors. */
  readonly where: string;
  readonly waiters: Map<number, SessionRequest>;
  retransmitted(pipelined: boolean): void;
  send(message: Uint8Array): void;
}

/**
 * One in-session request as the exchange sees it (what to send, where the answer goes), and
 * as the session's demultiplexer sees it (which answer is its own). A class rather than
 * closures: one is made per request.
 */
class SessionRequest implements ExchangeSpec<LanMessage> {
  readonly host: string;
  sink: ExchangeSink<LanMessage> | undefined;
  /** Whether any retransmission was needed (the adaptive pipeline learns from it). */
  resent = false;

  constructor(
    private readonly session: RequestChannel,
    readonly what: string,
    readonly policy: RetryPolicy,
    private readonly rqSeq: number,
    private readonly netFn: number,
    private readonly cmd: number,
    private readonly message: Uint8Array,
    /** Other requests were in flight when this one was first sent. */
    private readonly pipelined: boolean,
  ) {
    this.host = session.where;
  }

  send(attempt: number): void {
    if (attempt > 0 && !this.resent) {
      this.resent = true;
      this.session.retransmitted(this.pipelined);
    }
    this.session.send(this.message);
  }

  listen(sink: ExchangeSink<LanMessage>): () => void {
    this.sink = sink;
    this.session.waiters.set(this.rqSeq, this);
    return this.unlisten;
  }

  private readonly unlisten = (): void => {
    if (this.session.waiters.get(this.rqSeq) === this) this.session.waiters.delete(this.rqSeq);
  };

  /** The answer to this request: same command, response NetFn, and at least a completion code. */
  matches(m: LanMessage): boolean {
    return m.cmd === this.cmd && m.netFn === (this.netFn | 1) && m.body.length >= 1;
  }
}
