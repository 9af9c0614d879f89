import type { ConversionFactors, Linearization } from './conversion.ts';
import type { IdStringType } from './id-string.ts';
import type { SensorUnits } from './units.ts';

/** SDR record type codes (header byte 4), IPMI v2.0 section 43 and its subsections 43.1-43.14. */
export const SdrRecordType = {
  fullSensor: 0x01,
  compactSensor: 0x02,
  eventOnly: 0x03,
  entityAssociation: 0x08,
  deviceRelativeEntityAssociation: 0x09,
  genericDeviceLocator: 0x10,
  fruDeviceLocator: 0x11,
  mcDeviceLocator: 0x12,
  mcConfirmation: 0x13,
  bmcMessageChannelInfo: 0x14,
  oem: 0xc0,
} as const;

/** The SDR header, section 43 (bytes 1-5 of every record). */
export interface SdrHeader {
  recordId: number;
  /** SDR version, 51h for IPMI v1.5/v2.0. */
  sdrVersion: number;
  recordType: number;
  /** Number of bytes after the header. */
  length: number;
}

export type ThresholdName = 'lnc' | 'lcr' | 'lnr' | 'unc' | 'ucr' | 'unr';
/** The order of bits 0..5 in every threshold mask (Get Sensor Thresholds, section 35.9; Table 43-1 bytes 19-20). */
export const THRESHOLD_BITS: readonly ThresholdName[] = ['lnc', 'lcr', 'lnr', 'unc', 'ucr', 'unr'];

/** Sensor owner and number: the key to read a sensor (Table 43-1 bytes 6-8). */
export interface SensorKey {
  /** [7:1] I2C slave address or [7:1] software ID; [0] 0 = IPMB slave address, 1 = system software ID. */
  ownerId: number;
  /** Channel number, owner byte 2 [7:4]. */
  channel: number;
  /** Sensor owner LUN, owner byte 2 [1:0]. */
  lun: number;
  number: number;
}

/** Entity ID and instance, section 39 (Table 43-1 bytes 9-10). */
export interface EntityRef {
  id: number;
  instance: number;
  /** Instance [7]: 0 physical entity, 1 logical container entity. */
  logical: boolean;
}

/** Sensor Initialization, Table 43-1 byte 11. */
export interface SensorInitialization {
  settable: boolean;
  initScanning: boolean;
  initEvents: boolean;
  initThresholds: boolean;
  initHysteresis: boolean;
  initSensorType: boolean;
  eventGenerationEnabled: boolean;
  scanningEnabled: boolean;
}

export type HysteresisSupport = 'none' | 'readable' | 'readable-settable' | 'fixed';
export type ThresholdAccess = 'none' | 'readable' | 'readable-settable' | 'fixed';
export type EventMessageControl = 'per-threshold' | 'entire-sensor' | 'global-disable' | 'none';

/** Sensor Capabilities, Table 43-1 byte 12. */
export interface SensorCapabilities {
  ignoreIfEntityAbsent: boolean;
  autoRearm: boolean;
  hysteresis: HysteresisSupport;
  thresholdAccess: ThresholdAccess;
  eventMessageControl: EventMessageControl;
}

/** Sensor direction, section 43.1 ("Sensor Direction"). */
export type SensorDirection = 'unspecified' | 'input' | 'output' | 'reserved';

/** Threshold masks of a threshold-based sensor, Table 43-1 bytes 15-20. */
export interface ThresholdMasks {
  /** Thresholds that Get Sensor Thresholds returns (byte 19). */
  readable: ThresholdName[];
  /** Thresholds that Set Sensor Thresholds accepts (byte 20). */
  settable: ThresholdName[];
  /** Thresholds whose comparison status Get Sensor Reading returns (bytes 16 [6:4] and 18 [6:4]). */
  comparisonReturned: ThresholdName[];
}

