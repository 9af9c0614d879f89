/**
 * The BMC end of a Serial over LAN payload (IPMI v2.0 section 15.9): console output goes out
 * in numbered packets (1-15), one unacknowledged packet at a time, retransmitted until the
 * console ACKs it or the retry count runs out; console input is ACKed with the number of
 * characters accepted and echoed back, and a break request is honoured.
 */
import { decodeSolPacket, encodeSolPacket, SolOperation } from '../../ipmi/protocol.ts';
import type { Console } from '../bmc/console.ts';

/** Retries before unacknowledged data is given up (SOL configuration parameter 4 says 7). */
const MAX_RETRIES = 7;
const PUMP_MS = 20;

interface Outstanding {
  seq: number;
  data: Uint8Array;
  sentAt: number;
  tries: number;
}

export class SolChannel {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private outstanding: Outstanding | undefined;
  private seq = 0;
  private lastInboundSeq = 0;
  private lastInboundAccepted = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Counters for tests: packets retransmitted, packets given up. */
  readonly stats = { sent: 0, retransmitted: 0, abandoned: 0, received: 0 };

  constructor(
    private readonly console: Console,
    private readonly send: (payload: Uint8Array) => void,
    private readonly retryMs: () => number,
    private readonly maxData: number,
  ) {}

  start(): void {
    this.console.attach((bytes) => this.enqueue(bytes));
    this.timer = setInterval(() => this.pump(), PUMP_MS);
    this.timer.unref?.();
    this.pump();
  }

  stop(): void {
    this.console.detach();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.pendingBytes = 0;
    this.outstanding = undefined;
  }

  private enqueue(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    // Bound the backlog as a real BMC's buffer is bounded: the oldest output is lost first.
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    while (this.pendingBytes > 16_384 && this.pending.length > 1) this.pendingBytes -= this.pending.shift()!.length;
  }

  private take(n: number): Uint8Array {
    const out = new Uint8Array(Math.min(n, this.pendingBytes));
    let at = 0;
    while (at < out.length) {
      const head = this.pending[0]!;
      const k = Math.min(head.length, out.length - at);
      out.set(head.subarray(0, k), at);
      at += k;
      if (k === head.length) this.pending.shift();
      else this.pending[0] = head.subarray(k);
    }
    this.pendingBytes -= out.length;
    return out;
  }

  private transmit(o: Outstanding): void {
    o.sentAt = Date.now();
    this.send(encodeSolPacket({ sequence: o.seq, ackSequence: 0, acceptedCount: 0, flags: 0, data: o.data }));
  }

  pump(now = Date.now()): void {
    this.console.pump(now);
    const o = this.outstanding;
    if (o) {
      if (now - o.sentAt < this.retryMs()) return;
      if (o.tries >= MAX_RETRIES) {
        this.stats.abandoned++;
        this.outstanding = undefined;
      } else {
        o.tries++;
        this.stats.retransmitted++;
        this.transmit(o);
        return;
      }
    }
    if (this.pendingBytes === 0) return;
    this.seq = (this.seq % 15) + 1;
    const next: Outstanding = { seq: this.seq, data: this.take(this.maxData), sentAt: 0, tries: 0 };
    this.outstanding = next;
    this.stats.sent++;
    this.transmit(next);
  }

  /** A SOL payload from the console: an ACK/NACK of our data, and/or data and operations of its own. */
  receive(payload: Uint8Array): void {
    const p = decodeSolPacket(payload);
    this.stats.received++;
    const o = this.outstanding;
    if (o && p.ackSequence === o.seq) {
      if (p.flags & SolOperation.nack) {
        o.sentAt = 0; // NACK: send again at the next pump
      } else {
        // A partial accept puts the rest back at the head of the queue.
        if (p.acceptedCount > 0 && p.acceptedCount < o.data.length) {
          const rest = o.data.subarray(p.acceptedCount);
          this.pending.unshift(rest);
          this.pendingBytes += rest.length;
        }
        this.outstanding = undefined;
      }
    }
    if (p.sequence !== 0) {
      if (p.sequence !== this.lastInboundSeq) {
        this.lastInboundSeq = p.sequence;
        this.lastInboundAccepted = p.data.length;
        if (p.flags & SolOperation.generateBreak) this.console.write('\r\n[break]\r\n');
        if (p.data.length > 0) this.console.echo(p.data);
      }
      // ACK (again, for a retransmission) with the number of characters taken.
      this.send(encodeSolPacket({ sequence: 0, ackSequence: p.sequence, acceptedCount: this.lastInboundAccepted, flags: 0, data: new Uint8Array(0) }));
    }
    this.pump();
  }
}
