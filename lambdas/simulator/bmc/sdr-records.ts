/**
 * Encoders of the SDR record types the simulator serves, IPMI v2.0 section 43. The
 * library's lambdas/ipmi/sdr/decode.ts is the matching decoder; round-trip tests keep the
 * two consistent. Byte numbers in comments are the spec's (byte 1 = first header byte).
 */
import { ByteWriter, SdrRecordType, THRESHOLD_BITS, type ThresholdName } from '../../ipmi/protocol.ts';

/** SDR version 51h: IPMI v1.5 / v2.0 records (section 43, byte 3). */
const SDR_VERSION = 0x51;
/** Sensors and records are owned by the BMC itself at slave address 20h, LUN 0. */
const BMC_OWNER = 0x20;

export interface FactorBytes {
  /** 10-bit two's complement multiplier. */
  m: number;
  /** 10-bit two's complement offset. */
  b: number;
  /** 4-bit two's complement exponents. */
  bExp: number;
  rExp: number;
  /** 6-bit tolerance in half raw counts, 10-bit accuracy in 0.01 % with a 2-bit exponent. */
  tolerance?: number;
  accuracy?: number;
  accuracyExp?: number;
}

function idString(w: ByteWriter, name: string): void {
  // Type/length byte: [7:6] 11b = 8-bit ASCII + Latin 1, [4:0] length (section 43.15).
  const bytes = Buffer.from(name.slice(0, 16), 'latin1');
  w.u8(0xc0 | bytes.length).bytes(bytes);
}

function withHeader(recordId: number, type: number, body: Uint8Array): Uint8Array {
  return new ByteWriter(5 + body.length).u16le(recordId).u8(SDR_VERSION).u8(type).u8(body.length).bytes(body).finish();
}

/** Bytes 25-30 of Table 43-1 (also Get Sensor Reading Factors, 35.5). */
export function encodeFactors(f: FactorBytes, direction = 0): Uint8Array {
  const m = f.m & 0x3ff;
  const b = f.b & 0x3ff;
  const acc = (f.accuracy ?? 0) & 0x3ff;
  return Uint8Array.of(
    m & 0xff,
    ((m >> 2) & 0xc0) | ((f.tolerance ?? 0) & 0x3f),
    b & 0xff,
    ((b >> 2) & 0xc0) | (acc & 0x3f),
    ((acc >> 2) & 0xf0) | (((f.accuracyExp ?? 0) & 0x03) << 2) | (direction & 0x03),
    ((f.rExp & 0x0f) << 4) | (f.bExp & 0x0f),
  );
}

export interface FullSensorSpec {
  recordId: number;
  number: number;
  name: string;
  entityId: number;
  entityInstance: number;
  sensorType: number;
  /** Units 2 (base unit, section 43.17 Table 43-15). */
  baseUnit: number;
  factors: FactorBytes;
  /** Raw threshold values; absent ones are neither readable nor compared. */
  thresholds: Partial<Record<ThresholdName, number>>;
  nominalRaw: number;
  normalMaxRaw: number;
  normalMinRaw: number;
  hysteresisRaw: number;
}

/** Assertion event bits of Table 43-1 bytes 15-16 for each threshold: its "going low" or "going high" event. */
const EVENT_BIT: Record<ThresholdName, number> = { lnc: 0, lcr: 2, lnr: 4, unc: 7, ucr: 9, unr: 11 };

/**
 * Full Sensor Record, Table 43-1, for a threshold-based analog sensor with unsigned raw
 * readings and linear conversion. Thresholds and hysteresis are readable and settable, comparison
 * status is returned for each, and each raises an assertion and a deassertion event.
 */
export function encodeFullSensorRecord(s: FullSensorSpec): Uint8Array {
  let events = 0;
  let readable = 0;
  let lowerReturned = 0;
  let upperReturned = 0;
  for (const [i, name] of THRESHOLD_BITS.entries()) {
    if (s.thresholds[name] === undefined) continue;
    events |= 1 << EVENT_BIT[name];
    readable |= 1 << i;
    if (i < 3) lowerReturned |= 1 << i;
    else upperReturned |= 1 << (i - 3);
  }
  const t = (name: ThresholdName) => s.thresholds[name] ?? 0;
  const w = new ByteWriter(64)
    .u8(BMC_OWNER) // 6 sensor owner ID
    .u8(0x00) // 7 owner LUN 0, channel 0
    .u8(s.number) // 8 sensor number
    .u8(s.entityId) // 9
    .u8(s.entityInstance) // 10 physical entity
    .u8(0x7f) // 11 init scanning, events, thresholds, hysteresis, type; events and scanning enabled
    .u8(0x68) // 12 auto re-arm, hysteresis and thresholds readable and settable, per-threshold event control
    .u8(s.sensorType) // 13
    .u8(0x01) // 14 event/reading type: threshold
    .u16le(events | (lowerReturned << 12)) // 15-16 assertion events, lower comparisons returned
    .u16le(events | (upperReturned << 12)) // 17-18 deassertion events, upper comparisons returned
    .u16le(readable | (readable << 8)) // 19-20 readable thresholds [5:0], settable [13:8]: the same
    .u8(0x00) // 21 units 1: unsigned, no rate, no modifier, not a percentage
    .u8(s.baseUnit) // 22 base unit
    .u8(0x00) // 23 modifier unit
    .u8(0x00) // 24 linearization: linear
    .bytes(encodeFactors(s.factors, 0x01)) // 25-30, direction input
    .u8(0x07) // 31 nominal, normal max and normal min specified
    .u8(s.nominalRaw) // 32
    .u8(s.normalMaxRaw) // 33
    .u8(s.normalMinRaw) // 34
    .u8(0xff) // 35 sensor maximum reading
    .u8(0x00) // 36 sensor minimum reading
    .u8(t('unr'))
    .u8(t('ucr'))
    .u8(t('unc'))
    .u8(t('lnr'))
    .u8(t('lcr'))
    .u8(t('lnc')) // 37-42
    .u8(s.hysteresisRaw) // 43 positive-going hysteresis
    .u8(s.hysteresisRaw) // 44 negative-going hysteresis
    .zeros(2) // 45-46 reserved
    .u8(0x00); // 47 OEM
  idString(w, s.name); // 48, 49:64
  return withHeader(s.recordId, SdrRecordType.fullSensor, w.finish());
}

