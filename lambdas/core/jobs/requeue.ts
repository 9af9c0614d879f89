/**
 * Jobs an earlier run of this process left unfinished, queued again at start. For a process
 * that owns its store alone (`npm start`: LevelDB locks DATA_DIR): its in-process queue died with
 * the earlier run, while the job's items still say what is left.
 *
 * Every lease in the store is then a dead process's, so the tasks it held (running) and its
 * worker slots are released at once instead of after their lease (up to 90 s). A released task
 * goes through the worker's ordinary re-drive: one whose state-changing command was recorded as
 * started re-reads the BMC and closes its orphan (job-worker.ts `recover`), never sends blindly.
 *
 * Not for Lambda: there SQS keeps the messages and other environments may be alive.
 */
import { jobMessages } from './job-service.ts';
import type { JobQueue, JobStore } from './ports.ts';

export interface RequeueReport {
  /** Unfinished jobs found and queued again. */
  readonly jobs: number;
  /** Tasks a dead worker held, released. */
  readonly releasedTasks: number;
  readonly messages: number;
}

export async function requeueUnfinishedJobs(store: JobStore, queue: JobQueue, tasksPerMessage?: number): Promise<RequeueReport> {
  const jobs = await store.unfinishedJobs();
  let releasedTasks = 0;
  const tenants = new Set<string>();
  for (const job of jobs) {
    releasedTasks += await store.releaseTaskLeases(job.tenantId, job.id);
    await store.releaseSlots({ tenantId: job.tenantId, jobId: job.id });
    tenants.add(job.tenantId);
  }
  for (const tenantId of tenants) await store.releaseSlots({ tenantId });
  let messages = 0;
  for (const job of jobs) {
    // Every range of the job: a range already finished costs the worker one read and a reconcile.
    const batch = jobMessages(job, tasksPerMessage);
    await queue.send(batch);
    messages += batch.length;
  }
  return { jobs: jobs.length, releasedTasks, messages };
}
