/**
 * The BMC etiquette as leases (coordination/lease-store.ts), so it holds across every process
 * sharing the store, with each process's memory only a cache:
 *
 * - session slots: `slots` leases per BMC (`slot#0`..), one held for the whole life of each
 *   session this control plane has open there (session-slots.ts);
 * - spacing: one lease per BMC, held while a state-changing command is on the wire and stamped
 *   when its answer arrives; the next is granted `gapMs` after that stamp, so commands of
 *   different actions reach the BMC at least the gap apart whatever the processes' delays;
 * - SOL: one lease per BMC while a console is open.
 *
 * A lease's holder renews it while it needs it; a holder that dies stops renewing and the lease
 * is taken over `leaseMs` later. Waiting ends at the caller's deadline with BMC_BUSY.
 */
import { randomUUID } from 'node:crypto';
import { bmcBusy } from '../../core/errors.ts';
import type { LeaseKey, LeaseStore } from '../coordination/lease-store.ts';
import { pollUntil } from '../coordination/poll.ts';

export interface BmcLeaseSettings {
  /** Session slots per BMC address:port (default 2). */
  readonly slots: number;
  /** Minimum gap between state-changing commands of different actions (ms). */
  readonly gapMs: number;
  /** A lease not renewed for this long is abandoned and may be taken (ms). */
  readonly leaseMs: number;
}

export interface Deadline {
  readonly deadlineMs: number;
  readonly signal?: AbortSignal;
}

export interface HeldLease {
  readonly key: LeaseKey;
  readonly holder: string;
}

const partition = (bmc: string) => `bmc#${bmc}`;

export class BmcLeases {
  /** This process; holders are `<process>:<n>`, unique per claim. */
  private readonly process = randomUUID();
  private claims = 0;

  constructor(
    readonly store: LeaseStore,
    readonly settings: BmcLeaseSettings,
  ) {}

  newHolder(): string {
    return `${this.process}:${++this.claims}`;
  }

  /** One attempt at a free session slot of `bmc` (slots tried from a random start). */
  async trySlot(bmc: string): Promise<HeldLease | undefined> {
    const holder = this.newHolder();
    const start = Math.floor(Math.random() * this.settings.slots);
    const now = Date.now();
    for (let i = 0; i < this.settings.slots; i++) {
      const key = { pk: partition(bmc), sk: `slot#${(start + i) % this.settings.slots}` };
      if (await this.store.acquire(key, holder, { nowMs: now, untilMs: now + this.settings.leaseMs })) return { key, holder };
    }
    return undefined;
  }

  /** Keeps a held lease alive; false when it was lost (not renewed in time and taken). */
  renew(lease: HeldLease): Promise<boolean> {
    return this.store.renew(lease.key, lease.holder, Date.now() + this.settings.leaseMs);
  }

  release(lease: HeldLease): Promise<void> {
    return this.store.release(lease.key, lease.holder);
  }

  /**
   * Runs one state-changing command in its turn: waits (until the deadline) for the spacing
   * lease of `bmc`, sends, and stamps the release when the answer is in. `action` identifies the
   * calling action, whose own commands follow each other without the gap.
   */
  async spaced<T>(bmc: string, action: string, deadline: Deadline, send: () => Promise<T>): Promise<T> {
    const key = { pk: partition(bmc), sk: 'spacing' };
    const holder = this.newHolder();
    const got = await pollUntil(async () => {
      const now = Date.now();
      const ok = await this.store.acquire(key, holder, { nowMs: now, untilMs: now + this.settings.leaseMs, gapMs: this.settings.gapMs, owner: action });
      return ok || undefined;
    }, deadline);
    if (!got) throw bmcBusy(`BMC ${bmc} is busy with other actions; nothing was sent`, Math.max(1, Math.ceil(this.settings.gapMs / 1000)));
    try {
      return await send();
    } finally {
      await this.store.release(key, holder, { doneAtMs: Date.now(), owner: action });
    }
  }

  /** Waits (until the deadline) for the SOL console lease of `bmc`. */
  async sol(bmc: string, deadline: Deadline): Promise<HeldLease> {
    const key = { pk: partition(bmc), sk: 'sol' };
    const holder = this.newHolder();
    const got = await pollUntil(async () => {
      const now = Date.now();
      return (await this.store.acquire(key, holder, { nowMs: now, untilMs: now + this.settings.leaseMs })) || undefined;
    }, deadline);
    if (!got) throw bmcBusy(`a SOL console is already open at BMC ${bmc}`, Math.max(1, Math.ceil(this.settings.leaseMs / 1000)));
    return { key, holder };
  }
}

/**
 * Renews `lease` every third of the lease time until stopped; `onLost` runs if a renewal finds
 * the lease taken (the process stalled past its lease), so the holder stops relying on it.
 */
export function keepRenewed(leases: BmcLeases, lease: HeldLease, onLost: () => void): () => void {
  const timer = setInterval(() => {
    leases.renew(lease).then(
      (held) => held || onLost(),
      () => undefined, // a failed renewal is retried at the next tick; the lease has slack for two
    );
  }, Math.max(10, Math.floor(leases.settings.leaseMs / 3)));
  timer.unref();
  return () => clearInterval(timer);
}
