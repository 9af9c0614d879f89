/**
 * The API functions' composition root (GraphQL and REST): the core over DynamoDB, Secrets
 * Manager (`bmc/<tenant>/<bmcId>`, KMS key from SECRETS_KMS_KEY_ID when set) and the IPMI
 * gateway, counting unreachable BMCs in Powertools metrics. The gateway's SDR cache sits over
 * the SDR cache table when SDR_CACHE_TABLE names one. Built once per execution environment and
 * reused by every invocation it serves.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoIdempotencyStore } from '../adapters/dynamodb/idempotency-store.ts';
import { DynamoLeaseStore } from '../adapters/dynamodb/lease-store.ts';
import { MemoryIdempotencyStore, type IdempotencyStore } from '../api/idempotency.ts';
import { DynamoSdrCacheStore } from '../adapters/dynamodb/sdr-cache-store.ts';
import { TABLE_ENV } from '../adapters/dynamodb/tables.ts';
import { defaultSdrCache, IpmiGateway } from '../adapters/ipmi/gateway.ts';
import type { SdrCache } from '../ipmi/sdr-cache/sdr-cache.ts';
import { SecretsManagerCredentialStore } from '../adapters/secrets-manager/credential-store.ts';
import { FileCredentialStore } from '../adapters/local/file-credential-store.ts';
import { DynamoDenialCounter } from '../adapters/dynamodb/denial-counter-store.ts';
import { createServices, type CorePorts, type CoreServices, type JobStore, type MonitoringStore } from '../core/index.ts';
import { assessBmc } from '../core/monitoring/predictions/index.ts';
import { eventBusPublisher } from '../adapters/eventbridge/bus-publisher.ts';
import { tenantsOfTable } from '../adapters/dynamodb/tenant-directory.ts';
import { lambdaMetrics, metricsTelemetry } from './metrics.ts';
import { createDynamoPorts, loadCursorCodec, tableNamesFromEnv } from '../adapters/dynamodb/index.ts';
import type { ApiServices } from '../api/services.ts';
import { apiKeyOptions, dynamoDocumentClient, dynamoPorts, powertoolsLogger, sharedDenialLimiter } from './runtime.ts';
import { gatewaySettings, localCredentialsDir } from './settings.ts';
import { jobQueue } from './job-settings.ts';
import { auditSigner } from './audit-signing.ts';
import { tenantPorts } from './tenant-settings.ts';

const checkpointLogger = powertoolsLogger();

/** This execution environment's metrics buffer, flushed by each handler when its invocation ends. */
export const metrics = lambdaMetrics();

/** The core over the given stores and gateway, counting unreachable BMCs in `metrics`. */
export function lambdaServices(ports: Omit<CorePorts, 'telemetry'>): CoreServices {
  return createServices({ ...ports, telemetry: metricsTelemetry(metrics) });
}

/**
 * The gateway's SDR cache: memory over the SDR cache table named by SDR_CACHE_TABLE, so that
 * a fresh execution environment reuses what another one read; memory only when it is unset.
 */
export function lambdaSdrCache(
  env: Readonly<Record<string, string | undefined>> = process.env,
  doc: () => DynamoDBDocumentClient = dynamoDocumentClient,
): SdrCache {
  const table = env[TABLE_ENV.sdrCache];
  return defaultSdrCache(table ? new DynamoSdrCacheStore(doc(), table) : undefined);
}

/**
 * The coordination table named by COORDINATION_TABLE, shared by every execution environment
 * (BMC leases, Idempotency-Key records); undefined when unset (each environment alone: tests).
 */
export function coordinationTable(
  env: Readonly<Record<string, string | undefined>> = process.env,
  doc: () => DynamoDBDocumentClient = dynamoDocumentClient,
): { doc: DynamoDBDocumentClient; table: string } | undefined {
  const table = env[TABLE_ENV.coordination];
  return table ? { doc: doc(), table } : undefined;
}

const coordination = coordinationTable();

/**
 * Idempotency-Key answers, in the coordination table so a retry that lands on another execution
 * environment replays the first answer; in this environment's memory when no table is named.
 */
export const idempotencyStore: IdempotencyStore = coordination ? new DynamoIdempotencyStore(coordination.doc, coordination.table) : new MemoryIdempotencyStore();

/**
 * The IPMI gateway of this execution environment: its cached SDRs serve every invocation while
 * the environment is warm; its BMC leases live in the coordination table, so the session cap,
 * the action spacing and the SOL rule hold across environments. Settings from settings.ts.
 */
