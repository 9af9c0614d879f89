/**
 * Removes secrets from request parameters before they are written to the audit log
 * (docs/architecture.md section 3: parameters without secrets).
 */
import type { JsonValue } from './types.ts';

/** `community`: an SNMP community string admits its holder to the BMC's traps and, on many BMCs, to SNMP reads. */
const SECRET_KEY = /pass(word)?|secret|token|^kg$|api_?key|credential|authorization|community/i;

export const REDACTED = '[redacted]';

export function redactSecrets(value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redactSecrets);
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redactSecrets(v);
  return out;
}