/** Fields shared by full and compact sensor records (Table 43-1/43-2 bytes 6-23). */
export interface SensorRecordCommon extends SdrHeader {
  key: SensorKey;
  entity: EntityRef;
  initialization: SensorInitialization;
  capabilities: SensorCapabilities;
  sensorType: number;
  /** Event/Reading Type Code, section 42.1 (01h threshold, 02h-0Ch generic, 6Fh sensor-specific). */
  eventReadingType: number;
  /** Bytes 15-16, 17-18, 19-20 as 16-bit little-endian words, for callers that need the raw masks. */
  assertionMask: number;
  deassertionMask: number;
  /** Discrete reading mask (discrete sensors) or settable/readable threshold masks (threshold sensors). */
  readingMask: number;
  /** Decoded threshold masks; present for threshold-based sensors (event/reading type 01h). */
  thresholdMasks?: ThresholdMasks;
  units: SensorUnits;
  direction: SensorDirection;
  /** Raw positive- and negative-going hysteresis. */
  positiveHysteresis: number;
  negativeHysteresis: number;
  oem: number;
  name: string;
  idStringType: IdStringType;
}

/** Full Sensor Record, section 43.1 Table 43-1. */
export interface FullSensorRecord extends SensorRecordCommon {
  kind: 'full';
  linearization: Linearization;
  factors: ConversionFactors;
  /** Analog characteristic flags, byte 31. */
  nominalReadingSpecified: boolean;
  normalMaxSpecified: boolean;
  normalMinSpecified: boolean;
  /** Raw values, bytes 32-36. */
  nominalReading: number;
  normalMax: number;
  normalMin: number;
  sensorMax: number;
  sensorMin: number;
  /** Raw threshold values from the record, bytes 37-42 (the BMC's current ones come from Get Sensor Thresholds). */
  thresholds: Record<ThresholdName, number>;
}

/** Sensor record sharing, Table 43-2 bytes 24-25 / Table 43-3 bytes 13-14. */
export interface RecordSharing {
  /** Number of sensors sharing this record (0 and 1 both mean one). */
  shareCount: number;
  idModifierType: 'numeric' | 'alpha' | 'reserved';
  /** Added to the modifier of each shared sensor's ID string. */
  idModifierOffset: number;
  /** True: entity instance increments for each shared sensor. */
  entityInstanceIncrements: boolean;
}

/** Compact Sensor Record, section 43.2 Table 43-2. */
export interface CompactSensorRecord extends SensorRecordCommon {
  kind: 'compact';
  sharing: RecordSharing;
}

/** Event-Only Record, section 43.3 Table 43-3. */
export interface EventOnlyRecord extends SdrHeader {
  kind: 'event-only';
  key: SensorKey;
  entity: EntityRef;
  sensorType: number;
  eventReadingType: number;
  direction: SensorDirection;
  sharing: RecordSharing;
  oem: number;
  name: string;
  idStringType: IdStringType;
}

/** FRU Device Locator Record, section 43.8 Table 43-7. */
export interface FruLocatorRecord extends SdrHeader {
  kind: 'fru-locator';
  /** Device access address, byte 6 [7:1] (7-bit address shifted left, as IPMB addresses are written). */
  deviceAccessAddress: number;
  /** FRU device ID (logical) or device slave address (physical), byte 7. */
  fruDeviceId: number;
  /** Byte 8 [7]: logical FRU device (accessed with Read FRU Data). */
  logical: boolean;
  accessLun: number;
  privateBusId: number;
  channel: number;
  deviceType: number;
  deviceTypeModifier: number;
  entity: EntityRef;
  oem: number;
  name: string;
  idStringType: IdStringType;
}

/** Management Controller Device Locator Record, section 43.9 Table 43-8. */
export interface McLocatorRecord extends SdrHeader {
  kind: 'mc-locator';
  /** Byte 6: [7:1] slave address (kept as the 8-bit IPMB form). */
  slaveAddress: number;
  channel: number;
  /** Byte 8: power state notification and global initialization bits. */
  powerStateNotification: number;
  /** Byte 9: device capabilities. */
  capabilities: {
    chassis: boolean;
    bridge: boolean;
    ipmbEventGenerator: boolean;
    ipmbEventReceiver: boolean;
    fruInventory: boolean;
    sel: boolean;
    sdrRepository: boolean;
    sensor: boolean;
  };
  entity: EntityRef;
  oem: number;
  name: string;
  idStringType: IdStringType;
}

/** Any other record type (entity association, generic locator, OEM, ...), kept raw. */
export interface OtherRecord extends SdrHeader {
  kind: 'other';
}

export type SdrRecord =
  | FullSensorRecord
  | CompactSensorRecord
  | EventOnlyRecord
  | FruLocatorRecord
  | McLocatorRecord
  | OtherRecord;

export type SensorRecord = FullSensorRecord | CompactSensorRecord;
