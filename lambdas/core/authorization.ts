/**
 * The role matrix (docs/architecture.md section 3) as data: viewer reads, operator also acts on
 * power, boot, identify and SOL, admin also manages BMCs, credentials, keys and the SEL,
 * configures the BMCs themselves (users, LAN, PEF, thresholds...) and sends raw commands,
 * auditor reads the audit log only. Admins may read the audit log too (they answer for
 * the tenant) but, like everyone, can never change it; only admins change the tenant's settings.
 * A key's scope narrows its role further (key-scope.ts).
 */
import type { Principal, Role, TenantId } from './types.ts';
import { DomainError, forbidden } from './errors.ts';

export const PERMISSIONS = [
  'bmc:read',
  'bmc:power',
  'bmc:boot',
  'bmc:identify',
  'bmc:sol',
  'bmc:sel-clear',
  'bmc:configure',
  'bmc:raw',
  'bmc:manage',
  'bmc:credentials',
  'apikey:manage',
  'audit:read',
  'tenant:settings',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: readonly Permission[] = ['bmc:read'];
const OPERATOR: readonly Permission[] = [...VIEWER, 'bmc:power', 'bmc:boot', 'bmc:identify', 'bmc:sol'];
const ADMIN: readonly Permission[] = [...OPERATOR, 'bmc:sel-clear', 'bmc:configure', 'bmc:raw', 'bmc:manage', 'bmc:credentials', 'apikey:manage', 'audit:read', 'tenant:settings'];
const AUDITOR: readonly Permission[] = ['audit:read'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  viewer: new Set(VIEWER),
  operator: new Set(OPERATOR),
  admin: new Set(ADMIN),
  auditor: new Set(AUDITOR),
};

/**
 * Permissions whose objects span the whole tenant (every BMC's audit events, every key, the
 * tenant's settings): a key bound to some BMCs' tags could see or widen past them, so it may not
 * use them (key-scope.ts).
 */
export const TENANT_WIDE: ReadonlySet<Permission> = new Set(['apikey:manage', 'audit:read', 'tenant:settings']);

/** Whether the principal's key scope (key-scope.ts) lets it use a permission its role has. */
export function scopeAllows(principal: Principal, permission: Permission): boolean {
  const scope = principal.scope;
  if (!scope) return true;
  if (scope.operations && !scope.operations.includes(permission)) return false;
  return !(scope.tags && TENANT_WIDE.has(permission));
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/**
 * The error that refuses one request, or null when it is allowed. A principal of another
 * tenant gets NOT_FOUND, never FORBIDDEN, so that the existence of other tenants' objects is
 * not revealed.
 */
export function denialFor(principal: Principal, permission: Permission, tenantId: TenantId = principal.tenantId): DomainError | null {
  if (principal.tenantId !== tenantId) return new DomainError('NOT_FOUND', 'not found');
  if (!can(principal.role, permission)) return forbidden(`role ${principal.role} may not ${permission}`);
  if (!scopeAllows(principal, permission)) return forbidden(`this key's scope does not include ${permission}`);
  return null;
}
