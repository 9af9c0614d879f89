import { ByteReader } from '../codec/bytes.ts';
import { TruncatedError } from '../errors.ts';
import { decodeFactors, decodeLinearization } from './conversion.ts';
import { decodeIdString, decodeIdStringCode } from './id-string.ts';
import {
  SdrRecordType,
  THRESHOLD_BITS,
  type CompactSensorRecord,
  type EntityRef,
  type EventMessageControl,
  type EventOnlyRecord,
  type FruLocatorRecord,
  type FullSensorRecord,
  type HysteresisSupport,
  type McLocatorRecord,
  type RecordSharing,
  type SdrHeader,
  type SdrRecord,
  type SensorCapabilities,
  type SensorDirection,
  type SensorInitialization,
  type SensorKey,
  type ThresholdAccess,
  type ThresholdMasks,
  type ThresholdName,
} from './types.ts';
import { decodeUnits } from './units.ts';

/** SDR header length, section 43 (record ID, version, type, length). */
export const SDR_HEADER_LENGTH = 5;

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** Decodes the 5-byte SDR header. */
export function decodeSdrHeader(bytes: Uint8Array): SdrHeader {
  const r = new ByteReader(bytes, 'SDR header');
  return {
    recordId: r.u16le('record ID'),
    sdrVersion: r.u8('SDR version'),
    recordType: r.u8('record type'),
    length: r.u8('record length'),
  };
}

const DIRECTIONS: readonly SensorDirection[] = ['unspecified', 'input', 'output', 'reserved'];
const HYSTERESIS: readonly HysteresisSupport[] = ['none', 'readable', 'readable-settable', 'fixed'];
const THRESHOLD_ACCESS: readonly ThresholdAccess[] = ['none', 'readable', 'readable-settable', 'fixed'];
const EVENT_CONTROL: readonly EventMessageControl[] = ['per-threshold', 'entire-sensor', 'global-disable', 'none'];

const bit = (byte: number, n: number) => (byte & (1 << n)) !== 0;

function maskNames(bits: number): ThresholdName[] {
  return THRESHOLD_BITS.filter((_, i) => bit(bits, i));
}

function readKey(r: ByteReader): SensorKey {
  const ownerId = r.u8('sensor owner ID');
  const ownerLun = r.u8('sensor owner LUN');
  const number = r.u8('sensor number');
  return { ownerId, channel: ownerLun >> 4, lun: ownerLun & 0x03, number };
}

function readEntity(r: ByteReader): EntityRef {
  const id = r.u8('entity ID');
  const inst = r.u8('entity instance');
  return { id, instance: inst & 0x7f, logical: bit(inst, 7) };
}

/** Table 43-1 byte 11. */
function decodeInitialization(b: number): SensorInitialization {
  return {
    settable: bit(b, 7),
    initScanning: bit(b, 6),
    initEvents: bit(b, 5),
    initThresholds: bit(b, 4),
    initHysteresis: bit(b, 3),
    initSensorType: bit(b, 2),
    eventGenerationEnabled: bit(b, 1),
    scanningEnabled: bit(b, 0),
  };
}

/** Table 43-1 byte 12. */
function decodeCapabilities(b: number): SensorCapabilities {
  return {
    ignoreIfEntityAbsent: bit(b, 7),
    autoRearm: bit(b, 6),
    hysteresis: HYSTERESIS[(b >> 4) & 0x03]!,
    thresholdAccess: THRESHOLD_ACCESS[(b >> 2) & 0x03]!,
    eventMessageControl: EVENT_CONTROL[b & 0x03]!,
  };
}

/** Table 43-2 bytes 24-25 and Table 43-3 bytes 13-14; the direction sits in the first byte's [7:6]. */
function decodeSharing(b1: number, b2: number): { sharing: RecordSharing; direction: SensorDirection } {
  const modifierTypes = ['numeric', 'alpha', 'reserved', 'reserved'] as const;
  return {
    direction: DIRECTIONS[(b1 >> 6) & 0x03]!,
    sharing: {
      idModifierType: modifierTypes[(b1 >> 4) & 0x03]!,
      shareCount: b1 & 0x0f,
      entityInstanceIncrements: bit(b2, 7),
      idModifierOffset: b2 & 0x7f,
    },
  };
}

