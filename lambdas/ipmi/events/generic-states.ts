/**
 * Generic event/reading type codes and their state offsets, IPMI v2.0 section 42.1
 * Table 42-2. Index in each array = event offset (the bit number in a Get Sensor
 * Reading state mask, the low nibble of SEL event data 1).
 *
 * The wording is what ipmitool prints for these states (the spec's, with its own
 * capitalisation; ipmitool pads the "going low" threshold texts with a trailing space,
 * which we do not).
 */
export const GENERIC_STATES: ReadonlyMap<number, readonly string[]> = new Map<number, readonly string[]>([
  // 01h Threshold: one state per threshold crossing direction.
  [
    0x01,
    [
      'Lower Non-critical going low',
      'Lower Non-critical going high',
      'Lower Critical going low',
      'Lower Critical going high',
      'Lower Non-recoverable going low',
      'Lower Non-recoverable going high',
      'Upper Non-critical going low',
      'Upper Non-critical going high',
      'Upper Critical going low',
      'Upper Critical going high',
      'Upper Non-recoverable going low',
      'Upper Non-recoverable going high',
    ],
  ],
  // 02h DMI-based "Usage State".
  [0x02, ['Transition to Idle', 'Transition to Active', 'Transition to Busy']],
  // 03h..06h digital discrete.
  [0x03, ['State Deasserted', 'State Asserted']],
  [0x04, ['Predictive Failure Deasserted', 'Predictive Failure Asserted']],
  [0x05, ['Limit Not Exceeded', 'Limit Exceeded']],
  [0x06, ['Performance Met', 'Performance Lags']],
  // 07h severity.
  [
    0x07,
    [
      'Transition to OK',
      'Transition to Non-critical from OK',
      'Transition to Critical from less severe',
      'Transition to Non-recoverable from less severe',
      'Transition to Non-critical from more severe',
      'Transition to Critical from Non-recoverable',
      'Transition to Non-recoverable',
      'Monitor',
      'Informational',
    ],
  ],
  // 08h..0Ah availability status.
  [0x08, ['Device Absent', 'Device Present']],
  [0x09, ['Device Disabled', 'Device Enabled']],
  [
    0x0a,
    [
      'Transition to Running',
      'Transition to In Test',
      'Transition to Power Off',
      'Transition to On Line',
      'Transition to Off Line',
      'Transition to Off Duty',
      'Transition to Degraded',
      'Transition to Power Save',
      'Install Error',
    ],
  ],
  // 0Bh redundancy.
  [
    0x0b,
    [
      'Fully Redundant',
      'Redundancy Lost',
      'Redundancy Degraded',
      'Non-Redundant: Sufficient from Redundant',
      'Non-Redundant: Sufficient from Insufficient',
      'Non-Redundant: Insufficient Resources',
      'Redundancy Degraded from Fully Redundant',
      'Redundancy Degraded from Non-Redundant',
    ],
  ],
  // 0Ch ACPI device power state.
  [0x0c, ['D0 Power State', 'D1 Power State', 'D2 Power State', 'D3 Power State']],
]);
