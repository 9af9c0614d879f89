import { describe, expect, it } from 'vitest';
import { UsageError } from '../../lambdas/cli/errors.ts';
import { expandHostRange, MAX_HOSTS } from '../../lambdas/cli/host-range.ts';

const names = (text: string, max?: number) => expandHostRange(text, 623, max).map((t) => t.label);

describe('FreeIPMI-style host ranges', () => {
  it('expands a zero-padded range in a name, keeping the width of the lower bound', () => {
    const hosts = names('rack1-bmc[01-40]');
    expect(hosts).toHaveLength(40);
    expect(hosts.slice(0, 2)).toEqual(['rack1-bmc01', 'rack1-bmc02']);
    expect(hosts.at(-1)).toBe('rack1-bmc40');
  });

  it('expands the last octet of an address, lists and ranges mixed', () => {
    expect(names('10.0.0.[1-3,7]')).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.7']);
  });

  it('takes comma-separated items, several groups (multiplied) and ports, also as a range', () => {
    expect(names('a[1-2]b[1-2],c')).toEqual(['a1b1', 'a1b2', 'a2b1', 'a2b2', 'c']);
    const targets = expandHostRange('127.0.0.1:[6230-6232]', 623);
    expect(targets.map((t) => [t.host, t.port])).toEqual([['127.0.0.1', 6230], ['127.0.0.1', 6231], ['127.0.0.1', 6232]]);
  });

  it('leaves plain hosts and IPv6 literals alone, with the default port', () => {
    expect(expandHostRange('bmc1.example', 6230)).toEqual([{ host: 'bmc1.example', port: 6230, label: 'bmc1.example' }]);
    expect(expandHostRange('[::1]:7000', 623)).toEqual([{ host: '::1', port: 7000, label: '[::1]:7000' }]);
    expect(expandHostRange('::1', 623)[0]).toMatchObject({ host: '::1', port: 623 });
  });

  it('drops duplicates', () => {
    expect(names('h[1-2],h2,h[2-3]')).toEqual(['h1', 'h2', 'h3']);
  });

  it.each([
    ['', /empty/],
    ['h[1-', /unclosed/],
    ['h1-2]', /unmatched/],
    ['h[3-1]', /runs backwards/],
    ['h[a-b]', /malformed range/],
    ['h[1--2]', /malformed range/],
    ['h[[1-2]]', /nested/],
    ['a,,b', /empty item/],
    ['h:[1-2]x', /expected host\[:port\]/],
    ['h:99999', /port: must be 1-65535/],
  ])('"%s" is a usage error', (text, message) => {
    expect(() => expandHostRange(text, 623)).toThrow(UsageError);
    expect(() => expandHostRange(text, 623)).toThrow(message);
  });

  it(`caps the expansion at ${MAX_HOSTS} hosts before building the list`, () => {
    expect(names('h[1-1024]')).toHaveLength(1024);
    expect(() => names('h[1-1025]')).toThrow(/more than 1024 hosts/);
    expect(() => names('h[0-99999999999]')).toThrow(/more than 1024 hosts/);
    expect(() => names('a[1-100]b[1-100]')).toThrow(/more than 1024 hosts/);
    expect(() => names('h[1-3]', 2)).toThrow(/more than 2 hosts/);
  });
});
