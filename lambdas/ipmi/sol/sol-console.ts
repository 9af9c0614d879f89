import { AbortedError, CompletionCodeError, SessionError, TimeoutError } from '../errors.ts';
import { ActivatePayload, DeactivatePayload } from '../commands/app/activate-payload.ts';
import { cipherSuite } from '../crypto/cipher-suites.ts';
import { PayloadType } from '../rmcp/session-frame.ts';
import { attemptTimeout } from '../transport/exchange.ts';
import type { Session } from '../session/session.ts';
import { decodeSolPacket, encodeSolPacket, SolOperation, SolStatus, type SolPacket } from './sol-packet.ts';

export interface SolOptions {
  /** Payload instance (default 1). */
  instance?: number;
  /**
   * When SOL is already active on another session (completion code 80h), deactivate that
   * instance first and take it over. Off by default: taking a console from someone is a choice.
   */
  force?: boolean;
  /** Per-packet ACK timeout in ms (retransmissions back off). */
  ackTimeoutMs?: number;
  retries?: number;
}

/** SOL payload already active elsewhere (Activate Payload completion code 80h, 24.1). */
export class SolBusyError extends SessionError {
  constructor(host: string) {
    super(`SOL payload already active on another session at ${host} (use force to take it over)`);
  }
}

/**
 * A Serial over LAN console on an open session (IPMI v2.0 sections 15 and 24): activates
 * payload type 1, ACKs every character packet from the BMC (dropping duplicates of the last
 * one), and sends our data one packet at a time with retransmission until it is ACKed.
 */
export class SolConsole {
  private txSeq = 0;
  private lastRxSeq = 0;
  private readonly dataListeners = new Set<(data: Uint8Array) => void>();
  private pendingAck: ((p: SolPacket) => void) | undefined;
  private readonly unsubscribe: () => void;
  private sendChain: Promise<void> = Promise.resolve();
  private closed = false;
  /** Status bits seen from the BMC (SolStatus), e.g. deactivating. */
  lastStatus = 0;

  private constructor(
    private readonly session: Session,
    private readonly instance: number,
    private readonly ackTimeoutMs: number,
    private readonly retries: number,
  ) {
    this.unsubscribe = session.onPayload(PayloadType.sol, (payload) => this.receive(payload));
  }

  static async activate(session: Session, options: SolOptions = {}): Promise<SolConsole> {
    const instance = options.instance ?? 1;
    const suite = cipherSuite(session.cipherSuite);
    // Ask for exactly the protection the session has (24.1: the BMC may refuse a mismatch).
    const req = { payloadType: PayloadType.sol, instance, encrypt: (suite?.confidentiality ?? 0) !== 0, authenticate: (suite?.integrity ?? 0) !== 0 };
    // Listen before activating: a BMC may start sending console data before its answer arrives.
    const console = new SolConsole(session, instance, options.ackTimeoutMs ?? 500, options.retries ?? 5);
    try {
      let info;
      try {
        info = await session.call(ActivatePayload, req);
      } catch (e) {
        if (!(e instanceof CompletionCodeError) || e.code !== 0x80) throw e;
        if (!options.force) throw new SolBusyError(`${session.host}:${session.port}`);
        await session.call(DeactivatePayload, { payloadType: PayloadType.sol, instance }).catch(() => undefined);
        info = await session.call(ActivatePayload, req);
      }
      if (info.port !== session.port && info.port !== 0) {
        await session.call(DeactivatePayload, { payloadType: PayloadType.sol, instance }).catch(() => undefined);
        throw new SessionError(`SOL on a separate UDP port (${info.port}) is not supported`);
      }
    } catch (e) {
      console.detach();
      throw e;
    }
    return console;
  }

  private detach(): void {
    this.closed = true;
    this.unsubscribe();
  }

  /** Data received before anyone listened; handed to the first listener. */
  private backlog: Uint8Array[] = [];

  onData(listener: (data: Uint8Array) => void): () => void {
    this.dataListeners.add(listener);
    const early = this.backlog;
    this.backlog = [];
    for (const d of early) listener(d);
    return () => this.dataListeners.delete(listener);
  }

  private receive(payload: Uint8Array): void {
    let p: SolPacket;
    try {
      p = decodeSolPacket(payload);
    } catch {
      return;
    }
    this.lastStatus = p.flags;
    if (p.ackSequence !== 0 && this.pendingAck) this.pendingAck(p);
    if (p.sequence === 0) return; // ACK-only
    // ACK every data packet, including retransmissions of one we already took.
    const duplicate = p.sequence === this.lastRxSeq;
    this.session.sendPayload(PayloadType.sol, encodeSolPacket({ sequence: 0, ackSequence: p.sequence, acceptedCount: p.data.length, flags: 0, data: new Uint8Array(0) }));
    if (duplicate) return;
    this.lastRxSeq = p.sequence;
    if (p.data.length === 0) return;
    if (this.dataListeners.size === 0) this.backlog.push(p.data.slice());
    for (const l of [...this.dataListeners]) l(p.data);
  }

