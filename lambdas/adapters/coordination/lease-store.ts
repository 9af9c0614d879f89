/**
 * Leases: an exclusive claim on a named item until a wall-clock instant, taken and given back
 * with conditional writes, so that the holder's process may die at any moment and the claim is
 * recovered when it expires. The DynamoDB implementation (../dynamodb/lease-store.ts) is what
 * holds across processes; the memory one serves a single process (unit tests, a gateway built
 * without a coordination table) with the same semantics.
 *
 * A lease may also carry a spacing rule: it is granted only when the previous holder released
 * it at least `gapMs` ago (or when that previous holder is the same owner), which is how the
 * minimum interval between state-changing commands to one BMC is kept across processes.
 */

export interface LeaseKey {
  /** Partition: what is protected, e.g. `bmc#10.0.0.5:623`. */
  readonly pk: string;
  /** Which claim on it, e.g. `slot#0`, `spacing`, `sol`. */
  readonly sk: string;
}

export interface AcquireOptions {
  /** Wall-clock ms after which the lease counts as abandoned. */
  readonly untilMs: number;
  readonly nowMs: number;
  /**
   * Grant only when the last release was at least this long ago, unless `owner` released it
   * (commands of one action are not spaced against each other).
   */
  readonly gapMs?: number;
  /** Who the spacing exception recognises (default: the holder). */
  readonly owner?: string;
}

/** What a read found; an attribute the item does not hold reads as undefined. */
export interface LeaseState {
  readonly holder?: string | undefined;
  readonly leaseUntil?: number | undefined;
  /** When the last holder released it, with the spacing rule. */
  readonly doneAt?: number | undefined;
  readonly lastOwner?: string | undefined;
}

export interface LeaseStore {
  /** Takes the lease for `holder` when free, expired or already its own; false when another holds it. */
  acquire(key: LeaseKey, holder: string, options: AcquireOptions): Promise<boolean>;
  /** Extends a lease still held by `holder`; false when it was lost (expired and taken). */
  renew(key: LeaseKey, holder: string, untilMs: number): Promise<boolean>;
  /**
   * Gives the lease back if `holder` still holds it. With `doneAtMs`, the release is stamped
   * for the spacing rule (and the item kept until the gap has passed); without, it is deleted.
   */
  release(key: LeaseKey, holder: string, stamp?: { readonly doneAtMs: number; readonly owner: string }): Promise<void>;
  /** The current state (for when to try again); undefined when nothing is recorded. */
  read(key: LeaseKey): Promise<LeaseState | undefined>;
}

/** Whether `acquire` may grant: the same rule both implementations write as a condition. */
export function grantable(state: LeaseState | undefined, holder: string, o: AcquireOptions): boolean {
  if (!state) return true;
  const free = state.holder === undefined || (state.leaseUntil ?? 0) < o.nowMs || state.holder === holder;
  const owner = o.owner ?? holder;
  const spaced = o.gapMs === undefined || state.doneAt === undefined || state.doneAt <= o.nowMs - o.gapMs || state.lastOwner === owner;
  return free && spaced;
}

/** One process's leases, for tests and gateways without a coordination table. */
export class MemoryLeaseStore implements LeaseStore {
  private readonly items = new Map<string, LeaseState>();

  private id(key: LeaseKey): string {
    return `${key.pk}\u0000${key.sk}`;
  }

  async acquire(key: LeaseKey, holder: string, o: AcquireOptions): Promise<boolean> {
    const state = this.items.get(this.id(key));
    if (!grantable(state, holder, o)) return false;
    this.items.set(this.id(key), { ...state, holder, leaseUntil: o.untilMs });
    return true;
  }

  async renew(key: LeaseKey, holder: string, untilMs: number): Promise<boolean> {
    const state = this.items.get(this.id(key));
    if (state?.holder !== holder) return false;
    this.items.set(this.id(key), { ...state, leaseUntil: untilMs });
    return true;
  }

  async release(key: LeaseKey, holder: string, stamp?: { doneAtMs: number; owner: string }): Promise<void> {
    const state = this.items.get(this.id(key));
    if (state?.holder !== holder) return;
    if (stamp) this.items.set(this.id(key), { doneAt: stamp.doneAtMs, lastOwner: stamp.owner });
    else this.items.delete(this.id(key));
  }

  async read(key: LeaseKey): Promise<LeaseState | undefined> {
    return this.items.get(this.id(key));
  }
}
