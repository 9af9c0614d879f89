import { ByteReader } from '../../codec/bytes.ts';
import { EMPTY, NetFn, type Command } from '../command.ts';

/** Byte 3 failure bits when byte 2 is 57h, IPMI v2.0 section 20.4 Table 20-5, bit 7 first. */
const CORRUPTED_DEVICE_BITS: ReadonlyArray<readonly [number, string]> = [
  [0x80, 'cannot access SEL device'],
  [0x40, 'cannot access SDR repository'],
  [0x20, 'cannot access BMC FRU device'],
  [0x10, 'IPMB signal lines do not respond'],
  [0x08, 'SDR repository empty'],
  [0x04, 'internal use area of BMC FRU corrupted'],
  [0x02, 'controller update boot block firmware corrupted'],
  [0x01, 'controller operational firmware corrupted'],
];

export type SelfTestStatus = 'passed' | 'not-implemented' | 'device-error' | 'fatal-hardware-error' | 'device-specific';

export interface SelfTestResults {
  status: SelfTestStatus;
  /** Byte 2 as sent. */
  code: number;
  /** Byte 3 as sent: the failure bit field for 57h, a device-specific code otherwise. */
  detail: number;
  /** For 57h: the named failures from byte 3. */
  failures: string[];
}

function statusOf(code: number): SelfTestStatus {
  switch (code) {
    case 0x55:
      return 'passed';
    case 0x56:
      return 'not-implemented';
    case 0x57:
      return 'device-error';
    case 0x58:
      return 'fatal-hardware-error';
    default:
      // FFh is reserved, everything else is device-specific (Table 20-5).
      return 'device-specific';
  }
}

/** Get Self Test Results, IPMI v2.0 section 20.4 Table 20-5. */
export const GetSelfTestResults: Command<void, SelfTestResults> = {
  name: 'Get Self Test Results',
  netFn: NetFn.app,
  cmd: 0x04,
  encode() {
    return EMPTY;
  },
  decode(data) {
    const r = new ByteReader(data, 'Get Self Test Results response');
    const code = r.u8('result code');
    const detail = r.u8('result detail');
    const status = statusOf(code);
    const failures = status === 'device-error' ? CORRUPTED_DEVICE_BITS.filter(([bit]) => (detail & bit) !== 0).map(([, name]) => name) : [];
    return { status, code, detail, failures };
  },
};
