/** In-memory ports wired into the core services: unit tests and quick experiments. */
import { createServices, type CorePorts, type CoreServices } from '../../core/index.ts';
import { FakeBmcGateway } from './fake-gateway.ts';
import { MemoryAccessLog, MemoryApiKeyRepository, MemoryAuditLog, MemoryBmcRepository, MemoryCredentialStore, MemoryTenantSettingsStore } from './memory-stores.ts';

export { FakeBmcGateway } from './fake-gateway.ts';
export { MemoryAccessLog, MemoryApiKeyRepository, MemoryAuditLog, MemoryBmcRepository, MemoryCredentialStore, MemoryTenantSettingsStore } from './memory-stores.ts';

export interface MemoryCore {
  readonly services: CoreServices;
  readonly bmcs: MemoryBmcRepository;
  readonly apiKeys: MemoryApiKeyRepository;
  readonly auditLog: MemoryAuditLog;
  readonly accessLog: MemoryAccessLog;
  readonly tenantSettings: MemoryTenantSettingsStore;
  readonly credentials: MemoryCredentialStore;
  readonly gateway: FakeBmcGateway;
}

export function createMemoryCore(
  options: Pick<CorePorts, 'clock' | 'ids' | 'apiKeyOptions' | 'telemetry' | 'jobs'> = {},
): MemoryCore {
  const ports = {
    bmcs: new MemoryBmcRepository(),
    apiKeys: new MemoryApiKeyRepository(),
    auditLog: new MemoryAuditLog(),
    accessLog: new MemoryAccessLog(),
    tenantSettings: new MemoryTenantSettingsStore(),
    credentials: new MemoryCredentialStore(),
    gateway: new FakeBmcGateway(),
  };
  return { ...ports, services: createServices({ ...ports, ...options }) };
}
