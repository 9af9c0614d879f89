import { mixSeed, seededRng } from '../rng.ts';

/**
 * What makes one simulated server distinct from its neighbours: serial numbers, MAC
 * address, device and system GUIDs, asset tag. Derived from the fleet seed and the BMC's
 * index, so a fleet restarted with the same seed looks the same to clients.
 */
export interface BmcIdentity {
  index: number;
  /** Device GUID (Get Device GUID, also GUIDc of RAKP 2), IPMI byte order (Table 20-10). */
  deviceGuid: Uint8Array;
  /** System GUID (Get System GUID), same byte order. */
  systemGuid: Uint8Array;
  mac: Uint8Array;
  chassisSerial: string;
  boardSerial: string;
  productSerial: string;
  assetTag: string;
}

/**
 * A random (version 4) GUID in the IPMI layout of Table 20-10: the fields of RFC 4122 in
 * reverse order, each least significant byte first. Byte 6-7 hold clock_seq (variant bits
 * in the most significant byte, byte 7), bytes 8-9 time_hi_and_version (version nibble in byte 9).
 */
function randomGuid(next: () => number): Uint8Array {
  const g = new Uint8Array(16);
  for (let i = 0; i < 16; i++) g[i] = Math.floor(next() * 256);
  g[7] = (g[7]! & 0x3f) | 0x80;
  g[9] = (g[9]! & 0x0f) | 0x40;
  return g;
}

export function makeIdentity(fleetSeed: number, index: number): BmcIdentity {
  const next = seededRng(mixSeed(fleetSeed, index));
  const serial = (prefix: string) => `${prefix}${(fleetSeed % 100).toString().padStart(2, '0')}${index.toString().padStart(6, '0')}`;
  // Locally administered unicast MAC (02h in the first octet), index in the last three octets.
  const mac = Uint8Array.of(0x02, 0x53, Math.floor(next() * 256), (index >> 16) & 0xff, (index >> 8) & 0xff, index & 0xff);
  return {
    index,
    deviceGuid: randomGuid(next),
    systemGuid: randomGuid(next),
    mac,
    chassisSerial: serial('CH'),
    boardSerial: serial('BD'),
    productSerial: serial('SN'),
    assetTag: `ASSET-${index.toString().padStart(5, '0')}`,
  };
}

export function formatMac(mac: Uint8Array): string {
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join(':');
}
