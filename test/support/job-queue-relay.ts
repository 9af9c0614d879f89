/**
 * Stands in for SQS and its Lambda event source mapping in the multi-environment tests: reads the
 * job messages the API functions wrote through the LOCAL_JOB_QUEUE_DIR seam
 * (lambdas/adapters/local/file-job-queue.ts) and delivers them in batches, as SQS events, to the
 * worker handler of the harness's processes (lambda-environments.ts). Like SQS:
 * - a delivered message is invisible until its worker answers; the ones it reports in
 *   batchItemFailures come back after `retryMs`, the others are deleted;
 * - a message whose worker died (SIGKILL) comes back when its visibility timeout runs out.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { LambdaEnvironments } from './lambda-environments.ts';

interface Message {
  readonly id: string;
  readonly body: string;
  visibleAt: number;
  receives: number;
}

export interface RelayOptions {
  /** How long a message delivered to a worker that dies stays invisible. */
  readonly visibilityMs: number;
  /** When a message a worker gave back is delivered again. */
  readonly retryMs: number;
  /** Environments that run the worker (default every one). */
  readonly workers?: readonly number[];
  readonly batchSize?: number;
}

export class JobQueueRelay {
  private readonly messages = new Map<string, Message>();
  private readonly busy = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private scanning = false;
  /** Deliveries whose worker process died before answering. */
  lostDeliveries = 0;
  deliveries = 0;

  constructor(
    private readonly envs: LambdaEnvironments,
    private readonly dir: string,
    private readonly options: RelayOptions,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.pump(), 25);
  }

  /** Stops delivering (messages keep arriving and wait); `start` resumes. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Environments currently running a worker invocation. */
  running(): number[] {
    return [...this.busy];
  }

  /** Messages not yet deleted (waiting, in flight or due again). */
  get outstanding(): number {
    return this.messages.size;
  }

  private async pump(): Promise<void> {
    if (this.scanning) return;
    this.scanning = true;
    try {
      for (const name of await readdir(this.dir)) {
        if (!name.endsWith('.json')) continue;
        const path = join(this.dir, name);
        const body = await readFile(path, 'utf8');
        await rm(path);
        const id = randomUUID();
        this.messages.set(id, { id, body, visibleAt: 0, receives: 0 });
      }
    } finally {
      this.scanning = false;
    }
    const workers = this.options.workers ?? Array.from({ length: this.envs.size }, (_, i) => i);
    for (const env of workers) {
      if (this.busy.has(env)) continue;
      const now = Date.now();
      const batch = [...this.messages.values()].filter((m) => m.visibleAt <= now).slice(0, this.options.batchSize ?? 10);
      if (batch.length === 0) return;
      for (const m of batch) {
        m.visibleAt = now + this.options.visibilityMs;
        m.receives++;
      }
      this.busy.add(env);
      this.deliveries++;
      void this.deliver(env, batch).finally(() => this.busy.delete(env));
    }
  }

  private async deliver(env: number, batch: Message[]): Promise<void> {
    const event = { Records: batch.map((m) => ({ messageId: m.id, body: m.body, receiptHandle: m.id, attributes: { ApproximateReceiveCount: String(m.receives) } })) } as unknown as SQSEvent;
    let response: SQSBatchResponse;
    try {
      response = (await this.envs.invoke<SQSBatchResponse>('worker', event, { env })).result;
    } catch {
      // The worker died: its messages reappear when their visibility timeout ends.
      this.lostDeliveries++;
      return;
    }
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    for (const m of batch) {
      if (failed.has(m.id)) m.visibleAt = Date.now() + this.options.retryMs;
      else this.messages.delete(m.id);
    }
  }
}
