/**
 * BMC addresses and management ranges as one canonical form, so that ownership and range
 * checks compare numbers, never spellings (docs/tenants.md). Pure: no DNS, no I/O.
 *
 * - Addresses are IP literals. Every IPv4 form `inet_aton` accepts (decimal, hexadecimal and
 *   octal parts, 1 to 4 of them) is read as the address it names and written back as a dotted
 *   quad; an IPv4-mapped IPv6 address becomes its IPv4 address; IPv6 is written as RFC 5952
 *   says (lower case, longest zero run compressed).
 * - What can never be a tenant's BMC is refused: unspecified, broadcast/reserved, multicast,
 *   link-local (cloud metadata lives there), the metadata addresses, translated forms that
 *   reach IPv4 by other means, and loopback unless the caller runs in local mode.
 */
import { badInput } from '../errors.ts';

export type Family = 4 | 6;

export interface IpAddress {
  readonly family: Family;
  readonly value: bigint;
}

export interface Cidr {
  readonly family: Family;
  readonly network: bigint;
  readonly prefix: number;
}

const BITS: Readonly<Record<Family, number>> = { 4: 32, 6: 128 };

/** Why an address is not accepted, as a stable word for audit parameters. */
export type AddressRefusal = 'not-ip-literal' | 'unspecified' | 'loopback' | 'link-local' | 'multicast' | 'broadcast-or-reserved' | 'metadata' | 'translated';

export class AddressError extends Error {
  constructor(
    readonly reason: AddressRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'AddressError';
  }
}

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** The embedded IPv4 of an IPv6 literal: dotted decimal only (RFC 4291 section 2.2). */
const STRICT_IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const IPV4_PART = /^(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)$/;

/** The IPv4 address `inet_aton` reads from `text` (1 to 4 parts, each decimal, 0x hex or 0 octal), or undefined. */
function parseIpv4Loose(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const values: bigint[] = [];
  for (const p of parts) {
    if (!IPV4_PART.test(p)) return undefined;
    if (/^0[xX]$/.test(p)) return undefined;
    const v = /^0[xX]/.test(p) ? BigInt(p) : p.length > 1 && p.startsWith('0') ? BigInt(`0o${p.slice(1)}`) : BigInt(p);
    values.push(v);
  }
  // The last part fills every byte the earlier ones leave (a.b.c.d, a.b.cd, a.bcd, abcd).
  const last = values[values.length - 1] as bigint;
  const leading = values.slice(0, -1);
  if (leading.some((v) => v > 255n)) return undefined;
  const lastBits = BigInt(8 * (4 - leading.length));
  if (last >= 1n << lastBits) return undefined;
  return leading.reduce((acc, v, i) => acc | (v << BigInt(8 * (3 - i))), 0n) | last;
}

