import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { NetFn, type Command } from '../command.ts';
import { checkParameterSelector } from './boot-options.ts';

/** Get System Boot Options request, IPMI v2.0 section 28.13 Table 28-14. */
export interface GetSystemBootOptionsRequest {
  parameter: number;
  setSelector?: number;
  blockSelector?: number;
}

export interface SystemBootOption {
  /** Byte 2 bits 3:0 (1 for this version of the spec). */
  version: number;
  parameter: number;
  /** Byte 3 bit 7: the parameter is marked invalid/locked. */
  invalid: boolean;
  /** Configuration parameter data (byte 4 onwards). */
  data: Uint8Array;
}

function checkByte(name: string, v: number | undefined): number {
  const n = v ?? 0;
  if (!Number.isInteger(n) || n < 0 || n > 0xff) throw new InvalidArgumentError(`Get System Boot Options: ${name} must be 0-255, got ${String(v)}`);
  return n;
}

export const GetSystemBootOptions: Command<GetSystemBootOptionsRequest, SystemBootOption> = {
  name: 'Get System Boot Options',
  netFn: NetFn.chassis,
  cmd: 0x09,
  completionCodes: { 0x80: 'Parameter not supported' },
  encode(req) {
    checkParameterSelector(req.parameter);
    return new ByteWriter(3)
      .u8(req.parameter)
      .u8(checkByte('set selector', req.setSelector))
      .u8(checkByte('block selector', req.blockSelector))
      .finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Get System Boot Options response');
    const version = r.u8('parameter version') & 0x0f;
    const sel = r.u8('parameter valid / selector');
    return { version, parameter: sel & 0x7f, invalid: (sel & 0x80) !== 0, data: r.rest().slice() };
  },
};
