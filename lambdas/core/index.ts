/**
 * The domain core's public surface and one factory that wires the services over a set of
 * ports (handlers and `npm start` pick the adapters; tests pass fakes).
 */
import { randomUUID } from 'node:crypto';
import type { AccessLog, ApiKeyRepository, AuditCheckpointStore, AuditLog, AuditSigner, BmcGateway, BmcRepository, Clock, CredentialStore, IdGenerator, Telemetry, TenantSettingsStore } from './ports.ts';
import { ActionService } from './services/action-service.ts';
import { ApiKeyService, type ApiKeyServiceOptions } from './services/api-key-service.ts';
import { AuditService } from './services/audit-service.ts';
import { AuditAnchor } from './services/audit-anchor.ts';
import { BmcService } from './services/bmc-service.ts';
import { FleetService } from './services/fleet-service.ts';
import { ReadAudit } from './services/read-audit.ts';
import { TenantSettingsService, type TenantSettingsServiceOptions } from './services/tenant-settings-service.ts';
import { CachedBmcRepository } from './cached-bmc-repository.ts';
import { ReadCoalescer } from './read-coalescer.ts';
import { JobService, type JobServiceOptions } from './jobs/job-service.ts';
import { JobWorker, type JobWorkerOptions } from './jobs/job-worker.ts';
import { unavailableJobStore, type JobQueue, type JobStore } from './jobs/ports.ts';
import { OrphanSweep, type OrphanSweepOptions } from './recovery/orphan-sweep.ts';
import { noInFlightStore, type InFlightStore } from './recovery/ports.ts';
import { processCursorCodec, type CursorCodec } from './cursor-codec.ts';
import { BmcAuthGuard, guardedGateway, type BmcAuthLimits } from './bmc-auth-guard.ts';
import { MemoryWindowCounter, type WindowCounter } from './window-counter.ts';
import { unavailableMonitoringStore, type MonitoringStore } from './monitoring/ports.ts';
import type { AssessBmc } from './monitoring/model.ts';
import { fanOut, type EventPublisher } from './monitoring/publisher.ts';
import { storePublisher } from './monitoring/store-publisher.ts';
import { MonitorCollector } from './monitoring/collector.ts';
import { MonitoringService, type MonitoringServiceOptions } from './monitoring/monitoring-service.ts';
import { MonitorScheduler, type SchedulerOptions } from './monitoring/scheduler.ts';
import { WebhookDispatcher, type DispatcherOptions } from './monitoring/webhooks/dispatcher.ts';
import type { HostResolver, WebhookStore, WebhookTransport } from './monitoring/webhooks/model.ts';
import { WebhookService } from './monitoring/webhooks/service.ts';
import type { UrlPolicy } from './monitoring/webhooks/url-policy.ts';
import type { EndpointClaims, TenantRegistry, UsageKeys } from './tenants/ports.ts';
import { BmcOwnership } from './tenants/ownership.ts';
import { OperatorService } from './tenants/operator-service.ts';
import { forgettingRegistry, TenantGate } from './tenants/tenant-gate.ts';
import type { BmcConfigGateway } from './bmc-config-port.ts';
import { BmcConfigService } from './services/bmc-config-service.ts';
import { guardedConfigGateway } from './bmc-config-guard.ts';

