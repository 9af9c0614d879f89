/**
 * Lambda entry: the job worker, fed by SQS with ReportBatchItemFailures. Each record is one
 * JobMessage; a record whose tasks are not all finished (slots busy, a task held by a live lease,
 * a store error) is reported as failed, so SQS delivers it again after the visibility timeout
 * and, after maxReceiveCount, moves it to the dead-letter queue. The rest are deleted.
 */
import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseJobMessage } from '../adapters/sqs/job-queue.ts';
import type { JobWorker } from '../core/jobs/job-worker.ts';
import { apiServices, closingIdleSessions, metrics } from './api-runtime.ts';
import { workerLimits } from './job-settings.ts';
import { publishingMetrics } from './metrics.ts';
import { powertoolsLogger } from './runtime.ts';

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

export const handler = closingIdleSessions(publishingMetrics(metrics, (event: SQSEvent) => handleJobMessages(event)));
