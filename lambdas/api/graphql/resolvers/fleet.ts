/**
 * Fleet operations: one request over many BMCs, one result per BMC. A BMC that fails is a
 * BmcError member of its result's union, so one unreachable BMC never fails the request.
 */
import type { FleetResult, FleetSelector } from '../../../core/services/fleet-service.ts';
import type { PowerState, SensorReading } from '../../../core/bmc-data.ts';
import { badInput, isDomainError } from '../../../core/errors.ts';
import type {
  BmcError,
  FleetPowerStatusResultResolvers,
  FleetSensorsResultResolvers,
  FleetTargetInput,
  MutationResolvers,
  PowerStatus,
  PowerStatusOutcomeResolvers,
  QueryResolvers,
  SensorList,
  SensorsOutcomeResolvers,
} from '../../generated/graphql.ts';
import type { GraphQLContext } from '../context.ts';
import { jobModel } from '../models.ts';

export function fleetSelector(target: FleetTargetInput): FleetSelector {
  const hasIds = target.ids != null;
  const hasTags = target.tags != null;
  if (hasIds === hasTags) throw badInput('target', 'give exactly one of ids or tags');
  return target.ids != null ? { ids: target.ids } : { tags: target.tags ?? [] };
}

function summary(results: readonly FleetResult[]) {
  const succeeded = results.filter((r) => r.ok).length;
  return { total: results.length, succeeded, failed: results.length - succeeded };
}

function bmcError(result: FleetResult & { ok: false }): BmcError & { __typename: 'BmcError' } {
  const { code, message, completionCode } = result.error;
  return { __typename: 'BmcError', code, message, completionCode: completionCode ?? null };
}

/** The BMC of a result, read only when the client asks for it; null when the id named none. */
async function bmcOf(result: FleetResult, { caller, services }: GraphQLContext) {
  if (!result.ok && result.error.code === 'NOT_FOUND') return null;
  try {
    return await services.bmcs.get(caller, result.bmcId);
  } catch (e) {
    if (isDomainError(e) && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

const byTypename = <T extends string>(value: { __typename?: T }): T => {
  if (value.__typename === undefined) throw new Error('fleet outcome without __typename');
  return value.__typename;
};

export const fleetQueryResolvers: Pick<QueryResolvers, 'fleetPowerStatus' | 'fleetSensors'> = {
  fleetPowerStatus: async (_parent, { target }, { caller, services }) => {
    const results = await services.fleet.run(caller, fleetSelector(target), { kind: 'powerStatus' });
    return { results, summary: summary(results) };
  },
  fleetSensors: async (_parent, { target }, { caller, services }) => {
    const results = await services.fleet.run(caller, fleetSelector(target), { kind: 'sensors' });
    return { results, summary: summary(results) };
  },
};

/** A fleet power action is a job (it may outlive the request); the payload is the queued job. */
export const fleetMutationResolvers: Pick<MutationResolvers, 'fleetPowerAction'> = {
  fleetPowerAction: async (_parent, { input }, { caller, services }) => ({
    job: jobModel(await services.jobs.startFleet(caller, fleetSelector(input.target), { kind: 'fleet.power', action: input.action })),
  }),
};

export const fleetPowerStatusResultResolvers: FleetPowerStatusResultResolvers = {
  bmcId: (r) => r.bmcId,
  bmc: (r, _args, context) => bmcOf(r, context),
  outcome: (r): (PowerStatus & { __typename: 'PowerStatus' }) | ReturnType<typeof bmcError> =>
    r.ok ? { __typename: 'PowerStatus', state: r.value as PowerState } : bmcError(r),
};

export const fleetSensorsResultResolvers: FleetSensorsResultResolvers = {
  bmcId: (r) => r.bmcId,
  bmc: (r, _args, context) => bmcOf(r, context),
  outcome: (r): (SensorList & { __typename: 'SensorList' }) | ReturnType<typeof bmcError> =>
    r.ok ? { __typename: 'SensorList', sensors: r.value as SensorReading[] } : bmcError(r),
};

export const fleetUnionResolvers: {
  PowerStatusOutcome: PowerStatusOutcomeResolvers;
  SensorsOutcome: SensorsOutcomeResolvers;
} = {
  PowerStatusOutcome: { __resolveType: byTypename },
  SensorsOutcome: { __resolveType: byTypename },
};
