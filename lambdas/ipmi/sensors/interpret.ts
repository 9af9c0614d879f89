import { discreteStateBits, type SensorReading } from '../commands/sensor/get-sensor-reading.ts';
import type { RawThresholds } from '../commands/sensor/get-sensor-thresholds.ts';
import { discreteStateNames } from '../events/describe.ts';
import { sensorTypeName } from '../events/sensor-types.ts';
import { convertReading, type ConversionFactors } from '../sdr/conversion.ts';
import { THRESHOLD_BITS, type SensorRecord, type ThresholdName } from '../sdr/types.ts';
import { unitString } from '../sdr/units.ts';
import type { SensorJson, SensorStatus } from './types.ts';

/** Event/reading type 01h (section 42.1): threshold-based sensor. */
export function isThresholdSensor(record: SensorRecord): boolean {
  return (record.eventReadingType & 0x7f) === 0x01;
}

/**
 * Whether a reading converts to units: only full records carry M/B factors, format 11b
 * means "no analog reading", and only threshold sensors are defined to provide one
 * (section 36.1), which is also where ipmitool draws the line.
 */
export function hasAnalogReading(record: SensorRecord): boolean {
  return record.kind === 'full' && record.units.analogFormat !== 'none' && isThresholdSensor(record);
}

/** A reading counts when the BMC gave one: scanning enabled and not flagged unavailable (section 35.14). */
export function isReadingValid(reading: SensorReading | null): reading is SensorReading {
  return reading !== null && reading.scanningEnabled && !reading.unavailable;
}

/** Threshold status from Get Sensor Reading byte 3, worst first, as ipmitool ranks it. */
export function thresholdStatus(reading: SensorReading | null): SensorStatus {
  if (!isReadingValid(reading)) return 'ns';
  const s = reading.byte3;
  if (s & 0x24) return 'nr'; // [2] <= LNR, [5] >= UNR
  if (s & 0x12) return 'cr'; // [1] <= LCR, [4] >= UCR
  if (s & 0x09) return 'nc'; // [0] <= LNC, [3] >= UNC
  return 'ok';
}

export interface SensorInstance {
  number: number;
  name: string;
}

/**
 * Builds the sensor object from its SDR, its reading (null when the BMC refused) and its
 * raw thresholds (null when not read). `factors` overrides the record's for non-linear
 * sensors, whose factors come from Get Sensor Reading Factors.
 */
export function interpretSensor(
  record: SensorRecord,
  instance: SensorInstance,
  reading: SensorReading | null,
  rawThresholds: RawThresholds | null,
  factors?: ConversionFactors,
): SensorJson {
  const type = sensorTypeName(record.sensorType);
  const valid = isReadingValid(reading);
  if (!isThresholdSensor(record)) {
    const states = valid ? discreteStateNames(record.eventReadingType, record.sensorType, discreteStateBits(reading)) : [];
    return { name: instance.name, number: instance.number, type, reading: null, unit: null, status: valid ? 'ok' : 'ns', states, thresholds: {} };
  }
  const analog = hasAnalogReading(record);
  const thresholds: Partial<Record<ThresholdName, number>> = {};
  let value: number | null = null;
  // Only full records carry conversion factors; compact ones report no units, as ipmitool shows them.
  if (record.kind === 'full') {
    const f = factors ?? record.factors;
    if (valid && analog) value = convertReading(reading.raw, record.units.analogFormat, f, record.linearization);
    if (rawThresholds) {
      for (const name of THRESHOLD_BITS) {
        const raw = rawThresholds[name];
        if (raw === undefined) continue;
        const t = analog ? convertReading(raw, record.units.analogFormat, f, record.linearization) : raw;
        if (t !== null) thresholds[name] = t;
      }
    }
  }
  return {
    name: instance.name,
    number: instance.number,
    type,
    reading: value,
    unit: analog ? unitString(record.units) : null,
    status: thresholdStatus(reading),
    states: [],
    thresholds,
  };
}
