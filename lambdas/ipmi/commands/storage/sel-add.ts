/**
 * Add SEL Entry, IPMI v2.0 section 31.6 (NetFn Storage, cmd 44h). Request: the 16-byte record
 * (Table 32-1; its record ID is ignored and assigned by the BMC). Response: the record ID.
 */
import { ByteReader } from '../../codec/bytes.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { NetFn, type Command } from '../command.ts';

export const SEL_RECORD_BYTES = 16;

export const AddSelEntry: Command<Uint8Array, number> & { decodeRequest(data: Uint8Array): Uint8Array } = {
  name: 'Add SEL Entry',
  netFn: NetFn.storage,
  cmd: 0x44,
  completionCodes: { 0x80: 'operation not supported for this record type', 0x81: 'cannot execute command, SEL erase in progress' },
  encode(record) {
    if (record.length !== SEL_RECORD_BYTES) throw new InvalidArgumentError(`SEL record must be ${SEL_RECORD_BYTES} bytes, got ${record.length}`);
    return record.slice();
  },
  decode: (data) => new ByteReader(data, 'Add SEL Entry response').u16le('record ID'),
  decodeRequest: (data) => new ByteReader(data, 'Add SEL Entry request').bytes(SEL_RECORD_BYTES, 'SEL record').slice(),
};
