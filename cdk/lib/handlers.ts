// The Lambda entry points the app deploys (each exports `handler`), with the
// resources each one touches. This is the least-privilege map: a function gets
// exactly these grants and nothing else.
import type { SecretAccess, TableAccess } from './constructs/access.ts';
import type { TableKey } from './tables.ts';

export interface HandlerSpec {
  /** Entry file relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  /** Seconds; API Gateway gives up on an integration after 29 s. */
  readonly timeoutSeconds: number;
  readonly tables: Partial<Record<TableKey, TableAccess>>;
  readonly secrets?: SecretAccess;
  /** Sends to the job queue (JOB_QUEUE_URL): starts jobs. */
  readonly sendsJobs?: boolean;
}

export const HANDLERS = {
  graphql: {
    entry: 'lambdas/handlers/graphql.ts',
    description: 'GraphQL API (Apollo Server): BMC reads, actions, fleet, audit, keys',
    memorySize: 1024,
    timeoutSeconds: 28,
    // sdrCache: the IPMI gateway's shared SDR cache (SDR_CACHE_TABLE): GetItem and PutItem by key.
    // tenants: tenant settings (GetItem, UpdateItem); access: the access log of reads (PutItem, Query).
    // coordination: BMC leases and Idempotency-Key records (COORDINATION_TABLE), one key at a time.
    tables: { bmcs: 'write', apiKeys: 'write', audit: 'append', sdrCache: 'getAndPut', tenants: 'getAndUpdate', access: 'append', coordination: 'lease', jobs: 'startJobs', monitoring: 'monitor' },
    secrets: 'manage',
    sendsJobs: true,
  },
  rest: {
    entry: 'lambdas/handlers/rest.ts',
    description: 'REST API /v1: the same services as GraphQL',
    memorySize: 1024,
    timeoutSeconds: 28,
    tables: { bmcs: 'write', apiKeys: 'write', audit: 'append', sdrCache: 'getAndPut', tenants: 'getAndUpdate', access: 'append', coordination: 'lease', jobs: 'startJobs', monitoring: 'monitor' },
    secrets: 'manage',
    sendsJobs: true,
  },
  worker: {
    entry: 'lambdas/handlers/worker.ts',
    description: 'Job worker: runs the tasks of fleet jobs (job queue, SQS) and the recovery sweep of orphaned actions (schedule)',
    memorySize: 1024,
    // One message is at most JOB_TASKS_PER_MESSAGE tasks, JOB_WINDOW at a time, each bounded by
    // its deadline (60 s): four rounds and the wait for a worker slot fit in 5 minutes.
    timeoutSeconds: 300,
    // bmcs: get a BMC and record its health; audit: append outcomes; jobs: claim and finish tasks;
    // coordination: the BMC leases every session and action takes, shared with the API functions;
    // tenants and access: a fleet read job's reads are recorded as the tenant's read audit says.
    // The same function runs the scheduled recovery sweep: it Queries the in-flight partitions of
    // the coordination table (leaseAndSweep) and reads the BMC's chain back (audit Query).
    // The monitoring schedule lists the tenants (tenants: Scan), starts collection jobs (jobs:
    // BatchWriteItem, the job queue) and keeps state, history and events (monitoring).
    tables: { bmcs: 'readAndUpdate', audit: 'append', sdrCache: 'getAndPut', jobs: 'runAndStartJobs', coordination: 'leaseAndSweep', tenants: 'readAndScan', access: 'append', monitoring: 'monitor' },
    // A rotation job commits the pending version (or drops it); it never creates or deletes a secret.
    secrets: 'rotate',
    sendsJobs: true,
  },
  authorizer: {
    entry: 'lambdas/handlers/authorizer.ts',
    description: 'REQUEST authorizer: x-api-key to tenant, role and key id',
    memorySize: 512,
    timeoutSeconds: 5,
    // ApiKeyService.authenticate: GetItem by key id, then UpdateItem of lastUsedAt. A revoked or
    // expired key is a denied event in its tenant's audit log (append) and counts against the
    // key's denial limit (coordination: one UpdateItem ADD on the key's counter).
    // tenants: the tenant of every key is read on every request (suspended and deleted tenants are refused).
    tables: { apiKeys: 'getAndUpdate', audit: 'append', coordination: 'lease', tenants: 'read' },
  },
  operator: {
    entry: 'lambdas/handlers/operator.ts',
    description: 'Platform operator (IAM-authorized route only): tenants, ranges, quotas, first admin keys, export, delete',
    memorySize: 1024,
    timeoutSeconds: 28,
    // tenants: the registry (Scan lists it); bmcs, apiKeys: a deleted tenant's BMCs, claims and
    // keys are deleted; audit: both chains; jobs: export reads them, delete cancels them;
    // coordination: the shared cursor key.
    tables: { tenants: 'operate', bmcs: 'write', apiKeys: 'write', audit: 'append', jobs: 'startJobs', coordination: 'lease' },
    // A deleted tenant's BMC secrets are deleted at once.
    secrets: 'manage',
  },
} as const satisfies Record<string, HandlerSpec>;

export type HandlerName = keyof typeof HANDLERS;
