/** Bounds on what a BMC may make the repository and inventory reads (SDR, SEL, FRU) do. */
import { InvalidArgumentError } from '../errors.ts';

/**
 * Count and size bounds of one read. The defaults fit real hardware with room to spare
 * (README.md, "Bounds against a hostile BMC"); a BMC that goes past one gets a
 * BoundExceededError naming it, not unbounded work.
 */
export interface ReadBounds {
  /** SDR records in one repository read (default 4,096). */
  sdrRecords?: number;
  /** SEL entries walked in one list (default 8,192). */
  selEntries?: number;
  /** FRU inventory bytes read from one device (default 16 KiB). */
  fruBytes?: number;
  /** Requests one read operation sends, retries included (default 32,768). */
  readRequests?: number;
}

export const DEFAULT_READ_BOUNDS: Readonly<Required<ReadBounds>> = {
  sdrRecords: 4096,
  selEntries: 8192,
  fruBytes: 16 * 1024,
  readRequests: 32_768,
};

export function resolveBounds(bounds: ReadBounds | undefined): Required<ReadBounds> {
  const out = { ...DEFAULT_READ_BOUNDS, ...bounds };
  for (const [name, value] of Object.entries(out)) {
    if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`read bound ${name} must be a positive integer, got ${value}`);
  }
  return out;
}
