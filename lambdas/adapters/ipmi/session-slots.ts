/**
 * The gateway's sessions, each occupying one of its BMC's slot leases (bmc-leases.ts) for its
 * whole life: the lease is taken before the session opens, renewed while the session is open
 * (in use or kept idle for the next call) and given back only after the session is closed. So
 * the sessions of every process together never exceed the slots, and a process that dies
 * leaves a slot that is taken over once its lease runs out.
 *
 * Idle sessions are kept for `idleMs` (false: closed after each call). A kept session is only
 * handed to a caller with the same credentials; a caller with others closes an idle session of
 * the same BMC and reuses its slot rather than wait for a slot held by nobody's work.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { bmcBusy } from '../../core/errors.ts';
import { openSession, type Session, type SessionOptions } from '../../ipmi/index.ts';
import { pollUntil } from '../coordination/poll.ts';
import { keepRenewed, type BmcLeases, type Deadline, type HeldLease } from './bmc-leases.ts';

interface Slot {
  readonly bmc: string;
  readonly lease: HeldLease;
  stopRenewing: () => void;
  credentials: string;
  session: Session | undefined;
  busy: boolean;
  lastUsed: number;
  /** The lease was not renewed in time and may be someone else's now: never reuse. */
  lost: boolean;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
}

export interface UseOptions extends Deadline {
  /** A new session, never a kept one, closed afterwards (proving credentials must really authenticate). */
  readonly fresh?: boolean;
}

export class SessionSlots {
  private readonly slots = new Set<Slot>();
  /** Process-local salt: a slot binds a session to its credentials without holding them. */
  private readonly salt = randomBytes(16);

  constructor(
    private readonly leases: BmcLeases,
    private readonly idleMs: number | false,
  ) {}

  /** Runs `fn` on a session to `bmc` opened with `options`, within the BMC's session slots. */
  async use<T>(bmc: string, options: SessionOptions, o: UseOptions, fn: (s: Session) => Promise<T>): Promise<T> {
    const credentials = this.credentialsKey(options);
    const slot = await pollUntil(() => this.take(bmc, credentials, o.fresh ?? false), o);
    if (!slot) throw bmcBusy(`BMC ${bmc} has all ${this.leases.settings.slots} session slots in use; nothing was sent`, 1);
    let healthy = false;
    let unbind = () => {};
    try {
      slot.session ??= await openSession(options);
      // This call's signal, and no deadline left from whoever opened the session: a kept session
      // would otherwise retransmit to a BMC gone silent until its opener's budget ran out (two
      // minutes), or be aborted by an earlier caller's signal.
      unbind = slot.session.bind(o.signal ? { signal: o.signal } : {});
      const out = await fn(slot.session);
      healthy = true;
      return out;
    } finally {
      unbind();
      const keep = healthy && !o.fresh && this.idleMs !== false && !slot.lost && slot.session !== undefined && !slot.session.isClosed;
      if (keep) this.park(slot);
      else await this.drop(slot);
    }
  }

  /** Closes kept sessions idle at least `minIdleMs` and gives their slots back. */
  async closeIdle(minIdleMs = 0): Promise<void> {
    const now = Date.now();
    await Promise.all([...this.slots].filter((s) => !s.busy && now - s.lastUsed >= minIdleMs).map((s) => this.drop(s)));
  }

  /** Sessions open now (kept or in use), for tests and metrics. */
  get openSessions(): number {
    return [...this.slots].filter((s) => s.session && !s.session.isClosed).length;
  }

  /**
   * One attempt: a kept session with these credentials, else a slot of an idle session with
   * other credentials (closed first), else a free slot lease.
   */
  private async take(bmc: string, credentials: string, fresh: boolean): Promise<Slot | undefined> {
    const idle = [...this.slots].filter((s) => s.bmc === bmc && !s.busy && !s.lost);
    const same = fresh ? undefined : idle.find((s) => s.credentials === credentials && s.session && !s.session.isClosed && Date.now() - s.lastUsed < (this.idleMs || 0));
    const reuse = same ?? idle[0];
    if (reuse) {
      this.claim(reuse);
      if (reuse !== same) {
        await reuse.session?.close();
        reuse.session = undefined;
        reuse.credentials = credentials;
      }
      return reuse;
    }
    const lease = await this.leases.trySlot(bmc);
    if (!lease) return undefined;
    const slot: Slot = { bmc, lease, credentials, session: undefined, busy: true, lastUsed: Date.now(), lost: false, idleTimer: undefined, stopRenewing: () => undefined };
    slot.stopRenewing = keepRenewed(this.leases, lease, () => (slot.lost = true));
    this.slots.add(slot);
    return slot;
  }

  private claim(slot: Slot): void {
    slot.busy = true;
    clearTimeout(slot.idleTimer);
    slot.idleTimer = undefined;
  }

  private park(slot: Slot): void {
    slot.busy = false;
    slot.lastUsed = Date.now();
    const idle = setTimeout(() => void this.drop(slot).catch(() => undefined), this.idleMs || 0);
    idle.unref();
    slot.idleTimer = idle;
  }

  /**
   * Closes the session (so the BMC frees its entry), then gives the slot lease back. The lease
   * is renewed until Close Session has ended: a close that takes longer than what was left of
   * the lease must not let another holder open a session the BMC would count beside this one.
   */
  private async drop(slot: Slot): Promise<void> {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.idleTimer);
    try {
      await slot.session?.close();
    } finally {
      slot.stopRenewing();
      await this.leases.release(slot.lease);
    }
  }

  private credentialsKey(o: SessionOptions): string {
    const h = createHmac('sha256', this.salt);
    h.update(typeof o.password === 'string' ? o.password : Buffer.from(o.password));
    h.update('\0');
    if (o.kg) h.update(o.kg);
    return `${o.username}|${o.privilege ?? 'admin'}|${o.cipherSuite ?? 'auto'}|${h.digest('base64')}`;
  }
}
