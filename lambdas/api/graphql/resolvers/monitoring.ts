/** Fleet monitoring: events, health changes, the policy, and the BMC's history and predictions. */
import { isDomainError } from '../../../core/errors.ts';
import type { MonitoringPolicyInput } from '../../../core/monitoring/policy.ts';
import type { EventFilter as CoreEventFilter } from '../../../core/monitoring/ports.ts';
import type { MonitorEventKind, EventSeverity } from '../../../core/monitoring/model.ts';
import type { Bmc } from '../../../core/types.ts';
import type {
  BmcHealthChangeResolvers,
  BmcResolvers,
  EventFilter,
  EventResolvers,
  MutationResolvers,
  QueryResolvers,
  SetMonitoringPolicyInput,
} from '../../generated/graphql.ts';
import { paginate } from '../../pagination.ts';
import type { GraphQLContext } from '../context.ts';

function filterOf(filter: EventFilter | null | undefined): CoreEventFilter {
  if (!filter) return {};
  return {
    // The core checks each value against the known kinds and severities.
    ...(filter.kinds != null && { kinds: filter.kinds as readonly MonitorEventKind[] }),
    ...(filter.severities != null && { severities: filter.severities as readonly EventSeverity[] }),
    ...(filter.bmcId != null && { bmcId: filter.bmcId }),
    ...(filter.from != null && { from: filter.from }),
    ...(filter.to != null && { to: filter.to }),
  };
}

function policyInput(input: SetMonitoringPolicyInput): MonitoringPolicyInput {
  return {
    ...(input.enabled != null && { enabled: input.enabled }),
    ...(input.historyDays != null && { historyDays: input.historyDays }),
    ...(input.rules != null && {
      rules: input.rules.map((r) => ({
        tag: r.tag ?? null,
        ...(r.intervalSeconds != null && { intervalSeconds: r.intervalSeconds }),
        ...(r.collect != null && {
          collect: { ...(r.collect.power != null && { power: r.collect.power }), ...(r.collect.sensors != null && { sensors: r.collect.sensors }), ...(r.collect.sel != null && { sel: r.collect.sel }) },
        }),
      })),
    }),
  };
}

/** The BMC an event or state names, or null when it was removed since. */
async function bmcOrNull(bmcId: string | null, { caller, services }: GraphQLContext): Promise<Bmc | null> {
  if (bmcId === null) return null;
  try {
    return await services.bmcs.get(caller, bmcId);
  } catch (e) {
    if (isDomainError(e) && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

export const monitoringQueryResolvers: Pick<QueryResolvers, 'events' | 'healthChanges' | 'monitoringPolicy'> = {
  events: (_parent, { filter, first, after }, { caller, services }) => paginate({ caller, services }, { first, after }, (page) => services.monitoring.events(caller, filterOf(filter), page)),
  healthChanges: (_parent, { since, first, after }, { caller, services }) => paginate({ caller, services }, { first, after }, (page) => services.monitoring.healthChanged(caller, since, page)),
  monitoringPolicy: (_parent, _args, { caller, services }) => services.monitoring.policy(caller),
};

export const monitoringMutationResolvers: Pick<MutationResolvers, 'setMonitoringPolicy'> = {
  setMonitoringPolicy: (_parent, { input }, { caller, services }) => services.monitoring.setPolicy(caller, policyInput(input)),
};

export const monitoringBmcResolvers: Pick<BmcResolvers, 'sensorHistory' | 'monitorHistory' | 'predictions' | 'lastSeen'> = {
  sensorHistory: (bmc, { name, from, to }, { caller, services }) => services.monitoring.sensorHistory(caller, bmc.id, name, { from: from ?? null, to: to ?? null }),
  monitorHistory: async (bmc, { from, to, first }, { caller, services }) =>
    (await services.monitoring.history(caller, bmc.id, { from: from ?? null, to: to ?? null }, { limit: first ?? 100 })).items,
  predictions: (bmc, _args, { caller, services }) => services.monitoring.predictions(caller, bmc.id),
  lastSeen: (bmc, _args, { caller, services }) => services.monitoring.lastSeen(caller, bmc.id),
};

/** The other fields resolve from the event itself. */
export const eventResolvers: Pick<EventResolvers, 'bmc'> = {
  bmc: (e, _args, context) => bmcOrNull(e.bmcId, context),
};

/** `bmcId`, `health` and `power` resolve from the state's own fields. */
export const bmcHealthChangeResolvers: Pick<BmcHealthChangeResolvers, 'bmc' | 'changedAt'> = {
  bmc: (s, _args, context) => bmcOrNull(s.bmcId, context),
  changedAt: (s) => s.healthChangedAt ?? s.updatedAt,
};
