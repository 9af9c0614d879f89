import type { ByteReader } from '../../codec/bytes.ts';

/**
 * The layout Get SEL Info (31.2) and Get SDR Repository Info (33.9) share: version (BCD, LS
 * digit in the high nibble), a count, free bytes, addition and erase timestamps, and an
 * operation support byte whose bits 7 and 3:0 mean the same in both.
 */
export interface RepositoryInfoFields {
  readonly version: string;
  readonly count: number;
  readonly freeBytes: number;
  readonly lastAddTimestamp: number;
  readonly lastEraseTimestamp: number;
  readonly overflow: boolean;
  /** The whole operation support byte, for fields specific to one repository. */
  readonly operationSupport: number;
  readonly supports: {
    readonly delete: boolean;
    readonly partialAdd: boolean;
    readonly reserve: boolean;
    readonly allocationInfo: boolean;
  };
}

export function readRepositoryInfo(r: ByteReader, countName: string): RepositoryInfoFields {
  const version = r.u8('version');
  const count = r.u16le(countName);
  const freeBytes = r.u16le('free space');
  const lastAddTimestamp = r.u32le('most recent addition timestamp');
  const lastEraseTimestamp = r.u32le('most recent erase timestamp');
  const ops = r.u8('operation support');
  return {
    version: `${version & 0x0f}.${version >> 4}`,
    count,
    freeBytes,
    lastAddTimestamp,
    lastEraseTimestamp,
    overflow: (ops & 0x80) !== 0,
    operationSupport: ops,
    supports: {
      delete: (ops & 0x08) !== 0,
      partialAdd: (ops & 0x04) !== 0,
      reserve: (ops & 0x02) !== 0,
      allocationInfo: (ops & 0x01) !== 0,
    },
  };
}
