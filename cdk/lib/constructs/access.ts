// Least-privilege IAM for the functions: named actions only (never `service:*`),
// on the tables and the secret prefix a function actually uses.
import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * What a function may do with one table (the calls lambdas/adapters/dynamodb makes).
 * - read: point reads and queries (no Scan: every access path is keyed by tenant or id).
 * - getAndUpdate: GetItem and UpdateItem only (the authorizer: look a key up, stamp its last use).
 * - write: read plus put, update and delete (registry and key management).
 * - append: PutItem and Query only; the audit log can be added to and read, never changed.
 * - getAndPut: GetItem and PutItem only (the SDR cache: look an entry up by key, write one;
 *   TTL removes old ones, so nothing needs to delete).
 * - lease: single-item conditional writes by key and nothing else (the coordination table:
 *   leases and idempotency records are taken, renewed, given back and read one key at a time;
 *   no Query, no Scan, so no function can list another tenant's records).
 * - startJobs: the API's share of the jobs table: write a job and its tasks (BatchWriteItem,
 *   PutItem), read and list them, cancel (UpdateItem). No DeleteItem: TTL removes old jobs.
 * - runJobs: the worker's share: read, claim and finish tasks (UpdateItem), take and release
 *   worker slots (PutItem, DeleteItem). No BatchWriteItem.
 * - leaseAndSweep: lease, and Query of the in-flight partitions only (IN_FLIGHT_PARTITION_PATTERN,
 *   by a dynamodb:LeadingKeys condition): the recovery sweep lists running actions, never leases
 *   or idempotency records.
 * - runAndStartJobs: runJobs, plus starting jobs (BatchWriteItem): the worker's monitoring
 *   schedule starts collection jobs.
 * - readAndUpdate: read, plus UpdateItem (the worker: record a BMC's health, list a tenant's
 *   BMCs for a collection job).
 * - readAndScan: read, plus Scan (the monitoring schedule lists the tenants of the tenants table).
 * - monitor: the monitoring table: read, put and update items, BatchWriteItem of events and SEL
 *   entries. No DeleteItem: TTL removes history and events.
 */
export type TableAccess = 'read' | 'getAndUpdate' | 'write' | 'append' | 'getAndPut' | 'lease' | 'leaseAndSweep' | 'startJobs' | 'runJobs' | 'runAndStartJobs' | 'readAndUpdate' | 'readAndScan' | 'monitor' | 'operate';

/** Partition keys of in-flight markers (lambdas/adapters/dynamodb/in-flight-store.ts: `inflight#<n>`). */
export const IN_FLIGHT_PARTITION_PATTERN = 'inflight#*';

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const TABLE_ACTIONS: Record<TableAccess, readonly string[]> = {
  read: READ_ACTIONS,
  getAndUpdate: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
  write: [...READ_ACTIONS, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  append: ['dynamodb:PutItem', 'dynamodb:Query'],
  getAndPut: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  lease: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  leaseAndSweep: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  startJobs: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem'],
  runJobs: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  runAndStartJobs: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
  readAndUpdate: [...READ_ACTIONS, 'dynamodb:UpdateItem'],
  readAndScan: [...READ_ACTIONS, 'dynamodb:Scan'],
  monitor: [...READ_ACTIONS, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
  // The tenant registry: the operator lists every tenant (one item each), so it may Scan.
  operate: [...READ_ACTIONS, 'dynamodb:Scan', 'dynamodb:UpdateItem'],
};

/**
 * Statement over a table and, when the access queries, its named indexes (never `index/*`).
 * Indexes only serve Query; DynamoDB refuses writes on them itself.
 */
export function tableStatement(table: ITableV2, access: TableAccess, indexNames: readonly string[]): PolicyStatement {
  const actions = TABLE_ACTIONS[access];
  const indexes = actions.includes('dynamodb:Query') ? indexNames.map((name) => `${table.tableArn}/index/${name}`) : [];
  return new PolicyStatement({ actions: [...actions], resources: [table.tableArn, ...indexes] });
}

/** The statements of one grant: the table statement, and for leaseAndSweep the in-flight Query. */
export function tableStatements(table: ITableV2, access: TableAccess, indexNames: readonly string[]): PolicyStatement[] {
  const statements = [tableStatement(table, access, indexNames)];
  if (access === 'leaseAndSweep') {
    statements.push(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [IN_FLIGHT_PARTITION_PATTERN] } },
      }),
    );
  }
  return statements;
}

/**
 * What a function may do with BMC credentials in Secrets Manager.
 * - read: fetch a credential to open an RMCP+ session.
 * - manage: also create (tagged with its tenant), rotate with version stages, delete.
 */
/**
 * read: open sessions. rotate: also stage a pending version and move version labels (the job
 * worker completing a rotation), never create, tag or delete a secret. manage: everything.
 */
export type SecretAccess = 'read' | 'rotate' | 'manage';

/** Every BMC credential lives under `bmc/<tenant>/<bmcId>` (docs/architecture.md section 4). */
export const SECRET_NAME_PREFIX = 'bmc/';

/** Tag every credential secret carries; CreateSecret is refused without it. */
export const SECRET_TENANT_TAG = 'tenant';

const SECRET_READ_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];
const SECRET_ROTATE_ACTIONS = [...SECRET_READ_ACTIONS, 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'];
const SECRET_MANAGE_ACTIONS = [
  ...SECRET_ROTATE_ACTIONS,
  'secretsmanager:DeleteSecret',
  'secretsmanager:TagResource',
];

/** ARN pattern of every BMC credential of every tenant in this account and region. */
export function bmcSecretArnPattern(scope: Construct): string {
  return Arn.format(
    { service: 'secretsmanager', resource: 'secret', resourceName: `${SECRET_NAME_PREFIX}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME },
    Stack.of(scope),
  );
}

export function secretStatements(scope: Construct, access: SecretAccess): PolicyStatement[] {
  const resources = [bmcSecretArnPattern(scope)];
  if (access === 'read') return [new PolicyStatement({ actions: SECRET_READ_ACTIONS, resources })];
  if (access === 'rotate') return [new PolicyStatement({ actions: SECRET_ROTATE_ACTIONS, resources })];
  return [
    new PolicyStatement({ actions: SECRET_MANAGE_ACTIONS, resources }),
    // A credential without its tenant tag could not be attributed: refuse to create one.
    new PolicyStatement({
      actions: ['secretsmanager:CreateSecret'],
      resources,
      conditions: { Null: { [`aws:RequestTag/${SECRET_TENANT_TAG}`]: 'false' } },
    }),
  ];
}
