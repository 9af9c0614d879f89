import { toHex } from '../codec/bytes.ts';
import type { IpmiRequester } from '../commands/command.ts';
import { GetSdr, SDR_LAST_RECORD_ID, SDR_READ_ENTIRE_RECORD, type GetSdrResponse } from '../commands/storage/sdr-get.ts';
import { GetSdrRepositoryInfo, type SdrRepositoryInfo } from '../commands/storage/sdr-repository-info.ts';
import { ReserveSdrRepository } from '../commands/storage/sdr-reserve.ts';
import { BoundExceededError, CompletionCode, CompletionCodeError, IpmiError, MalformedError, RecordLoopError } from '../errors.ts';
import { decodeSdrHeader, decodeSdrRecord, SDR_HEADER_LENGTH } from '../sdr/decode.ts';
import type { SdrRecord } from '../sdr/types.ts';
import { resolveBounds, type ReadBounds } from './read-bounds.ts';
import { ReadContext, sleep } from './read-context.ts';
import { ReadSize, TOO_LONG_CODES } from './read-size.ts';
import { TIMESTAMP_UNSPECIFIED } from '../sel/timestamp.ts';

/** C9h parameter out of range, CCh invalid data field: other refusals of a read past a record's end. */
/** Partial reads start here (FreeIPMI falls back to 16, ipmitool starts near 32) and grow from it. */
const PARTIAL_START = 32;
/** Largest partial read: FFh in "bytes to read" means the entire record. */
const PARTIAL_MAX = 0xfe;

/** A record the decoder refused, kept so one bad record does not hide the others. */
export interface InvalidSdr {
  recordId: number;
  raw: string;
  error: string;
}

/** The decoded repository; JSON-serialisable so that callers can cache it. */
export interface SdrRepository {
  info: SdrRepositoryInfo;
  records: SdrRecord[];
  invalid: InvalidSdr[];
  /** Hex of every record as read, in repository order (re-decodable with decodeSdrRecord). */
  raw: string[];
}

export interface ReadSdrOptions {
  /** A previous result: returned unchanged when the repository's record count and add/erase timestamps still match. */
  cached?: SdrRepository;
  /**
   * First partial read size in bytes. Default: whole records first (one request each), and
   * partial reads from 32 bytes, growing, once the BMC refuses a whole record.
   */
  maxReadBytes?: number;
  /** How often one read may lose its reservation (C5h) in a row before giving up. Default 16. */
  maxReservationRetries?: number;
  /** Count bounds (sdrRecords, readRequests); defaults in read-bounds.ts. */
  bounds?: ReadBounds;
  signal?: AbortSignal;
  /** Per-request timeout override (ms). */
  timeoutMs?: number;
}

/** True when a cached repository is known to still be current (the BMC keeps real timestamps). */
export function isSdrCacheValid(cached: SdrRepository, info: SdrRepositoryInfo): boolean {
  const stamped = info.lastAddTimestamp !== TIMESTAMP_UNSPECIFIED && info.lastAddTimestamp !== 0;
  return (
    stamped &&
    cached.info.recordCount === info.recordCount &&
    cached.info.lastAddTimestamp === info.lastAddTimestamp &&
    cached.info.lastEraseTimestamp === info.lastEraseTimestamp
  );
}

const ccOf = (e: unknown): number | undefined => (e instanceof CompletionCodeError ? e.code : undefined);
const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const isTooLong = (e: unknown) => {
  const cc = ccOf(e);
  // FFh (unspecified) is answered by some BMCs to a read they cannot serve, as ipmitool notes.
  return cc !== undefined && (TOO_LONG_CODES.has(cc) || cc === CompletionCode.unspecified);
};
/** An ask at offset 0 that may run past the record's end can also be refused as out of range or invalid. */
const isRefusal = (e: unknown) => isTooLong(e) || ccOf(e) === CompletionCode.outOfRange || ccOf(e) === CompletionCode.invalidField;

interface SdrRead {
  bytes: Uint8Array;
  next: number;
}

