/**
 * Sensor-specific event offsets (event/reading type 6Fh), IPMI v2.0 section 42.2
 * Table 42-3, for every sensor type that defines them.
 *
 * Wording follows what ipmitool prints (sdr elist, sel elist) where ipmitool knows the
 * offset, and the spec's wording where it does not (Session Audit 2Ah, Event Logging
 * Disabled offset 06h, Power Supply offset 07h). Where ipmitool deviates from the spec's
 * byte layout, the spec wins and the place is marked.
 *
 * Some offsets are refined by event data 2 or 3 (SEL only): System Firmware Progress
 * (0Fh, event data 2 = error/progress code), Version Change (2Bh, event data 2 = change
 * type) and Power Supply configuration error (08h offset 06h, event data 3 [3:0]).
 */

export interface SensorSpecificState {
  /** State name when no event data refines it, and the name of the state bit in a reading. */
  readonly name: string;
  /** Names keyed by event data 2, when event data 1 [7:6] says byte 2 is present. */
  readonly byEventData2?: readonly string[];
  /** Names keyed by event data 3 [3:0], when event data 1 [5:4] says byte 3 is present. */
  readonly byEventData3?: readonly string[];
}

/** POST error codes, Table 42-3 sensor type 0Fh offset 00h, event data 2. */
const FIRMWARE_ERRORS = [
  'Unspecified',
  'No system memory installed',
  'No usable system memory',
  'Unrecoverable IDE device failure',
  'Unrecoverable system-board failure',
  'Unrecoverable diskette failure',
  'Unrecoverable hard-disk controller failure',
  'Unrecoverable PS/2 or USB keyboard failure',
  'Removable boot media not found',
  'Unrecoverable video controller failure',
  'No video device selected',
  'BIOS corruption detected',
  'CPU voltage mismatch',
  'CPU speed mismatch failure',
];

/** Hang and progress codes, Table 42-3 sensor type 0Fh offsets 01h/02h, event data 2. */
const FIRMWARE_PROGRESS = [
  'Unspecified',
  'Memory initialization',
  'Hard-disk initialization',
  'Secondary CPU Initialization',
  'User authentication',
  'User-initiated system setup',
  'USB resource configuration',
  'PCI resource configuration',
  'Option ROM initialization',
  'Video initialization',
  'Cache initialization',
  'SMBus initialization',
  'Keyboard controller initialization',
  'Management controller initialization',
  'Docking station attachment',
  'Enabling docking station',
  'Docking station ejection',
  'Disabling docking station',
  'Calling operating system wake-up vector',
  'System boot initiated',
  'Motherboard initialization',
  'reserved',
  'Floppy initialization',
  'Keyboard test',
  'Pointing device test',
  'Primary CPU initialization',
];

/** Version change types, Table 42-3 sensor type 2Bh offsets 01h/07h, event data 2 (abbreviated as ipmitool does). */
const VERSION_CHANGE_TYPES = [
  '',
  'Mngmt Ctrl Dev Id',
  'Mngmt Ctrl Firm Rev',
  'Mngmt Ctrl Dev Rev',
  'Mngmt Ctrl Manuf Id',
  'Mngmt Ctrl IPMI Vers',
  'Mngmt Ctrl Aux Firm Id',
  'Mngmt Ctrl Firm Boot Block',
  'Mngmt Ctrl Other',
  'BIOS/EFI change',
  'SMBIOS change',
  'O/S change',
  'O/S loader change',
  'Service Diag change',
  'Mngmt SW agent change',
  'Mngmt SW App change',
  'Mngmt SW Middle',
  'Prog HW Change (FPGA)',
  'board/FRU module change',
  'board/FRU component change',
  'board/FRU replace equ ver',
  'board/FRU replace new ver',
  'board/FRU replace old ver',
  'board/FRU HW conf change',
];

const withChangeType = (base: string): readonly string[] =>
  VERSION_CHANGE_TYPES.map((t) => (t === '' ? base : `${base}, ${t}`));

/** Power supply configuration error types, Table 42-3 sensor type 08h offset 06h, event data 3 [3:0]. */
const POWER_SUPPLY_CONFIG_ERRORS = [
  'Config Error: Vendor Mismatch',
  'Config Error: Revision Mismatch',
  'Config Error: Processor Missing',
  'Config Error: Power Supply Rating Mismatch',
  'Config Error: Voltage Rating Mismatch',
];

const plain = (...names: string[]): readonly (SensorSpecificState | undefined)[] => names.map((name) => ({ name }));

/** Per sensor type: index = offset; a hole (undefined) is a reserved offset. */
export const SENSOR_SPECIFIC_STATES: ReadonlyMap<number, readonly (SensorSpecificState | undefined)[]> = new Map<
  number,
  readonly (SensorSpecificState | undefined)[]
