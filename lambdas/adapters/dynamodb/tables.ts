/**
 * The DynamoDB tables as plain data: the adapters, `createTables` (local and tests) and the
 * CDK app all read these, so the key schema is written once.
 *
 * - bmcs:    one item per BMC, partitioned by tenant (list a tenant's fleet with one Query).
 * - apiKeys: one item per key, keyed by key id (the authorizer does one GetItem); a GSI
 *            lists a tenant's keys.
 * - audit:   one item per event, keyed by (tenant#chain, seq). `attribute_not_exists` puts
 *            make it append-only and serialise each chain; GSIs answer auditors' queries by
 *            tenant+time and tenant+actor, and a sparse GSI holds only denied and failed
 *            events (docs/architecture.md section 3). No TTL: audit events never expire.
 * - sdrCache: decoded-SDR cache shared by the Lambdas' execution environments, one item per
 *            SDR cache key (firmware identity + repository state, lambdas/ipmi/sdr-cache/key.ts),
 *            scoped per tenant by a hash of the tenant id, so no tenant's BMC supplies records
 *            another tenant reads. Items expire through TTL (sdr-cache-store.ts). Optional in
 *            TableNames: without it the gateway keeps SDRs in memory only (local runs, tests).
 * - tenants: one item per tenant, keyed by tenant id: its settings (read audit) for now, and
 *            what tenant provisioning adds later. Written with UpdateItem of named attributes,
 *            so settings and later attributes do not overwrite each other.
 * - access:  the access log of successful BMC reads (read audit `sampled` or `all`), apart from
 *            the audit chains. Keyed by (`<tenant>#<bmcId>`, record key); a `sampled` record's key
 *            is its interval and actor, written with attribute_not_exists, so one is stored per
 *            interval however many processes sample at once. A GSI by tenant and time answers
 *            auditors. Items expire through TTL after ACCESS_RETENTION_DAYS.
 * - coordination: what must hold across processes and is short-lived: leases on BMC session
 *            slots, action spacing and SOL (lease-store.ts), Idempotency-Key records
 *            (idempotency-store.ts) and in-flight markers of running actions, in partitions
 *            `inflight#<n>` (in-flight-store.ts). Generic string keys pk/sk, TTL on expiresAt. Optional in
 *            TableNames: without it each process coordinates in memory only (unit tests).
 * - jobs:    durable jobs (job-store.ts): one partition per job `<tenant>#<jobId>` with the job
 *            item (sk `job`), one item per task (sk `task#<index>`) and the job's worker slots; a
 *            sparse GSI on job items lists a tenant's jobs newest first. Items expire through TTL
 *            on `expiresAt` 30 days after the job was created (JobService retentionDays); every
 *            job's and task's outcome stays in the audit log, which never expires.
 * - monitoring: fleet monitoring (monitoring-store.ts): policies and their schedule, each BMC's
 *            latest state, history items, SEL entries seen and events, in partitions by kind and
 *            tenant. History, SEL entries and events expire through TTL on `expiresAt`.
 */

export type AttributeType = 'S' | 'N';

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** ALL: queries return whole items without a second read. */
  readonly projection: 'ALL';
}

export interface TableDefinition {
  /** Key into TableNames. */
  readonly id: keyof TableNames;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
  /** Audit and registry data are kept; PITR recommended in AWS. */
  readonly pointInTimeRecovery: boolean;
  /** Attribute holding an epoch-seconds expiry (DynamoDB TTL); absent = items live until deleted. */
  readonly ttlAttribute?: string;
}

export interface TableNames {
  readonly bmcs: string;
  readonly apiKeys: string;
  readonly audit: string;
  /** Absent: no persistent SDR cache (createTables skips it, the gateway caches in memory only). */
  readonly sdrCache?: string;
  readonly tenants: string;
  readonly access: string;
  /** Absent: leases and idempotency records live in one process's memory (tests only). */
  readonly coordination?: string;
  /** Absent: no jobs (fleet power actions and large fleet reads are refused). */
  readonly jobs?: string;
  /** Absent: no webhooks (webhook-store.ts). */
  readonly webhooks?: string;
  /** Absent: no fleet monitoring (policies, state, history, events; monitoring-store.ts). */
  readonly monitoring?: string;
}

export const AUDIT_INDEX = {
  byTime: 'byTenantTime',
  byActor: 'byTenantActor',
  problems: 'byTenantProblem',
} as const;