export * from './types.ts';
export * from './errors.ts';
export { BmcAuthGuard, BmcAuthLockedError, type BmcAuthLimits } from './bmc-auth-guard.ts';
export { MemoryWindowCounter, type WindowCounter } from './window-counter.ts';
export * from './ports.ts';
export * from './bmc-data.ts';
export { BmcCredentials, type CredentialsInput } from './credentials.ts';
export { can, denialFor, PERMISSIONS, ROLE_PERMISSIONS, type Permission } from './authorization.ts';
export { verifyAuditChain, hashAuditEvent, canonicalJson, GENESIS_HASH, type ChainVerification, type ChainProblem } from './audit-chain.ts';
export { auditOrderKey, newestFirst } from './audit-order.ts';
export { API_KEY_PREFIX, parseApiKey, hashApiKey } from './api-key-format.ts';
export { AuditService, chainOf, TENANT_CHAIN, APPEND_BUDGET_MS, type ExportFormat, type AuditRecord, type AnchoredChainVerification } from './services/audit-service.ts';
export { AuditAnchor, CHECKPOINT_EVERY, checkpointDue, type AuditPublicKey } from './services/audit-anchor.ts';
export { CHECKPOINT_ALGORITHM, checkpointPayload, checkpointSignatureValid, keyIdOf, type AuditCheckpoint } from './audit-checkpoint.ts';
export { verifyBundle, describeProblem, BUNDLE_FORMAT, type AuditBundle, type BundleResult } from './audit-bundle.ts';
export { ApiKeyService, RefusedKeyError, toKeyInfo, type CreateApiKeyInput, type CreatedApiKey, type ApiKeyServiceOptions } from './services/api-key-service.ts';
export { BmcService, isRotating, RotationUnknownError, type RotationResult, type RegisterBmcInput, type UpdateBmcInput, type RotateCredentialsInput } from './services/bmc-service.ts';
export { ActionService, healthFromSensors, MAX_SOL_SECONDS, DEFAULT_MAX_AGE_SECONDS, MAX_AGE_SECONDS, type ReadOptions } from './services/action-service.ts';
export {
  TenantSettingsService,
  defaultTenantSettings,
  DEFAULT_READ_AUDIT,
  DEFAULT_READ_AUDIT_INTERVAL_SECONDS,
  type TenantSettingsInput,
  type TenantSettingsServiceOptions,
} from './services/tenant-settings-service.ts';
export { ReadCoalescer, type Fresh, type ReadKey } from './read-coalescer.ts';
export { ReadAudit, type ReadEvent } from './services/read-audit.ts';
export { BmcConfigService } from './services/bmc-config-service.ts';
export type { BmcConfigGateway } from './bmc-config-port.ts';
export { CachedBmcRepository } from './cached-bmc-repository.ts';
export { FleetService, type FleetSelector, type FleetOperation, type FleetResult, type FleetValue } from './services/fleet-service.ts';
export * from './jobs/types.ts';
export * from './jobs/ports.ts';
export { JobService, validateJobId, JOB_PERMISSION, MAX_SOL_JOB_SECONDS, type JobServiceOptions } from './jobs/job-service.ts';
export { JobWorker, JobBusyError, DEFAULT_WORKER_LIMITS, type JobWorkerOptions } from './jobs/job-worker.ts';
export * from './recovery/ports.ts';
export { OrphanSweep, DEFAULT_ORPHAN_AFTER_MS, type OrphanSweepOptions, type SweepReport, type AdoptedOrphan } from './recovery/orphan-sweep.ts';

export * from './tenants/types.ts';
export type { EndpointClaim, EndpointClaims, TenantRegistry, UsageKey, UsageKeys } from './tenants/ports.ts';
export { OperatorService, OPERATOR_AUDIT_TENANT, callerIn, type OperatorCaller, type CreateTenantInput } from './tenants/operator-service.ts';
export { TenantGate, TENANT_GATE_CACHE_MS } from './tenants/tenant-gate.ts';
export { BmcOwnership } from './tenants/ownership.ts';
export { QuotaExceededError } from './tenants/quota.ts';
export { RequestRateLimiter, tenantRequestRates, rateWindowFromEnv, type RateExceeded } from './tenants/request-rate.ts';
export { validateTenantId } from './tenants/tenant-name.ts';
export { canonicalAddress, canonicalRanges, coversWholeFamily, parseCidr, inRanges } from './tenants/address.ts';
export { CursorCodec, processCursorCodec, CURSOR_KEY_BYTES, type CursorPosition } from './cursor-codec.ts';
export { MonitoringService, type MonitoringServiceOptions } from './monitoring/monitoring-service.ts';
export { MonitorScheduler, type SchedulerOptions, type StartedCycle } from './monitoring/scheduler.ts';
export type { EventPublisher } from './monitoring/publisher.ts';
export type { MonitoringStore } from './monitoring/ports.ts';
export { WebhookService } from './monitoring/webhooks/service.ts';
export { WebhookDispatcher } from './monitoring/webhooks/dispatcher.ts';

export const systemClock: Clock = { now: () => new Date() };
export const uuidIds: IdGenerator = { next: () => randomUUID() };

