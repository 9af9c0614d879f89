/**
 * A JobQueue that writes each message as a JSON file into a folder: the seam through which the
 * multi-environment tests stand in for SQS (they read the folder and deliver the messages to
 * worker processes as SQS events, redelivering those of a killed worker). Never used in AWS.
 */
import { randomUUID } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobMessage, JobQueue } from '../../core/jobs/ports.ts';

export class FileJobQueue implements JobQueue {
  constructor(private readonly dir: string) {}

  async send(messages: readonly JobMessage[]): Promise<void> {
    for (const m of messages) {
      const name = `${Date.now()}-${randomUUID()}`;
      // Written aside, then renamed: a reader never sees half a message.
      await writeFile(join(this.dir, `.${name}.tmp`), JSON.stringify(m), { mode: 0o600 });
      await rename(join(this.dir, `.${name}.tmp`), join(this.dir, `${name}.json`));
    }
  }
}
