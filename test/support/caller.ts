/** The caller of a core service in tests: a principal of `tenantId` with `role`. */
import type { Caller, Role } from '../../lambdas/core/types.ts';

export function caller(role: Role, tenantId = 'acme', actor = `user:${role}`, requestId = 'req-1'): Caller {
  return { principal: { tenantId, role, actor }, requestId, source: 'test' };
}
