/**
 * The persisted form of a cached repository, shared by every store that writes bytes
 * somewhere (a file, a DynamoDB item). It holds the records as the BMC sent them (hex) and
 * decodes them again on load: the decoder stays the single source of truth, a decoder fix
 * applies to old entries, and nothing but validated bytes reaches it.
 */
import { fromHex } from '../codec/bytes.ts';
import type { SdrRepositoryInfo, SdrUpdateModes } from '../commands/storage/sdr-repository-info.ts';
import { IpmiError } from '../errors.ts';
import type { InvalidSdr, SdrRepository } from '../ops/sdr.ts';
import { decodeSdrHeader, decodeSdrRecord, SDR_HEADER_LENGTH } from '../sdr/decode.ts';
import type { SdrRecord } from '../sdr/types.ts';

export const SDR_CACHE_FORMAT = 'bmc-control-plane/sdr-cache';
export const SDR_CACHE_VERSION = 1;

export interface SdrCacheDocument {
  format: typeof SDR_CACHE_FORMAT;
  version: typeof SDR_CACHE_VERSION;
  key: string;
  savedAt: string;
  info: SdrRepositoryInfo;
  /** Every record as read, header included, in repository order. */
  raw: string[];
}

export function toCacheDocument(key: string, repository: SdrRepository, now: Date = new Date()): SdrCacheDocument {
  return { format: SDR_CACHE_FORMAT, version: SDR_CACHE_VERSION, key, savedAt: now.toISOString(), info: repository.info, raw: repository.raw };
}

const UPDATE_MODES: readonly SdrUpdateModes[] = ['unspecified', 'non-modal', 'modal', 'modal-and-non-modal'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isUint = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;

function parseInfo(v: unknown): SdrRepositoryInfo | undefined {
  if (!isRecord(v) || !isRecord(v.supports)) return undefined;
  const s = v.supports;
  const ok =
    typeof v.version === 'string' &&
    isUint(v.recordCount, 0xffff) &&
    isUint(v.freeBytes, 0xffff) &&
    isUint(v.lastAddTimestamp, 0xffffffff) &&
    isUint(v.lastEraseTimestamp, 0xffffffff) &&
    typeof v.overflow === 'boolean' &&
    UPDATE_MODES.includes(v.updateModes as SdrUpdateModes) &&
    typeof s.delete === 'boolean' &&
    typeof s.partialAdd === 'boolean' &&
    typeof s.reserve === 'boolean' &&
    typeof s.allocationInfo === 'boolean';
  if (!ok) return undefined;
  return {
    version: v.version as string,
    recordCount: v.recordCount as number,
    freeBytes: v.freeBytes as number,
    lastAddTimestamp: v.lastAddTimestamp as number,
    lastEraseTimestamp: v.lastEraseTimestamp as number,
    overflow: v.overflow as boolean,
    updateModes: v.updateModes as SdrUpdateModes,
    supports: { delete: s.delete as boolean, partialAdd: s.partialAdd as boolean, reserve: s.reserve as boolean, allocationInfo: s.allocationInfo as boolean },
  };
}

/** One record's bytes, when they are hex of a whole record (header length matching). */
function parseRaw(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || !/^(?:[0-9a-f]{2})+$/.test(text)) return undefined;
  const bytes = fromHex(text);
  if (bytes.length < SDR_HEADER_LENGTH || bytes.length !== SDR_HEADER_LENGTH + decodeSdrHeader(bytes).length) return undefined;
  return bytes;
}

/**
 * The repository a document holds, decoded again; undefined when the document is not one
 * this version wrote for `key` (another format, a truncated write, edited by hand). Records
 * the decoder refuses go to `invalid`, exactly as when they were first read from the BMC.
 */
export function fromCacheDocument(key: string, doc: unknown): SdrRepository | undefined {
  if (!isRecord(doc) || doc.format !== SDR_CACHE_FORMAT || doc.version !== SDR_CACHE_VERSION || doc.key !== key) return undefined;
  const info = parseInfo(doc.info);
  if (!info || !Array.isArray(doc.raw) || doc.raw.length > 0xffff) return undefined;
  const records: SdrRecord[] = [];
  const invalid: InvalidSdr[] = [];
  const raw: string[] = [];
  for (const text of doc.raw) {
    const bytes = parseRaw(text);
    if (!bytes) return undefined;
    raw.push(text as string);
    try {
      records.push(decodeSdrRecord(bytes));
    } catch (e) {
      if (!(e instanceof IpmiError)) throw e;
      invalid.push({ recordId: decodeSdrHeader(bytes).recordId, raw: text as string, error: e.message });
    }
  }
  return { info, records, invalid, raw };
}
