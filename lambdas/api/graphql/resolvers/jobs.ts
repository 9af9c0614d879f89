/**
 * Jobs: `job`, `jobs`, `cancelJob`, `startFleetReadJob`, and the Job and JobTask fields. A
 * task's result is typed by its job's kind; a task's error is a BmcError, as in fleet results.
 */
import { isDomainError } from '../../../core/errors.ts';
import type { JobKind } from '../../../core/jobs/types.ts';
import type { PowerActionResult as DomainPowerActionResult, PowerState, SensorReading, SolCapture } from '../../../core/bmc-data.ts';
import type { RotationResult } from '../../../core/services/bmc-service.ts';
import type { JobResolvers, JobTaskResolvers, JobTaskResultResolvers, MutationResolvers, QueryResolvers } from '../../generated/graphql.ts';
import { paginate } from '../../pagination.ts';
import type { GraphQLContext } from '../context.ts';
import { jobModel, type JobTaskModel } from '../models.ts';
import { fleetSelector } from './fleet.ts';

export const jobQueryResolvers: Pick<QueryResolvers, 'job' | 'jobs'> = {
  job: async (_parent, { id }, { caller, services }) => jobModel(await services.jobs.get(caller, id)),
  jobs: (_parent, { first, after, filter }, { caller, services }) =>
    paginate({ caller, services }, { first, after }, async (page) => {
      const filterIn = { ...(filter?.state != null && { state: filter.state }), ...(filter?.kind != null && { kind: filter.kind as JobKind }) };
      const jobs = await services.jobs.list(caller, filterIn, page);
      return { items: jobs.items.map(jobModel), nextCursor: jobs.nextCursor };
    }),
};

export const jobMutationResolvers: Pick<MutationResolvers, 'cancelJob' | 'startFleetReadJob'> = {
  cancelJob: async (_parent, { id }, { caller, services }) => jobModel(await services.jobs.cancel(caller, id)),
  startFleetReadJob: async (_parent, { input }, { caller, services }) => ({
    job: jobModel(await services.jobs.startFleet(caller, fleetSelector(input.target), { kind: input.read })),
  }),
};

export const jobResolvers: JobResolvers = {
  id: (job) => job.id,
  kind: (job) => job.kind,
  progress: (job) => job.progress,
  startedBy: (job) => job.startedBy.actor,
  createdAt: (job) => job.createdAt,
  updatedAt: (job) => job.updatedAt,
  cancelledAt: (job) => job.cancelledAt,
  cancelledBy: (job) => job.cancelledBy,
  tasks: async (job, { first, after }, { caller, services }) => {
    const connection = await paginate({ caller, services }, { first, after }, (page) => services.jobs.tasks(caller, job.id, page));
    const withKind = (t: (typeof connection.nodes)[number]): JobTaskModel => ({ ...t, kind: job.kind });
    return { ...connection, nodes: connection.nodes.map(withKind), edges: connection.edges.map((e) => ({ cursor: e.cursor, node: withKind(e.node) })) };
  },
};

/** The BMC of a task, read only when asked for; null when the id names none of the tenant's. */
async function bmcOf(task: JobTaskModel, { caller, services }: GraphQLContext) {
  // Refused as NOT_FOUND when it ran (and on record then): not asked again.
  if (task.error?.code === 'NOT_FOUND') return null;
  try {
    return await services.bmcs.get(caller, task.bmcId);
  } catch (e) {
    if (isDomainError(e) && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

type TaskResult =
  | { readonly __typename: 'PowerStatus'; readonly state: PowerState }
  | { readonly __typename: 'SensorList'; readonly sensors: readonly SensorReading[] }
  | ({ readonly __typename: 'PowerActionResult' } & DomainPowerActionResult)
  | ({ readonly __typename: 'SolCaptureResult' } & SolCapture)
  | ({ readonly __typename: 'CredentialRotationResult' } & RotationResult);

function taskResult(task: JobTaskModel): TaskResult | null {
  const r = task.result as Record<string, unknown> | null;
  if (r === null || typeof r !== 'object') return null;
  switch (task.kind) {
    case 'fleet.powerStatus':
      return { __typename: 'PowerStatus', state: r['power'] as PowerState };
    case 'fleet.sensors':
      return { __typename: 'SensorList', sensors: r['sensors'] as SensorReading[] };
    case 'fleet.power':
      return { __typename: 'PowerActionResult', ...(r as unknown as DomainPowerActionResult) };
    case 'bmc.sol':
      return { __typename: 'SolCaptureResult', ...(r as unknown as SolCapture) };
    case 'bmc.credentials.rotate':
      return { __typename: 'CredentialRotationResult', ...(r as unknown as RotationResult) };
    case 'fleet.identify':
      // Identify answers nothing but success: the task's state is its result.
      return null;
    case 'monitor.collect':
      // A collection's outcome is the BMC's monitoring state and events, not a task result.
      return null;
  }
}

export const jobTaskResolvers: JobTaskResolvers = {
  index: (t) => t.index,
  bmcId: (t) => t.bmcId,
  bmc: (t, _args, context) => bmcOf(t, context),
  result: (t) => taskResult(t),
  error: (t) => (t.error ? { code: t.error.code, message: t.error.message, completionCode: t.error.completionCode ?? null } : null),
  attempts: (t) => t.attempts,
  createdAt: (t) => t.createdAt,
  startedAt: (t) => t.startedAt,
  finishedAt: (t) => t.finishedAt,
};

export const jobTaskResultResolvers: JobTaskResultResolvers = {
  __resolveType: (value) => {
    const typename = (value as { __typename?: TaskResult['__typename'] }).__typename;
    if (typename === undefined) throw new Error('job task result without __typename');
    return typename;
  },
};
