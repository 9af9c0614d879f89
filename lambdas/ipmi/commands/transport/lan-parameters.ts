/**
 * The LAN configuration parameters of IPMI v2.0 Table 23-4 that operators read and set, each
 * with one codec used by the client (Get/Set LAN Configuration Parameters) and the simulator.
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { InvalidArgumentError } from '../../errors.ts';

export interface LanParameter<T> {
  readonly id: number;
  readonly name: string;
  decode(data: Uint8Array): T;
  encode(value: T): Uint8Array;
}

/** An IPv4 address in dotted form, validated. */
export function ipv4Bytes(text: string, field: string): Uint8Array {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
    throw new InvalidArgumentError(`${field}: "${text}" is not an IPv4 address`);
  }
  return Uint8Array.from(parts.map(Number));
}

function ipv4Text(bytes: Uint8Array): string {
  return [...bytes].join('.');
}

function ipv4(id: number, name: string): LanParameter<string> {
  return {
    id,
    name,
    decode: (d) => ipv4Text(new ByteReader(d, name).bytes(4, name)),
    encode: (v) => ipv4Bytes(v, name),
  };
}

function mac(id: number, name: string): LanParameter<string> {
  return {
    id,
    name,
    decode: (d) => [...new ByteReader(d, name).bytes(6, name)].map((b) => b.toString(16).padStart(2, '0')).join(':'),
    encode(v) {
      if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(v)) throw new InvalidArgumentError(`${name}: "${v}" is not a MAC address`);
      return Uint8Array.from(v.split(':').map((h) => parseInt(h, 16)));
    },
  };
}

/** IP Address Source, parameter 4 [3:0]. */
export const IP_SOURCES = ['unspecified', 'static', 'dhcp', 'bios', 'other'] as const;
export type IpSource = (typeof IP_SOURCES)[number];

