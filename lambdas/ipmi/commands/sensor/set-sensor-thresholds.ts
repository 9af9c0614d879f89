/**
 * Set Sensor Thresholds (IPMI v2.0 section 35.8, NetFn Sensor/Event, cmd 26h) and Set Sensor
 * Hysteresis (35.6, cmd 24h). Values are raw, in the sensor's SDR conversion.
 *
 * Set Sensor Thresholds request: 1 sensor number; 2 mask of thresholds to set ([5] UNR ...
 * [0] LNC, as THRESHOLD_BITS); 3-8 LNC, LCR, LNR, UNC, UCR, UNR (ignored where the mask is 0).
 * Set Sensor Hysteresis request: 1 sensor number; 2 reserved mask (FFh); 3 positive-going;
 * 4 negative-going.
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { InvalidArgumentError } from '../../errors.ts';
import { THRESHOLD_BITS } from '../../sdr/types.ts';
import { NetFn, type Command } from '../command.ts';
import type { RawThresholds } from './get-sensor-thresholds.ts';
import type { RawHysteresis } from './get-sensor-hysteresis.ts';

export interface SetThresholdsRequest {
  readonly sensorNumber: number;
  readonly thresholds: RawThresholds;
}

function rawByte(v: number, field: string): number {
  if (!Number.isInteger(v) || v < 0 || v > 255) throw new InvalidArgumentError(`${field}: raw value must be 0-255, got ${v}`);
  return v;
}

export const SetSensorThresholds: Command<SetThresholdsRequest, void> & { decodeRequest(data: Uint8Array): SetThresholdsRequest } = {
  name: 'Set Sensor Thresholds',
  netFn: NetFn.sensorEvent,
  cmd: 0x26,
  encode({ sensorNumber, thresholds }) {
    let mask = 0;
    const values: number[] = [];
    for (const [i, name] of THRESHOLD_BITS.entries()) {
      const v = thresholds[name];
      if (v !== undefined) mask |= 1 << i;
      values.push(v === undefined ? 0 : rawByte(v, name));
    }
    if (mask === 0) throw new InvalidArgumentError('Set Sensor Thresholds: no threshold given');
    return new ByteWriter(8).u8(sensorNumber).u8(mask).bytes(Uint8Array.from(values)).finish();
  },
  decode() {},
  decodeRequest(data) {
    const r = new ByteReader(data, 'Set Sensor Thresholds request');
    const sensorNumber = r.u8('sensor number');
    const mask = r.u8('threshold mask');
    const thresholds: Record<string, number> = {};
    for (const [i, name] of THRESHOLD_BITS.entries()) {
      const v = r.u8(`${name} threshold`);
      if (mask & (1 << i)) thresholds[name] = v;
    }
    return { sensorNumber, thresholds };
  },
};

export const SetSensorHysteresis: Command<{ sensorNumber: number } & RawHysteresis, void> & {
  decodeRequest(data: Uint8Array): { sensorNumber: number } & RawHysteresis;
} = {
  name: 'Set Sensor Hysteresis',
  netFn: NetFn.sensorEvent,
  cmd: 0x24,
  encode({ sensorNumber, positive, negative }) {
    return Uint8Array.of(sensorNumber, 0xff, rawByte(positive, 'positive-going hysteresis'), rawByte(negative, 'negative-going hysteresis'));
  },
  decode() {},
  decodeRequest(data) {
    const r = new ByteReader(data, 'Set Sensor Hysteresis request');
    const sensorNumber = r.u8('sensor number');
    r.u8('hysteresis mask');
    return { sensorNumber, positive: r.u8('positive-going hysteresis'), negative: r.u8('negative-going hysteresis') };
  },
};
