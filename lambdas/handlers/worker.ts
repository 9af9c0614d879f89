/**
 * Lambda entry: the job worker, fed by SQS with ReportBatchItemFailures, and the recovery sweep
 * of orphaned `started` events, run by an EventBridge schedule (recovery/orphan-sweep.ts).
 *
 * Jobs: each record is one
 * JobMessage; a record whose tasks are not all finished (slots busy, a task held by a live lease,
 * a store error) is reported as failed, so SQS delivers it again after the visibility timeout
 * and, after maxReceiveCount, moves it to the dead-letter queue. The rest are deleted.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseJobMessage } from '../adapters/sqs/job-queue.ts';
import type { JobWorker } from '../core/jobs/job-worker.ts';
import type { OrphanSweep, SweepReport } from '../core/recovery/orphan-sweep.ts';
import { apiServices, closingIdleSessions, metrics } from './api-runtime.ts';
import { orphanAfterMs, workerLimits } from './job-settings.ts';
import { publishingMetrics } from './metrics.ts';
import { powertoolsLogger } from './runtime.ts';
import { MONITOR_SCHEDULE_INPUT, type MonitorTick } from './worker-inputs.ts';

const logger = powertoolsLogger();

/** One worker per execution environment; its name is what its leases carry. */
let worker: Promise<JobWorker> | undefined;
function jobWorker(): Promise<JobWorker> {
  return (worker ??= apiServices().then((services) => services.jobWorker({ owner: `worker-${randomUUID()}`, ...workerLimits() })));
}

export async function handleJobMessages(event: SQSEvent, getWorker: () => Promise<JobWorker> = jobWorker): Promise<SQSBatchResponse> {
  const w = await getWorker();
  const failures: { itemIdentifier: string }[] = [];
  await Promise.all(
    event.Records.map(async (record) => {
      try {
        await w.handle(parseJobMessage(record.body));
      } catch (e) {
        logger.info('job message left for redelivery', { messageId: record.messageId, reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
        failures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures: failures };
}

/** One sweep per execution environment, named like its worker. */
let sweep: Promise<OrphanSweep> | undefined;
function orphanSweep(): Promise<OrphanSweep> {
  const after = orphanAfterMs();
  return (sweep ??= apiServices().then((services) => services.orphanSweep({ owner: `sweep-${randomUUID()}`, ...(after !== undefined && { orphanAfterMs: after }) })));
}

/** The scheduled sweep: outcomes of actions whose environment died between `started` and outcome. */
export async function sweepOrphans(getSweep: () => Promise<OrphanSweep> = orphanSweep): Promise<SweepReport> {
  const report = await (await getSweep()).run();
  if (report.found > 0) logger.info('orphaned actions recovered', { ...report });
  return report;
}


function isMonitorTick(event: unknown): event is MonitorTick {
  return typeof event === 'object' && event !== null && (event as { task?: unknown }).task === MONITOR_SCHEDULE_INPUT.task;
}

/** The monitoring schedule: starts the due collection cycles as jobs (core/monitoring/scheduler.ts). */
export async function runMonitorSchedule(getServices: typeof apiServices = apiServices): Promise<{ started: number; skipped: number }> {
  const { started, skipped } = await (await getServices()).monitorScheduler().tick();
  if (started.length > 0) logger.info('monitoring cycles started', { cycles: started.length, bmcs: started.reduce((n, c) => n + c.bmcs, 0) });
  // A cycle longer than its interval: the next waits for it rather than collect the same BMCs twice at once.
  for (const s of skipped) logger.warn('monitoring cycle deferred: the previous one is still running', { ...s });
  return { started: started.length, skipped: skipped.length };
}

function isScheduled(event: SQSEvent | ScheduledEvent): event is ScheduledEvent {
  return !('Records' in event) && event['detail-type'] === 'Scheduled Event';
}

export const handler = closingIdleSessions(
  publishingMetrics(metrics, async (event: SQSEvent | ScheduledEvent | MonitorTick): Promise<SQSBatchResponse | SweepReport | { started: number; skipped: number }> =>
    isMonitorTick(event) ? runMonitorSchedule() : isScheduled(event) ? sweepOrphans() : handleJobMessages(event),
  ),
);
