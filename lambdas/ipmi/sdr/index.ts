/** Sensor Data Records (IPMI v2.0 section 43) and reading conversion (section 36). */
export * from './types.ts';
export { decodeSdrRecord, decodeSdrHeader, SDR_HEADER_LENGTH } from './decode.ts';
export {
  convertReading,
  convertDelta,
  decodeFactors,
  decodeLinearization,
  rawToSigned,
  signExtend,
  toleranceInUnits,
  accuracyPercent,
  type ConversionFactors,
  type Linearization,
} from './conversion.ts';
export { decodeIdString, decodeIdStringCode, type IdStringType } from './id-string.ts';
export { decodeUnits, unitName, unitString, UNIT_NAMES, type SensorUnits, type AnalogDataFormat, type RateUnit } from './units.ts';
export { expandSharedRecord, type SharedSensorInstance } from './sharing.ts';