export const API_KEY_INDEX = { byTenant: 'byTenant' } as const;

export const ACCESS_INDEX = { byTime: 'byTenantTime' } as const;

/** Access records are kept 400 days: a yearly review still finds last year's. */
export const ACCESS_RETENTION_DAYS = 400;

export const JOB_INDEX = { byTenant: 'byTenantCreated' } as const;

/**
 * Attributes of an SDR cache item (lambdas/adapters/dynamodb/sdr-cache-store.ts). `cacheKey`
 * rather than `key`, which is a DynamoDB reserved word.
 */
export const SDR_CACHE_ITEM = { key: 'cacheKey', document: 'document', expiresAt: 'expiresAt' } as const;

/** Attributes of a coordination item (leases, idempotency records, in-flight markers). */
export const COORDINATION_ITEM = {
  pk: 'pk',
  sk: 'sk',
  holder: 'holder',
  leaseUntil: 'leaseUntil',
  doneAt: 'doneAt',
  lastOwner: 'lastOwner',
  expiresAt: 'expiresAt',
} as const;

/** Webhooks and their deliveries (webhook-store.ts); GSIs: due deliveries (sparse), deliveries by tenant and state. */
export const WEBHOOK_INDEX = { due: 'byDue', byState: 'byTenantState' } as const;

