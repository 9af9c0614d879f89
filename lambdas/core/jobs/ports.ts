/**
 * What jobs need from storage and from a queue. The DynamoDB adapter implements the store with
 * conditional writes and transactions; SQS (in AWS) or an in-process queue (`npm start`, tests)
 * implements the queue. The queue carries no state: every decision reads the store.
 */
import type { Page, PageRequest } from '../types.ts';
import { internal, type ErrorInfo } from '../errors.ts';
import type { JsonValue } from '../types.ts';
import type { Job, JobKind, JobState, JobTask, TaskState } from './types.ts';

export interface JobFilter {
  readonly state?: JobState;
  readonly kind?: JobKind;
}

/** A task's terminal transition. */
export interface TaskOutcome {
  readonly state: Exclude<TaskState, 'queued' | 'running'>;
  readonly result?: JsonValue | null;
  readonly error?: ErrorInfo | null;
}

/** A bounded group of concurrent workers: per job or per tenant. */
export type SlotScope = { readonly tenantId: string; readonly jobId: string } | { readonly tenantId: string; readonly jobId?: undefined };

export interface JobStore {
  /** Writes the tasks, then the job (conditionally new): a job that is readable has all its tasks. */
  create(job: Job, tasks: readonly JobTask[]): Promise<void>;
  /** Strongly consistent: a worker must see a cancel that was answered. */
  get(tenantId: string, jobId: string): Promise<Job | undefined>;
  /** Newest first; the cursor is opaque and bound to the tenant. */
  list(tenantId: string, filter: JobFilter, page: PageRequest): Promise<Page<Job>>;
  /** In index order; the cursor is opaque and bound to the tenant and job. */
  listTasks(tenantId: string, jobId: string, page: PageRequest): Promise<Page<JobTask>>;
  /** Tasks `first` .. `first + count - 1` (one worker message's share). */
  tasksInRange(tenantId: string, jobId: string, first: number, count: number): Promise<JobTask[]>;
  /** queued -> running, once; a job in any other state is left alone. */
  markRunning(tenantId: string, jobId: string, now: string): Promise<void>;
  /** Stamps `finishedAt` once; false when it was already stamped (another worker recorded the finish). */
  markFinished(tenantId: string, jobId: string, now: string): Promise<boolean>;
  /** queued/running with unfinished tasks -> cancelled; undefined when the condition fails. */
  cancel(tenantId: string, jobId: string, actor: string, now: string): Promise<Job | undefined>;
  /**
   * Claims a task that is queued, or running under a lapsed lease: state running, attempts + 1,
   * lease to `owner` until `leaseUntil` (epoch ms). Returns the task as claimed, or undefined when
   * it is finished or another worker's lease is still live.
   */
  claimTask(tenantId: string, jobId: string, index: number, owner: string, leaseUntil: number, now: string): Promise<JobTask | undefined>;
  /** Records, while `owner` holds the lease, that a state-changing command is about to be sent. */
  markActionStarted(tenantId: string, jobId: string, index: number, owner: string, requestId: string): Promise<boolean>;
  /**
   * The task's terminal transition, then the job's counters: with `owner`, only while that worker
   * holds the task; without, only from queued (cancelling an unstarted task). False when the
   * condition fails (nothing is written). A task is counted at most once, ever.
   */
  finishTask(tenantId: string, jobId: string, index: number, owner: string | null, outcome: TaskOutcome, now: string): Promise<boolean>;
  /**
   * Counts every finished task of the range that the counters miss (its worker died between the
   * two writes of finishTask); returns how many tasks of the range are not finished.
   */
  reconcile(tenantId: string, jobId: string, first: number, count: number, now: string): Promise<number>;
  /**
   * Takes one of `limit` slots of a scope until `leaseUntil` (epoch ms), or renews the one `owner`
   * holds. Returns the slot number, or undefined when all are held by live leases.
   */
  acquireSlot(scope: SlotScope, limit: number, owner: string, leaseUntil: number, now: number, slot?: number): Promise<number | undefined>;
  releaseSlot(scope: SlotScope, slot: number, owner: string): Promise<void>;
  /**
   * Jobs of every tenant whose tasks are not all counted finished (any stored state: a cancelled
   * job's queued tasks still need a worker to close them). A scan over job items: for a process
   * that owns its store alone, at start (requeue.ts), never on a request path.
   */
  unfinishedJobs(): Promise<Job[]>;
  /**
   * Makes every running task of a job claimable now, whatever its lease: only for a process that
   * knows the holders are dead (requeue.ts). Returns how many were released.
   */
  releaseTaskLeases(tenantId: string, jobId: string): Promise<number>;
  /** Frees every worker slot of a scope, whoever holds it; as releaseTaskLeases. */
  releaseSlots(scope: SlotScope): Promise<void>;
}

/** "Run tasks first .. first + count - 1 of this job." */
export interface JobMessage {
  readonly tenantId: string;
  readonly jobId: string;
  readonly first: number;
  readonly count: number;
}

export interface JobQueue {
  send(messages: readonly JobMessage[]): Promise<void>;
}

/** The store of a deployment without a jobs table: every call is refused as INTERNAL. */
export const unavailableJobStore: JobStore = new Proxy({} as JobStore, {
  get: () => async () => {
    throw internal('jobs are not configured in this deployment (no jobs table)');
  },
});