export interface CorePorts {
  readonly bmcs: BmcRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly auditLog: AuditLog;
  /** Successful reads, as the tenant's read-audit setting asks (never the hash chains). */
  readonly accessLog: AccessLog;
  readonly tenantSettings: TenantSettingsStore;
  readonly credentials: CredentialStore;
  readonly gateway: BmcGateway;
  /** BMC configuration (bmc-config-port.ts); without it, configuration calls fail INTERNAL. */
  readonly configGateway?: BmcConfigGateway;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly apiKeyOptions?: ApiKeyServiceOptions;
  readonly tenantSettingsOptions?: TenantSettingsServiceOptions;
  /** How long this process reuses a BMC record it read; default 2 s (cached-bmc-repository.ts). */
  readonly bmcCacheMs?: number;
  /** Operational metrics (Lambda: CloudWatch through Powertools); none when absent. */
  readonly telemetry?: Telemetry;
  /**
   * Signs audit checkpoints and keeps them (audit-anchor.ts); without it, chains are not anchored
   * and bundle export is refused. `onError` hears of a checkpoint that could not be written.
   */
  readonly auditAnchor?: { readonly signer: AuditSigner; readonly checkpoints: AuditCheckpointStore; readonly onError?: (error: unknown) => void };
  /** Where jobs are kept and queued; without it, starting a job is refused. */
  readonly jobs?: { readonly store: JobStore; readonly queue: JobQueue; readonly options?: JobServiceOptions };
  /**
   * In-flight markers of running actions, shared by every process (the coordination table);
   * without it a process that dies mid-action leaves its `started` event for no one to close.
   */
  readonly inFlight?: InFlightStore;
  /** The codec the stores sign their cursors with (default: this process's key, cursor-codec.ts). */
  readonly cursors?: CursorCodec;
  /**
   * Failed BMC logins, counted per tenant and BMC and per tenant (bmc-auth-guard.ts): shared by
   * every process through the coordination table; this process only when absent.
   */
  readonly bmcAuth?: { readonly counter: WindowCounter; readonly limits?: BmcAuthLimits };
  /**
   * Fleet monitoring (core/monitoring): its store; the prediction rules; where events go besides
   * the store (the bus, webhooks). Without it, monitoring calls are refused.
   */
  readonly monitoring?: {
    readonly store: MonitoringStore;
    readonly assess?: AssessBmc;
    readonly publishers?: readonly EventPublisher[];
    readonly options?: MonitoringServiceOptions & SchedulerOptions;
  };
  /**
   * Webhooks (core/monitoring/webhooks): their store, how a delivery is sent, which URLs are
   * allowed and how names resolve. Its dispatcher receives every new monitoring event; without
   * it, webhook calls are refused.
   */
  readonly webhooks?: WebhookPorts;
  /**
   * Provisioned tenants (docs/tenants.md): the registry and the endpoint claims. With it BMC
   * addresses are checked against ranges, claimed and counted, job quotas apply, suspended
   * tenants are refused and the operator service exists.
   */
  readonly tenants?: TenantPorts;
}

export interface WebhookPorts {
  readonly store: WebhookStore;
  readonly transport: WebhookTransport;
  readonly policy: UrlPolicy;
  readonly resolve: HostResolver;
  readonly options?: DispatcherOptions;
}

export interface TenantPorts {
  readonly registry: TenantRegistry;
  readonly claims: EndpointClaims;
  /** Loopback BMC addresses and ranges: `npm start` and tests only. */
  readonly allowLoopback: boolean;
  /** Refuse tenants the registry does not know (deployed stacks). */
  readonly requireProvisioned?: boolean;
  /** API Gateway usage keys per tenant (AWS: the operator function). */
  readonly usageKeys?: UsageKeys;
}

export interface CoreServices {
  readonly audit: AuditService;
  readonly apiKeys: ApiKeyService;
  readonly bmcs: BmcService;
  readonly actions: ActionService;
  /** Configuration of the BMCs themselves: users, LAN, PEF, thresholds, DCMI, raw (docs/bmc-config.md). */
  readonly bmcConfig: BmcConfigService;
  readonly fleet: FleetService;
  readonly tenantSettings: TenantSettingsService;
  /** Records successful reads as the tenant's setting says; the access log for auditors. */
  readonly access: ReadAudit;
  /** This process's coalesced reads (tests and the benchmark count its round trips). */
  readonly readCache: ReadCoalescer;
  readonly jobs: JobService;
  /** Signs cursors: the stores' own, and the API's per-edge cursors over them. */
  readonly cursors: CursorCodec;
  /** A worker over the same store and services: the Lambda worker and `npm start`'s queue run it. */
  jobWorker(options: JobWorkerOptions): JobWorker;
  /** Writes the outcomes of orphaned `started` events (the worker's schedule, `npm start`'s timer). */
  orphanSweep(options: OrphanSweepOptions): OrphanSweep;
  readonly monitoring: MonitoringService;
  /** Starts due collection cycles (the worker's schedule, `npm start`'s timer). */
  monitorScheduler(): MonitorScheduler;
  /** The platform operator's tenant operations (only with tenant ports). */
  readonly operator?: OperatorService;
  /** Refuses keys of tenants that are not active (only with tenant ports). */
  readonly tenantGate?: TenantGate;
  /** The admin surface of webhooks (only with webhook ports). */
  readonly webhooks?: WebhookService;
  /** Attempts deliveries: the worker's schedule and `npm start`'s timer sweep with it (only with webhook ports). */
  readonly webhookDispatcher?: WebhookDispatcher;
}

