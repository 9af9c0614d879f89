/** In-memory ports wired into the core services: unit tests and quick experiments. */
import { createServices, type CorePorts, type CoreServices } from '../../core/index.ts';
import { FakeBmcGateway } from './fake-gateway.ts';
import { LocalAuditSigner } from '../local/audit-signing-key.ts';
import { MemoryAccessLog, MemoryApiKeyRepository, MemoryAuditCheckpointStore, MemoryAuditLog, MemoryBmcRepository, MemoryCredentialStore, MemoryTenantSettingsStore } from './memory-stores.ts';

export { FakeBmcGateway } from './fake-gateway.ts';
export { MemoryAccessLog, MemoryApiKeyRepository, MemoryAuditCheckpointStore, MemoryAuditLog, MemoryBmcRepository, MemoryCredentialStore, MemoryTenantSettingsStore } from './memory-stores.ts';

export interface MemoryCore {
  readonly services: CoreServices;
  readonly bmcs: MemoryBmcRepository;
  readonly apiKeys: MemoryApiKeyRepository;
  readonly auditLog: MemoryAuditLog;
  /** Signed checkpoints of the audit chains, with a key generated for this core. */
  readonly checkpoints: MemoryAuditCheckpointStore;
  readonly signer: LocalAuditSigner;
  readonly accessLog: MemoryAccessLog;
  readonly tenantSettings: MemoryTenantSettingsStore;
  readonly credentials: MemoryCredentialStore;
  readonly gateway: FakeBmcGateway;
}

export function createMemoryCore(
  options: Pick<CorePorts, 'clock' | 'ids' | 'apiKeyOptions' | 'telemetry' | 'jobs' | 'bmcAuth' | 'tenants' | 'monitoring'> = {},
): MemoryCore {
  const ports = {
    bmcs: new MemoryBmcRepository(),
    apiKeys: new MemoryApiKeyRepository(),
    auditLog: new MemoryAuditLog(),
    accessLog: new MemoryAccessLog(),
    tenantSettings: new MemoryTenantSettingsStore(),
    credentials: new MemoryCredentialStore(),
    gateway: new FakeBmcGateway(),
    checkpoints: new MemoryAuditCheckpointStore(),
    signer: LocalAuditSigner.generate(),
  };
  const auditAnchor = { signer: ports.signer, checkpoints: ports.checkpoints };
  return { ...ports, services: createServices({ ...ports, auditAnchor, ...options }) };
}
export { MemoryEndpointClaims, MemoryTenantRegistry } from './tenant-stores.ts';
