/**
 * The JobQueue of `npm start` and the tests: messages are handed to the same JobWorker the
 * Lambda worker runs, in this process. Like SQS with a visibility timeout, a message whose
 * handling failed (JobBusyError: slots taken, a task held by a live lease) comes back after a
 * delay; the store, not this queue, decides what runs. Messages are lost when the process
 * stops, which loses no task: the job's items still say what is left, and the next start
 * queues unfinished jobs again (core/jobs/requeue.ts).
 */
import type { JobMessage, JobQueue } from '../../core/jobs/ports.ts';

export interface InProcessJobQueueOptions {
  /** First redelivery delay; doubles up to maxRetryDelayMs. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** Messages handled at once (Lambda's batch size times its concurrency, in spirit). */
  readonly concurrency?: number;
  /** Called when a handler fails; the message is retried regardless. */
  readonly onError?: (message: JobMessage, error: unknown) => void;
}

export class InProcessJobQueue implements JobQueue {
  private handler: ((message: JobMessage) => Promise<void>) | undefined;
  private readonly waiting: { message: JobMessage; attempt: number }[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(private readonly options: InProcessJobQueueOptions = {}) {}

  /** Sets who handles messages (the worker is built after the services that send). */
  attach(handler: (message: JobMessage) => Promise<void>): void {
    this.handler = handler;
    this.pump();
  }

  async send(messages: readonly JobMessage[]): Promise<void> {
    if (this.closed) throw new Error('job queue closed');
    for (const message of messages) this.waiting.push({ message, attempt: 1 });
    // Answer the request first, as SQS would; handling starts on a later turn.
    setImmediate(() => this.pump());
  }

  /** Resolves once nothing is waiting, running or scheduled for retry. */
  drained(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Stops handing out messages; running handlers finish. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.waiting.length = 0;
  }

  private isIdle(): boolean {
    return this.waiting.length === 0 && this.running === 0 && this.timers.size === 0;
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 8;
    while (!this.closed && this.handler && this.running < limit && this.waiting.length > 0) {
      const next = this.waiting.shift() as { message: JobMessage; attempt: number };
      this.running++;
      void this.deliver(this.handler, next.message, next.attempt);
    }
    if (this.isIdle()) for (const resolve of this.idle.splice(0)) resolve();
  }

  private async deliver(handler: (message: JobMessage) => Promise<void>, message: JobMessage, attempt: number): Promise<void> {
    try {
      await handler(message);
    } catch (e) {
      this.options.onError?.(message, e);
      if (!this.closed) {
        const delay = Math.min(this.options.maxRetryDelayMs ?? 5_000, (this.options.retryDelayMs ?? 100) * 2 ** Math.min(attempt - 1, 10));
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.waiting.push({ message, attempt: attempt + 1 });
          this.pump();
        }, delay);
        timer.unref?.();
        this.timers.add(timer);
      }
    } finally {
      this.running--;
      this.pump();
    }
  }
}