/**
 * Threshold masks of a threshold sensor (Table 43-1 bytes 15-20, read as three 16-bit
 * words): the lower-threshold "comparison returned" bits are assertion word [14:12]
 * (LNR, LCR, LNC), the upper ones deassertion word [14:12] (UNR, UCR, UNC); the third
 * word is readable [5:0] and settable [13:8].
 */
function decodeThresholdMasks(assertion: number, deassertion: number, reading: number): ThresholdMasks {
  const lower = (assertion >> 12) & 0x07; // bit2 LNR, bit1 LCR, bit0 LNC
  const upper = (deassertion >> 12) & 0x07; // bit2 UNR, bit1 UCR, bit0 UNC
  return {
    readable: maskNames(reading & 0x3f),
    settable: maskNames((reading >> 8) & 0x3f),
    comparisonReturned: maskNames(lower | (upper << 3)),
  };
}

function readName(r: ByteReader, what: string): { name: string; idStringType: FullSensorRecord['idStringType'] } {
  const code = r.u8('ID string type/length');
  const name = decodeIdString(code, r.rest(), what);
  return { name, idStringType: decodeIdStringCode(code).type };
}

/** Bytes 6-23 shared by full and compact records; leaves the reader at byte 24. */
function readSensorCommon(r: ByteReader, header: SdrHeader) {
  const key = readKey(r);
  const entity = readEntity(r);
  const initialization = decodeInitialization(r.u8('sensor initialization'));
  const capabilities = decodeCapabilities(r.u8('sensor capabilities'));
  const sensorType = r.u8('sensor type');
  const eventReadingType = r.u8('event/reading type');
  const assertionMask = r.u16le('assertion event mask');
  const deassertionMask = r.u16le('deassertion event mask');
  const readingMask = r.u16le('reading mask');
  const units = decodeUnits(r.u8('sensor units 1'), r.u8('sensor units 2'), r.u8('sensor units 3'));
  const isThreshold = (eventReadingType & 0x7f) === 0x01;
  return {
    ...header,
    key,
    entity,
    initialization,
    capabilities,
    sensorType,
    eventReadingType,
    assertionMask,
    deassertionMask,
    readingMask,
    ...(isThreshold ? { thresholdMasks: decodeThresholdMasks(assertionMask, deassertionMask, readingMask) } : {}),
    units,
  };
}

/** Full Sensor Record, Table 43-1 (bytes after the header start at byte 6). */
function decodeFull(r: ByteReader, header: SdrHeader, what: string): FullSensorRecord {
  const common = readSensorCommon(r, header);
  const linearization = decodeLinearization(r.u8('linearization'));
  const factorBytes = r.bytes(6, 'M, B, tolerance, accuracy, exponents');
  const factors = decodeFactors(factorBytes);
  const direction = DIRECTIONS[factorBytes[4]! & 0x03]!;
  const analogFlags = r.u8('analog characteristic flags');
  const nominalReading = r.u8('nominal reading');
  const normalMax = r.u8('normal maximum');
  const normalMin = r.u8('normal minimum');
  const sensorMax = r.u8('sensor maximum reading');
  const sensorMin = r.u8('sensor minimum reading');
  const unr = r.u8('upper non-recoverable threshold');
  const ucr = r.u8('upper critical threshold');
  const unc = r.u8('upper non-critical threshold');
  const lnr = r.u8('lower non-recoverable threshold');
  const lcr = r.u8('lower critical threshold');
  const lnc = r.u8('lower non-critical threshold');
  const positiveHysteresis = r.u8('positive-going hysteresis');
  const negativeHysteresis = r.u8('negative-going hysteresis');
  r.skip(2, 'reserved');
  const oem = r.u8('OEM');
  return {
    ...common,
    direction,
    positiveHysteresis,
    negativeHysteresis,
    oem,
    ...readName(r, what),
    kind: 'full',
    linearization,
    factors,
    nominalReadingSpecified: bit(analogFlags, 0),
    normalMaxSpecified: bit(analogFlags, 1),
    normalMinSpecified: bit(analogFlags, 2),
    nominalReading,
    normalMax,
    normalMin,
    sensorMax,
    sensorMin,
    thresholds: { lnc, lcr, lnr, unc, ucr, unr },
  };
}

