/**
 * `readFru(s, {id})`: read one FRU device's inventory over IPMI and decode it.
 *
 * Reads only what the decoder needs (common header, each info area by its own length,
 * the multirecord list record by record) instead of the whole inventory size, which is
 * often 2-64 KiB of mostly unused space. Each area is first read a whole chunk at a
 * time, which usually holds all of it, so a small FRU costs a handful of round trips. Reads
 * start at 32 bytes, double while the BMC answers them in full, and shrink when it answers
 * C7h/C8h/CAh (request/response too long) or cuts an answer short, as BMCs with small
 * message buffers do; FRU device busy (81h, section 34.2) is retried.
 */
import { BoundExceededError, CompletionCodeError, MalformedError } from '../errors.ts';
import type { CallOptions, IpmiRequester } from '../commands/command.ts';
import { GetFruInventoryAreaInfo, type FruInventoryAreaInfo } from '../commands/storage/fru-inventory-area-info.ts';
import { ReadFruData } from '../commands/storage/fru-read-data.ts';
import { COMMON_HEADER_LENGTH, decodeCommonHeader } from '../fru/common-header.ts';
import { decodeFruInventory, type FruInventory } from '../fru/inventory.ts';
import { decodeMultiRecordHeader, MULTIRECORD_HEADER_LENGTH } from '../fru/multirecord.ts';
import { resolveBounds, type ReadBounds } from './read-bounds.ts';
import { ReadContext, sleep } from './read-context.ts';
import { ReadSize, TOO_LONG_CODES } from './read-size.ts';

export interface ReadFruOptions extends Pick<CallOptions, 'signal' | 'timeoutMs'> {
  /** FRU device ID (default 0, the BMC's own FRU). */
  id?: number;
  /** First read size in bytes, 1-255 (default 32); reads grow from it while the BMC answers in full. */
  chunkSize?: number;
  /** Size bounds (fruBytes, readRequests); defaults in read-bounds.ts. */
  bounds?: ReadBounds;
}

export interface FruReadResult extends FruInventory {
  readonly deviceId: number;
  readonly sizeBytes: number;
  readonly accessByWords: boolean;
}

const BUSY = 0x81;
const BUSY_RETRIES = 5;
const BUSY_DELAY_MS = 30;
/** Count is one byte (section 34.2); word-accessed devices get whole words. */
const MAX_READ_BYTES = 255;

/**
 * Chunked reader over one FRU device; fills `image` at the offsets it reads and
 * remembers which bytes it holds, so overlapping reads cost no second round trip.
 */
class FruDeviceReader {
  private readonly size: ReadSize;
  private readonly unit: number;
  readonly image: Uint8Array;
  private readonly loaded: Uint8Array;
  private bytesRead = 0;

  constructor(
    private readonly ctx: ReadContext,
    private readonly deviceId: number,
    private readonly info: FruInventoryAreaInfo,
    chunkSize: number,
  ) {
    this.unit = info.accessByWords ? 2 : 1;
    this.size = new ReadSize(chunkSize, MAX_READ_BYTES - (MAX_READ_BYTES % this.unit), this.unit);
    this.image = new Uint8Array(info.sizeBytes);
    this.loaded = new Uint8Array(info.sizeBytes);
  }

  /**
   * Reads one chunk from `offset`: the start of an area or record, whose length is not known
   * yet. Skipped when its first `known` bytes (those that give the length) are already held,
   * as then the exact length can be read instead.
   */
  async prefetch(offset: number, known: number): Promise<void> {
    if (this.loaded.subarray(offset, offset + known).every((b) => b === 1) && offset + known <= this.loaded.length) return;
    await this.read(offset, this.size.current);
  }

  /**
   * Reads [offset, offset+length) clamped to the inventory size, skipping bytes already held.
   * Every read is a whole chunk where the inventory allows (up to the next byte held), so
   * what follows (the next area or record header) usually comes in the same exchange.
   */
  async read(offset: number, length: number): Promise<void> {
    const unit = this.unit;
    let end = Math.min(offset + length, this.info.sizeBytes);
    let at = Math.max(0, offset);
    while (at < end && this.loaded[at]) at++;
    while (end > at && this.loaded[end - 1]) end--;
    at -= at % unit;
    while (at < end) {
      const held = this.loaded.indexOf(1, at);
      const want = this.size.next((held === -1 ? this.info.sizeBytes : held) - at);
      const count = Math.max(1, Math.floor(want / unit));
      if (this.bytesRead + count * unit > this.ctx.bounds.fruBytes) {
        throw new BoundExceededError(`FRU device ${this.deviceId}`, 'fruBytes', this.ctx.bounds.fruBytes);
      }
      const res = await this.readChunk(at / unit, count);
      if (res === 'shrink') continue;
      const got = res.length;
      if (got === 0) {
        // Some BMCs report a larger area than they hold; what is left stays zero and
        // the decoder reports the damage.
        return;
      }
      if (got > count * unit) {
        throw new MalformedError('Read FRU Data response', `asked for ${count * unit} bytes, got ${got}`);
      }
      this.bytesRead += got;
      this.size.answered(count * unit, got);
      const kept = Math.min(got, this.image.length - at);
      this.image.set(res.subarray(0, kept), at);
      this.loaded.fill(1, at, at + kept);
      at += got;
    }
  }