export const gateway = new IpmiGateway({
  sdrCache: lambdaSdrCache(),
  // A kept session holds one of its BMC's slots that other environments may be waiting for:
  // keep it only for calls close together (one invocation's), never for long.
  sessionPool: { idleMs: 1000 },
  ...(coordination && { leases: new DynamoLeaseStore(coordination.doc, coordination.table) }),
  ...gatewaySettings(),
});

/**
 * BMC credentials: Secrets Manager, or the local encrypted file store when
 * LOCAL_CREDENTIALS_DIR names a folder (tests and local runs only; see settings.ts).
 */
function credentialStore() {
  const dir = localCredentialsDir();
  if (dir) return new FileCredentialStore(dir);
  const kmsKeyId = process.env['SECRETS_KMS_KEY_ID'];
  return new SecretsManagerCredentialStore(new SecretsManagerClient({}), kmsKeyId ? { kmsKeyId } : {});
}

/**
 * Every session kept open during an invocation is closed when it ends. A frozen environment
 * can neither renew the slot lease of an open session nor close it, while the BMC would keep
 * the session until its own inactivity timeout (up to a minute): no lease length would be both
 * safe and short enough to recover a dead environment's slot quickly. Closing costs the next
 * invocation one session set-up (a few round trips); sessions still serve every call within an
 * invocation (a GraphQL query reading power, sensors and SEL of one BMC).
 */
export function closingIdleSessions<Args extends unknown[], Result>(handler: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await handler(...args);
    } finally {
      await gateway.closeIdleSessions(0).catch(() => undefined);
    }
  };
}

/**
 * Every service, over DynamoDB, Secrets Manager (`bmc/<tenant>/<bmcId>`, KMS key from
 * SECRETS_KMS_KEY_ID when set) and the IPMI gateway. Built once per execution environment.
 */
let services: Promise<CoreServices & Pick<ApiServices, 'denials'>> | undefined;
export function apiServices(): Promise<CoreServices & Pick<ApiServices, 'denials'>> {
  services ??= buildServices().catch((e: unknown) => {
    // Not cached: the next invocation tries again (e.g. the cursor key read was throttled).
    services = undefined;
    throw e;
  });
  return services;
}

async function buildServices(): Promise<CoreServices & Pick<ApiServices, 'denials'>> {
  // Cursors minted here come back to other environments: all sign with the table's one key.
  const ports = coordination ? createDynamoPorts(dynamoDocumentClient(), tableNamesFromEnv(), await loadCursorCodec(coordination.doc, coordination.table)) : dynamoPorts();
  const signer = await auditSigner();
  const core = lambdaServices({
    ...ports,
    credentials: credentialStore(),
    gateway,
    apiKeyOptions: apiKeyOptions(),
    // Failed BMC logins counted across every environment (lambdas/core/bmc-auth-guard.ts).
    ...(coordination && { bmcAuth: { counter: new DynamoDenialCounter(coordination.doc, coordination.table) } }),
    ...jobPorts(ports.jobStore),
    ...monitoringPorts(ports.monitoringStore),
    // Where the function has the tenants table (TENANT_TABLE, set by the CDK app).
    ...(process.env[TABLE_ENV.tenants] && { tenants: tenantPorts(ports) }),
    // A checkpoint that cannot be written (KMS throttling, say) widens the unanchored window: say so.
    ...(signer && { auditAnchor: { signer, checkpoints: ports.auditCheckpoints, onError: (e: unknown) => checkpointLogger.warn('audit checkpoint not written', { reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }) } }),
  });
  const denials = sharedDenialLimiter();
  return { ...core, ...(denials && { denials }) };
}

/** The jobs table (JOB_TABLE) and queue (JOB_QUEUE_URL), when this function has both. */
function jobPorts(store: JobStore | undefined): Pick<CorePorts, 'jobs'> {
  const queue = jobQueue();
  return store && queue ? { jobs: { store, queue } } : {};
}

/** The monitoring table (MONITORING_TABLE), with the bus when EVENT_BUS_NAME names one. */
function monitoringPorts(store: MonitoringStore | undefined): Pick<CorePorts, 'monitoring'> {
  if (!store) return {};
  const bus = eventBusPublisher();
  const tenants = tenantsOfTable(dynamoDocumentClient(), tableNamesFromEnv().tenants);
  return { monitoring: { store, assess: assessBmc, ...(bus && { publishers: [bus] }), options: { tenants } } };
}
