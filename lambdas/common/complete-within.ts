/**
 * A concurrency window shared by the IPMI library's fleet engine and the core's fleet
 * operations. It imports nothing, so any layer may use it without depending on another.
 */

export interface Completed<I, O> {
  item: I;
  /** Position of the item in the input. */
  index: number;
  value: O;
}

export interface WindowOptions {
  signal?: AbortSignal;
  /** The error an abort ends the iteration with (default: the signal's reason). */
  abortError?: (reason: unknown) => unknown;
  /** The error a bad limit is refused with (default: a RangeError). */
  limitError?: (message: string) => unknown;
}

/**
 * Runs `work` on every item with at most `limit` running at once and yields each outcome as
 * soon as it completes (not in input order). `work` reports failures as values; a throw is a
 * bug and ends the run. An abort ends the iteration once the running work has wound down. Work
 * still running when the consumer stops early is waited for, so nothing outlives the loop that
 * started it. A limit that is not a whole number of at least 1 is refused before anything runs.
 */
export async function* completeWithin<I, O>(
  items: readonly I[],
  limit: number,
  work: (item: I, index: number) => Promise<O>,
  options: WindowOptions = {},
): AsyncGenerator<Completed<I, O>> {
  const { signal } = options;
  if (!Number.isInteger(limit) || limit < 1) {
    const message = `concurrency: expected a whole number of at least 1, got ${String(limit)}`;
    throw options.limitError ? options.limitError(message) : new RangeError(message);
  }
  const width = Math.min(limit, items.length || 1);
  const done: Completed<I, O>[] = [];
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let next = 0;
  let running = 0;

  const start = (index: number): void => {
    running++;
    const item = items[index]!;
    void work(item, index)
      .then(
        (value) => done.push({ item, index, value }),
        (error: unknown) => (failure ??= { error }),
      )
      .finally(() => {
        running--;
        wake?.();
      });
  };
  const sleep = () => new Promise<void>((resolve) => (wake = resolve));

  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (failure) throw failure.error;
      if (signal?.aborted) throw options.abortError ? options.abortError(signal.reason) : signal.reason;
      while (running < width && next < items.length) start(next++);
      if (done.length > 0) {
        yield done.shift()!;
        continue;
      }
      if (running === 0 && next >= items.length) return;
      await sleep();
      wake = undefined;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    while (running > 0) {
      await sleep();
      wake = undefined;
    }
  }
}