/** Compact Sensor Record, Table 43-2. */
function decodeCompact(r: ByteReader, header: SdrHeader, what: string): CompactSensorRecord {
  const common = readSensorCommon(r, header);
  const { sharing, direction } = decodeSharing(r.u8('record sharing 1'), r.u8('record sharing 2'));
  const positiveHysteresis = r.u8('positive-going hysteresis');
  const negativeHysteresis = r.u8('negative-going hysteresis');
  r.skip(3, 'reserved');
  const oem = r.u8('OEM');
  return { ...common, kind: 'compact', sharing, direction, positiveHysteresis, negativeHysteresis, oem, ...readName(r, what) };
}

/** Event-Only Record, Table 43-3. */
function decodeEventOnly(r: ByteReader, header: SdrHeader, what: string): EventOnlyRecord {
  const key = readKey(r);
  const entity = readEntity(r);
  const sensorType = r.u8('sensor type');
  const eventReadingType = r.u8('event/reading type');
  const { sharing, direction } = decodeSharing(r.u8('record sharing 1'), r.u8('record sharing 2'));
  r.skip(1, 'reserved');
  const oem = r.u8('OEM');
  return { ...header, kind: 'event-only', key, entity, sensorType, eventReadingType, direction, sharing, oem, ...readName(r, what) };
}

/** FRU Device Locator Record, Table 43-7. */
function decodeFruLocator(r: ByteReader, header: SdrHeader, what: string): FruLocatorRecord {
  const deviceAccessAddress = r.u8('device access address') & 0xfe;
  const fruDeviceId = r.u8('FRU device ID');
  const access = r.u8('access LUN / bus ID');
  const channel = r.u8('channel number') >> 4;
  r.skip(1, 'reserved');
  const deviceType = r.u8('device type');
  const deviceTypeModifier = r.u8('device type modifier');
  const entity = readEntity(r);
  const oem = r.u8('OEM');
  return {
    ...header,
    kind: 'fru-locator',
    deviceAccessAddress,
    fruDeviceId,
    logical: bit(access, 7),
    accessLun: (access >> 3) & 0x03,
    privateBusId: access & 0x07,
    channel,
    deviceType,
    deviceTypeModifier,
    entity,
    oem,
    ...readName(r, what),
  };
}

/** Management Controller Device Locator Record, Table 43-8. */
function decodeMcLocator(r: ByteReader, header: SdrHeader, what: string): McLocatorRecord {
  const slaveAddress = r.u8('device slave address') & 0xfe;
  const channel = r.u8('channel number') & 0x0f;
  const powerStateNotification = r.u8('power state notification');
  const caps = r.u8('device capabilities');
  r.skip(3, 'reserved');
  const entity = readEntity(r);
  const oem = r.u8('OEM');
  return {
    ...header,
    kind: 'mc-locator',
    slaveAddress,
    channel,
    powerStateNotification,
    capabilities: {
      chassis: bit(caps, 7),
      bridge: bit(caps, 6),
      ipmbEventGenerator: bit(caps, 5),
      ipmbEventReceiver: bit(caps, 4),
      fruInventory: bit(caps, 3),
      sel: bit(caps, 2),
      sdrRepository: bit(caps, 1),
      sensor: bit(caps, 0),
    },
    entity,
    oem,
    ...readName(r, what),
  };
}

/**
 * Decodes one whole SDR (header included). The header's length must fit in `bytes`;
 * bytes past it are ignored. Throws TruncatedError when a field the record type needs
 * is missing and MalformedError when a field is inconsistent (e.g. an ID string longer
 * than the record).
 */
export function decodeSdrRecord(bytes: Uint8Array): SdrRecord {
  const header = decodeSdrHeader(bytes);
  const what = `SDR record ${hex4(header.recordId)} (type ${header.recordType.toString(16).padStart(2, '0')}h)`;
  const total = SDR_HEADER_LENGTH + header.length;
  if (bytes.length < total) throw new TruncatedError(what, 'record body', total, bytes.length);
  const r = new ByteReader(bytes.subarray(SDR_HEADER_LENGTH, total), what);
  switch (header.recordType) {
    case SdrRecordType.fullSensor:
      return decodeFull(r, header, what);
    case SdrRecordType.compactSensor:
      return decodeCompact(r, header, what);
    case SdrRecordType.eventOnly:
      return decodeEventOnly(r, header, what);
    case SdrRecordType.fruDeviceLocator:
      return decodeFruLocator(r, header, what);
    case SdrRecordType.mcDeviceLocator:
      return decodeMcLocator(r, header, what);
    default:
      return { ...header, kind: 'other' };
  }
}
