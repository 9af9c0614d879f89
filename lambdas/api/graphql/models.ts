/**
 * What resolvers receive as parents for object types backed by domain objects (codegen
 * `mappers`): the domain types of lambdas/core, not the GraphQL shapes.
 */
import type { ApiKeyInfo, AuditEvent, Bmc, Principal } from '../../core/types.ts';
import type { FleetResult } from '../../core/services/fleet-service.ts';
import { jobState, type Job, type JobKind, type JobState, type JobTask } from '../../core/jobs/types.ts';
import type { PowerAction } from '../../core/bmc-data.ts';
import type { Role } from '../../core/types.ts';
import type { MonitorEvent } from '../../core/monitoring/model.ts';
import type { BmcMonitorState } from '../../core/monitoring/ports.ts';

export type BmcModel = Bmc;
export type ApiKeyModel = ApiKeyInfo;
export type AuditEventModel = AuditEvent;
export type PrincipalModel = Principal;
/** One BMC's entry of a fleet operation, as the core's FleetService returns it. */
export type FleetResultModel = FleetResult;
/** A job with its enum-valued fields computed (enum fields resolve from the parent's values). */
export type JobModel = Job & { readonly state: JobState; readonly action: PowerAction | null; readonly startedByRole: Role };
export function jobModel(job: Job): JobModel {
  return { ...job, state: jobState(job), action: job.operation.kind === 'fleet.power' ? job.operation.action : null, startedByRole: job.startedBy.role };
}
/** A task and its job's kind, which says what its result holds. */
export type JobTaskModel = JobTask & { readonly kind: JobKind };

/** A monitoring event and a BMC's latest monitoring state, as the core keeps them. */
export type EventModel = MonitorEvent;
export type BmcHealthChangeModel = BmcMonitorState;
