/**
 * Durable jobs: work that may outlive one API request (a fleet power action, a fleet read over
 * many BMCs), stored as one job with one task per BMC. The store is the source of truth; queues
 * only say "look at these tasks", so a lost or repeated message loses and doubles nothing.
 */
import type { ErrorInfo } from '../errors.ts';
import type { JsonValue, Principal } from '../types.ts';
import type { PowerAction } from '../bmc-data.ts';
import type { CollectWhat } from '../monitoring/policy.ts';

/** States a job reports; see `jobState` for how they derive from the stored counters. */
export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'partially_succeeded', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * A task ends exactly once in succeeded, failed, unknown or cancelled. `unknown`: a worker died
 * after a command that the BMC's state cannot confirm (a power cycle) may have been sent; the
 * task is not retried, so the BMC never gets the command twice. It counts as failed.
 */
export const TASK_STATES = ['queued', 'running', 'succeeded', 'failed', 'unknown', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TERMINAL_TASK_STATES: ReadonlySet<TaskState> = new Set(['succeeded', 'failed', 'unknown', 'cancelled']);

/** How a rotation proves the new credentials: change them on the BMC first, or only verify an out-of-band change. */
export const ROTATION_MODES = ['set-on-bmc', 'already-changed'] as const;
export type RotationMode = (typeof ROTATION_MODES)[number];

/**
 * What a job does to each of its BMCs. Fleet kinds have a task per selected BMC; `bmc.sol` and
 * `bmc.credentials.rotate` have one task, their BMC. A rotation's new credentials are never in
 * the job: they wait as the pending version in the credential store (see BmcService).
 */
export type JobOperation =
  | { readonly kind: 'fleet.power'; readonly action: PowerAction }
  /** Lights each BMC's chassis identify indicator for `seconds` (IPMI v2.0 section 28.5). */
  | { readonly kind: 'fleet.identify'; readonly seconds: number }
  | { readonly kind: 'fleet.powerStatus' }
  | { readonly kind: 'fleet.sensors' }
  | { readonly kind: 'bmc.sol'; readonly seconds: number }
  | { readonly kind: 'bmc.credentials.rotate'; readonly mode: RotationMode; readonly username: string }
  /** One scheduled collection cycle of one monitoring rule (core/monitoring/scheduler.ts). */
  | { readonly kind: 'monitor.collect'; readonly tag: string | null; readonly collect: CollectWhat; readonly historyDays: number };
export type JobKind = JobOperation['kind'];
export const JOB_KINDS = ['fleet.power', 'fleet.powerStatus', 'fleet.sensors', 'bmc.sol', 'bmc.credentials.rotate', 'monitor.collect', 'fleet.identify'] as const satisfies readonly JobKind[];

export interface JobProgress {
  readonly total: number;
  /** Tasks in a terminal state: succeeded + failed (unknown included) + cancelled. */
  readonly done: number;
  readonly succeeded: number;
  /** Failed and unknown tasks. */
  readonly failed: number;
}

export interface Job {
  readonly tenantId: string;
  readonly id: string;
  readonly kind: JobKind;
  readonly operation: JobOperation;
  /** Who started it: tasks run with this principal's role, re-checked per BMC. */
  readonly startedBy: Principal;
  /** Request id and source of the request that started it (audit correlation). */
  readonly requestId: string;
  readonly source: string;
  /** Stored state: queued, running or cancelled; finished states are derived (jobState). */
  readonly storedState: 'queued' | 'running' | 'cancelled';
  readonly progress: JobProgress;
  /** Cancelled tasks (done - succeeded - failed), kept apart for the derivation. */
  readonly cancelledTasks: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly cancelledAt: string | null;
  readonly cancelledBy: string | null;
  /** When items expire from the store (epoch seconds); the audit log keeps the outcomes. */
  readonly expiresAt: number;
}

export interface JobTask {
  readonly tenantId: string;
  readonly jobId: string;
  /** Position in the job, from 0: tasks page in this order. */
  readonly index: number;
  readonly bmcId: string;
  readonly state: TaskState;
  /** Claims so far (a re-driven task has more than one). */
  readonly attempts: number;
  readonly result: JsonValue | null;
  readonly error: ErrorInfo | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Worker holding the task and until when (epoch ms); a lapsed lease may be claimed again. */
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: number | null;
  /**
   * Set, before anything is sent, on tasks whose command changes the BMC: a later attempt that
   * finds it re-reads the BMC instead of acting blindly. Holds the request id of the audit
   * `started` event, so recovery can write that event's outcome.
   */
  readonly actionRequestId: string | null;
}

/**
 * The reported state. Stored states only move queued -> running -> (cancelled); finished states
 * follow from the counters, which change in the same transaction as each task's terminal
 * transition, so a worker that dies after the last task cannot leave a job "running" forever.
 */
export function jobState(job: Pick<Job, 'storedState' | 'progress' | 'cancelledTasks'>): JobState {
  const { total, done, succeeded, failed } = job.progress;
  if (job.storedState === 'cancelled') return 'cancelled';
  if (done < total) return job.storedState === 'queued' && done === 0 ? 'queued' : 'running';
  if (succeeded === total) return 'succeeded';
  if (failed === total) return 'failed';
  if (succeeded === 0 && job.cancelledTasks > 0 && failed === 0) return 'cancelled';
  return succeeded > 0 ? 'partially_succeeded' : 'failed';
}

export function isFinished(state: JobState): boolean {
  return state !== 'queued' && state !== 'running';
}

/** A job whose tasks ran for `total` BMCs and are all done, in counters. */
export function emptyProgress(total: number): JobProgress {
  return { total, done: 0, succeeded: 0, failed: 0 };
}

/** Where a task ended, for the counters. */
export function progressBucket(state: TaskState): 'succeeded' | 'failed' | 'cancelled' {
  if (state === 'succeeded') return 'succeeded';
  if (state === 'cancelled') return 'cancelled';
  return 'failed';
}