export const LanParam = {
  ipAddress: ipv4(3, 'IP address'),
  ipSource: {
    id: 4,
    name: 'IP address source',
    decode: (d) => IP_SOURCES[new ByteReader(d, 'IP address source').u8('source') & 0x0f] ?? 'other',
    encode: (v) => Uint8Array.of(IP_SOURCES.indexOf(v)),
  } satisfies LanParameter<IpSource>,
  macAddress: mac(5, 'MAC address'),
  subnetMask: ipv4(6, 'subnet mask'),
  defaultGateway: ipv4(12, 'default gateway address'),
  defaultGatewayMac: mac(13, 'default gateway MAC address'),
  /** Parameter 20: byte 1 VLAN ID [7:0], byte 2 [7] enable, [3:0] VLAN ID [11:8]. null = VLAN off. */
  vlanId: {
    id: 20,
    name: '802.1q VLAN ID',
    decode(d) {
      const r = new ByteReader(d, '802.1q VLAN ID');
      const lo = r.u8('VLAN ID low');
      const hi = r.u8('VLAN ID high');
      return hi & 0x80 ? ((hi & 0x0f) << 8) | lo : null;
    },
    encode(v) {
      if (v === null) return Uint8Array.of(0, 0);
      if (!Number.isInteger(v) || v < 1 || v > 4094) throw new InvalidArgumentError(`VLAN id must be 1-4094, got ${v}`);
      return Uint8Array.of(v & 0xff, 0x80 | (v >> 8));
    },
  } satisfies LanParameter<number | null>,
  /** Parameter 21 [2:0]. */
  vlanPriority: {
    id: 21,
    name: '802.1q VLAN priority',
    decode: (d) => new ByteReader(d, '802.1q VLAN priority').u8('priority') & 0x07,
    encode(v) {
      if (!Number.isInteger(v) || v < 0 || v > 7) throw new InvalidArgumentError(`VLAN priority must be 0-7, got ${v}`);
      return Uint8Array.of(v);
    },
  } satisfies LanParameter<number>,
  /** Parameter 1 (read only): [5] OEM, [4] straight password, [2] MD5, [1] MD2, [0] none. */
  authTypeSupport: {
    id: 1,
    name: 'authentication type support',
    decode: (d) => authTypes(new ByteReader(d, 'authentication type support').u8('auth types')),
    encode: (v) => Uint8Array.of(authTypeBits(v)),
  } satisfies LanParameter<AuthType[]>,
  /** Parameter 2: one auth-type byte per privilege level (callback, user, operator, admin, OEM). */
  authTypeEnables: {
    id: 2,
    name: 'authentication type enables',
    decode(d) {
      const r = new ByteReader(d, 'authentication type enables');
      const out = {} as Record<AuthLevel, AuthType[]>;
      for (const level of AUTH_LEVELS) out[level] = authTypes(r.u8(level));
      return out;
    },
    encode: (v) => Uint8Array.from(AUTH_LEVELS.map((l) => authTypeBits(v[l]))),
  } satisfies LanParameter<Record<AuthLevel, AuthType[]>>,
  /** Parameter 22 [4:0]: how many cipher suite entries parameters 23 and 24 hold. */
  cipherSuiteCount: {
    id: 22,
    name: 'cipher suite entry support',
    decode: (d) => new ByteReader(d, 'cipher suite entry support').u8('count') & 0x1f,
    encode: (v) => Uint8Array.of(v & 0x1f),
  } satisfies LanParameter<number>,
  /** Parameter 23: a reserved byte, then up to 16 cipher suite IDs. */
  cipherSuiteEntries: {
    id: 23,
    name: 'cipher suite entries',
    decode(d) {
      const r = new ByteReader(d, 'cipher suite entries');
      r.skip(1);
      return [...r.rest()];
    },
    encode: (v) => new ByteWriter(1 + v.length).u8(0).bytes(Uint8Array.from(v)).finish(),
  } satisfies LanParameter<number[]>,
  /**
   * Parameter 24: a reserved byte, then 8 bytes holding the maximum privilege of cipher suite
   * entries 0-15, one nibble each, entry 2k in bits [3:0] and 2k+1 in [7:4] of byte k.
   */
  cipherSuitePrivileges: {
    id: 24,
    name: 'cipher suite privilege levels',
    decode(d) {
      const r = new ByteReader(d, 'cipher suite privilege levels');
      r.skip(1);
      const out: number[] = [];
      for (let i = 0; i < 8; i++) {
        const b = r.u8(`entries ${2 * i}-${2 * i + 1}`);
        out.push(b & 0x0f, b >> 4);
      }
      return out;
    },
    encode(v) {
      const w = new ByteWriter(9).u8(0);
      for (let i = 0; i < 8; i++) w.u8(((v[2 * i] ?? 0) & 0x0f) | (((v[2 * i + 1] ?? 0) & 0x0f) << 4));
      return w.finish();
    },
  } satisfies LanParameter<number[]>,
  /** Parameter 16: 18 bytes, NUL padded (the SNMP trap community). */
  communityString: {
    id: 16,
    name: 'community string',
    decode(d) {
      const raw = new ByteReader(d, 'community string').bytes(18, 'community');
      const end = raw.indexOf(0);
      return new TextDecoder('latin1').decode(end < 0 ? raw : raw.subarray(0, end));
    },
    encode(v) {
      if (!/^[\x20-\x7e]{1,18}$/.test(v)) throw new InvalidArgumentError('community string: 1-18 printable ASCII characters');
      return new ByteWriter(18).bytes(new TextEncoder().encode(v)).zeros(18 - v.length).finish();
    },
  } satisfies LanParameter<string>,
  /** Parameter 17 [3:0] (read only): destinations 1..N exist beside volatile destination 0. */
  destinationCount: {
    id: 17,
    name: 'number of destinations',
    decode: (d) => new ByteReader(d, 'number of destinations').u8('count') & 0x0f,
    encode: (v) => Uint8Array.of(v & 0x0f),
  } satisfies LanParameter<number>,
} as const;