  private async readChunk(offset: number, count: number): Promise<Uint8Array | 'shrink'> {
    for (let busy = 0; ; busy++) {
      try {
        const res = await this.ctx.call(ReadFruData, { deviceId: this.deviceId, offset, count });
        return res.data;
      } catch (err) {
        if (!(err instanceof CompletionCodeError)) throw err;
        if (err.code === BUSY && busy < BUSY_RETRIES) {
          await sleep(BUSY_DELAY_MS, 'Read FRU Data', this.ctx.options.signal);
          continue;
        }
        if (TOO_LONG_CODES.has(err.code) && this.size.refused(count * this.unit)) return 'shrink';
        throw err;
      }
    }
  }
}

/**
 * Reads and decodes one FRU device. A lost exchange is re-sent and the read goes on from the
 * byte it had reached; reading more than the fruBytes bound (or sending more than
 * readRequests) is a BoundExceededError.
 */
export async function readFru(s: IpmiRequester, opts: ReadFruOptions = {}): Promise<FruReadResult> {
  const deviceId = opts.id ?? 0;
  const options: CallOptions = { ...(opts.signal && { signal: opts.signal }), ...(opts.timeoutMs && { timeoutMs: opts.timeoutMs }) };
  const ctx = new ReadContext(s, options, resolveBounds(opts.bounds), `FRU device ${deviceId}`);
  const info = await ctx.call(GetFruInventoryAreaInfo, deviceId);
  if (info.sizeBytes < COMMON_HEADER_LENGTH) {
    throw new MalformedError(`FRU device ${deviceId}`, `inventory area is ${info.sizeBytes} bytes, too small for a common header`);
  }
  const chunkSize = Math.min(255, Math.max(1, Math.floor(opts.chunkSize ?? 32)));
  const reader = new FruDeviceReader(ctx, deviceId, info, chunkSize);
  await reader.prefetch(0, COMMON_HEADER_LENGTH);
  await reader.read(0, COMMON_HEADER_LENGTH);
  const header = decodeCommonHeader(reader.image);

  for (const offset of [header.chassisOffset, header.boardOffset, header.productOffset]) {
    if (offset === null || offset + 2 > info.sizeBytes) continue;
    await reader.prefetch(offset, 2);
    await reader.read(offset, reader.image[offset + 1]! * 8);
  }
  if (header.multiRecordOffset !== null) await readMultiRecords(reader, header.multiRecordOffset, info.sizeBytes);

  return { deviceId, sizeBytes: info.sizeBytes, accessByWords: info.accessByWords, ...decodeFruInventory(reader.image) };
}

/** Fetches records header by header, stopping where the decoder will stop. */
async function readMultiRecords(reader: FruDeviceReader, start: number, size: number): Promise<void> {
  let at = start;
  while (at + MULTIRECORD_HEADER_LENGTH <= size) {
    await reader.prefetch(at, MULTIRECORD_HEADER_LENGTH);
    await reader.read(at, MULTIRECORD_HEADER_LENGTH);
    const header = decodeMultiRecordHeader(reader.image, at);
    if (!header.headerChecksumOk) return;
    await reader.read(at + MULTIRECORD_HEADER_LENGTH, header.length);
    if (header.endOfList) return;
    at += MULTIRECORD_HEADER_LENGTH + header.length;
  }
}

/** The `bmc fru --json` shape of docs/cli.md, plus multirecords, checksums and problems. */
export interface FruJson {
  chassis: { type: string; partNumber: string; serial: string; extra: string[] } | null;
  board: {
    mfgDate: string | null;
    manufacturer: string;
    product: string;
    serial: string;
    partNumber: string;
    fileId: string;
    extra: string[];
  } | null;
  product: {
    manufacturer: string;
    name: string;
    partNumber: string;
    version: string;
    serial: string;
    assetTag: string;
    fileId: string;
    extra: string[];
  } | null;
  multiRecords: FruInventory['multiRecords'];
  checksums: FruInventory['checksums'];
  problems: FruInventory['problems'];
}

/** Picks the contract fields (no type codes, language codes or per-area flags) for the CLI and the API. */
export function fruToJson(inv: FruInventory): FruJson {
  const { chassis: c, board: b, product: p } = inv;
  return {
    chassis: c && { type: c.type, partNumber: c.partNumber, serial: c.serial, extra: [...c.extra] },
    board: b && {
      mfgDate: b.mfgDate,
      manufacturer: b.manufacturer,
      product: b.product,
      serial: b.serial,
      partNumber: b.partNumber,
      fileId: b.fileId,
      extra: [...b.extra],
    },
    product: p && {
      manufacturer: p.manufacturer,
      name: p.name,
      partNumber: p.partNumber,
      version: p.version,
      serial: p.serial,
      assetTag: p.assetTag,
      fileId: p.fileId,
      extra: [...p.extra],
    },
    multiRecords: inv.multiRecords,
    checksums: inv.checksums,
    problems: inv.problems,
  };
}
