/**
 * The domain core's public surface and one factory that wires the services over a set of
 * ports (handlers and `npm start` pick the adapters; tests pass fakes).
 */
import { randomUUID } from 'node:crypto';
import type { ApiKeyRepository, AuditLog, BmcGateway, BmcRepository, Clock, CredentialStore, IdGenerator, Telemetry } from './ports.ts';
import { ActionService } from './services/action-service.ts';
import { ApiKeyService, type ApiKeyServiceOptions } from './services/api-key-service.ts';
import { AuditService } from './services/audit-service.ts';
import { BmcService } from './services/bmc-service.ts';
import { FleetService } from './services/fleet-service.ts';
import { JobService, type JobServiceOptions } from './jobs/job-service.ts';
import { JobWorker, type JobWorkerOptions } from './jobs/job-worker.ts';
import { unavailableJobStore, type JobQueue, type JobStore } from './jobs/ports.ts';

export * from './types.ts';
export * from './errors.ts';
export * from './ports.ts';
export * from './bmc-data.ts';
export { BmcCredentials, type CredentialsInput } from './credentials.ts';
export { can, decide, PERMISSIONS, ROLE_PERMISSIONS, type Permission } from './authorization.ts';
export { verifyAuditChain, hashAuditEvent, canonicalJson, GENESIS_HASH, type ChainVerification, type ChainProblem } from './audit-chain.ts';
export { auditOrderKey, newestFirst } from './audit-order.ts';
export { API_KEY_PREFIX, parseApiKey, hashApiKey } from './api-key-format.ts';
export { AuditService, chainOf, TENANT_CHAIN, type ExportFormat, type AuditRecord } from './services/audit-service.ts';
export { ApiKeyService, toKeyInfo, type CreateApiKeyInput, type CreatedApiKey, type ApiKeyServiceOptions } from './services/api-key-service.ts';
export { BmcService, isRotating, type RegisterBmcInput, type UpdateBmcInput, type RotateCredentialsInput } from './services/bmc-service.ts';
export { ActionService, healthFromSensors, MAX_SOL_SECONDS } from './services/action-service.ts';
export { FleetService, type FleetSelector, type FleetOperation, type FleetResult, type FleetValue } from './services/fleet-service.ts';
export * from './jobs/types.ts';
export * from './jobs/ports.ts';
export { JobService, validateJobId, JOB_PERMISSION, type JobServiceOptions } from './jobs/job-service.ts';
export { JobWorker, JobBusyError, DEFAULT_WORKER_LIMITS, type JobWorkerOptions } from './jobs/job-worker.ts';

export const systemClock: Clock = { now: () => new Date() };
export const uuidIds: IdGenerator = { next: () => randomUUID() };

export interface CorePorts {
  readonly bmcs: BmcRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly auditLog: AuditLog;
  readonly credentials: CredentialStore;
  readonly gateway: BmcGateway;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly apiKeyOptions?: ApiKeyServiceOptions;
  /** Operational metrics (Lambda: CloudWatch through Powertools); none when absent. */
  readonly telemetry?: Telemetry;
  /** Where jobs are kept and queued; without it, starting a job is refused. */
  readonly jobs?: { readonly store: JobStore; readonly queue: JobQueue; readonly options?: JobServiceOptions };
}

export interface CoreServices {
  readonly audit: AuditService;
  readonly apiKeys: ApiKeyService;
  readonly bmcs: BmcService;
  readonly actions: ActionService;
  readonly fleet: FleetService;
  readonly jobs: JobService;
  /** A worker over the same store and services: the Lambda worker and `npm start`'s queue run it. */
  jobWorker(options: JobWorkerOptions): JobWorker;
}

export function createServices(ports: CorePorts): CoreServices {
  const clock = ports.clock ?? systemClock;
  const ids = ports.ids ?? uuidIds;
  const audit = new AuditService(ports.auditLog, clock, ids);
  const actions = new ActionService(ports.bmcs, ports.credentials, ports.gateway, audit, clock, ports.telemetry);
  const fleet = new FleetService(ports.bmcs, actions, audit);
  const store = ports.jobs?.store ?? unavailableJobStore;
  const queue = ports.jobs?.queue ?? { send: async () => undefined };
  return {
    audit,
    apiKeys: new ApiKeyService(ports.apiKeys, audit, clock, ports.apiKeyOptions),
    bmcs: new BmcService(ports.bmcs, ports.credentials, ports.gateway, audit, clock, ids, ports.telemetry),
    actions,
    fleet,
    jobs: new JobService(store, queue, fleet, audit, clock, ids, ports.jobs?.options),
    jobWorker: (options) => new JobWorker(store, actions, audit, clock, options, ports.telemetry),
  };
}