/** The 128-bit value of an IPv6 literal (no zone, no brackets), or undefined. */
function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length > 45) return undefined;
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    const v4 = text.slice(lastColon + 1);
    if (!STRICT_IPV4.test(v4)) return undefined;
    tailV4 = v4.split('.').reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0] as string);
  const right = halves.length === 2 ? groups(halves[1] as string) : [];
  if ([...left, ...right].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = all.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g}`), 0n);
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

const MAPPED_PREFIX = 0xffffn << 32n; // ::ffff:0:0/96 (RFC 4291 section 2.5.5.2)

/** Reads an IP literal in any accepted spelling; IPv4-mapped IPv6 becomes IPv4. Throws AddressError. */
export function parseIp(text: string): IpAddress {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64 || /\s/.test(text)) {
    throw new AddressError('not-ip-literal', 'must be an IP address literal without spaces');
  }
  if (text.includes(':')) {
    const v6 = parseIpv6(text);
    if (v6 === undefined) throw new AddressError('not-ip-literal', 'not an IP address literal (host names, zone ids and brackets are not accepted)');
    if (v6 >> 32n === MAPPED_PREFIX >> 32n) return { family: 4, value: v6 & 0xffffffffn };
    return { family: 6, value: v6 };
  }
  const v4 = parseIpv4Loose(text);
  if (v4 === undefined) throw new AddressError('not-ip-literal', 'not an IP address literal (host names are not accepted)');
  return { family: 4, value: v4 };
}

export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(16 * (7 - i))) & 0xffffn));
  // RFC 5952 section 4.2: compress the longest run of two or more zero groups, the first on a tie.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function cidrOf(text: string): Cidr {
  const [addr, bits] = text.split('/') as [string, string];
  const ip = parseIp(addr);
  return { family: ip.family, network: ip.value, prefix: Number(bits) };
}

function inCidr(ip: IpAddress, c: Cidr): boolean {
  if (ip.family !== c.family) return false;
  const shift = BigInt(BITS[c.family] - c.prefix);
  return ip.value >> shift === c.network >> shift;
}

const REFUSED: readonly { cidr: Cidr; reason: AddressRefusal }[] = [
  ['169.254.169.254/32', 'metadata'],
  ['fd00:ec2::254/128', 'metadata'],
  ['0.0.0.0/8', 'unspecified'],
  ['::/128', 'unspecified'],
  ['169.254.0.0/16', 'link-local'],
  ['fe80::/10', 'link-local'],
  ['224.0.0.0/4', 'multicast'],
  ['ff00::/8', 'multicast'],
  ['240.0.0.0/4', 'broadcast-or-reserved'],
].map(([c, reason]) => ({ cidr: cidrOf(c as string), reason: reason as AddressRefusal }));

/** Checked after loopback (::1 lies in ::/96). */
const TRANSLATED: readonly { cidr: Cidr; reason: AddressRefusal }[] = [
  // IPv4-compatible (deprecated), NAT64 and 6to4 reach IPv4 hosts around the IPv4 checks.
  ['::/96', 'translated'],
  ['64:ff9b::/96', 'translated'],
  ['64:ff9b:1::/48', 'translated'],
  ['2002::/16', 'translated'],
].map(([c, reason]) => ({ cidr: cidrOf(c as string), reason: reason as AddressRefusal }));

const LOOPBACK: readonly Cidr[] = [cidrOf('127.0.0.0/8'), cidrOf('::1/128')];

export interface AddressPolicy {
  /** `npm start` and tests: the simulated fleet lives on 127.0.0.0/8. Never in AWS. */
  readonly allowLoopback: boolean;
}

/** The refusal `ip` falls under, or undefined when it may be a BMC. */
export function refusalOf(ip: IpAddress, policy: AddressPolicy): AddressRefusal | undefined {
  for (const r of REFUSED) if (inCidr(ip, r.cidr)) return r.reason;
  if (LOOPBACK.some((c) => inCidr(ip, c))) return policy.allowLoopback ? undefined : 'loopback';
  for (const r of TRANSLATED) if (inCidr(ip, r.cidr)) return r.reason;
  return undefined;
}

const REFUSAL_TEXT: Readonly<Record<AddressRefusal, string>> = {
  'not-ip-literal': 'not an IP address literal',
  unspecified: 'unspecified addresses are not BMCs',
  loopback: 'loopback addresses are only accepted by a local server',
  'link-local': 'link-local addresses are not accepted',
  multicast: 'multicast addresses are not accepted',
  'broadcast-or-reserved': 'broadcast and reserved addresses are not accepted',
  metadata: 'cloud metadata addresses are not accepted',
  translated: 'IPv4-compatible, NAT64 and 6to4 addresses are not accepted; give the IPv4 address',
};

/**
 * The canonical form of a BMC address, or BAD_USER_INPUT on `address` naming why. Run before
 * any range or ownership check.
 */
export function canonicalAddress(text: unknown, policy: AddressPolicy): string {
  let ip: IpAddress;
  try {
    if (typeof text !== 'string') throw new AddressError('not-ip-literal', 'must be an IP address literal');
    ip = parseIp(text);
  } catch (e) {
    throw badInput('address', e instanceof AddressError ? e.message : 'not an IP address literal');
  }
  const refusal = refusalOf(ip, policy);
  if (refusal) throw badInput('address', REFUSAL_TEXT[refusal]);
  return formatIp(ip);
}

/** Parses `a.b.c.d/n` or `v6/n`; the address part in any accepted spelling, host bits zero. */
export function parseCidr(text: string): Cidr {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text);
  if (!m) throw new AddressError('not-ip-literal', `${text}: a range is ADDRESS/PREFIX`);
  const ip = parseIp(m[1] as string);
  const prefix = Number(m[2]);
  if (prefix > BITS[ip.family]) throw new AddressError('not-ip-literal', `${text}: prefix longer than ${BITS[ip.family]} bits`);
  const host = (1n << BigInt(BITS[ip.family] - prefix)) - 1n;
  if ((ip.value & host) !== 0n) {
    throw new AddressError('not-ip-literal', `${text}: host bits are set; the range starts at ${formatCidr({ family: ip.family, network: ip.value & ~host, prefix })}`);
  }
  return { family: ip.family, network: ip.value, prefix };
}

export function formatCidr(c: Cidr): string {
  return `${formatIp({ family: c.family, value: c.network })}/${c.prefix}`;
}

/** Canonical ranges, sorted and without duplicates; BAD_USER_INPUT on `ranges` otherwise. */
export function canonicalRanges(values: unknown, maxRanges = 64): string[] {
  if (!Array.isArray(values)) throw badInput('ranges', 'must be a list of CIDR ranges');
  if (values.length > maxRanges) throw badInput('ranges', `at most ${maxRanges} ranges`);
  const out = new Set<string>();
  for (const v of values) {
    try {
      out.add(formatCidr(parseCidr(String(v))));
    } catch (e) {
      throw badInput('ranges', e instanceof AddressError ? e.message : `${String(v)}: not a CIDR range`);
    }
  }
  return [...out].sort();
}

/** Whether the canonical `address` lies in one of the canonical `ranges`. */
export function inRanges(address: string, ranges: readonly string[]): boolean {
  const ip = parseIp(address);
  return ranges.some((r) => inCidr(ip, parseCidr(r)));
}

/**
 * Whether `ranges` together cover a whole address family (IPv4 or IPv6): not only 0.0.0.0/0,
 * but 0.0.0.0/1 with 128.0.0.0/1, or any other set whose union leaves no gap.
 */
export function coversWholeFamily(ranges: readonly Cidr[]): Family | undefined {
  for (const family of [4, 6] as const) {
    const bits = BITS[family];
    const spans = ranges
      .filter((c) => c.family === family)
      .map((c) => [c.network, c.network + (1n << BigInt(bits - c.prefix)) - 1n] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let next = 0n;
    for (const [start, end] of spans) {
      if (start > next) break;
      if (end + 1n > next) next = end + 1n;
    }
    if (next === 1n << BigInt(bits)) return family;
  }
  return undefined;
}

/** The key under which an endpoint is claimed: canonical address and port. */
export function endpointKey(address: string, port: number): string {
  return `${address}#${port}`;
}
