/** The tenant's settings (read audit) and the access log of successful reads. */
import type { AccessFilter } from '../../../core/ports.ts';
import type { AccessRecordFilter, MutationResolvers, QueryResolvers } from '../../generated/graphql.ts';
import { paginate } from '../../pagination.ts';

function filterOf(filter: AccessRecordFilter | null | undefined): AccessFilter {
  if (!filter) return {};
  return {
    ...(filter.bmcId != null && { bmcId: filter.bmcId }),
    ...(filter.from != null && { from: filter.from }),
    ...(filter.to != null && { to: filter.to }),
  };
}

export const tenantQueryResolvers: Pick<QueryResolvers, 'tenantSettings' | 'accessLog'> = {
  tenantSettings: (_parent, _args, { caller, services }) => services.tenantSettings.get(caller),
  accessLog: (_parent, { filter, first, after }, { caller, services }) => paginate({ caller, services }, { first, after }, (page) => services.access.query(caller, filterOf(filter), page)),
};

export const tenantMutationResolvers: Pick<MutationResolvers, 'updateTenantSettings'> = {
  updateTenantSettings: (_parent, { input }, { caller, services }) =>
    services.tenantSettings.update(caller, {
      ...(input.readAudit != null && { readAudit: input.readAudit }),
      ...(input.readAuditIntervalSeconds != null && { readAuditIntervalSeconds: input.readAuditIntervalSeconds }),
      ...(input.rawCommands != null && { rawCommands: input.rawCommands }),
    }),
};
