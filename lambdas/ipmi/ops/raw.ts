import type { IpmiRequester } from '../commands/command.ts';
import { InvalidArgumentError } from '../errors.ts';

export interface RawRequest {
  /** Request NetFn (even, 00h-3Eh; section 5.1 Table 5-1). */
  netFn: number;
  cmd: number;
  data: Uint8Array;
  lun?: number;
}

export interface RawResponse {
  completionCode: number;
  data: Uint8Array;
}

/**
 * Request data that fits every LAN session: a v1.5 packet's message length is one byte
 * (13.6), and the message adds 7 bytes of addresses, sequence and checksums (13.8).
 */
export const MAX_RAW_DATA = 255 - 7;

/**
 * Sends any request as given and returns the completion code and data without judging them:
 * the passthrough for commands the library has no codec for. The request is checked first,
 * so a malformed one never reaches the BMC.
 */
export function rawCommand(s: IpmiRequester, req: RawRequest, options: { signal?: AbortSignal } = {}): Promise<RawResponse> {
  if (!Number.isInteger(req.netFn) || req.netFn < 0 || req.netFn > 0x3e || req.netFn % 2 !== 0) {
    throw new InvalidArgumentError(`raw: NetFn must be an even request NetFn 0x00-0x3e, got ${String(req.netFn)}`);
  }
  if (!Number.isInteger(req.cmd) || req.cmd < 0 || req.cmd > 0xff) throw new InvalidArgumentError(`raw: command must be 0x00-0xff, got ${String(req.cmd)}`);
  if (req.data.length > MAX_RAW_DATA) throw new InvalidArgumentError(`raw: at most ${MAX_RAW_DATA} data bytes, got ${req.data.length}`);
  const lun = req.lun ?? 0;
  if (!Number.isInteger(lun) || lun < 0 || lun > 3) throw new InvalidArgumentError(`raw: LUN must be 0-3, got ${String(lun)}`);
  return s.raw(req.netFn, req.cmd, req.data, { lun, ...(options.signal ? { signal: options.signal } : {}) });
}
