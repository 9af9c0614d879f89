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

export * from './types.ts';
export * from './errors.ts';
export * from './ports.ts';
export * from './bmc-data.ts';
export { BmcCredentials, type CredentialsInput } from './credentials.ts';
export { can, denialFor, PERMISSIONS, ROLE_PERMISSIONS, type Permission } from './authorization.ts';
export { verifyAuditChain, hashAuditEvent, canonicalJson, GENESIS_HASH, type ChainVerification, type ChainProblem } from './audit-chain.ts';
export { auditOrderKey, newestFirst } from './audit-order.ts';
export { API_KEY_PREFIX, parseApiKey, hashApiKey } from './api-key-format.ts';
export { AuditService, chainOf, TENANT_CHAIN, type ExportFormat, type AuditRecord } from './services/audit-service.ts';
export { ApiKeyService, toKeyInfo, type CreateApiKeyInput, type CreatedApiKey, type ApiKeyServiceOptions } from './services/api-key-service.ts';
export { BmcService, isRotating, type RegisterBmcInput, type UpdateBmcInput, type RotateCredentialsInput } from './services/bmc-service.ts';
export { ActionService, healthFromSensors, MAX_SOL_SECONDS } from './services/action-service.ts';
export { FleetService, type FleetSelector, type FleetOperation, type FleetResult, type FleetValue } from './services/fleet-service.ts';

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
}

export interface CoreServices {
  readonly audit: AuditService;
  readonly apiKeys: ApiKeyService;
  readonly bmcs: BmcService;
  readonly actions: ActionService;
  readonly fleet: FleetService;
}

export function createServices(ports: CorePorts): CoreServices {
  const clock = ports.clock ?? systemClock;
  const ids = ports.ids ?? uuidIds;
  const audit = new AuditService(ports.auditLog, clock, ids);
  const actions = new ActionService(ports.bmcs, ports.credentials, ports.gateway, audit, clock, ports.telemetry);
  return {
    audit,
    apiKeys: new ApiKeyService(ports.apiKeys, audit, clock, ports.apiKeyOptions),
    bmcs: new BmcService(ports.bmcs, ports.credentials, ports.gateway, audit, clock, ids, ports.telemetry),
    actions,
    fleet: new FleetService(ports.bmcs, actions, audit),
  };
}