>([
  [
    0x05, // Physical Security (Chassis Intrusion)
    plain(
      'General Chassis intrusion',
      'Drive Bay intrusion',
      'I/O Card area intrusion',
      'Processor area intrusion',
      'System unplugged from LAN',
      'Unauthorized dock',
      'FAN area intrusion',
    ),
  ],
  [
    0x06, // Platform Security Violation Attempt
    plain(
      'Front Panel Lockout violation attempted',
      'Pre-boot password violation - user password',
      'Pre-boot password violation - setup password',
      'Pre-boot password violation - network boot password',
      'Other pre-boot password violation',
      'Out-of-band access password violation',
    ),
  ],
  [
    0x07, // Processor
    plain(
      'IERR',
      'Thermal Trip',
      'FRB1/BIST failure',
      'FRB2/Hang in POST failure',
      'FRB3/Processor startup/init failure',
      'Configuration Error',
      'SM BIOS Uncorrectable CPU-complex Error',
      'Presence detected',
      'Disabled',
      'Terminator presence detected',
      'Throttled',
      'Uncorrectable machine check exception',
      'Correctable machine check error',
    ),
  ],
  [
    0x08, // Power Supply
    [
      ...plain(
        'Presence detected',
        'Failure detected',
        'Predictive failure',
        'Power Supply AC lost',
        'AC lost or out-of-range',
        'AC out-of-range, but present',
      ),
      // The spec puts the error type in event data 3 [3:0]; ipmitool matches it against event data 2.
      { name: 'Config Error', byEventData3: POWER_SUPPLY_CONFIG_ERRORS },
      // Spec offset 07h; ipmitool lists it under 06h by mistake.
      { name: 'Power Supply Inactive' },
    ],
  ],
  [
    0x09, // Power Unit
    plain(
      'Power off/down',
      'Power cycle',
      '240VA power down',
      'Interlock power down',
      'AC lost',
      'Soft-power control failure',
      'Failure detected',
      'Predictive failure',
    ),
  ],
  [
    0x0c, // Memory
    plain(
      'Correctable ECC',
      'Uncorrectable ECC',
      'Parity',
      'Memory Scrub Failed',
      'Memory Device Disabled',
      'Correctable ECC logging limit reached',
      'Presence Detected',
      'Configuration Error',
      'Spare',
      'Throttled',
      'Critical Overtemperature',
    ),
  ],
  [
    0x0d, // Drive Slot (Bay)
    plain(
      'Drive Present',
      'Drive Fault',
      'Predictive Failure',
      'Hot Spare',
      'Parity Check In Progress',
      'In Critical Array',
      'In Failed Array',
      'Rebuild In Progress',
      'Rebuild Aborted',
    ),
  ],
  [
    0x0f, // System Firmware Progress
    [
      { name: 'Unknown Error', byEventData2: FIRMWARE_ERRORS },
      { name: 'Unknown Hang', byEventData2: FIRMWARE_PROGRESS },
      { name: 'Unknown Progress', byEventData2: FIRMWARE_PROGRESS },
    ],
  ],
  [
    0x10, // Event Logging Disabled
    plain(
      'Correctable memory error logging disabled',
      'Event logging disabled',
      'Log area reset/cleared',
      'All event logging disabled',
      'Log full',
      'Log almost full',
      'Correctable Machine Check Error Logging Disabled',
    ),
  ],
  [
    0x11, // Watchdog 1
    plain(
      'BIOS Reset',
      'OS Reset',
      'OS Shut Down',
      'OS Power Down',
      'OS Power Cycle',
      'OS NMI/Diag Interrupt',
      'OS Expired',
      'OS pre-timeout Interrupt',
    ),
  ],
  [
    0x12, // System Event
    plain(
      'System Reconfigured',
      'OEM System boot event',
      'Undetermined system hardware failure',
      'Entry added to auxiliary log',
      'PEF Action',
      'Timestamp Clock Sync',
    ),
  ],
  [
    0x13, // Critical Interrupt
    plain(
      'NMI/Diag Interrupt',
      'Bus Timeout',
      'I/O Channel check NMI',
      'Software NMI',
      'PCI PERR',
      'PCI SERR',
      'EISA failsafe timeout',
      'Bus Correctable error',
      'Bus Uncorrectable error',
      'Fatal NMI',
      'Bus Fatal Error',
      'Bus Degraded',
    ),
  ],
  [
    0x14, // Button / Switch
    plain('Power Button pressed', 'Sleep Button pressed', 'Reset Button pressed', 'FRU Latch', 'FRU Service'),
  ],
  [0x19, plain('Soft Power Control Failure', 'Thermal Trip')], // Chip Set
  [0x1b, plain('Connected', 'Config Error')], // Cable / Interconnect
  [
    0x1d, // System Boot / Restart Initiated
    plain(
      'Initiated by power up',
      'Initiated by hard reset',
      'Initiated by warm reset',
      'User requested PXE boot',
      'Automatic boot to diagnostic',
      'OS initiated hard reset',
      'OS initiated warm reset',
      'System Restart',
    ),
  ],
  [
    0x1e, // Boot Error
    plain(
      'No bootable media',
      'Non-bootable disk in drive',
      'PXE server not found',
      'Invalid boot sector',
      'Timeout waiting for selection',
    ),
  ],
  [
    0x1f, // Base OS Boot / Installation Status
    plain(
      'A: boot completed',
      'C: boot completed',
      'PXE boot completed',
      'Diagnostic boot completed',
      'CD-ROM boot completed',
      'ROM boot completed',
      'boot completed - device not specified',
      'Installation started',
      'Installation completed',
      'Installation aborted',
      'Installation failed',
    ),
  ],
  [
    0x20, // OS Stop / Shutdown
    plain(
      'Error during system startup',
      'Run-time critical stop',
      'OS graceful stop',
      'OS graceful shutdown',
      'PEF initiated soft shutdown',
      'Agent not responding',
    ),
  ],
  [
    0x21, // Slot / Connector
    plain(
      'Fault Status',
      'Identify Status',
      'Device Installed',
      'Ready for Device Installation',
      'Ready for Device Removal',
      'Slot Power is Off',
      'Device Removal Request',
      'Interlock',
      'Slot is Disabled',
      'Spare Device',
    ),
  ],
  [
    0x22, // System ACPI Power State
    [
      ...plain(
        'S0/G0: working',
        'S1: sleeping with system hw & processor context maintained',
        'S2: sleeping, processor context lost',
        'S3: sleeping, processor & hw context lost, memory retained',
        'S4: non-volatile sleep/suspend-to-disk',
        'S5/G2: soft-off',
        'S4/S5: soft-off',
        'G3: mechanical off',
        'Sleeping in S1/S2/S3 state',
        'G1: sleeping',
        'S5: entered by override',
        'Legacy ON state',
        'Legacy OFF state',
      ),
      undefined, // 0Dh reserved
      { name: 'Unknown' },
    ],
  ],
  [
    0x23, // Watchdog 2 (offsets 04h-07h reserved)
    [
      ...plain('Timer expired', 'Hard reset', 'Power down', 'Power cycle'),
      undefined,
      undefined,
      undefined,
      undefined,
      { name: 'Timer interrupt' },
    ],
  ],
  [
    0x24, // Platform Alert
    plain(
      'Platform generated page',
      'Platform generated LAN alert',
      'Platform Event Trap generated',
      'Platform generated SNMP trap, OEM format',
    ),
  ],
  [0x25, plain('Present', 'Absent', 'Disabled')], // Entity Presence
  [0x27, plain('Heartbeat Lost', 'Heartbeat')], // LAN
  [
    0x28, // Management Subsystem Health
    plain(
      'Sensor access degraded or unavailable',
      'Controller access degraded or unavailable',
      'Management controller off-line',
      'Management controller unavailable',
      'Sensor failure',
      'FRU failure',
    ),
  ],
  [0x29, plain('Low', 'Failed', 'Presence Detected')], // Battery
  [
    0x2a, // Session Audit (not in ipmitool's tables; spec wording)
    plain('Session Activated', 'Session Deactivated', 'Invalid Username or Password', 'Invalid password disable'),
  ],
  [
    0x2b, // Version Change
    [
      { name: 'Hardware change detected' },
      { name: 'Firmware or software change detected', byEventData2: withChangeType('Firmware or software change detected') },
      { name: 'Hardware incompatibility detected' },
      { name: 'Firmware or software incompatibility detected' },
      { name: 'Invalid or unsupported hardware version' },
      { name: 'Invalid or unsupported firmware or software version' },
      { name: 'Hardware change success' },
      { name: 'Firmware or software change success', byEventData2: withChangeType('Firmware or software change success') },
    ],
  ],
  [
    0x2c, // FRU State
    plain(
      'Not Installed',
      'Inactive',
      'Activation Requested',
      'Activation in Progress',
      'Active',
      'Deactivation Requested',
      'Deactivation in Progress',
      'Communication lost',
    ),
  ],
  // PICMG sensor types (OEM range), printed by ipmitool for every BMC.
  [
    0xf0, // PICMG FRU Hot Swap
    plain(
      'Transition to M0',
      'Transition to M1',
      'Transition to M2',
      'Transition to M3',
      'Transition to M4',
      'Transition to M5',
      'Transition to M6',
      'Transition to M7',
    ),
  ],
  [
    0xf1, // PICMG IPMB Physical Link
    plain(
      'IPMB-A disabled, IPMB-B disabled',
      'IPMB-A enabled, IPMB-B disabled',
      'IPMB-A disabled, IPMB-B enabled',
      'IPMB-A enabled, IPMB-B enabled',
    ),
  ],
  [0xf2, plain('Module Handle Closed', 'Module Handle Opened', 'Quiesced')], // PICMG Module Hot Swap
]);
