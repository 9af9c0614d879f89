import { ByteWriter } from '../../codec/bytes.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';

/**
 * Chassis Identify request, IPMI v2.0 section 28.5 Table 28-6. Both bytes are optional:
 * no data means the default interval (15 s); interval 0 turns identify off; byte 2 bit 0
 * turns it on indefinitely and overrides the interval. Not every BMC accepts byte 2, so it
 * is only sent when forcing (as ipmitool does).
 */
export type ChassisIdentifyRequest =
  | { kind: 'default' }
  | { kind: 'interval'; seconds: number }
  | { kind: 'force' };

export const ChassisIdentify: Command<ChassisIdentifyRequest, void> = {
  name: 'Chassis Identify',
  netFn: NetFn.chassis,
  cmd: 0x04,
  encode(req) {
    switch (req.kind) {
      case 'default':
        return EMPTY;
      case 'interval':
        if (!Number.isInteger(req.seconds) || req.seconds < 0 || req.seconds > 255) {
          throw new InvalidArgumentError(`Chassis Identify: interval must be 0-255 seconds, got ${String(req.seconds)}`);
        }
        return new ByteWriter(1).u8(req.seconds).finish();
      case 'force':
        return new ByteWriter(2).u8(0).u8(0x01).finish();
    }
  },
  decode() {
    return undefined;
  },
};
