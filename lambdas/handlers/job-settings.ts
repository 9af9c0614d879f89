/**
 * Job settings of the API and worker functions, from their environment (set by the CDK app):
 *
 * - JOB_QUEUE_URL: the SQS queue jobs are sent to (API functions).
 * - LOCAL_JOB_QUEUE_DIR: a test-only seam, like LOCAL_CREDENTIALS_DIR: messages are written as
 *   files into that folder instead (lambdas/adapters/local/file-job-queue.ts). Never set by CDK.
 * - JOB_TASK_DEADLINE_MS, JOB_LEASE_MARGIN_MS, JOB_WINDOW, JOB_WORKERS_PER_JOB,
 *   JOB_WORKERS_PER_TENANT, JOB_SLOT_LEASE_MS, JOB_SLOT_WAIT_MS: the worker's limits
 *   (JobWorkerOptions).
 * - ORPHAN_AFTER_MS: when the recovery sweep takes an in-flight action for dead
 *   (OrphanSweepOptions.orphanAfterMs).
 *
 * A malformed value fails the cold start with a message naming the variable.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { FileJobQueue } from '../adapters/local/file-job-queue.ts';
import { SqsJobQueue } from '../adapters/sqs/job-queue.ts';
import type { JobQueue } from '../core/jobs/ports.ts';
import type { JobWorkerOptions } from '../core/jobs/job-worker.ts';
import { SettingsError } from './settings.ts';

type Env = Readonly<Record<string, string | undefined>>;

import { JOB_QUEUE_ENV, JOB_SLOT_WAIT_ENV, LOCAL_JOB_QUEUE_ENV, ORPHAN_AFTER_ENV } from './job-env.ts';

function positive(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new SettingsError(`${name} must be an integer >= 1, got "${raw}"`);
  return n;
}

/** Where this function sends jobs; undefined when it has no queue (starting a job is then refused). */
export function jobQueue(env: Env = process.env): JobQueue | undefined {
  const dir = env[LOCAL_JOB_QUEUE_ENV];
  if (dir) return new FileJobQueue(dir);
  const url = env[JOB_QUEUE_ENV];
  return url ? new SqsJobQueue(new SQSClient({}), url) : undefined;
}

/** The worker's limits; absent variables keep DEFAULT_WORKER_LIMITS. */
export function workerLimits(env: Env = process.env): Omit<JobWorkerOptions, 'owner'> {
  const pick: [keyof Omit<JobWorkerOptions, 'owner'>, string][] = [
    ['taskDeadlineMs', 'JOB_TASK_DEADLINE_MS'],
    ['leaseMarginMs', 'JOB_LEASE_MARGIN_MS'],
    ['window', 'JOB_WINDOW'],
    ['workersPerJob', 'JOB_WORKERS_PER_JOB'],
    ['workersPerTenant', 'JOB_WORKERS_PER_TENANT'],
    ['slotLeaseMs', 'JOB_SLOT_LEASE_MS'],
    ['slotWaitMs', JOB_SLOT_WAIT_ENV],
  ];
  const out: Record<string, number> = {};
  for (const [key, name] of pick) {
    const n = positive(env, name);
    if (n !== undefined) out[key] = n;
  }
  return out;
}

/** The recovery sweep's orphan age, when set. */
export function orphanAfterMs(env: Env = process.env): number | undefined {
  return positive(env, ORPHAN_AFTER_ENV);
}
