/**
 * Get Sensor Thresholds: IPMI v2.0 section 35.9 (NetFn Sensor/Event, cmd 27h).
 * Request data: 1 sensor number.
 * Response data:
 *   1  readable threshold mask: [5] UNR, [4] UCR, [3] UNC, [2] LNR, [1] LCR, [0] LNC
 *   2  lower non-critical   3 lower critical   4 lower non-recoverable
 *   5  upper non-critical   6 upper critical   7 upper non-recoverable
 * Values are raw, converted with the sensor's SDR factors; unreadable ones are ignored.
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';
import { THRESHOLD_BITS, type ThresholdName } from '../../sdr/types.ts';

/** Raw values of the readable thresholds only. */
export type RawThresholds = Partial<Record<ThresholdName, number>>;

export const GetSensorThresholds: Command<number, RawThresholds> = {
  name: 'Get Sensor Thresholds',
  netFn: NetFn.sensorEvent,
  cmd: 0x27,
  encode(sensorNumber) {
    return new ByteWriter(1).u8(sensorNumber).finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Get Sensor Thresholds response');
    const readable = r.u8('readable threshold mask');
    const out: RawThresholds = {};
    // Response bytes 2-7 are in THRESHOLD_BITS order (LNC, LCR, LNR, UNC, UCR, UNR).
    for (const [i, name] of THRESHOLD_BITS.entries()) {
      const value = r.u8(`${name} threshold`);
      if (readable & (1 << i)) out[name] = value;
    }
    return out;
  },
};
