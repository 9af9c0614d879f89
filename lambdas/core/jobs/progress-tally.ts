/**
 * Counts one message's finished tasks in the job's progress a batch at a time: one write of the
 * job item per COUNT_BATCH tasks (or per second, so a slow job's progress still moves) instead of
 * one per task. A worker that dies with tasks uncounted loses nothing: their terminal states are
 * stored, and reconcile (run at the end of every message, by whichever worker) counts them.
 */
import type { Clock } from '../ports.ts';
import { COUNT_BATCH, type FinishedTask, type JobStore } from './ports.ts';

/** Longest a finished task waits to be counted while its message runs. */
const FLUSH_AFTER_MS = 1_000;

export class ProgressTally {
  private pending: FinishedTask[] = [];
  private writes: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: JobStore,
    private readonly tenantId: string,
    private readonly jobId: string,
    private readonly clock: Clock,
  ) {}

  add(task: FinishedTask): void {
    this.pending.push(task);
    if (this.pending.length >= COUNT_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS).unref();
  }

  /** Writes what is pending; resolves once every write asked for so far has ended. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0);
    if (batch.length > 0) {
      // A failed write leaves its tasks for reconcile; the writes after it still go.
      this.writes = this.writes.then(() => this.store.countFinished(this.tenantId, this.jobId, batch, this.clock.now().toISOString()).catch(() => undefined));
    }
    return this.writes;
  }
}
