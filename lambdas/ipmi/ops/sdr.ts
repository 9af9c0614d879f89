import { toHex } from '../codec/bytes.ts';
import type { CallOptions, IpmiRequester } from '../commands/command.ts';
import { GetSdr, SDR_LAST_RECORD_ID, type GetSdrResponse } from '../commands/storage/sdr-get.ts';
import { GetSdrRepositoryInfo, type SdrRepositoryInfo } from '../commands/storage/sdr-repository-info.ts';
import { ReserveSdrRepository } from '../commands/storage/sdr-reserve.ts';
import { CompletionCodeError, IpmiError, MalformedError } from '../errors.ts';
import { decodeSdrHeader, decodeSdrRecord, SDR_HEADER_LENGTH } from '../sdr/decode.ts';
import type { SdrRecord } from '../sdr/types.ts';
import { TIMESTAMP_UNSPECIFIED } from '../sel/timestamp.ts';

/** Completion codes of section 5.2 Table 5-2 that mean "ask for fewer bytes". */
const CC_CANNOT_RETURN_BYTES = 0xca;
const CC_REQUEST_LENGTH_INVALID = 0xc7;
const CC_UNSPECIFIED = 0xff;
const SHRINK_CODES = new Set([CC_CANNOT_RETURN_BYTES, CC_REQUEST_LENGTH_INVALID, CC_UNSPECIFIED]);
/** C5h: reservation cancelled or invalid; C1h: the command (Reserve) is not supported. */
const CC_RESERVATION_CANCELLED = 0xc5;
const CC_INVALID_COMMAND = 0xc1;
/** CBh: requested record not present (an empty repository answers record 0000h with it). */
const CC_NOT_PRESENT = 0xcb;

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
  /** Largest Get SDR read to try first, in bytes (default: the rest of the record). */
  maxReadBytes?: number;
  /** How often one record may lose its reservation (C5h) before giving up. Default 5. */
  maxReservationRetries?: number;
  signal?: AbortSignal;
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

/**
 * Reads records with partial Get SDR reads (section 33.12) as ipmitool does: the 5-byte
 * header first, then the body in chunks that halve whenever the BMC cannot return that
 * many bytes; a cancelled reservation (C5h, e.g. the repository changed) takes a new
 * reservation and restarts the record.
 */
class SdrRecordReader {
  private reservationId = 0;
  private chunk: number;

  constructor(
    private readonly s: IpmiRequester,
    private readonly opts: ReadSdrOptions,
  ) {
    this.chunk = opts.maxReadBytes ?? 0xff;
  }

  private get callOptions(): CallOptions {
    return this.opts.signal ? { signal: this.opts.signal } : {};
  }

  async reserve(): Promise<void> {
    try {
      this.reservationId = await this.s.call(ReserveSdrRepository, undefined, this.callOptions);
    } catch (e) {
      // Reservations are optional (section 33.11); without one, reads use reservation 0000h.
      if (ccOf(e) !== CC_INVALID_COMMAND) throw e;
      this.reservationId = 0;
    }
  }

  private get(recordId: number, offset: number, bytesToRead: number): Promise<GetSdrResponse> {
    return this.s.call(GetSdr, { reservationId: this.reservationId, recordId, offset, bytesToRead }, this.callOptions);
  }

  /** One record: its bytes and the ID of the next one. */
  async read(recordId: number): Promise<{ bytes: Uint8Array; next: number }> {
    const retries = this.opts.maxReservationRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.readOnce(recordId);
      } catch (e) {
        if (ccOf(e) !== CC_RESERVATION_CANCELLED || attempt >= retries) throw e;
        await this.reserve();
      }
    }
  }

  private async readOnce(recordId: number): Promise<{ bytes: Uint8Array; next: number }> {
    const head = await this.get(recordId, 0, SDR_HEADER_LENGTH);
    if (head.data.length < SDR_HEADER_LENGTH) {
      throw new MalformedError(`Get SDR ${hex4(recordId)}`, `header read returned ${head.data.length} of ${SDR_HEADER_LENGTH} bytes`);
    }
    const header = decodeSdrHeader(head.data);
    const bytes = new Uint8Array(SDR_HEADER_LENGTH + header.length);
    bytes.set(head.data.subarray(0, SDR_HEADER_LENGTH));
    let next = head.nextRecordId;
    let offset = SDR_HEADER_LENGTH;
    while (offset < bytes.length) {
      const want = Math.min(this.chunk, bytes.length - offset);
      let part: GetSdrResponse;
      try {
        part = await this.get(recordId, offset, want);
      } catch (e) {
        const cc = ccOf(e);
        if (cc === undefined || !SHRINK_CODES.has(cc) || want <= 1) throw e;
        // Remembered for the rest of the repository, as a BMC's limit does not change.
        this.chunk = Math.max(1, want >> 1);
        continue;
      }
      if (part.data.length === 0) {
        throw new MalformedError(`Get SDR ${hex4(recordId)}`, `no data returned at offset ${offset}`);
      }
      const got = part.data.subarray(0, Math.min(want, part.data.length));
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
 * the session (timeouts, completion codes other than those handled above) and
 * MalformedError when the record chain loops.
 */
export async function readSdrRepository(s: IpmiRequester, opts: ReadSdrOptions = {}): Promise<SdrRepository> {
  const callOptions: CallOptions = opts.signal ? { signal: opts.signal } : {};
  const info = await s.call(GetSdrRepositoryInfo, undefined, callOptions);
  if (opts.cached && isSdrCacheValid(opts.cached, info)) return opts.cached;

  const result: SdrRepository = { info, records: [], invalid: [], raw: [] };
  if (info.recordCount === 0) return result;

  const reader = new SdrRecordReader(s, opts);
  await reader.reserve();
  const seen = new Set<number>();
  let recordId = 0x0000;
  while (recordId !== SDR_LAST_RECORD_ID) {
    if (seen.has(recordId)) {
      throw new MalformedError('SDR repository', `record chain loops back to record ${hex4(recordId)}`);
    }
    seen.add(recordId);
    let read: { bytes: Uint8Array; next: number };
    try {
      read = await reader.read(recordId);
    } catch (e) {
      // The first record missing means the repository emptied under us.
      if (recordId === 0 && ccOf(e) === CC_NOT_PRESENT) break;
      throw e;
    }
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
