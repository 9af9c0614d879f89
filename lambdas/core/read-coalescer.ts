/**
 * Coalesced BMC reads within one process: concurrent identical reads share one round trip
 * (single flight), and a short-lived cache answers callers who accept an answer of a given age.
 *
 * Keys are tenant + BMC + read kind (+ arguments), so an entry never serves another tenant,
 * even for the same BMC address registered twice. Each BMC has a generation that an action
 * bumps: a read that started before the action neither joins nor fills what readers after it
 * see, so a read after an action never returns the state from before it.
 *
 * This is a cache only. Another process (another Lambda environment) has its own, and nothing
 * depends on an entry being here.
 */
import type { Clock } from './ports.ts';

/** A value read from a BMC and when the round trip that read it began. */
export interface Fresh<T> {
  readonly value: T;
  readonly readAt: Date;
}

export interface ReadKey {
  readonly tenantId: string;
  readonly bmcId: string;
  /** e.g. `power`, `sensors`; with arguments where they change the answer (`fru:3`). */
  readonly kind: string;
}

export interface ReadCoalescerOptions {
  /** Cached answers kept at most (least recently used go first); default 4096. */
  readonly maxEntries?: number;
  /** No answer is served older than this, whatever a caller accepts; default 300 s. */
  readonly maxAgeMs?: number;
}

interface Entry {
  readonly generation: number;
  /** Settled answer, once the flight is done. */
  fresh?: Fresh<unknown>;
  /** The round trip in progress. */
  flight?: Promise<Fresh<unknown>>;
}

const bmcKey = (k: Pick<ReadKey, 'tenantId' | 'bmcId'>) => `${k.tenantId}\u0000${k.bmcId}`;

export class ReadCoalescer {
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  /** Round trips started, for tests and the benchmark. */
  loads = 0;

  constructor(
    private readonly clock: Clock,
    options: ReadCoalescerOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 4096;
    this.maxAgeMs = options.maxAgeMs ?? 300_000;
  }

  /**
   * An answer no older than `maxAgeMs` (0: a round trip, possibly one already in flight),
   * or the result of `load`, shared with every identical read while it runs.
   */
  async read<T>(key: ReadKey, maxAgeMs: number, load: () => Promise<T>): Promise<Fresh<T>> {
    const id = `${bmcKey(key)}\u0000${key.kind}`;
    const generation = this.generations.get(bmcKey(key)) ?? 0;
    const entry = this.entries.get(id);
    if (entry && entry.generation === generation) {
      if (entry.flight) return entry.flight as Promise<Fresh<T>>;
      const age = this.clock.now().getTime() - entry.fresh!.readAt.getTime();
      if (age < Math.min(maxAgeMs, this.maxAgeMs)) {
        this.touch(id, entry);
        return entry.fresh as Fresh<T>;
      }
    }
    return this.fly(id, generation, load);
  }

  /** Forgets every answer about one BMC and detaches reads in flight: call before and after an action. */
  invalidate(tenantId: string, bmcId: string): void {
    const k = bmcKey({ tenantId, bmcId });
    this.generations.set(k, (this.generations.get(k) ?? 0) + 1);
    for (const id of this.entries.keys()) if (id.startsWith(`${k}\u0000`)) this.entries.delete(id);
  }

  private fly<T>(id: string, generation: number, load: () => Promise<T>): Promise<Fresh<T>> {
    const readAt = this.clock.now();
    const entry: Entry = { generation };
    const flight = load().then(
      (value) => {
        const fresh = { value, readAt };
        // Only the flight that is still current may leave its answer (an action may have come between).
        if (this.entries.get(id) === entry) {
          entry.fresh = fresh;
          delete entry.flight;
        }
        return fresh;
      },
      (e: unknown) => {
        if (this.entries.get(id) === entry) this.entries.delete(id);
        throw e;
      },
    );
    entry.flight = flight;
    this.loads++;
    this.touch(id, entry);
    return flight;
  }

  /** Map order is insertion order: re-inserting marks an entry as recently used. */
  private touch(id: string, entry: Entry): void {
    this.entries.delete(id);
    this.entries.set(id, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
