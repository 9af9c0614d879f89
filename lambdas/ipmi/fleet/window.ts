/**
 * The fleet engine's window: the neutral one in lambdas/common, failing with the library's
 * typed errors (InvalidArgumentError for a bad limit, AbortedError on abort).
 */
import { completeWithin as window, type Completed } from '../../common/complete-within.ts';
import { AbortedError, InvalidArgumentError } from '../errors.ts';

export type { Completed };

export function completeWithin<I, O>(
  items: readonly I[],
  limit: number,
  work: (item: I, index: number) => Promise<O>,
  signal?: AbortSignal,
): AsyncGenerator<Completed<I, O>> {
  return window(items, limit, work, {
    ...(signal && { signal }),
    abortError: (reason) => new AbortedError('fleet run', { cause: reason }),
    limitError: (message) => new InvalidArgumentError(message),
  });
}