/**
 * Reads records with Get SDR (section 33.12). A whole record is asked for first (FFh, one
 * request and no reservation needed at offset 0); once the BMC refuses that, records are read
 * in chunks whose size adapts (ReadSize), the first at offset 0. Reads past offset 0 need a
 * reservation (33.11), taken when first needed. A cancelled one (C5h: another
 * client reserved, or the repository changed) is taken again and the read goes on from the
 * same record and offset, as ipmitool does; records and bytes already read are kept.
 */
class SdrRecordReader {
  private reservationId = 0;
  private reserved = false;
  private wholeRecords: boolean;
  /** Set once a chunk read at offset 0 is refused: from then on the header is read alone, as ipmitool does. */
  private headerFirst = false;
  private readonly size: ReadSize;

  constructor(
    private readonly ctx: ReadContext,
    private readonly opts: ReadSdrOptions,
  ) {
    this.wholeRecords = opts.maxReadBytes === undefined;
    this.size = new ReadSize(opts.maxReadBytes ?? PARTIAL_START, PARTIAL_MAX);
  }

  private async reserve(): Promise<void> {
    this.reserved = true;
    try {
      this.reservationId = await this.ctx.call(ReserveSdrRepository, undefined);
    } catch (e) {
      // Reservations are optional (section 33.11); without one, reads use reservation 0000h.
      // C1h: this BMC has no Reserve SDR Repository.
      if (ccOf(e) !== CompletionCode.invalidCommand) throw e;
      this.reservationId = 0;
    }
  }

  /**
   * One Get SDR. A cancelled reservation (C5h) is taken again and the same read re-sent, after
   * a random wait that grows with each loss in a row: concurrent readers cancel each other's
   * reservations, and the wait lets one of them finish its read.
   */
  private async get(recordId: number, offset: number, bytesToRead: number): Promise<GetSdrResponse> {
    const retries = this.opts.maxReservationRetries ?? 16;
    for (let lost = 0; ; lost++) {
      if (offset > 0 && !this.reserved) await this.reserve();
      try {
        return await this.ctx.call(GetSdr, { reservationId: this.reservationId, recordId, offset, bytesToRead });
      } catch (e) {
        if (ccOf(e) !== CompletionCode.reservationCancelled || lost >= retries) throw e;
        if (lost > 0) await sleep(Math.random() * Math.min(64, 2 << lost), `Get SDR ${hex4(recordId)}`, this.opts.signal);
        await this.reserve();
      }
    }
  }

  /** One partial read of at most `remaining` bytes at `offset`, shrinking while the BMC refuses. */
  private async part(recordId: number, offset: number, remaining: number): Promise<GetSdrResponse> {
    for (;;) {
      const want = this.size.next(remaining);
      let res: GetSdrResponse;
      try {
        res = await this.get(recordId, offset, want);
      } catch (e) {
        if (!isTooLong(e) || !this.size.refused(want)) throw e;
        continue;
      }
      if (res.data.length === 0) throw new MalformedError(`Get SDR ${hex4(recordId)}`, `no data returned at offset ${offset}`);
      this.size.answered(want, Math.min(want, res.data.length));
      return res;
    }
  }

  /**
   * The first read of a record, at offset 0 (no reservation needed): the whole record while the
   * BMC serves that, else a chunk of the current read size (header and the start of the body),
   * else, once a chunk that may run past a short record is refused, the 5-byte header alone.
   */
  private async first(recordId: number): Promise<GetSdrResponse> {
    if (this.wholeRecords) {
      try {
        return await this.get(recordId, 0, SDR_READ_ENTIRE_RECORD);
      } catch (e) {
        if (!isRefusal(e)) throw e;
        this.wholeRecords = false;
      }
    }
    while (!this.headerFirst) {
      const want = this.size.current;
      try {
        const res = await this.get(recordId, 0, want);
        if (res.data.length >= SDR_HEADER_LENGTH) {
          // A record shorter than the ask is not a short answer.
          const total = SDR_HEADER_LENGTH + decodeSdrHeader(res.data).length;
          this.size.answered(Math.min(want, total), Math.min(res.data.length, total));
        }
        return res;
      } catch (e) {
        if (!isRefusal(e)) throw e;
        // Too long for the BMC: shrink and ask again; refused otherwise, or down to a header's
        // worth: the BMC minds asks past a record's end, so headers are read alone from now on.
        if (!isTooLong(e) || want <= SDR_HEADER_LENGTH || !this.size.refused(want)) this.headerFirst = true;
      }
    }
    return this.part(recordId, 0, SDR_HEADER_LENGTH);
  }

