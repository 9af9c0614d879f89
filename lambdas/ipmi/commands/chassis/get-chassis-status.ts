import { ByteReader } from '../../codec/bytes.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';

/** Byte 2 bits 6:5, IPMI v2.0 section 28.2 Table 28-3. */
export type PowerRestorePolicy = 'always-off' | 'previous' | 'always-on' | 'unknown';
const RESTORE_POLICIES: readonly PowerRestorePolicy[] = ['always-off', 'previous', 'always-on', 'unknown'];

/** Byte 4 bits 5:4. */
export type ChassisIdentifyState = 'off' | 'temporary' | 'indefinite' | 'reserved';
const IDENTIFY_STATES: readonly ChassisIdentifyState[] = ['off', 'temporary', 'indefinite', 'reserved'];

export interface FrontPanelButtons {
  sleepDisableAllowed: boolean;
  diagDisableAllowed: boolean;
  resetDisableAllowed: boolean;
  powerDisableAllowed: boolean;
  sleepDisabled: boolean;
  diagDisabled: boolean;
  resetDisabled: boolean;
  powerDisabled: boolean;
}

/** Get Chassis Status response, IPMI v2.0 section 28.2 Table 28-3. */
export interface ChassisStatus {
  /** Byte 2 (current power state). */
  powerOn: boolean;
  powerOverload: boolean;
  interlock: boolean;
  powerFault: boolean;
  powerControlFault: boolean;
  restorePolicy: PowerRestorePolicy;
  /** Byte 3 (last power event). */
  lastPowerEvent: {
    acFailed: boolean;
    overload: boolean;
    interlock: boolean;
    fault: boolean;
    /** Last power-on was by an IPMI command. */
    command: boolean;
  };
  /** Byte 4 (misc chassis state). */
  intrusion: boolean;
  frontPanelLockout: boolean;
  driveFault: boolean;
  coolingFault: boolean;
  /** Null unless byte 4 bit 6 says identify state is reported. */
  identifyState: ChassisIdentifyState | null;
  /** Optional byte 5; null when the BMC omits it. */
  frontPanel: FrontPanelButtons | null;
  frontPanelRaw: number | null;
}

const bit = (v: number, mask: number) => (v & mask) !== 0;

export const GetChassisStatus: Command<void, ChassisStatus> = {
  name: 'Get Chassis Status',
  netFn: NetFn.chassis,
  cmd: 0x01,
  encode() {
    return EMPTY;
  },
  decode(data) {
    const r = new ByteReader(data, 'Get Chassis Status response');
    r.need(3, 'mandatory fields (bytes 2-4 of Table 28-3)');
    const power = r.u8('current power state');
    const last = r.u8('last power event');
    const misc = r.u8('misc chassis state');
    const panel = r.remaining > 0 ? r.u8('front panel button capabilities') : null;
    return {
      powerOn: bit(power, 0x01),
      powerOverload: bit(power, 0x02),
      interlock: bit(power, 0x04),
      powerFault: bit(power, 0x08),
      powerControlFault: bit(power, 0x10),
      restorePolicy: RESTORE_POLICIES[(power >> 5) & 0x03]!,
      lastPowerEvent: {
        acFailed: bit(last, 0x01),
        overload: bit(last, 0x02),
        interlock: bit(last, 0x04),
        fault: bit(last, 0x08),
        command: bit(last, 0x10),
      },
      intrusion: bit(misc, 0x01),
      frontPanelLockout: bit(misc, 0x02),
      driveFault: bit(misc, 0x04),
      coolingFault: bit(misc, 0x08),
      identifyState: bit(misc, 0x40) ? IDENTIFY_STATES[(misc >> 4) & 0x03]! : null,
      frontPanel:
        panel === null
          ? null
          : {
              sleepDisableAllowed: bit(panel, 0x80),
              diagDisableAllowed: bit(panel, 0x40),
              resetDisableAllowed: bit(panel, 0x20),
              powerDisableAllowed: bit(panel, 0x10),
              sleepDisabled: bit(panel, 0x08),
              diagDisabled: bit(panel, 0x04),
              resetDisabled: bit(panel, 0x02),
              powerDisabled: bit(panel, 0x01),
            },
      frontPanelRaw: panel,
    };
  },
};
