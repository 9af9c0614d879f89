/**
 * JobQueue on Amazon SQS: messages go out in batches of ten (SendMessageBatch's limit); entries
 * SQS refuses are sent again, and a send that keeps failing throws, so the API refuses to answer
 * for a job that no worker would hear of. Thin on purpose: the store carries the state.
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { JobMessage, JobQueue } from '../../core/jobs/ports.ts';

const BATCH = 10;
const ATTEMPTS = 4;

export class SqsJobQueue implements JobQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(messages: readonly JobMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += BATCH) {
      let entries = messages.slice(i, i + BATCH).map((m, n) => ({ Id: String(n), MessageBody: JSON.stringify(m) }));
      for (let attempt = 1; entries.length > 0; attempt++) {
        if (attempt > ATTEMPTS) throw new Error(`SQS refused ${entries.length} job message(s) ${ATTEMPTS} times`);
        const out = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        const failed = new Set((out.Failed ?? []).map((f) => f.Id));
        entries = entries.filter((e) => failed.has(e.Id));
        if (entries.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }
}

/** A message body as SQS delivers it; anything else is refused (it goes to the DLQ after retries). */
export function parseJobMessage(body: string): JobMessage {
  const m = JSON.parse(body) as Partial<JobMessage>;
  const ok =
    typeof m.tenantId === 'string' && typeof m.jobId === 'string' && Number.isInteger(m.first) && Number.isInteger(m.count) && (m.first as number) >= 0 && (m.count as number) > 0;
  if (!ok) throw new Error('not a job message');
  return { tenantId: m.tenantId as string, jobId: m.jobId as string, first: m.first as number, count: m.count as number };
}