export interface CompactSensorSpec {
  recordId: number;
  number: number;
  name: string;
  entityId: number;
  entityInstance: number;
  sensorType: number;
  /** 6Fh sensor-specific, or a generic code 02h-0Ch. */
  eventReadingType: number;
  /** Offsets the sensor can assert (bit n = offset n), also its discrete reading mask. */
  statesMask: number;
}

/** Compact Sensor Record, Table 43-2, for a discrete sensor without sharing. */
export function encodeCompactSensorRecord(s: CompactSensorSpec): Uint8Array {
  const mask = s.statesMask & 0x7fff;
  const w = new ByteWriter(48)
    .u8(BMC_OWNER) // 6
    .u8(0x00) // 7
    .u8(s.number) // 8
    .u8(s.entityId) // 9
    .u8(s.entityInstance) // 10
    .u8(0x67) // 11 init scanning, events, type; events and scanning enabled
    .u8(0x40) // 12 auto re-arm, no hysteresis, no thresholds, per-threshold/state event control
    .u8(s.sensorType) // 13
    .u8(s.eventReadingType) // 14
    .u16le(mask) // 15-16 assertion event mask
    .u16le(mask) // 17-18 deassertion event mask
    .u16le(mask) // 19-20 discrete reading mask
    .u8(0x00) // 21 units 1
    .u8(0x00) // 22 base unit: unspecified
    .u8(0x00) // 23 modifier unit
    .u8(0x41) // 24 direction input [7:6], numeric ID modifier [5:4], share count 1 [3:0]
    .u8(0x00) // 25 entity instance same for all, modifier offset 0
    .u8(0x00) // 26 positive hysteresis
    .u8(0x00) // 27 negative hysteresis
    .zeros(3) // 28-30 reserved
    .u8(0x00); // 31 OEM
  idString(w, s.name); // 32, 33:48
  return withHeader(s.recordId, SdrRecordType.compactSensor, w.finish());
}

export interface EventOnlySpec {
  recordId: number;
  number: number;
  name: string;
  entityId: number;
  entityInstance: number;
  sensorType: number;
  eventReadingType: number;
}

/** Event-Only Record, Table 43-3: a sensor that only logs events (no reading). */
export function encodeEventOnlyRecord(s: EventOnlySpec): Uint8Array {
  const w = new ByteWriter(32)
    .u8(BMC_OWNER) // 6
    .u8(0x00) // 7
    .u8(s.number) // 8
    .u8(s.entityId) // 9
    .u8(s.entityInstance) // 10
    .u8(s.sensorType) // 11
    .u8(s.eventReadingType) // 12
    .u8(0x01) // 13 share count 1, numeric modifier, direction unspecified
    .u8(0x00) // 14
    .u8(0x00) // 15 reserved
    .u8(0x00); // 16 OEM
  idString(w, s.name); // 17, 18:33
  return withHeader(s.recordId, SdrRecordType.eventOnly, w.finish());
}

/** Management Controller Device Locator, Table 43-8: the BMC itself. */
export function encodeMcLocatorRecord(recordId: number, name: string): Uint8Array {
  const w = new ByteWriter(32)
    .u8(BMC_OWNER) // 6 device slave address
    .u8(0x00) // 7 channel 0
    .u8(0x00) // 8 no power state notification, global init: enable event generation
    .u8(0xbf) // 9 chassis, event generator, event receiver, FRU, SEL, SDR repository, sensor device
    .zeros(3) // 10-12 reserved
    .u8(0x06) // 13 entity: system management module
    .u8(0x01) // 14 entity instance
    .u8(0x00); // 15 OEM
  idString(w, name);
  return withHeader(recordId, SdrRecordType.mcDeviceLocator, w.finish());
}

/** FRU Device Locator, Table 43-7: a logical FRU device behind the BMC. */
export function encodeFruLocatorRecord(recordId: number, fruId: number, name: string, entityId: number, entityInstance: number): Uint8Array {
  const w = new ByteWriter(32)
    .u8(BMC_OWNER) // 6 device access address
    .u8(fruId) // 7 FRU device ID
    .u8(0x80) // 8 logical FRU device, LUN 0, private bus 0
    .u8(0x00) // 9 channel 0
    .u8(0x00) // 10 reserved
    .u8(0x10) // 11 device type: IPMI FRU inventory (Table 43-12)
    .u8(0x00) // 12 device type modifier
    .u8(entityId) // 13
    .u8(entityInstance) // 14
    .u8(0x00); // 15 OEM
  idString(w, name);
  return withHeader(recordId, SdrRecordType.fruDeviceLocator, w.finish());
}
