/**
 * System Event Log operations over an IpmiRequester: info, list (decoded to text),
 * clear (reservation + erasure polling) and time.
 *
 * Listing walks the record chain from 0000h until the next ID is FFFFh (section 31.5).
 * Whole-record reads need no reservation (ID 0000h), but some BMCs insist on one and
 * answer C5h: then a reservation is taken and renewed whenever it is lost, because any
 * SEL change cancels it (section 31.4). A BMC that loops its chain or runs past the
 * number of entries it announced is stopped with a typed error rather than followed.
 */
import { BoundExceededError, CompletionCode, CompletionCodeError, InvalidArgumentError, RecordLoopError, TimeoutError } from '../errors.ts';
import type { CallOptions, IpmiRequester } from '../commands/command.ts';
import { ClearSel } from '../commands/storage/sel-clear.ts';
import { GetSelEntry, SEL_FIRST_ENTRY, SEL_LAST_ENTRY } from '../commands/storage/sel-entry.ts';
import { GetSelInfo, type SelInfo } from '../commands/storage/sel-info.ts';
import { ReserveSel, SEL_ERASE_IN_PROGRESS } from '../commands/storage/sel-reserve.ts';
import { GetSelTime, SetSelTime } from '../commands/storage/sel-time.ts';
import { selEntryFromBytes, type SelEntry } from '../sel/entry.ts';
import { timestampToIso } from '../sel/timestamp.ts';
import { resolveBounds, type ReadBounds } from './read-bounds.ts';
import { ReadContext, sleep as sleepOrAbort } from './read-context.ts';

export type { SelEntry } from '../sel/entry.ts';

/** Reservations lost in a row before giving up (another client keeps changing the SEL). */
const MAX_RESERVATION_RETRIES = 5;
/** Erase-in-progress answers tolerated per command before giving up. */
const MAX_BUSY_RETRIES = 10;
const BUSY_DELAY_MS = 100;

export type SelOptions = Pick<CallOptions, 'signal' | 'timeoutMs'>;

/** The BMC kept answering "erasure in progress" past the deadline (a timeout to the API). */
export class SelEraseTimeoutError extends TimeoutError {
  constructor(timeoutMs: number, polls: number) {
    super('Clear SEL', 'BMC', timeoutMs, polls);
    this.message = `Clear SEL: erasure still in progress after ${timeoutMs} ms (${polls} status polls)`;
  }
}

export interface SelInfoResult extends SelInfo {
  readonly lastAddition: string | null;
  readonly lastErase: string | null;
}

export interface SelClearOptions extends SelOptions {
  /** How long to poll erasure status before giving up (default 30 s). */
  eraseTimeoutMs?: number;
  /** First poll interval (default 100 ms), doubling up to 1 s. */
  pollIntervalMs?: number;
}

export interface SelTimeResult {
  /** Raw seconds (section 37). */
  readonly seconds: number;
  /** ISO 8601 UTC, or null when the BMC clock is pre-init or unspecified. */
  readonly time: string | null;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function callOptions(opts: SelOptions): CallOptions {
  return { ...(opts.signal && { signal: opts.signal }), ...(opts.timeoutMs && { timeoutMs: opts.timeoutMs }) };
}

const isCode = (err: unknown, code: number) => err instanceof CompletionCodeError && err.code === code;

/** Runs `fn`, waiting and retrying while the BMC answers 81h (SEL erase in progress). */
async function whileErasing<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isCode(err, SEL_ERASE_IN_PROGRESS) || attempt >= MAX_BUSY_RETRIES) throw err;
      await sleep(BUSY_DELAY_MS, signal);
    }
  }
}

export async function selInfo(s: IpmiRequester, opts: SelOptions = {}): Promise<SelInfoResult> {
  const info = await whileErasing(() => s.call(GetSelInfo, undefined, callOptions(opts)), opts.signal);
  return { ...info, lastAddition: timestampToIso(info.lastAddTimestamp), lastErase: timestampToIso(info.lastEraseTimestamp) };
}

export interface SelListOptions extends SelOptions {
  /** Keep only the newest `last` entries: the walk still visits every entry, but holds no more than these. */
  last?: number;
  /** Count bounds (selEntries, readRequests); defaults in read-bounds.ts. */
  bounds?: ReadBounds;
}