export const AUTH_LEVELS = ['callback', 'user', 'operator', 'admin', 'oem'] as const;
export type AuthLevel = (typeof AUTH_LEVELS)[number];
export const AUTH_TYPES = { none: 0x01, md2: 0x02, md5: 0x04, password: 0x10, oem: 0x20 } as const;
export type AuthType = keyof typeof AUTH_TYPES;

function authTypes(bits: number): AuthType[] {
  return (Object.keys(AUTH_TYPES) as AuthType[]).filter((t) => bits & AUTH_TYPES[t]);
}

function authTypeBits(types: readonly AuthType[]): number {
  return types.reduce((b, t) => b | AUTH_TYPES[t], 0);
}

/** Destination type (parameter 18 byte 2 [2:0]); 0 is a PET trap. */
export const DESTINATION_TYPES = ['pet-trap', 'reserved-1', 'reserved-2', 'reserved-3', 'reserved-4', 'reserved-5', 'oem-1', 'oem-2'] as const;
export type DestinationType = (typeof DESTINATION_TYPES)[number];

export interface AlertDestinationType {
  readonly destination: number;
  readonly type: DestinationType;
  /** Byte 2 [7]: the alert must be acknowledged (PET acknowledge). */
  readonly acknowledge: boolean;
  /** Byte 3: acknowledge timeout / retry interval in seconds. */
  readonly timeoutSeconds: number;
  /** Byte 4 [2:0]. */
  readonly retries: number;
}

/** Parameter 18: destination type, one set per destination selector. */
export const DestinationTypeParam: LanParameter<AlertDestinationType> = {
  id: 18,
  name: 'destination type',
  decode(d) {
    const r = new ByteReader(d, 'destination type');
    const destination = r.u8('destination selector') & 0x0f;
    const b2 = r.u8('type');
    return { destination, type: DESTINATION_TYPES[b2 & 0x07]!, acknowledge: (b2 & 0x80) !== 0, timeoutSeconds: r.u8('ack timeout'), retries: r.u8('retries') & 0x07 };
  },
  encode(v) {
    if (v.retries < 0 || v.retries > 7) throw new InvalidArgumentError(`alert retries must be 0-7, got ${v.retries}`);
    return Uint8Array.of(v.destination & 0x0f, (v.acknowledge ? 0x80 : 0) | DESTINATION_TYPES.indexOf(v.type), v.timeoutSeconds & 0xff, v.retries & 0x07);
  },
};

export interface AlertDestinationAddress {
  readonly destination: number;
  /** Byte 3 [0]: 0 the default gateway, 1 the backup gateway. */
  readonly useBackupGateway: boolean;
  readonly ipAddress: string;
  readonly macAddress: string;
}

/** Parameter 19: destination addresses, format 0 (IPv4 and MAC). */
export const DestinationAddressParam: LanParameter<AlertDestinationAddress> = {
  id: 19,
  name: 'destination addresses',
  decode(d) {
    const r = new ByteReader(d, 'destination addresses');
    const destination = r.u8('destination selector') & 0x0f;
    r.u8('address format');
    const gateway = r.u8('gateway selector');
    return {
      destination,
      useBackupGateway: (gateway & 0x01) !== 0,
      ipAddress: ipv4Text(r.bytes(4, 'alerting IP address')),
      macAddress: [...r.bytes(6, 'alerting MAC address')].map((b) => b.toString(16).padStart(2, '0')).join(':'),
    };
  },
  encode(v) {
    return new ByteWriter(13)
      .u8(v.destination & 0x0f)
      .u8(0x00) // address format 0h: IPv4 IP address followed by DIX Ethernet/802.3 MAC address
      .u8(v.useBackupGateway ? 1 : 0)
      .bytes(ipv4Bytes(v.ipAddress, 'alert destination address'))
      .bytes(LanParam.macAddress.encode(v.macAddress))
      .finish();
  },
};
