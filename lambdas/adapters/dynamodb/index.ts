/**
 * The DynamoDB adapters as one set of ports over one document client, and the SDR cache store
 * (not a core port: the IPMI gateway's second cache level, see sdr-cache-store.ts).
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoApiKeyRepository } from './api-key-repository.ts';
import { DynamoAuditLog } from './audit-log.ts';
import { DynamoAuditCheckpointStore } from './audit-checkpoint-store.ts';
import { DynamoBmcRepository } from './bmc-repository.ts';
import { DynamoAccessLog } from './access-log.ts';
import { DynamoTenantSettingsStore } from './tenant-settings-store.ts';
import { DynamoJobStore } from './job-store.ts';
import { DynamoMonitoringStore } from './monitoring-store.ts';
import { DynamoInFlightStore } from './in-flight-store.ts';
import { DynamoTenantRegistry } from './tenant-registry.ts';
import { DynamoEndpointClaims } from './endpoint-claims.ts';
import type { TableNames } from './tables.ts';
import { processCursorCodec, type CursorCodec } from '../../core/cursor-codec.ts';

export { DynamoApiKeyRepository } from './api-key-repository.ts';
export { DynamoAuditLog, planQuery } from './audit-log.ts';
export { DynamoAuditCheckpointStore } from './audit-checkpoint-store.ts';
export { DynamoBmcRepository } from './bmc-repository.ts';
export { DynamoAccessLog } from './access-log.ts';
export { DynamoTenantSettingsStore } from './tenant-settings-store.ts';
export { DynamoJobStore } from './job-store.ts';
export { DynamoMonitoringStore } from './monitoring-store.ts';
export { DynamoTenantRegistry } from './tenant-registry.ts';
export { DynamoEndpointClaims } from './endpoint-claims.ts';
export { DynamoInFlightStore, IN_FLIGHT_SHARDS } from './in-flight-store.ts';
export { loadCursorCodec } from './cursor-key-store.ts';
export { createTables, createTableInput, timeToLiveInput } from './create-tables.ts';
export {
  DynamoSdrCacheStore,
  DEFAULT_MAX_DOCUMENT_BYTES,
  DEFAULT_SDR_CACHE_TTL_SECONDS,
  type DynamoSdrCacheStoreOptions,
  type DynamoSdrCacheStoreStats,
} from './sdr-cache-store.ts';
export * from './tables.ts';

export function createDocumentClient(config: DynamoDBClientConfig = {}): { client: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const client = new DynamoDBClient(config);
  // removeUndefinedValues: optional fields are simply absent on the item.
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { client, doc };
}

/**
 * `cursors` signs every page cursor; give the key shared by all processes (cursor-key-store.ts)
 * wherever a cursor may come back to another process. The core gets the same codec.
 */
export function createDynamoPorts(doc: DynamoDBDocumentClient, names: TableNames, cursors: CursorCodec = processCursorCodec()) {
  return {
    bmcs: new DynamoBmcRepository(doc, names.bmcs, cursors),
    apiKeys: new DynamoApiKeyRepository(doc, names.apiKeys, cursors),
    auditLog: new DynamoAuditLog(doc, names.audit, cursors),
    auditCheckpoints: new DynamoAuditCheckpointStore(doc, names.audit, cursors),
    tenantSettings: new DynamoTenantSettingsStore(doc, names.tenants),
    accessLog: new DynamoAccessLog(doc, names.access, cursors),
    // Provisioned tenants (the tenants table) and endpoint claims (claim items in the BMC table).
    tenantRegistry: new DynamoTenantRegistry(doc, names.tenants, cursors),
    endpointClaims: new DynamoEndpointClaims(doc, names.bmcs),
    jobStore: names.jobs === undefined ? undefined : new DynamoJobStore(doc, names.jobs, cursors),
    monitoringStore: names.monitoring === undefined ? undefined : new DynamoMonitoringStore(doc, names.monitoring, cursors),
    cursors,
    // In-flight markers of running actions (recovery of orphaned `started` events) share the coordination table.
    ...(names.coordination !== undefined && { inFlight: new DynamoInFlightStore(doc, names.coordination) }),
  };
}
