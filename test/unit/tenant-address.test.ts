import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lambdas/core/errors.ts';
import { canonicalAddress, canonicalRanges, coversWholeFamily, endpointKey, inRanges, parseCidr } from '../../lambdas/core/tenants/address.ts';

const aws = { allowLoopback: false };
const local = { allowLoopback: true };

function refusal(text: unknown, policy = aws): string {
  try {
    canonicalAddress(text, policy);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('BAD_USER_INPUT');
    expect((e as DomainError).field).toBe('address');
    return (e as DomainError).message;
  }
  throw new Error(`${String(text)} was accepted`);
}

describe('canonical BMC addresses', () => {
  it('reads every inet_aton spelling of one IPv4 address as the same dotted quad', () => {
    for (const spelling of ['10.1.2.3', '167838211', '0xa010203', '0xA.0x1.0x2.0x3', '012.01.02.03', '012.1.515', '10.66051', '00000012.1.2.3', '::ffff:10.1.2.3', '::FFFF:a01:203', '0:0:0:0:0:ffff:10.1.2.3']) {
      expect(canonicalAddress(spelling, aws), spelling).toBe('10.1.2.3');
    }
  });

  it('writes IPv6 as RFC 5952 says: lower case, no leading zeros, the longest zero run compressed', () => {
    expect(canonicalAddress('2001:0DB8:0000:0000:0001:0000:0000:0001', aws)).toBe('2001:db8::1:0:0:1');
    expect(canonicalAddress('2001:db8:0:1:1:1:1:1', aws)).toBe('2001:db8:0:1:1:1:1:1');
    expect(canonicalAddress('fd12:3456::0:7', aws)).toBe('fd12:3456::7');
  });

  it('refuses host names, spaces, brackets, zone ids and out-of-range parts', () => {
    for (const bad of ['bmc1.example.com', ' 10.0.0.1', '10.0.0.1 ', '10.0.0.256', '1.2.3.4.5', '[2001:db8::1]', 'fe80::1%eth0', '0x', '09.1.1.1', '10..0.1', '', '１０.0.0.1', '10.0.0.1/32', '../10.0.0.1', 42]) {
      expect(refusal(bad), String(bad)).toMatch(/IP address literal/);
    }
  });

  it('refuses link-local, metadata, multicast, unspecified, broadcast and translated forms in every spelling', () => {
    expect(refusal('169.254.169.254')).toMatch(/metadata/);
    expect(refusal('0xa9fea9fe')).toMatch(/metadata/);
    expect(refusal('::ffff:169.254.169.254')).toMatch(/metadata/);
    expect(refusal('fd00:ec2::254')).toMatch(/metadata/);
    expect(refusal('169.254.10.1')).toMatch(/link-local/);
    expect(refusal('fe80::1')).toMatch(/link-local/);
    expect(refusal('224.0.0.1')).toMatch(/multicast/);
    expect(refusal('ff02::1')).toMatch(/multicast/);
    expect(refusal('0.0.0.0')).toMatch(/unspecified/);
    expect(refusal('0')).toMatch(/unspecified/);
    expect(refusal('::')).toMatch(/unspecified/);
    expect(refusal('255.255.255.255')).toMatch(/broadcast/);
    expect(refusal('64:ff9b::a01:203')).toMatch(/NAT64/);
    expect(refusal('::10.1.2.3')).toMatch(/IPv4-compatible/);
    expect(refusal('2002:a01:203::1')).toMatch(/6to4/);
  });

  it('refuses loopback outside local mode, in any spelling, and accepts it locally', () => {
    for (const l of ['127.0.0.1', '2130706433', '0x7f000001', '0177.0.0.1', '127.1', '::1', '::ffff:127.0.0.1']) {
      expect(refusal(l), l).toMatch(/loopback/);
    }
    expect(canonicalAddress('0x7f.1', local)).toBe('127.0.0.1');
    expect(canonicalAddress('::1', local)).toBe('::1');
  });

  it('keys an endpoint by canonical address and port', () => {
    expect(endpointKey(canonicalAddress('012.0.0.1', aws), 623)).toBe(endpointKey(canonicalAddress('10.0.0.1', aws), 623));
    expect(endpointKey('10.0.0.1', 623)).not.toBe(endpointKey('10.0.0.1', 624));
  });
});

describe('management ranges', () => {
  it('canonicalises, sorts and deduplicates ranges', () => {
    expect(canonicalRanges(['10.2.0.0/16', '012.1.0.0/16', '10.2.0.0/16', '2001:DB8::/32'])).toEqual(['10.1.0.0/16', '10.2.0.0/16', '2001:db8::/32']);
  });

  it('refuses ranges with host bits set, naming the range that was meant', () => {
    expect(() => canonicalRanges(['10.1.2.3/16'])).toThrow(/host bits are set; the range starts at 10\.1\.0\.0\/16/);
    expect(() => canonicalRanges(['10.0.0.0/33'])).toThrow(/prefix longer than 32/);
    expect(() => canonicalRanges(['10.0.0.0'])).toThrow(/ADDRESS\/PREFIX/);
    expect(() => canonicalRanges('10.0.0.0/8')).toThrow(/list/);
  });

  it('tells whether an address is inside', () => {
    const ranges = canonicalRanges(['10.1.0.0/16', '2001:db8::/32']);
    expect(inRanges('10.1.255.255', ranges)).toBe(true);
    expect(inRanges('10.2.0.0', ranges)).toBe(false);
    expect(inRanges('2001:db8:ffff::1', ranges)).toBe(true);
    expect(inRanges('2001:db9::1', ranges)).toBe(false);
  });

  it('finds sets of ranges that together cover a whole family, not only /0', () => {
    const cover = (...r: string[]) => coversWholeFamily(r.map(parseCidr));
    expect(cover('0.0.0.0/0')).toBe(4);
    expect(cover('0.0.0.0/1', '128.0.0.0/1')).toBe(4);
    expect(cover('128.0.0.0/2', '0.0.0.0/1', '192.0.0.0/2', '10.0.0.0/8')).toBe(4);
    expect(cover('::/1', '8000::/1')).toBe(6);
    expect(cover('0.0.0.0/1', '128.0.0.0/2', '192.0.0.0/3', '224.0.0.0/4')).toBeUndefined();
    expect(cover('10.0.0.0/8', '::/1')).toBeUndefined();
  });
});
