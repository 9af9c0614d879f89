/**
 * Sensor units, IPMI v2.0 section 43.17 Table 43-15 (unit type codes) and the Sensor
 * Units 1 byte of Table 43-1 (byte 21). Names are the ones ipmitool prints
 * ("degrees C", "Volts", "RPM", "Watts"...), so that readings compare one to one.
 */

/** Table 43-15, index = unit type code (0..92). */
export const UNIT_NAMES: readonly string[] = [
  'unspecified', 'degrees C', 'degrees F', 'degrees K', 'Volts', 'Amps', 'Watts', 'Joules',
  'Coulombs', 'VA', 'Nits', 'lumen', 'lux', 'Candela', 'kPa', 'PSI',
  'Newton', 'CFM', 'RPM', 'Hz', 'microsecond', 'millisecond', 'second', 'minute',
  'hour', 'day', 'week', 'mil', 'inches', 'feet', 'cu in', 'cu feet',
  'mm', 'cm', 'm', 'cu cm', 'cu m', 'liters', 'fluid ounce', 'radians',
  'steradians', 'revolutions', 'cycles', 'gravities', 'ounce', 'pound', 'ft-lb', 'oz-in',
  'gauss', 'gilberts', 'henry', 'millihenry', 'farad', 'microfarad', 'ohms', 'siemens',
  'mole', 'becquerel', 'PPM', 'reserved', 'Decibels', 'DbA', 'DbC', 'gray',
  'sievert', 'color temp deg K', 'bit', 'kilobit', 'megabit', 'gigabit', 'byte', 'kilobyte',
  'megabyte', 'gigabyte', 'word', 'dword', 'qword', 'line', 'hit', 'miss',
  'retry', 'reset', 'overflow', 'underrun', 'collision', 'packets', 'messages', 'characters',
  'error', 'correctable error', 'uncorrectable error', 'fatal error', 'grams',
];

export function unitName(code: number): string {
  return UNIT_NAMES[code] ?? 'invalid';
}

/** Analog (numeric) data format, Sensor Units 1 [7:6]. */
export type AnalogDataFormat = 'unsigned' | 'ones-complement' | 'twos-complement' | 'none';
const ANALOG_FORMATS: readonly AnalogDataFormat[] = ['unsigned', 'ones-complement', 'twos-complement', 'none'];

/** Rate unit, Sensor Units 1 [5:3]; 7 is reserved. */
export type RateUnit = 'none' | 'per µs' | 'per ms' | 'per s' | 'per minute' | 'per hour' | 'per day' | 'reserved';
const RATE_UNITS: readonly RateUnit[] = ['none', 'per µs', 'per ms', 'per s', 'per minute', 'per hour', 'per day', 'reserved'];

/** Modifier unit relation, Sensor Units 1 [2:1]: 01b base/modifier, 10b base*modifier. */
export type ModifierRelation = 'none' | 'divide' | 'multiply' | 'reserved';
const MODIFIER_RELATIONS: readonly ModifierRelation[] = ['none', 'divide', 'multiply', 'reserved'];

export interface SensorUnits {
  analogFormat: AnalogDataFormat;
  rate: RateUnit;
  modifierRelation: ModifierRelation;
  /** Sensor Units 1 [0]: the reading is a percentage. */
  percentage: boolean;
  /** Sensor Units 2: base unit type code. */
  baseUnit: number;
  /** Sensor Units 3: modifier unit type code. */
  modifierUnit: number;
}

/** Decodes Sensor Units 1, 2 and 3 (full/compact record bytes 21-23). */
export function decodeUnits(units1: number, baseUnit: number, modifierUnit: number): SensorUnits {
  return {
    analogFormat: ANALOG_FORMATS[(units1 >> 6) & 0x03]!,
    rate: RATE_UNITS[(units1 >> 3) & 0x07]!,
    modifierRelation: MODIFIER_RELATIONS[(units1 >> 1) & 0x03]!,
    percentage: (units1 & 0x01) !== 0,
    baseUnit,
    modifierUnit,
  };
}

/**
 * The unit text of a reading as ipmitool prints it: "Volts", "% RPM", "Watts/hour",
 * "percent" for a bare percentage. The rate unit is not part of it (ipmitool ignores it);
 * callers that need it read `units.rate`.
 */
export function unitString(units: SensorUnits): string {
  const pct = units.percentage ? '% ' : '';
  const base = unitName(units.baseUnit);
  const modifier = unitName(units.modifierUnit);
  switch (units.modifierRelation) {
    case 'divide':
      return `${pct}${base}/${modifier}`;
    case 'multiply':
      return `${pct}${base}*${modifier}`;
    default:
      return units.baseUnit === 0 && units.percentage ? 'percent' : `${pct}${base}`;
  }
}
