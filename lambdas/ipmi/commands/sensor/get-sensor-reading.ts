/**
 * Get Sensor Reading: IPMI v2.0 section 35.14 (NetFn Sensor/Event, cmd 2Dh).
 * Request data: 1 sensor number (FFh reserved).
 * Response data:
 *   1  sensor reading (raw; ignored for discrete sensors without an analog reading)
 *   2  [7] 0b = all event messages disabled from this sensor
 *      [6] 0b = sensor scanning disabled
 *      [5] 1b = reading/state unavailable (e.g. entity absent, initial update in progress)
 *   3  threshold sensors: [5] >= UNR, [4] >= UCR, [3] >= UNC, [2] <= LNR, [1] <= LCR, [0] <= LNC;
 *      discrete sensors: states 0-7 asserted
 *   4  discrete sensors: [6:0] states 8-14 asserted, [7] reserved (optional byte)
 * Bytes 3 and 4 are optional: BMCs drop them when they have nothing to report.
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';
import type { ThresholdName } from '../../sdr/types.ts';
import { THRESHOLD_BITS } from '../../sdr/types.ts';

export interface SensorReading {
  /** Byte 1 as sent. */
  raw: number;
  eventMessagesEnabled: boolean;
  scanningEnabled: boolean;
  /** Byte 2 [5]: the BMC has no valid reading/state now. */
  unavailable: boolean;
  /** Byte 3 as sent (0 when absent): the threshold comparison status or discrete states 0-7. */
  byte3: number;
  /** Byte 4 as sent (0 when absent). */
  byte4: number;
  /** Whether byte 3 was present at all. */
  hasStatus: boolean;
}

export const GetSensorReading: Command<number, SensorReading> = {
  name: 'Get Sensor Reading',
  netFn: NetFn.sensorEvent,
  cmd: 0x2d,
  encode(sensorNumber) {
    return new ByteWriter(1).u8(sensorNumber).finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Get Sensor Reading response');
    const raw = r.u8('sensor reading');
    const flags = r.u8('reading flags');
    const hasStatus = r.remaining > 0;
    const byte3 = hasStatus ? r.u8('status') : 0;
    const byte4 = r.remaining > 0 ? r.u8('discrete states 8-14') : 0;
    return {
      raw,
      eventMessagesEnabled: (flags & 0x80) !== 0,
      scanningEnabled: (flags & 0x40) !== 0,
      unavailable: (flags & 0x20) !== 0,
      byte3,
      byte4,
      hasStatus,
    };
  },
};

/** Thresholds the reading is at or beyond (byte 3 of a threshold sensor's reading). */
export function thresholdsCrossed(reading: SensorReading): ThresholdName[] {
  return THRESHOLD_BITS.filter((_, i) => (reading.byte3 & (1 << i)) !== 0);
}

/** The 15-bit discrete state mask of bytes 3-4 (bit n = state offset n). */
export function discreteStateBits(reading: SensorReading): number {
  return reading.byte3 | ((reading.byte4 & 0x7f) << 8);
}
