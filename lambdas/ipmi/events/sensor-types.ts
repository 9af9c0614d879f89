/**
 * Sensor type codes, IPMI v2.0 section 42.2 Table 42-3 (first column).
 *
 * The names are the short forms ipmitool prints in `sdr elist`, `sensor get` and
 * `sel elist` (e.g. "Watchdog1" for the spec's "Watchdog 1", "System Firmwares" for
 * "System Firmware Progress"), because operators compare our output with ipmitool's.
 * The spec's own name for each code is kept beside it in `specName`.
 */

export interface SensorTypeInfo {
  /** The code, Table 42-3 "Sensor Type Code". */
  readonly code: number;
  /** The name as ipmitool prints it. */
  readonly name: string;
  /** The name as Table 42-3 gives it. */
  readonly specName: string;
}

const TYPES: readonly (readonly [number, string, string])[] = [
  [0x00, 'reserved', 'reserved'],
  [0x01, 'Temperature', 'Temperature'],
  [0x02, 'Voltage', 'Voltage'],
  [0x03, 'Current', 'Current'],
  [0x04, 'Fan', 'Fan'],
  [0x05, 'Physical Security', 'Physical Security (Chassis Intrusion)'],
  [0x06, 'Platform Security', 'Platform Security Violation Attempt'],
  [0x07, 'Processor', 'Processor'],
  [0x08, 'Power Supply', 'Power Supply'],
  [0x09, 'Power Unit', 'Power Unit'],
  [0x0a, 'Cooling Device', 'Cooling Device'],
  [0x0b, 'Other', 'Other Units-based Sensor'],
  [0x0c, 'Memory', 'Memory'],
  [0x0d, 'Drive Slot / Bay', 'Drive Slot (Bay)'],
  [0x0e, 'POST Memory Resize', 'POST Memory Resize'],
  [0x0f, 'System Firmwares', 'System Firmware Progress (formerly POST Error)'],
  [0x10, 'Event Logging Disabled', 'Event Logging Disabled'],
  [0x11, 'Watchdog1', 'Watchdog 1'],
  [0x12, 'System Event', 'System Event'],
  [0x13, 'Critical Interrupt', 'Critical Interrupt'],
  [0x14, 'Button', 'Button / Switch'],
  [0x15, 'Module / Board', 'Module / Board'],
  [0x16, 'Microcontroller', 'Microcontroller / Coprocessor'],
  [0x17, 'Add-in Card', 'Add-in Card'],
  [0x18, 'Chassis', 'Chassis'],
  [0x19, 'Chip Set', 'Chip Set'],
  [0x1a, 'Other FRU', 'Other FRU'],
  [0x1b, 'Cable / Interconnect', 'Cable / Interconnect'],
  [0x1c, 'Terminator', 'Terminator'],
  [0x1d, 'System Boot Initiated', 'System Boot / Restart Initiated'],
  [0x1e, 'Boot Error', 'Boot Error'],
  [0x1f, 'OS Boot', 'Base OS Boot / Installation Status'],
  [0x20, 'OS Critical Stop', 'OS Stop / Shutdown'],
  [0x21, 'Slot / Connector', 'Slot / Connector'],
  [0x22, 'System ACPI Power State', 'System ACPI Power State'],
  [0x23, 'Watchdog2', 'Watchdog 2'],
  [0x24, 'Platform Alert', 'Platform Alert'],
  [0x25, 'Entity Presence', 'Entity Presence'],
  [0x26, 'Monitor ASIC', 'Monitor ASIC / IC'],
  [0x27, 'LAN', 'LAN'],
  [0x28, 'Management Subsys Health', 'Management Subsystem Health'],
  [0x29, 'Battery', 'Battery'],
  [0x2a, 'Session Audit', 'Session Audit'],
  [0x2b, 'Version Change', 'Version Change'],
  [0x2c, 'FRU State', 'FRU State'],
];

export const SENSOR_TYPES: ReadonlyMap<number, SensorTypeInfo> = new Map(
  TYPES.map(([code, name, specName]) => [code, { code, name, specName }]),
);

/**
 * The printable name of a sensor type code. Codes past FRU State (2Ch) up to BFh are
 * reserved and C0h-FFh are OEM (Table 42-3); ipmitool prints "Unknown" for both when it
 * knows no OEM table, and so do we.
 */
export function sensorTypeName(code: number): string {
  return SENSOR_TYPES.get(code)?.name ?? 'Unknown';
}

/** Event/Reading Type Code classes, section 42.1 Table 42-1. */
export type EventReadingClass = 'unspecified' | 'threshold' | 'generic' | 'sensor-specific' | 'oem' | 'reserved';

export function eventReadingClass(eventReadingType: number): EventReadingClass {
  const t = eventReadingType & 0x7f;
  if (t === 0x00) return 'unspecified';
  if (t === 0x01) return 'threshold';
  if (t >= 0x02 && t <= 0x0c) return 'generic';
  if (t === 0x6f) return 'sensor-specific';
  if (t >= 0x70 && t <= 0x7f) return 'oem';
  return 'reserved';
}
