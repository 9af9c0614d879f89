import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { InvalidArgumentError, MalformedError } from '../../errors.ts';

/** Boot option parameter selectors, IPMI v2.0 section 28.13 Table 28-14. */
export const BootParameter = {
  setInProgress: 0,
  servicePartitionSelector: 1,
  servicePartitionScan: 2,
  bootFlagValidBitClearing: 3,
  bootInfoAcknowledge: 4,
  bootFlags: 5,
  bootInitiatorInfo: 6,
  bootInitiatorMailbox: 7,
} as const;

/** Parameter 0 data byte 1 bits 1:0. */
export type SetInProgressState = 'set-complete' | 'set-in-progress' | 'commit-write';
const SET_IN_PROGRESS_CODES: Readonly<Record<SetInProgressState, number>> = {
  'set-complete': 0,
  'set-in-progress': 1,
  'commit-write': 2,
};

export function encodeSetInProgress(state: SetInProgressState): Uint8Array {
  return new ByteWriter(1).u8(SET_IN_PROGRESS_CODES[state]).finish();
}

/**
 * Parameter 4 (boot info acknowledge): byte 1 is a write mask, byte 2 the values. Writing 0
 * to a bit says that party has handled the boot info; writing 1 clears that acknowledgement
 * so BIOS/POST will act on the new flags.
 */
export const BootInfoAck = {
  biosPost: 0x01,
  osLoader: 0x02,
  osServicePartition: 0x04,
  sms: 0x08,
  oem: 0x10,
} as const;

export function encodeClearBootInfoAck(mask: number): Uint8Array {
  return new ByteWriter(2).u8(mask & 0x1f).u8(mask & 0x1f).finish();
}

/** Boot device selector, parameter 5 data byte 2 bits 5:2. */
export const BOOT_DEVICES = {
  none: 0x0,
  pxe: 0x1,
  disk: 0x2,
  safe: 0x3,
  diag: 0x4,
  cdrom: 0x5,
  bios: 0x6,
  'remote-floppy': 0x7,
  'remote-cdrom': 0x8,
  'remote-primary': 0x9,
  'remote-disk': 0xb,
  floppy: 0xf,
} as const;

export type BootDevice = keyof typeof BOOT_DEVICES;

const DEVICE_BY_CODE = new Map<number, BootDevice>(Object.entries(BOOT_DEVICES).map(([name, code]) => [code, name as BootDevice]));

export function isBootDevice(s: string): s is BootDevice {
  return Object.hasOwn(BOOT_DEVICES, s);
}

/** Parameter 5 (boot flags), IPMI v2.0 section 28.13 Table 28-14, five data bytes. */
export interface BootFlags {
  /** Byte 1 bit 7. */
  valid: boolean;
  /** Byte 1 bit 6: options apply to all future boots, not only the next one. */
  persistent: boolean;
  /** Byte 1 bit 5: EFI boot instead of PC-compatible (legacy). */
  efi: boolean;
  /** Byte 2 bits 5:2; 'reserved' for selector values the spec leaves unassigned. */
  device: BootDevice | 'reserved';
  deviceCode: number;
  /** Bytes 2-5 bits this library does not set (CMOS clear, lockouts, verbosity, ...), kept as sent. */
  raw: Uint8Array;
}

export interface BootFlagsRequest {
  device: BootDevice;
  persistent?: boolean | undefined;
  efi?: boolean | undefined;
}

export function encodeBootFlags(req: BootFlagsRequest): Uint8Array {
  if (!isBootDevice(req.device)) {
    throw new InvalidArgumentError(`boot device must be one of ${Object.keys(BOOT_DEVICES).join(', ')}, got ${String(req.device)}`);
  }
  const byte1 = 0x80 | (req.persistent ? 0x40 : 0) | (req.efi ? 0x20 : 0);
  // Bytes 3-5 zero: BIOS defaults for verbosity, console redirection, mux and instance.
  return new ByteWriter(5).u8(byte1).u8(BOOT_DEVICES[req.device] << 2).zeros(3).finish();
}

export function decodeBootFlags(data: Uint8Array): BootFlags {
  const r = new ByteReader(data, 'boot flags parameter');
  r.need(5, 'boot flags (5 data bytes of parameter 5)');
  const b1 = r.u8('data 1');
  const b2 = r.u8('data 2');
  const deviceCode = (b2 >> 2) & 0x0f;
  return {
    valid: (b1 & 0x80) !== 0,
    persistent: (b1 & 0x40) !== 0,
    efi: (b1 & 0x20) !== 0,
    device: DEVICE_BY_CODE.get(deviceCode) ?? 'reserved',
    deviceCode,
    raw: data.slice(0, 5),
  };
}

export function decodeSetInProgress(data: Uint8Array): SetInProgressState | 'reserved' {
  const r = new ByteReader(data, 'set in progress parameter');
  const v = r.u8('data 1') & 0x03;
  const found = (Object.entries(SET_IN_PROGRESS_CODES) as [SetInProgressState, number][]).find(([, c]) => c === v);
  return found ? found[0] : 'reserved';
}

/** Guards the one boot-option field set that is not a plain byte: a selector must fit 7 bits. */
export function checkParameterSelector(parameter: number): void {
  if (!Number.isInteger(parameter) || parameter < 0 || parameter > 0x7f) {
    throw new InvalidArgumentError(`boot option parameter selector must be 0-127, got ${String(parameter)}`);
  }
}

export function assertParameter(what: string, expected: number, actual: number): void {
  if (expected !== actual) {
    throw new MalformedError(what, `answered for parameter ${actual}, asked for ${expected}`);
  }
}