/** The newest `capacity` items pushed, oldest first: memory in proportion to what is returned. */
class Newest<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  push(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  toArray(): T[] {
    return [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }
}

/**
 * Reads one record by ID. Whole-record reads need no reservation, but some BMCs insist on one
 * (C5h): then one is taken, and taken again whenever a SEL change cancels it (section 31.4).
 */
function entryReader(ctx: ReadContext, opts: SelOptions) {
  let reservationId = 0;
  const reserve = async () => {
    reservationId = await whileErasing(() => ctx.call(ReserveSel, undefined), opts.signal);
  };
  const readEntry = async (recordId: number) => {
    for (let lost = 0; ; lost++) {
      try {
        return await whileErasing(() => ctx.call(GetSelEntry, { recordId, reservationId }), opts.signal);
      } catch (err) {
        if (!isCode(err, CompletionCode.reservationCancelled) || lost >= MAX_RESERVATION_RETRIES) throw err;
        if (lost > 0) await sleepOrAbort(Math.random() * Math.min(64, 4 << lost), 'Get SEL Entry', opts.signal);
        await reserve();
      }
    }
  };

  return readEntry;
}

/**
 * Lists the SEL in record order. A lost exchange is re-sent and a lost reservation (C5h) taken
 * again, both resuming at the record where the walk was. Throws BoundExceededError when the
 * log announces more entries than the selEntries bound or walks past it (or past what it
 * announced with some slack), and RecordLoopError when its chain loops.
 */
export async function selList(s: IpmiRequester, opts: SelListOptions = {}): Promise<SelEntry[]> {
  const bounds = resolveBounds(opts.bounds);
  if (opts.last !== undefined && (!Number.isInteger(opts.last) || opts.last < 1)) {
    throw new InvalidArgumentError(`last must be a positive integer, got ${opts.last}`);
  }
  const ctx = new ReadContext(s, callOptions(opts), bounds, 'SEL');
  const info = await whileErasing(() => ctx.call(GetSelInfo, undefined), opts.signal);
  if (info.entries === 0) return [];
  if (info.entries > bounds.selEntries) throw new BoundExceededError(`SEL of ${info.entries} entries`, 'selEntries', bounds.selEntries);

  const readEntry = entryReader(ctx, opts);

  const kept = new Newest<SelEntry>(opts.last ?? bounds.selEntries);
  const seen = new Set<number>();
  // Entries may be added while we walk; allow some slack over the announced count.
  const limit = Math.min(bounds.selEntries, info.entries + 64);
  let walked = 0;
  let recordId = SEL_FIRST_ENTRY;
  while (recordId !== SEL_LAST_ENTRY) {
    if (seen.has(recordId)) throw new RecordLoopError('SEL', recordId);
    if (walked >= limit) throw new BoundExceededError(`SEL announcing ${info.entries} entries`, 'selEntries', limit);
    seen.add(recordId);
    walked++;
    let res = await readEntry(recordId);
    // 0000h is not a record ID but the "first entry" alias. Some BMCs answer it as the
    // next ID now and then; like ipmitool, read the record again and take a second 0000h
    // as the end of the log.
    if (res.nextRecordId === SEL_FIRST_ENTRY) {
      res = await readEntry(recordId);
      if (res.nextRecordId === SEL_FIRST_ENTRY) res = { ...res, nextRecordId: SEL_LAST_ENTRY };
    }
    const entry = selEntryFromBytes(res.data);
    // The first entry was asked for as 0000h: its own ID closes a loop back to it.
    if (recordId === SEL_FIRST_ENTRY) seen.add(entry.id);
    kept.push(entry);
    recordId = res.nextRecordId;
  }
  return kept.toArray();
}

/**
 * Erases the SEL: reserve, initiate (AAh), then poll erasure status (00h) until the BMC
 * reports completion (section 31.9). A reservation lost in between is taken again.
 */
export async function selClear(s: IpmiRequester, opts: SelClearOptions = {}): Promise<{ polls: number }> {
  const co = callOptions(opts);
  const reserveAndRun = async (action: 'initiate' | 'status') => {
    for (let lost = 0; ; lost++) {
      const reservationId = await whileErasing(() => s.call(ReserveSel, undefined, co), opts.signal);
      try {
        return await s.call(ClearSel, { reservationId, action }, co);
      } catch (err) {
        if (!isCode(err, CompletionCode.reservationCancelled) || lost >= MAX_RESERVATION_RETRIES) throw err;
      }
    }
  };

  let progress = await reserveAndRun('initiate');
  const deadline = opts.eraseTimeoutMs ?? 30_000;
  let waited = 0;
  let interval = opts.pollIntervalMs ?? 100;
  let polls = 0;
  while (progress !== 'completed') {
    if (waited >= deadline) throw new SelEraseTimeoutError(deadline, polls);
    await sleep(interval, opts.signal);
    waited += interval;
    interval = Math.min(interval * 2, 1000);
    polls++;
    progress = await reserveAndRun('status');
  }
  return { polls };
}

export async function selTime(s: IpmiRequester, opts: SelOptions = {}): Promise<SelTimeResult> {
  const seconds = await s.call(GetSelTime, undefined, callOptions(opts));
  return { seconds, time: timestampToIso(seconds) };
}

export async function setSelTime(s: IpmiRequester, time: Date, opts: SelOptions = {}): Promise<void> {
  await s.call(SetSelTime, Math.floor(time.getTime() / 1000), callOptions(opts));
}

/** Where an incremental read stopped last time: the newest record seen, as its ID and bytes. */
export interface SelMark {
  readonly id: number;
  /** The record's 16 bytes in hex (SelEntry `raw`). */
  readonly raw: string;
}

/**
 * The records added after `mark`, in record order, without walking the log from its start:
 * Get SEL Entry of the marked record gives the ID of the next one (section 31.5). Returns null
 * when the marked record is gone or now holds other bytes (the log was cleared, or it wrapped
 * and overwrote it, or IDs were reused): the caller must then read the whole log.
 */
export async function selListAfter(s: IpmiRequester, mark: SelMark, opts: SelListOptions = {}): Promise<SelEntry[] | null> {
  const bounds = resolveBounds(opts.bounds);
  const ctx = new ReadContext(s, callOptions(opts), bounds, 'SEL');
  const readEntry = entryReader(ctx, opts);
  let first;
  try {
    first = await readEntry(mark.id);
  } catch (err) {
    if (isCode(err, CompletionCode.notPresent)) return null;
    throw err;
  }
  if (selEntryFromBytes(first.data).raw !== mark.raw) return null;
  const out: SelEntry[] = [];
  const seen = new Set<number>([mark.id]);
  let recordId = first.nextRecordId;
  while (recordId !== SEL_LAST_ENTRY && recordId !== SEL_FIRST_ENTRY) {
    if (seen.has(recordId)) throw new RecordLoopError('SEL', recordId);
    if (out.length >= bounds.selEntries) throw new BoundExceededError('SEL walk', 'selEntries', bounds.selEntries);
    seen.add(recordId);
    const res = await readEntry(recordId);
    out.push(selEntryFromBytes(res.data));
    recordId = res.nextRecordId;
  }
  return out;
}