  private nextSeq(): number {
    this.txSeq = (this.txSeq % 15) + 1;
    return this.txSeq;
  }

  /** Sends one packet and waits for its ACK, retransmitting on timeout or NACK. */
  private sendPacket(data: Uint8Array, flags: number): Promise<void> {
    const run = async () => {
      if (this.closed) throw new SessionError('SOL console is closed');
      const sequence = this.nextSeq();
      const bytes = encodeSolPacket({ sequence, ackSequence: 0, acceptedCount: 0, flags, data });
      for (let attempt = 0; attempt <= this.retries; attempt++) {
        const ack = await new Promise<SolPacket | undefined>((resolve) => {
          const timer = setTimeout(() => {
            this.pendingAck = undefined;
            resolve(undefined);
          }, attemptTimeout(this.ackTimeoutMs, attempt));
          this.pendingAck = (p) => {
            if (p.ackSequence !== sequence) return;
            clearTimeout(timer);
            this.pendingAck = undefined;
            resolve(p);
          };
          this.session.sendPayload(PayloadType.sol, bytes);
        });
        if (ack && (ack.flags & SolStatus.nack) === 0) return;
        if (ack && (ack.flags & SolStatus.transferUnavailable) !== 0) throw new SessionError('SOL: BMC reports character transfer unavailable');
      }
      throw new TimeoutError('SOL data', `${this.session.host}:${this.session.port}`, this.ackTimeoutMs, this.retries + 1);
    };
    const next = this.sendChain.then(run, run);
    this.sendChain = next.catch(() => undefined);
    return next;
  }

  /** Writes console input; resolves when the BMC has ACKed every packet. */
  async write(data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    for (let at = 0; at < bytes.length; at += 200) await this.sendPacket(bytes.subarray(at, at + 200), 0);
  }

  /** Sends a serial break (Table 15-2, operation bit 4). */
  sendBreak(): Promise<void> {
    return this.sendPacket(new Uint8Array(0), SolOperation.generateBreak);
  }

  /** Deactivates the payload. Never throws. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.sendChain;
    this.detach();
    await this.session.call(DeactivatePayload, { payloadType: PayloadType.sol, instance: this.instance }, { retries: 1 }).catch(() => undefined);
  }
}

/** What a bounded capture kept, and what it let go past its cap. */
export interface SolCaptureBytes {
  readonly data: Uint8Array;
  /** True when the cap was reached and the capture stopped early. */
  readonly truncated: boolean;
  /** Bytes that arrived past the cap before the payload was deactivated (a lower bound: the console may have printed more). */
  readonly droppedBytes: number;
}

export type SolCaptureOptions = { seconds: number; input?: string | Uint8Array; signal?: AbortSignal; onData?: (d: Uint8Array) => void; maxBytes?: number } & SolOptions;

/**
 * Console output for `seconds` (the `bmc sol capture` and API operation): activates SOL,
 * optionally sends `input`, collects everything the BMC prints, then deactivates.
 */
export async function solCapture(session: Session, opts: SolCaptureOptions): Promise<Uint8Array> {
  return (await solCaptureBounded(session, opts)).data;
}

/**
 * A capture that keeps at most `maxBytes`: a chatty or hostile console cannot grow it without
 * bound. Reaching the cap ends the capture at once (the payload is deactivated), and the
 * answer says so.
 */
export async function solCaptureBounded(session: Session, opts: SolCaptureOptions): Promise<SolCaptureBytes> {
  const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let dropped = 0;
  let full: (() => void) | undefined;
  const sol = await SolConsole.activate(session, opts);
  try {
    sol.onData((d) => {
      const room = Math.max(0, max - kept);
      const take = d.length <= room ? d : d.subarray(0, room);
      if (take.length > 0) {
        chunks.push(take.slice());
        kept += take.length;
        opts.onData?.(take);
      }
      dropped += d.length - take.length;
      if (kept >= max) full?.();
    });
    if (opts.input !== undefined) await sol.write(opts.input);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(done, opts.seconds * 1000);
      function done() {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        resolve();
      }
      function onAbort() {
        clearTimeout(timer);
        reject(new AbortedError('SOL capture', { cause: opts.signal?.reason }));
      }
      full = done;
      if (kept >= max) return done();
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
    });
  } finally {
    await sol.close();
  }
  const out = new Uint8Array(kept);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { data: out, truncated: kept >= max, droppedBytes: dropped };
}