export const TABLES: readonly TableDefinition[] = [
  {
    id: 'bmcs',
    partitionKey: { name: 'tenantId', type: 'S' },
    sortKey: { name: 'id', type: 'S' },
    globalSecondaryIndexes: [],
    pointInTimeRecovery: true,
  },
  {
    id: 'apiKeys',
    partitionKey: { name: 'id', type: 'S' },
    globalSecondaryIndexes: [
      { indexName: API_KEY_INDEX.byTenant, partitionKey: { name: 'tenantId', type: 'S' }, sortKey: { name: 'id', type: 'S' }, projection: 'ALL' },
    ],
    pointInTimeRecovery: true,
  },
  {
    id: 'audit',
    // `<tenant>#<chain>` and the event's position in its chain.
    partitionKey: { name: 'chainKey', type: 'S' },
    sortKey: { name: 'seq', type: 'N' },
    globalSecondaryIndexes: [
      { indexName: AUDIT_INDEX.byTime, partitionKey: { name: 'tenantId', type: 'S' }, sortKey: { name: 'timeId', type: 'S' }, projection: 'ALL' },
      { indexName: AUDIT_INDEX.byActor, partitionKey: { name: 'tenantActor', type: 'S' }, sortKey: { name: 'timeId', type: 'S' }, projection: 'ALL' },
      // Sparse: `problemTenant` is written only on denied and failed events.
      { indexName: AUDIT_INDEX.problems, partitionKey: { name: 'problemTenant', type: 'S' }, sortKey: { name: 'timeId', type: 'S' }, projection: 'ALL' },
    ],
    pointInTimeRecovery: true,
  },
  {
    id: 'sdrCache',
    partitionKey: { name: SDR_CACHE_ITEM.key, type: 'S' },
    globalSecondaryIndexes: [],
    // Every item can be read again from a BMC, so PITR protects nothing that would be lost;
    // it stays on anyway: for a table of a few MB it costs next to nothing, and it keeps the
    // table uniform with the others and clean under AWS Config's dynamodb-pitr-enabled rule
    // (Security Hub DynamoDB.2), with no exception to explain.
    pointInTimeRecovery: true,
    ttlAttribute: SDR_CACHE_ITEM.expiresAt,
  },
  {
    id: 'tenants',
    partitionKey: { name: 'tenantId', type: 'S' },
    globalSecondaryIndexes: [],
    pointInTimeRecovery: true,
  },
  {
    id: 'access',
    partitionKey: { name: 'tenantBmc', type: 'S' },
    sortKey: { name: 'recordKey', type: 'S' },
    globalSecondaryIndexes: [
      { indexName: ACCESS_INDEX.byTime, partitionKey: { name: 'tenantId', type: 'S' }, sortKey: { name: 'timeKey', type: 'S' }, projection: 'ALL' },
    ],
    pointInTimeRecovery: true,
    ttlAttribute: 'expiresAt',
  },
  {
    id: 'jobs',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalSecondaryIndexes: [
      // Sparse: only job items carry `jobTenant`; `createdKey` is `<createdAt>#<jobId>`.
      { indexName: JOB_INDEX.byTenant, partitionKey: { name: 'jobTenant', type: 'S' }, sortKey: { name: 'createdKey', type: 'S' }, projection: 'ALL' },
    ],
    pointInTimeRecovery: true,
    ttlAttribute: 'expiresAt',
  },
  {
    id: 'monitoring',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalSecondaryIndexes: [],
    pointInTimeRecovery: true,
    ttlAttribute: 'expiresAt',
  },
  {
    id: 'coordination',
    partitionKey: { name: COORDINATION_ITEM.pk, type: 'S' },
    sortKey: { name: COORDINATION_ITEM.sk, type: 'S' },
    globalSecondaryIndexes: [],
    // Leases live seconds and records a day; PITR as on every table (see sdrCache).
    pointInTimeRecovery: true,
    ttlAttribute: COORDINATION_ITEM.expiresAt,
  },
  {
    id: 'webhooks',
    // Partition per tenant: `hook#<id>` items and `delivery#<id>` items (deliveries expire after 30 days).
    partitionKey: { name: 'tenantId', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalSecondaryIndexes: [
      // Sparse: only pending deliveries carry `dueShard`; `dueKey` is `<nextAttemptAt>#<tenant>#<id>`.
      { indexName: WEBHOOK_INDEX.due, partitionKey: { name: 'dueShard', type: 'S' }, sortKey: { name: 'dueKey', type: 'S' }, projection: 'ALL' },
      { indexName: WEBHOOK_INDEX.byState, partitionKey: { name: 'tenantState', type: 'S' }, sortKey: { name: 'updatedKey', type: 'S' }, projection: 'ALL' },
    ],
    pointInTimeRecovery: true,
    ttlAttribute: 'expiresAt',
  },
];

export const DEFAULT_TABLE_NAMES: TableNames = { bmcs: 'bmcp-bmcs', apiKeys: 'bmcp-api-keys', audit: 'bmcp-audit', tenants: 'bmcp-tenants', access: 'bmcp-access', coordination: 'bmcp-coordination', jobs: 'bmcp-jobs', webhooks: 'bmcp-webhooks', monitoring: 'bmcp-monitoring' };

/**
 * Environment variables holding the table names (set by the CDK app on each function that has
 * a grant on the table). SDR_CACHE_TABLE has no default: unset means no persistent SDR cache.
 */
export const TABLE_ENV = {
  bmcs: 'BMC_TABLE',
  apiKeys: 'API_KEY_TABLE',
  audit: 'AUDIT_TABLE',
  sdrCache: 'SDR_CACHE_TABLE',
  tenants: 'TENANT_TABLE',
  access: 'ACCESS_TABLE',
  coordination: 'COORDINATION_TABLE',
  jobs: 'JOB_TABLE',
  webhooks: 'WEBHOOK_TABLE',
  monitoring: 'MONITORING_TABLE',
} as const;

export function tableNamesFromEnv(env: Readonly<Record<string, string | undefined>> = process.env, defaults: TableNames = DEFAULT_TABLE_NAMES): TableNames {
  const sdrCache = env[TABLE_ENV.sdrCache] || defaults.sdrCache;
  const coordination = env[TABLE_ENV.coordination] || defaults.coordination;
  const jobs = env[TABLE_ENV.jobs] || defaults.jobs;
  const webhooks = env[TABLE_ENV.webhooks] || defaults.webhooks;
  const monitoring = env[TABLE_ENV.monitoring] || defaults.monitoring;
  return {
    bmcs: env[TABLE_ENV.bmcs] ?? defaults.bmcs,
    apiKeys: env[TABLE_ENV.apiKeys] ?? defaults.apiKeys,
    audit: env[TABLE_ENV.audit] ?? defaults.audit,
    tenants: env[TABLE_ENV.tenants] ?? defaults.tenants,
    access: env[TABLE_ENV.access] ?? defaults.access,
    ...(sdrCache && { sdrCache }),
    ...(coordination && { coordination }),
    ...(jobs && { jobs }),
    ...(webhooks && { webhooks }),
    ...(monitoring && { monitoring }),
  };
}

export function tableDefinition(id: keyof TableNames): TableDefinition {
  const t = TABLES.find((x) => x.id === id);
  if (!t) throw new Error(`no table definition ${id}`);
  return t;
}
