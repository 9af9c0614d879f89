/**
 * Get Sensor Hysteresis: IPMI v2.0 section 35.7 (NetFn Sensor/Event, cmd 25h).
 * Request data: 1 sensor number, 2 reserved for the hysteresis mask (FFh).
 * Response data: 1 positive-going threshold hysteresis, 2 negative-going (raw counts).
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';

export interface RawHysteresis {
  positive: number;
  negative: number;
}

export const GetSensorHysteresis: Command<number, RawHysteresis> = {
  name: 'Get Sensor Hysteresis',
  netFn: NetFn.sensorEvent,
  cmd: 0x25,
  encode(sensorNumber) {
    return new ByteWriter(2).u8(sensorNumber).u8(0xff).finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Get Sensor Hysteresis response');
    return { positive: r.u8('positive-going hysteresis'), negative: r.u8('negative-going hysteresis') };
  },
};
