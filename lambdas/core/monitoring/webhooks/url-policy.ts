/**
 * Which URLs a webhook may call. A webhook makes the control plane send requests where a tenant
 * says, from inside the VPC that reaches the management network: aimed at loopback, link-local
 * (the instance metadata service) or private ranges it would let a tenant probe that network.
 * So the host is resolved at creation and again at each delivery, and every address it resolves to must be public,
 * unless an operator setting allows private ranges (local mode allows loopback). Refusals say
 * which rule refused, never what the name resolved to.
 */
import { isIP } from 'node:net';
import { badInput } from '../../errors.ts';
import type { HostResolver } from './model.ts';

export const MAX_URL_LENGTH = 2048;
export const MIN_SECRET_LENGTH = 16;
export const MAX_SECRET_LENGTH = 256;

export interface UrlPolicy {
  /** Allow 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7 (an operator's own receivers). */
  readonly allowPrivate: boolean;
  /** Allow 127/8 and ::1 (local mode only). */
  readonly allowLoopback: boolean;
  /** Allow plain http (local mode); in AWS deliveries go over https. */
  readonly allowHttp: boolean;
}

function v4(a: string): number[] | null {
  const parts = a.split('.').map(Number);
  return parts.length === 4 && parts.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? parts : null;
}

/** The forbidden class of an address, or null when it is public. */
export function addressClass(address: string): 'loopback' | 'link-local' | 'private' | 'unspecified' | null {
  const lower = address.toLowerCase();
  // IPv4-mapped IPv6 (::ffff:a.b.c.d, which URL parsing rewrites as ::ffff:xxxx:xxxx) is the IPv4 address.
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  const mapped = hex ? [parseInt(hex[1]!, 16) >> 8, parseInt(hex[1]!, 16) & 0xff, parseInt(hex[2]!, 16) >> 8, parseInt(hex[2]!, 16) & 0xff].join('.') : dotted;
  const p = v4(mapped ?? lower);
  if (p) {
    const [a, b] = p as [number, number];
    if (a === 127) return 'loopback';
    if (a === 169 && b === 254) return 'link-local';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return 'private';
    if (a === 0 || a >= 224) return 'unspecified';
    return null;
  }
  if (lower === '::1') return 'loopback';
  if (lower === '::') return 'unspecified';
  if (/^fe[89ab]/.test(lower)) return 'link-local';
  if (/^f[cd]/.test(lower)) return 'private';
  return null;
}

/** Checks a webhook URL; throws BAD_USER_INPUT naming the rule broken. */
export async function checkUrl(raw: unknown, policy: UrlPolicy, resolve: HostResolver): Promise<string> {
  if (typeof raw !== 'string' || raw.length === 0) throw badInput('url', 'is required');
  if (raw.length > MAX_URL_LENGTH) throw badInput('url', `is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badInput('url', 'is not a valid absolute URL');
  }
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) throw badInput('url', policy.allowHttp ? 'must use http or https' : 'must use https');
  if (url.username || url.password) throw badInput('url', 'must not carry credentials');
  if (url.hash) throw badInput('url', 'must not have a fragment');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: readonly string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) throw badInput('url', 'host name does not resolve');
  }
  const refused = refusedClass(addresses, policy);
  if (refused) throw badInput('url', `resolves to a ${refused} address, which webhooks may not call`);
  return url.toString();
}

/**
 * The first forbidden class among `addresses` under `policy`, or null when every one may be
 * called. Creation checks the name with it, and each delivery checks it again on the addresses it
 * is about to connect to (a name may point elsewhere since: DNS rebinding).
 */
export function refusedClass(addresses: readonly string[], policy: UrlPolicy): ReturnType<typeof addressClass> {
  for (const a of addresses) {
    const cls = addressClass(a);
    if (cls === null) continue;
    if (cls === 'loopback' && policy.allowLoopback) continue;
    if (cls === 'private' && policy.allowPrivate) continue;
    return cls;
  }
  return null;
}

export function checkSecret(raw: unknown): string {
  if (typeof raw !== 'string') throw badInput('secret', 'must be a string');
  if (raw.length < MIN_SECRET_LENGTH) throw badInput('secret', `must be at least ${MIN_SECRET_LENGTH} characters`);
  if (raw.length > MAX_SECRET_LENGTH) throw badInput('secret', `must be at most ${MAX_SECRET_LENGTH} characters`);
  if (!/^[\x21-\x7e]+$/.test(raw)) throw badInput('secret', 'must be printable ASCII without spaces');
  return raw;
}
