import { ByteWriter } from '../../codec/bytes.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { NetFn, type Command } from '../command.ts';

/** Chassis Control request byte 1 bits 3:0, IPMI v2.0 section 28.3 Table 28-4. */
export const ChassisControlAction = {
  powerDown: 0x00,
  powerUp: 0x01,
  powerCycle: 0x02,
  hardReset: 0x03,
  diagnosticInterrupt: 0x04,
  /** "Initiate a soft-shutdown of OS via ACPI by emulating a fatal overtemperature." */
  softShutdown: 0x05,
} as const;

export type ChassisControlAction = (typeof ChassisControlAction)[keyof typeof ChassisControlAction];

export const ChassisControl: Command<ChassisControlAction, void> = {
  name: 'Chassis Control',
  netFn: NetFn.chassis,
  cmd: 0x02,
  encode(action) {
    if (!Number.isInteger(action) || action < 0 || action > 5) {
      throw new InvalidArgumentError(`Chassis Control: action must be 0-5, got ${String(action)}`);
    }
    return new ByteWriter(1).u8(action).finish();
  },
  decode() {
    return undefined;
  },
};
