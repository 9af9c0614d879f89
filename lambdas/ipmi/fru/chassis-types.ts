/**
 * Chassis type names for the chassis info area (FRU Information Storage Definition
 * v1.0 rev 1.3, section 10: the SMBIOS System Enclosure types). 00h-1Dh are worded as
 * ipmitool prints them, so `fru` output compares equal; 1Eh-24h are the later SMBIOS
 * types that rev 1.3 adopts and ipmitool 1.8 does not know.
 */
const CHASSIS_TYPES: readonly string[] = [
  'Unspecified',
  'Other',
  'Unknown',
  'Desktop',
  'Low Profile Desktop',
  'Pizza Box',
  'Mini Tower',
  'Tower',
  'Portable',
  'LapTop',
  'Notebook',
  'Hand Held',
  'Docking Station',
  'All in One',
  'Sub Notebook',
  'Space-saving',
  'Lunch Box',
  'Main Server Chassis',
  'Expansion Chassis',
  'SubChassis',
  'Bus Expansion Chassis',
  'Peripheral Chassis',
  'RAID Chassis',
  'Rack Mount Chassis',
  'Sealed-case PC',
  'Multi-system Chassis',
  'CompactPCI',
  'AdvancedTCA',
  'Blade',
  'Blade Enclosure',
  'Tablet',
  'Convertible',
  'Detachable',
  'IoT Gateway',
  'Embedded PC',
  'Mini PC',
  'Stick PC',
];

/** Unknown codes read as "Unknown", as ipmitool does. */
export function chassisTypeName(code: number): string {
  return CHASSIS_TYPES[code] ?? 'Unknown';
}
