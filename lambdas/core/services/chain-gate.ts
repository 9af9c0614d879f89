/**
 * One writer per audit chain at a time in this process, events of actions and changes before
 * refusals. Writers to one chain race for its next seq; without a gate, n concurrent writers in
 * one process make n puts per slot and most of them lose. With it, only other processes contend,
 * and a burst of refusals queues behind the actions instead of crowding them out.
 */
export type GatePriority = 'first' | 'last';

interface Waiter {
  grant(): void;
  cancelled: boolean;
}

interface Lane {
  busy: boolean;
  readonly first: Waiter[];
  readonly last: Waiter[];
}

export class ChainGate {
  private readonly lanes = new Map<string, Lane>();

  /**
   * Resolves with a release function once `key` is this caller's; rejects with `onTimeout()`
   * when `deadline` (epoch ms) passes first.
   */
  acquire(key: string, priority: GatePriority, deadline: number, onTimeout: () => Error): Promise<() => void> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { busy: false, first: [], last: [] }));
    const release = this.releaser(key, lane);
    if (!lane.busy) {
      lane.busy = true;
      return Promise.resolve(release);
    }
    const queued = lane;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        cancelled: false,
        grant: () => {
          clearTimeout(timer);
          resolve(release);
        },
      };
      const timer = setTimeout(() => {
        waiter.cancelled = true;
        reject(onTimeout());
      }, Math.max(0, deadline - Date.now()));
      (priority === 'first' ? queued.first : queued.last).push(waiter);
    });
  }

  private releaser(key: string, lane: Lane): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (;;) {
        const next = lane.first.shift() ?? lane.last.shift();
        if (!next) {
          lane.busy = false;
          this.lanes.delete(key);
          return;
        }
        if (!next.cancelled) return next.grant();
      }
    };
  }
}
