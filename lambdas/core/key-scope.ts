/**
 * Scopes of API keys: a key may be narrowed, on top of its role, to the BMCs that carry one of
 * some tags and to a subset of its role's permissions. The scope travels in the Principal, and is
 * enforced where tenant isolation is: BMC lookups by principal (scoped-bmcs.ts) answer as if an
 * out-of-scope BMC did not exist (NOT_FOUND), and `denialFor` refuses an out-of-scope permission
 * (FORBIDDEN, audited by AuditService.authorize).
 */
import type { Bmc, Principal, Role } from './types.ts';
import { badInput, forbidden, type DomainError } from './errors.ts';
import { PERMISSIONS, ROLE_PERMISSIONS, TENANT_WIDE, type Permission } from './authorization.ts';
import { validateTags } from './bmc-input.ts';

export interface KeyScope {
  /** The key reaches the BMCs carrying at least one of these tags; absent: every BMC of the tenant. */
  readonly tags?: readonly string[];
  /** The permissions the key may use, each one its role's; absent: all of its role's. */
  readonly operations?: readonly Permission[];
}

const MAX_SCOPE_TAGS = 32;

/** A scope as a caller writes it; each part null or absent when it narrows nothing. */
export interface ScopeInput {
  readonly tags?: readonly string[] | null | undefined;
  readonly operations?: readonly string[] | null | undefined;
}

/** A scope as the caller gave it, checked against the key's role; undefined when it narrows nothing. */
export function validateScope(input: ScopeInput | null | undefined, role: Role): KeyScope | undefined {
  if (input === null || input === undefined) return undefined;
  const out: { tags?: string[]; operations?: Permission[] } = {};
  if (input.tags !== undefined && input.tags !== null) {
    const tags = validateTags(input.tags);
    if (tags.length === 0) throw badInput('scope.tags', 'at least one tag, or omit it for every BMC');
    if (tags.length > MAX_SCOPE_TAGS) throw badInput('scope.tags', `at most ${MAX_SCOPE_TAGS} tags`);
    out.tags = tags;
  }
  if (input.operations !== undefined && input.operations !== null) {
    if (!Array.isArray(input.operations) || input.operations.length === 0) throw badInput('scope.operations', 'at least one operation, or omit it for all of the role');
    const ops = new Set<Permission>();
    for (const op of input.operations) {
      if (!(PERMISSIONS as readonly string[]).includes(op)) throw badInput('scope.operations', `unknown operation ${String(op).slice(0, 64)}; one of ${PERMISSIONS.join(', ')}`);
      if (!ROLE_PERMISSIONS[role].has(op as Permission)) throw badInput('scope.operations', `role ${role} has no ${op}`);
      ops.add(op as Permission);
    }
    out.operations = [...ops].sort();
  }
  if (out.tags && (out.operations ?? [...ROLE_PERMISSIONS[role]]).some((p) => TENANT_WIDE.has(p))) {
    throw badInput('scope.operations', `a tag-scoped key may not hold ${[...TENANT_WIDE].join(', ')}: name its operations without them`);
  }
  return out.tags || out.operations ? out : undefined;
}

/** Whether a BMC (of any tenant) is one the principal may know of. */
export function reaches(principal: Principal, bmc: Pick<Bmc, 'tenantId' | 'tags'>): boolean {
  if (bmc.tenantId !== principal.tenantId) return false;
  return tagsInScope(principal, bmc.tags);
}

/** Whether a BMC carrying these tags lies within the principal's tags (always, without a tag scope). */
export function tagsInScope(principal: Principal, tags: readonly string[]): boolean {
  const scoped = principal.scope?.tags;
  return !scoped || tags.some((t) => scoped.includes(t));
}

/**
 * Whether a job is one the principal may know of: a tag-scoped key sees the jobs it started
 * (they touch only its BMCs), not the tenant's others, whose tasks name BMCs beyond its tags.
 */
export function seesJob(principal: Principal, job: { readonly startedBy: Principal }): boolean {
  return !principal.scope?.tags || (principal.keyId !== undefined && job.startedBy.keyId === principal.keyId);
}

/**
 * The refusal of a key that a principal wants to create with a wider reach than its own (a scoped
 * admin must not mint an unscoped key), or null.
 */
export function widerScope(creator: Principal, scope: KeyScope | undefined): DomainError | null {
  const mine = creator.scope;
  if (!mine) return null;
  if (mine.tags && !(scope?.tags && scope.tags.every((t) => mine.tags?.includes(t)))) return forbidden('a scoped key may only create keys within its own tags');
  if (mine.operations && !(scope?.operations && scope.operations.every((o) => mine.operations?.includes(o)))) return forbidden('a scoped key may only create keys within its own operations');
  return null;
}

/** The scope as one string for contexts that carry strings only (API Gateway's authorizer context). */
export function encodeScope(scope: KeyScope | undefined): string {
  return scope ? JSON.stringify(scope) : '';
}

/** Back from encodeScope; anything malformed is refused rather than read as "no scope". */
export function decodeScope(text: unknown): KeyScope | undefined | 'invalid' {
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') return 'invalid';
  try {
    const parsed = JSON.parse(text) as { tags?: unknown; operations?: unknown };
    const strings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((s) => typeof s === 'string'));
    if (typeof parsed !== 'object' || parsed === null || !strings(parsed.tags) || !strings(parsed.operations)) return 'invalid';
    if (Array.isArray(parsed.operations) && !parsed.operations.every((o) => (PERMISSIONS as readonly string[]).includes(o as string))) return 'invalid';
    return {
      ...(Array.isArray(parsed.tags) && { tags: parsed.tags as string[] }),
      ...(Array.isArray(parsed.operations) && { operations: parsed.operations as Permission[] }),
    };
  } catch {
    return 'invalid';
  }
}