export function createServices(ports: CorePorts): CoreServices {
  const clock = ports.clock ?? systemClock;
  const ids = ports.ids ?? uuidIds;
  const anchor = ports.auditAnchor && new AuditAnchor(ports.auditAnchor.signer, ports.auditAnchor.checkpoints, clock);
  const audit = new AuditService(ports.auditLog, clock, ids, anchor, ports.auditAnchor?.onError);
  const readCache = new ReadCoalescer(clock);
  const authGuard = new BmcAuthGuard(ports.bmcAuth?.counter ?? new MemoryWindowCounter(), ports.bmcAuth?.limits);
  const gateway = guardedGateway(ports.gateway, authGuard);
  // A BMC moved, removed or rotating through this process: nothing read from it before is served.
  const bmcs = new CachedBmcRepository(ports.bmcs, clock, ports.bmcCacheMs, (tenantId, id) => readCache.invalidate(tenantId, id));
  const tenantSettings = new TenantSettingsService(ports.tenantSettings, audit, clock, ports.tenantSettingsOptions);
  const readAudit = new ReadAudit(tenantSettings, ports.accessLog, audit, clock);
  const actions = new ActionService(bmcs, ports.credentials, gateway, audit, readAudit, clock, ports.telemetry, readCache, ports.inFlight);
  const inFlight = ports.inFlight;
  const orphanSweep = (options: OrphanSweepOptions) => new OrphanSweep(inFlight ?? noInFlightStore, ports.auditLog, audit, actions, clock, options);
  const fleet = new FleetService(bmcs, actions, audit);
  const t = ports.tenants;
  const ownership = t && new BmcOwnership(t.registry, t.claims, ports.bmcs, clock, { allowLoopback: t.allowLoopback, ...(t.requireProvisioned !== undefined && { requireProvisioned: t.requireProvisioned }) });
  const registry = new BmcService(bmcs, ports.credentials, gateway, audit, clock, ids, ports.telemetry, ownership);
  const store = ports.jobs?.store ?? unavailableJobStore;
  const queue = ports.jobs?.queue ?? { send: async () => undefined };
  const jobs = new JobService(store, queue, fleet, registry, audit, clock, ids, ports.jobs?.options, t?.registry);
  const monitorStore = ports.monitoring?.store ?? unavailableMonitoringStore;
  const w = ports.webhooks;
  const dispatcher = w && new WebhookDispatcher(w.store, w.transport, clock, ids, w.options, ports.telemetry);
  const publisher = fanOut(storePublisher(monitorStore, clock), ...(ports.monitoring?.publishers ?? []), ...(dispatcher ? [dispatcher] : []));
  const monitor = ports.monitoring && new MonitorCollector(actions, monitorStore, publisher, clock, ports.monitoring.assess);
  const apiKeys = new ApiKeyService(ports.apiKeys, audit, clock, ports.apiKeyOptions);
  const tenantGate = t && new TenantGate(t.registry, t.requireProvisioned ?? false);
  const operator =
    t &&
    tenantGate &&
    ownership &&
    new OperatorService({ tenants: forgettingRegistry(t.registry, tenantGate), ownership, apiKeys, apiKeyRepository: ports.apiKeys, bmcs: ports.bmcs, credentials: ports.credentials, auditLog: ports.auditLog, jobs: store, audit, clock, allowLoopbackRanges: t.allowLoopback, ...(t.usageKeys && { usageKeys: t.usageKeys }) });
  return {
    audit,
    ...(operator && tenantGate && { operator, tenantGate }),
    ...(w && dispatcher && { webhooks: new WebhookService(w.store, dispatcher, audit, clock, ids, w.policy, w.resolve), webhookDispatcher: dispatcher }),
    apiKeys,
    bmcs: registry,
    actions,
    bmcConfig: new BmcConfigService(actions, ports.configGateway && guardedConfigGateway(ports.configGateway, authGuard), audit, tenantSettings),
    fleet,
    tenantSettings,
    access: readAudit,
    readCache,
    jobs,
    cursors: ports.cursors ?? processCursorCodec(),
    // A re-driven task settles its orphan through the markers when there are any, so the sweep never writes it too.
    jobWorker: (options) => new JobWorker(store, { actions, bmcs: registry, ...(monitor && { monitor }) }, audit, clock, options, ports.telemetry, inFlight && orphanSweep({ owner: options.owner })),
    orphanSweep,
    monitoring: new MonitoringService(monitorStore, registry, bmcs, audit, clock, ports.monitoring?.options),
    monitorScheduler: () => new MonitorScheduler(monitorStore, bmcs, jobs, clock, ports.monitoring?.options),
  };
}
