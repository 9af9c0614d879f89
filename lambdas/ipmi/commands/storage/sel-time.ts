/**
 * Get SEL Time (IPMI v2.0 section 31.10, NetFn Storage, cmd 48h) and Set SEL Time
 * (section 31.11, cmd 49h). The time is a 4-byte timestamp, LS byte first, in the
 * format of section 37: seconds since 1970-01-01 00:00 UTC.
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';

export const GetSelTime: Command<void, number> = {
  name: 'Get SEL Time',
  netFn: NetFn.storage,
  cmd: 0x48,
  encode: () => EMPTY,
  decode(data) {
    return new ByteReader(data, 'Get SEL Time response').u32le('time');
  },
};

export const SetSelTime: Command<number, void> = {
  name: 'Set SEL Time',
  netFn: NetFn.storage,
  cmd: 0x49,
  encode(seconds) {
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 0xffffffff) {
      throw new InvalidArgumentError(`SEL time must be 0-4294967295 seconds, got ${seconds}`);
    }
    return new ByteWriter(4).u32le(seconds).finish();
  },
  decode: () => undefined,
};
