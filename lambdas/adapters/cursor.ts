/**
 * Opaque page cursors: base64url JSON of the position plus the tenant it was issued for.
 * A cursor presented by another tenant, or edited, is rejected as BAD_USER_INPUT instead of
 * being fed to the store (where it could start a scan in someone else's partition).
 */
import { badInput } from '../core/errors.ts';

export function encodeCursor(tenantId: string, position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify({ t: tenantId, p: position }), 'utf8').toString('base64url');
}

export function decodeCursor(tenantId: string, cursor: string | null | undefined): Record<string, string | number> | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput('cursor', 'not a valid cursor');
  }
  if (!parsed || typeof parsed !== 'object' || (parsed as { t?: unknown }).t !== tenantId) throw badInput('cursor', 'not a valid cursor');
  const p = (parsed as { p?: unknown }).p;
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw badInput('cursor', 'not a valid cursor');
  for (const v of Object.values(p)) if (typeof v !== 'string' && typeof v !== 'number') throw badInput('cursor', 'not a valid cursor');
  return p as Record<string, string | number>;
}
