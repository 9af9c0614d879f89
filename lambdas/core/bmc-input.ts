/**
 * Validation of BMC registration input: endpoint, cipher suite, privilege, tags and
 * credentials, each failing with BAD_USER_INPUT naming the field.
 */
import { badInput } from './errors.ts';
import { PRIVILEGES, type Privilege } from './types.ts';
import { BmcCredentials, type CredentialsInput } from './credentials.ts';
import { integerIn, oneOf } from './validation.ts';
import { canonicalAddress } from './tenants/address.ts';

/** Cipher suites the library implements (IPMI v2.0 section 22.15.2 Table 22-20). */
export const SUPPORTED_CIPHER_SUITES = [0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17] as const;

const TAG = /^[A-Za-z0-9_.:/=@+-]{1,64}$/;
export const MAX_TAGS = 32;

/**
 * A BMC address in canonical form (tenants/address.ts): IP literals only, every spelling of one
 * address written the same way, never a class that cannot be a BMC. Loopback is accepted here;
 * BmcOwnership applies the stricter policy of a deployment.
 */
export function validateAddress(value: unknown): string {
  return canonicalAddress(value, { allowLoopback: true });
}

export function validatePort(value: unknown): number {
  return integerIn('port', value, 1, 65535);
}

export function validateCipherSuite(value: unknown): number | 'auto' {
  if (value === 'auto') return 'auto';
  if (typeof value !== 'number' || !(SUPPORTED_CIPHER_SUITES as readonly number[]).includes(value)) {
    throw badInput('cipherSuite', `must be 'auto' or one of ${SUPPORTED_CIPHER_SUITES.join(', ')}`);
  }
  return value;
}

export function validatePrivilege(value: unknown): Privilege {
  return oneOf('privilege', value, PRIVILEGES);
}

export function validateTags(value: unknown): string[] {
  if (!Array.isArray(value)) throw badInput('tags', 'must be a list of strings');
  if (value.length > MAX_TAGS) throw badInput('tags', `at most ${MAX_TAGS} tags`);
  const tags = new Set<string>();
  for (const t of value) {
    if (typeof t !== 'string' || !TAG.test(t)) throw badInput('tags', 'each tag is 1-64 of A-Z a-z 0-9 _ . : / = @ + -');
    tags.add(t);
  }
  return [...tags].sort();
}

/**
 * User names are at most 16 bytes and passwords at most 20 bytes in IPMI v2.0
 * (section 13.17 RAKP 1 user name; section 22.30 Set User Password, 20-byte form).
 */
export function sealCredentials(input: CredentialsInput | undefined, field = 'credentials'): BmcCredentials {
  if (!input || typeof input !== 'object') throw badInput(field, 'username and password are required');
  const { username, password, kg } = input;
  if (typeof username !== 'string' || Buffer.byteLength(username) > 16) throw badInput(`${field}.username`, 'must be a string of at most 16 bytes');
  if (typeof password !== 'string' || password.length === 0 || Buffer.byteLength(password) > 20) {
    throw badInput(`${field}.password`, 'must be a non-empty string of at most 20 bytes');
  }
  if (kg !== undefined && (typeof kg !== 'string' || Buffer.byteLength(kg) > 20)) throw badInput(`${field}.kg`, 'must be a string of at most 20 bytes');
  return new BmcCredentials(username, password, kg);
}

/** A BMC id as it may appear in a path or a query: UUID-like, bounded, no surprises. */
export function validateBmcId(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw badInput('id', 'not a valid BMC id');
  return value;
}
