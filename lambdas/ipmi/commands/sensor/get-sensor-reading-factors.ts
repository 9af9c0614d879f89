/**
 * Get Sensor Reading Factors: IPMI v2.0 section 35.5 (NetFn Sensor/Event, cmd 23h), for
 * non-linear sensors (linearisation 70h-7Fh) whose M, B and exponents depend on the reading.
 * Request data: 1 sensor number, 2 the raw reading the factors are wanted for.
 * Response data: 1 next reading (the lowest raw value with different factors),
 *   2-7 the factor bytes laid out as in the full sensor record (Table 43-1 bytes 25-30).
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';
import { decodeFactors, type ConversionFactors } from '../../sdr/conversion.ts';

export interface ReadingFactorsRequest {
  sensorNumber: number;
  reading: number;
}

export interface ReadingFactors {
  nextReading: number;
  factors: ConversionFactors;
}

export const GetSensorReadingFactors: Command<ReadingFactorsRequest, ReadingFactors> = {
  name: 'Get Sensor Reading Factors',
  netFn: NetFn.sensorEvent,
  cmd: 0x23,
  encode(req) {
    return new ByteWriter(2).u8(req.sensorNumber).u8(req.reading).finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Get Sensor Reading Factors response');
    const nextReading = r.u8('next reading');
    return { nextReading, factors: decodeFactors(r.bytes(6, 'reading factors')) };
  },
};
