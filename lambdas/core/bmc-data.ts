/**
 * What the control plane reads from and asks of a BMC, independent of the protocol.
 * Shapes follow the `bmc` CLI JSON contract (docs/cli.md) so the API, the CLI and
 * the library agree on one vocabulary.
 */

export type PowerState = 'on' | 'off' | 'unknown';

/** Chassis Control sub-functions, IPMI v2.0 section 28.3 Table 28-4. */
export const POWER_ACTIONS = ['on', 'off', 'cycle', 'reset', 'soft', 'diag'] as const;
export type PowerAction = (typeof POWER_ACTIONS)[number];

/**
 * A power action is not done when the BMC accepts it (docs/architecture.md section 4): the gateway
 * re-reads the state with backoff; `confirmed` is false when it never matched in time.
 */
export interface PowerActionResult {
  readonly action: PowerAction;
  readonly power: PowerState;
  readonly confirmed: boolean;
}

/** Get Chassis Status, IPMI v2.0 section 28.2 Table 28-3, decoded. */
export interface ChassisStatus {
  readonly power: 'on' | 'off';
  readonly powerOverload: boolean;
  readonly powerInterlock: boolean;
  readonly powerFault: boolean;
  readonly powerControlFault: boolean;
  readonly restorePolicy: 'always-off' | 'previous' | 'always-on' | 'unknown';
  readonly lastPowerEvent: readonly string[];
  readonly intrusion: boolean;
  readonly frontPanelLockout: boolean;
  readonly driveFault: boolean;
  readonly coolingFault: boolean;
  readonly identify: 'off' | 'temporary' | 'indefinite' | 'unsupported';
}

/** Get Device ID (section 20.1) and Get Device GUID (section 20.8). */
export interface DeviceInfo {
  readonly deviceId: number;
  readonly deviceRevision: number;
  readonly firmwareVersion: string;
  readonly ipmiVersion: string;
  readonly manufacturerId: number;
  readonly manufacturer: string | null;
  readonly productId: number;
  readonly guid: string | null;
}

export type SensorStatus = 'ok' | 'nc' | 'cr' | 'nr' | 'ns';

export interface SensorThresholds {
  readonly lnr?: number;
  readonly lcr?: number;
  readonly lnc?: number;
  readonly unc?: number;
  readonly ucr?: number;
  readonly unr?: number;
}

export interface SensorReading {
  readonly name: string;
  readonly number: number;
  readonly type: string;
  readonly reading: number | null;
  readonly unit: string | null;
  readonly status: SensorStatus;
  readonly states: readonly string[];
  readonly thresholds: SensorThresholds;
  /** In units, from the SDR (see the IPMI library's SensorJson); present where the gateway reads it. */
  readonly hysteresis?: { readonly positive: number; readonly negative: number };
}

export interface SelInfo {
  readonly version: string;
  readonly entries: number;
  readonly freeBytes: number;
  readonly lastAddition: string | null;
  readonly lastErase: string | null;
}

export interface SelEntry {
  readonly id: number;
  readonly timestamp: string | null;
  readonly recordType: number;
  readonly sensorType: string;
  readonly sensorNumber: number;
  readonly event: string;
  readonly direction: 'asserted' | 'deasserted';
  readonly raw: string;
}

export interface FruChassis {
  readonly type: string;
  readonly partNumber: string;
  readonly serial: string;
  readonly extra: readonly string[];
}
export interface FruBoard {
  readonly mfgDate: string | null;
  readonly manufacturer: string;
  readonly product: string;
  readonly serial: string;
  readonly partNumber: string;
  readonly fileId: string;
  readonly extra: readonly string[];
}
export interface FruProduct {
  readonly manufacturer: string;
  readonly name: string;
  readonly partNumber: string;
  readonly version: string;
  readonly serial: string;
  readonly assetTag: string;
  readonly fileId: string;
  readonly extra: readonly string[];
}
/** FRU inventory areas, Platform Management FRU Information Storage Definition v1.0. */
export interface FruInventory {
  readonly chassis: FruChassis | null;
  readonly board: FruBoard | null;
  readonly product: FruProduct | null;
}

/** Boot device selector of boot option parameter 5, IPMI v2.0 section 28.13 Table 28-14. */
export const BOOT_DEVICES = ['pxe', 'disk', 'cdrom', 'bios', 'none'] as const;
export type BootDevice = (typeof BOOT_DEVICES)[number];

export interface BootOptions {
  readonly device: BootDevice;
  readonly persistent: boolean;
  readonly efi: boolean;
}

/** Chassis Identify, IPMI v2.0 section 28.5: a number of seconds, forced on, or off. */
export type IdentifyRequest = { readonly seconds: number } | { readonly force: true } | { readonly off: true };

/**
 * Most console bytes one capture keeps: 64 KiB. A capture is stored as a job task's result, a
 * DynamoDB item of at most 400 KB, twice: the raw bytes in base64 (4/3 of them, 87 KB) and the
 * cleaned text (at most 3 bytes of UTF-8 per raw byte, 192 KB, when every byte is invalid UTF-8
 * and becomes U+FFFD), which leaves room for the task's other attributes. 64 KiB is also some
 * 1,500 lines of a boot log, more than a capture of a few minutes shows on a console that is
 * not misbehaving.
 */
export const MAX_SOL_CAPTURE_BYTES = 65_536;

export interface SolCapture {
  /** Console text for display: escape sequences and control bytes removed (ipmi/codec/console-text.ts). */
  readonly output: string;
  /** The bytes as the console sent them, base64. */
  readonly raw: string;
  /** Bytes kept (the length of `raw` decoded). */
  readonly bytes: number;
  /** True when MAX_SOL_CAPTURE_BYTES was reached: the capture stopped there. */
  readonly truncated: boolean;
  /** Bytes received past the cap before the console was closed (the console may have printed more). */
  readonly droppedBytes: number;
  readonly seconds: number;
}
