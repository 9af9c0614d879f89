/** Filter predicates shared by the in-memory adapters and the post-filtering of DynamoDB pages. */
import type { AuditFilter, BmcFilter } from '../core/ports.ts';
import type { AuditEvent, Bmc } from '../core/types.ts';

export function matchesBmc(bmc: Bmc, filter: BmcFilter): boolean {
  if (filter.tags && !filter.tags.every((t) => bmc.tags.includes(t))) return false;
  if (filter.nameContains && !bmc.name.toLowerCase().includes(filter.nameContains.toLowerCase())) return false;
  if (filter.health && bmc.health !== filter.health) return false;
  return true;
}

export function matchesAudit(e: AuditEvent, f: AuditFilter): boolean {
  if (f.from && e.time < f.from) return false;
  if (f.to && e.time >= f.to) return false;
  if (f.actor && e.actor !== f.actor) return false;
  if (f.target && e.target !== f.target) return false;
  if (f.action && e.action !== f.action) return false;
  if (f.outcome && e.outcome !== f.outcome) return false;
  return true;
}
