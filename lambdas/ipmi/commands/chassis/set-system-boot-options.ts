import { ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';
import { checkParameterSelector } from './boot-options.ts';

/** Set System Boot Options request, IPMI v2.0 section 28.12 Table 28-13. */
export interface SetSystemBootOptionsRequest {
  /** Parameter selector (Table 28-14), 0-127. */
  parameter: number;
  /** Byte 1 bit 7: mark the parameter invalid/locked. Default false (valid/unlocked). */
  markInvalid?: boolean;
  data: Uint8Array;
}

export const SetSystemBootOptions: Command<SetSystemBootOptionsRequest, void> = {
  name: 'Set System Boot Options',
  netFn: NetFn.chassis,
  cmd: 0x08,
  completionCodes: {
    0x80: 'Parameter not supported',
    0x81: "Attempt to set 'set in progress' value when not in 'set complete' state",
    0x82: 'Attempt to write read-only parameter',
  },
  encode(req) {
    checkParameterSelector(req.parameter);
    return new ByteWriter(1 + req.data.length)
      .u8((req.markInvalid ? 0x80 : 0) | req.parameter)
      .bytes(req.data)
      .finish();
  },
  decode() {
    return undefined;
  },
};
