/**
 * One repository or inventory read (SDR, SEL, FRU) as it talks to the BMC: requests counted
 * against its bounds, and a lost exchange re-sent so that the read resumes where it was.
 */
import type { CallOptions, Command, IpmiRequester } from '../commands/command.ts';
import { AbortedError, BoundExceededError, TimeoutError } from '../errors.ts';
import type { ReadBounds } from './read-bounds.ts';

/** Lost exchanges (a TimeoutError after the session's own retransmissions) re-sent per operation. */
export const DEFAULT_RESUMES = 3;

/**
 * The requester as one read operation sees it: counts requests against `readRequests`, and
 * re-sends an exchange that timed out (once in a row, `resumes` times in all) so that the
 * read carries on from where it was instead of failing or starting again.
 */
export class ReadContext {
  requests = 0;
  private resumesLeft: number;

  constructor(
    private readonly s: IpmiRequester,
    readonly options: CallOptions,
    readonly bounds: Required<ReadBounds>,
    private readonly what: string,
    resumes = DEFAULT_RESUMES,
  ) {
    this.resumesLeft = resumes;
  }

  get pipelineDepth(): number | undefined {
    return this.s.pipelineDepth;
  }

  async call<Req, Res>(command: Command<Req, Res>, req: Req): Promise<Res> {
    for (let lostInARow = 0; ; lostInARow++) {
      if (this.requests >= this.bounds.readRequests) throw new BoundExceededError(this.what, 'readRequests', this.bounds.readRequests);
      this.requests++;
      try {
        return await this.s.call(command, req, this.options);
      } catch (e) {
        const resumable = e instanceof TimeoutError && lostInARow === 0 && this.resumesLeft > 0 && !this.options.signal?.aborted;
        if (!resumable) throw e;
        this.resumesLeft--;
      }
    }
  }
}

/** Resolves after `ms`, or rejects with an AbortedError naming `what` when the signal aborts first. */
export function sleep(ms: number, what: string, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const aborted = () => new AbortedError(what, { cause: signal?.reason });
    if (signal?.aborted) return reject(aborted());
    const onAbort = () => {
      clearTimeout(t);
      reject(aborted());
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
