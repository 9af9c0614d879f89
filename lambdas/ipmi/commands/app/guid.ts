import { ByteReader } from '../../codec/bytes.ts';
import { MalformedError } from '../../errors.ts';

/**
 * GUID byte orders seen from BMCs. IPMI v2.0 section 20.8 (Table 20-10) sends every field
 * least significant byte first, node included; many BMCs instead send the SMBIOS layout
 * (time fields little-endian, clock sequence and node in network order) or plain RFC 4122.
 */
export type GuidEncoding = 'ipmi' | 'smbios' | 'rfc4122';

export interface ParsedGuid {
  /** Canonical 8-4-4-4-12 lower-case text, or 32 upper-case hex digits when no encoding fits. */
  text: string;
  encoding: GuidEncoding | 'dump';
  /** RFC 4122 version nibble (1-5), or null when not valid in the chosen encoding. */
  version: number | null;
  /** For time-based (version 1) GUIDs: the embedded timestamp. */
  timestamp: Date | null;
}

interface GuidFields {
  timeLow: number;
  timeMid: number;
  timeHiVersion: number;
  clockSeq: number;
  node: Uint8Array;
}

const GUID_LENGTH = 16;
/** 100 ns intervals between 1582-10-15 (the RFC 4122 epoch) and 1970-01-01. */
const GREGORIAN_TO_UNIX_SECONDS = 12_219_292_800;

function fieldsOf(raw: Uint8Array, encoding: GuidEncoding): GuidFields {
  const r = new ByteReader(raw, 'GUID');
  if (encoding === 'ipmi') {
    // Table 20-10: node (6, LS byte first), clock seq (2), time high (2), time mid (2), time low (4).
    const node = r.bytes(6, 'node').slice().reverse();
    const clockSeq = r.u16le('clock sequence');
    const timeHiVersion = r.u16le('time high and version');
    const timeMid = r.u16le('time mid');
    const timeLow = r.u32le('time low');
    return { timeLow, timeMid, timeHiVersion, clockSeq, node };
  }
  const little = encoding === 'smbios';
  const timeLow = little ? r.u32le('time low') : r.u32be('time low');
  const timeMid = little ? r.u16le('time mid') : r.u16be('time mid');
  const timeHiVersion = little ? r.u16le('time high and version') : r.u16be('time high and version');
  const clockSeq = r.u16be('clock sequence');
  const node = r.bytes(6, 'node').slice();
  return { timeLow, timeMid, timeHiVersion, clockSeq, node };
}

function versionOf(f: GuidFields): number | null {
  const v = (f.timeHiVersion >> 12) & 0x0f;
  return v >= 1 && v <= 5 ? v : null;
}

function timestampOf(f: GuidFields): Date {
  const ticks = (BigInt(f.timeHiVersion & 0x0fff) << 48n) | (BigInt(f.timeMid) << 32n) | BigInt(f.timeLow);
  const seconds = Number(ticks / 10_000_000n) - GREGORIAN_TO_UNIX_SECONDS;
  return new Date(seconds * 1000);
}

/** A version-1 timestamp is plausible between the Unix epoch and the end of this year. */
function plausible(t: Date, now: Date): boolean {
  const year = t.getUTCFullYear();
  return year >= 1970 && year <= now.getUTCFullYear();
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

function textOf(f: GuidFields): string {
  const node = Array.from(f.node, (b) => hex(b, 2)).join('');
  return `${hex(f.timeLow, 8)}-${hex(f.timeMid, 4)}-${hex(f.timeHiVersion, 4)}-${hex(f.clockSeq, 4)}-${node}`;
}

/**
 * Decodes a 16-byte GUID as ipmitool 1.8.19 `mc guid` does by default: each encoding whose
 * version nibble is valid is a candidate, a version-1 candidate with a plausible timestamp
 * wins at once, otherwise the last valid candidate in the order RFC 4122, IPMI, SMBIOS
 * (so SMBIOS, the most common violation, takes precedence); none valid means a hex dump.
 */
export function parseGuid(raw: Uint8Array, encoding: GuidEncoding | 'auto' = 'auto', now = new Date()): ParsedGuid {
  if (raw.length !== GUID_LENGTH) {
    throw new MalformedError('GUID', `expected ${GUID_LENGTH} bytes, got ${raw.length}`);
  }
  let chosen: GuidEncoding | null = encoding === 'auto' ? null : encoding;
  if (encoding === 'auto') {
    for (const candidate of ['rfc4122', 'ipmi', 'smbios'] as const) {
      const f = fieldsOf(raw, candidate);
      const v = versionOf(f);
      if (v === null) continue;
      chosen = candidate;
      if (v === 1 && plausible(timestampOf(f), now)) break;
    }
  }
  if (chosen === null) {
    return { text: Array.from(raw, (b) => hex(b, 2).toUpperCase()).join(''), encoding: 'dump', version: null, timestamp: null };
  }
  const f = fieldsOf(raw, chosen);
  const version = versionOf(f);
  return { text: textOf(f), encoding: chosen, version, timestamp: version === 1 ? timestampOf(f) : null };
}
