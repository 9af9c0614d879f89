/**
 * BMC lookups on behalf of a principal: the one place where tenant isolation and key scopes
 * (key-scope.ts) are applied to reads of the registry. A BMC of another tenant, or of the
 * caller's tenant outside its key's tags, is answered exactly as a missing one.
 */
import type { BmcFilter, BmcRepository } from './ports.ts';
import type { Bmc, Page, PageRequest, Principal } from './types.ts';
import { reaches } from './key-scope.ts';

type Fresh = { readonly fresh?: boolean };

export async function bmcFor(repo: BmcRepository, principal: Principal, id: string, options?: Fresh): Promise<Bmc | undefined> {
  const bmc = await repo.get(principal.tenantId, id, options);
  return bmc && reaches(principal, bmc) ? bmc : undefined;
}

export async function bmcsFor(repo: BmcRepository, principal: Principal, ids: readonly string[]): Promise<Bmc[]> {
  return (await repo.getMany(principal.tenantId, ids)).filter((b) => reaches(principal, b));
}

/**
 * A page of the principal's BMCs. With one scope tag and no tag filter the store filters by it;
 * otherwise the page is filtered here, so a page may hold fewer items than asked for (its cursor
 * still continues the listing).
 */
export async function listFor(repo: BmcRepository, principal: Principal, filter: BmcFilter, page: PageRequest, options?: Fresh): Promise<Page<Bmc>> {
  const scoped = principal.scope?.tags;
  const pushed = scoped?.length === 1 && (filter.tags === undefined || filter.tags.length === 0) ? { ...filter, tags: scoped } : filter;
  const result = await repo.list(principal.tenantId, pushed, page, options);
  return scoped ? { items: result.items.filter((b) => reaches(principal, b)), nextCursor: result.nextCursor } : result;
}