  /** One record: its bytes and the ID of the next one. */
  async read(recordId: number): Promise<SdrRead> {
    const first = await this.first(recordId);
    if (first.data.length === 0) throw new MalformedError(`Get SDR ${hex4(recordId)}`, 'no data returned at offset 0');
    let next = first.nextRecordId;
    // The header may come in pieces from a BMC that answers fewer bytes than asked.
    const header = new Uint8Array(SDR_HEADER_LENGTH);
    let have = Math.min(SDR_HEADER_LENGTH, first.data.length);
    header.set(first.data.subarray(0, have));
    while (have < SDR_HEADER_LENGTH) {
      const part = await this.part(recordId, have, SDR_HEADER_LENGTH - have);
      const got = part.data.subarray(0, SDR_HEADER_LENGTH - have);
      header.set(got, have);
      have += got.length;
      next = part.nextRecordId;
    }
    const bytes = new Uint8Array(SDR_HEADER_LENGTH + decodeSdrHeader(header).length);
    bytes.set(header);
    const extra = first.data.subarray(SDR_HEADER_LENGTH, bytes.length);
    bytes.set(extra, SDR_HEADER_LENGTH);
    let offset = SDR_HEADER_LENGTH + extra.length;
    while (offset < bytes.length) {
      const part = await this.part(recordId, offset, bytes.length - offset);
      const got = part.data.subarray(0, bytes.length - offset);
      bytes.set(got, offset);
      offset += got.length;
      next = part.nextRecordId;
    }
    return { bytes, next };
  }
}

/**
 * Reads and decodes the whole SDR repository (sections 33.9-33.12). Records that do not
 * decode are listed in `invalid` instead of failing the read. Throws the typed errors of
 * the session (timeouts, completion codes other than those handled above), RecordLoopError
 * when the record chain loops and BoundExceededError past the sdrRecords or readRequests
 * bound (a repository that announces more records than sdrRecords is refused before any
 * record is read).
 */
export async function readSdrRepository(s: IpmiRequester, opts: ReadSdrOptions = {}): Promise<SdrRepository> {
  const bounds = resolveBounds(opts.bounds);
  const ctx = new ReadContext(s, { ...(opts.signal && { signal: opts.signal }), ...(opts.timeoutMs && { timeoutMs: opts.timeoutMs }) }, bounds, 'SDR repository');
  const info = await ctx.call(GetSdrRepositoryInfo, undefined);
  if (opts.cached && isSdrCacheValid(opts.cached, info)) return opts.cached;
  if (info.recordCount > bounds.sdrRecords) throw new BoundExceededError(`SDR repository of ${info.recordCount} records`, 'sdrRecords', bounds.sdrRecords);

  const result: SdrRepository = { info, records: [], invalid: [], raw: [] };
  if (info.recordCount === 0) return result;

  const reader = new SdrRecordReader(ctx, opts);
  const seen = new Set<number>();
  let recordId = 0x0000;
  while (recordId !== SDR_LAST_RECORD_ID) {
    if (seen.has(recordId)) throw new RecordLoopError('SDR repository', recordId);
    if (result.raw.length >= bounds.sdrRecords) throw new BoundExceededError('SDR repository', 'sdrRecords', bounds.sdrRecords);
    seen.add(recordId);
    let read: SdrRead;
    try {
      read = await reader.read(recordId);
    } catch (e) {
      // The first record missing means the repository emptied under us.
      // CBh for record 0000h: the repository is empty.
      if (recordId === 0 && ccOf(e) === CompletionCode.notPresent) break;
      throw e;
    }
    // The first record was asked for as 0000h: its own ID closes a loop back to it.
    if (recordId === 0) seen.add(decodeSdrHeader(read.bytes).recordId);
    const raw = toHex(read.bytes);
    result.raw.push(raw);
    try {
      result.records.push(decodeSdrRecord(read.bytes));
    } catch (e) {
      if (!(e instanceof IpmiError)) throw e;
      result.invalid.push({ recordId: decodeSdrHeader(read.bytes).recordId, raw, error: e.message });
    }
    recordId = read.next;
  }
  return result;
}
