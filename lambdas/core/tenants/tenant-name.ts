/**
 * The one canonical form of a tenant id: what keys, partitions, Secrets Manager paths and audit
 * chains are named by, so it must never have two spellings (docs/tenants.md).
 */
import { badInput } from '../errors.ts';

export const TENANT_ID_PATTERN = /^[a-z](?:[a-z0-9]|-(?!-)){1,38}[a-z0-9]$/;
export const TENANT_ID_RULE = '3-40 characters of a-z, 0-9 and single hyphens, starting with a letter and ending with a letter or digit';

/** Names that would read as something other than a tenant in logs, paths and chains. */
const RESERVED = new Set(['operator', 'platform', 'system', 'admin', 'root', 'aws', 'bmc', 'api', 'claim']);

/** The tenant id `value` names, or BAD_USER_INPUT on `field` saying what is wrong. */
export function validateTenantId(value: unknown, field = 'tenant'): string {
  if (typeof value !== 'string') throw badInput(field, 'must be a string');
  if (value.length === 0) throw badInput(field, 'must not be empty');
  if (/\s/.test(value)) throw badInput(field, 'must not contain whitespace');
  // Unicode look-alikes (Cyrillic а, full-width letters, ...) never become a second spelling.
  if (/[^\x20-\x7e]/.test(value)) throw badInput(field, 'must be ASCII: letters a-z, digits and hyphens only');
  if (/[/\\.:%#?*@]/.test(value)) throw badInput(field, 'must not contain path or separator characters');
  if (value !== value.toLowerCase()) throw badInput(field, `must be lower case (${value.toLowerCase()}?)`);
  if (!TENANT_ID_PATTERN.test(value)) throw badInput(field, `must be ${TENANT_ID_RULE}`);
  if (value.startsWith('xn--') || RESERVED.has(value)) throw badInput(field, `${value} is reserved`);
  return value;
}
