import { GENERIC_STATES } from './generic-states.ts';
import { SENSOR_SPECIFIC_STATES, type SensorSpecificState } from './sensor-specific-states.ts';

/** Event/reading type 6Fh: the offsets are defined by the sensor type (section 42.2). */
export const SENSOR_SPECIFIC_READING_TYPE = 0x6f;

/**
 * The state table for an event/reading type: generic types (01h-0Ch) by their own code
 * (Table 42-2), sensor-specific (6Fh) by sensor type (Table 42-3). Unspecified, reserved
 * and OEM (70h-7Fh) reading types have none.
 */
function stateTable(eventReadingType: number, sensorType: number): readonly (SensorSpecificState | undefined)[] | undefined {
  const type = eventReadingType & 0x7f;
  if (type === SENSOR_SPECIFIC_READING_TYPE) return SENSOR_SPECIFIC_STATES.get(sensorType);
  return GENERIC_TABLES.get(type);
}

/** The generic tables in the sensor-specific shape, built once (every discrete reading looks one up). */
const GENERIC_TABLES: ReadonlyMap<number, readonly SensorSpecificState[]> = new Map(
  [...GENERIC_STATES].map(([type, names]) => [type, names.map((name) => ({ name }))]),
);

/** The name of one state offset, or undefined when the tables do not define it. */
export function stateName(eventReadingType: number, sensorType: number, offset: number): string | undefined {
  return stateTable(eventReadingType, sensorType)?.[offset]?.name;
}

/**
 * Names of the asserted states in a 15-bit state mask: bit n = offset n (Get Sensor
 * Reading response bytes 3-4, section 35.14; bit 15 is reserved and ignored). Bits with
 * no defined state are skipped, as ipmitool's `sdr elist` does.
 */
export function discreteStateNames(eventReadingType: number, sensorType: number, bits: number): string[] {
  const table = stateTable(eventReadingType, sensorType);
  if (!table) return [];
  const names: string[] = [];
  for (let offset = 0; offset < 15; offset++) {
    if ((bits & (1 << offset)) === 0) continue;
    const state = table[offset];
    if (state) names.push(state.name);
  }
  return names;
}

export interface EventToDescribe {
  sensorType: number;
  /** Event/reading type code (event dir bit, if present in bit 7, is ignored). */
  eventType: number;
  /** Event data 1: [7:6] byte 2 usage, [5:4] byte 3 usage, [3:0] offset (section 29.7 Table 29-6). */
  eventData1: number;
  eventData2?: number;
  eventData3?: number;
}

/**
 * The description of a platform event, as ipmitool's `sel elist` prints it in its
 * description column: the state named by the offset, refined by event data 2 or 3 where
 * the sensor type defines codes for them. Returns null for event types without standard
 * meaning (unspecified, reserved, OEM 70h-7Fh) and for offsets the tables do not define.
 */
export function describeEvent(event: EventToDescribe): string | null {
  const offset = event.eventData1 & 0x0f;
  const state = stateTable(event.eventType, event.sensorType)?.[offset];
  if (!state) return null;
  // Table 29-6: for discrete events, event data 1 [7:6] != 00b means byte 2 carries data.
  const byte2Present = (event.eventData1 & 0xc0) !== 0 && event.eventData2 !== undefined;
  if (byte2Present && state.byEventData2) {
    const refined = state.byEventData2[event.eventData2!];
    if (refined) return refined;
  }
  // [5:4] = 11b: byte 3 holds sensor-specific extension code (the configuration error type for 08h/06h).
  const byte3Specific = (event.eventData1 & 0x30) === 0x30 && event.eventData3 !== undefined;
  if (byte3Specific && state.byEventData3) {
    const refined = state.byEventData3[event.eventData3! & 0x0f];
    if (refined) return refined;
  }
  return state.name;
}

/** Event Type column of `sel get` (section 42.1 Table 42-1 classes, named as ipmitool names them). */
export function eventTypeName(eventType: number): string {
  const t = eventType & 0x7f;
  if (t === 0x00) return 'Unspecified';
  if (t === 0x01) return 'Threshold';
  if (t >= 0x02 && t <= 0x0c) return 'Generic Discrete';
  if (t === SENSOR_SPECIFIC_READING_TYPE) return 'Sensor-specific Discrete';
  if (t >= 0x70 && t <= 0x7f) return 'OEM';
  return 'Reserved';
}
