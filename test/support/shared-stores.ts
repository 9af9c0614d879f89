/**
 * What several simulated Lambda environments (lambda-environments.ts) share: one DynamoDB Local
 * with the application's tables, and one folder of encrypted BMC credentials (the handlers'
 * LOCAL_CREDENTIALS_DIR seam, lambdas/handlers/settings.ts). The test process gets the core
 * services over the same stores, to seed tenants, keys and BMCs and to read the audit log.
 *
 *   const stores = await startSharedStores();
 *   const { key } = await stores.services.apiKeys.bootstrap('tenant-a');
 *   const id = await stores.registerBmc('tenant-a', fleet.bmc(0), 'password');
 *   const envs = await LambdaEnvironments.start({ bundles, env: stores.environment({ BMC_MIN_ACTION_INTERVAL_MS: '200' }) });
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentClient, createDynamoPorts, createTables, TABLE_ENV, TABLES, type TableNames } from '../../lambdas/adapters/dynamodb/index.ts';
import { IpmiGateway } from '../../lambdas/adapters/ipmi/gateway.ts';
import { FileCredentialStore } from '../../lambdas/adapters/local/file-credential-store.ts';
import { AUDIT_KEY_FILE, LocalAuditSigner } from '../../lambdas/adapters/local/audit-signing-key.ts';
import { createServices, type CoreServices } from '../../lambdas/core/index.ts';
import type { Caller, TenantId } from '../../lambdas/core/types.ts';
import { LOCAL_CREDENTIALS_ENV } from '../../lambdas/handlers/settings.ts';
import { AUDIT_KEY_FILE_ENV } from '../../lambdas/handlers/audit-signing.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.ts';

export interface SharedStores {
  readonly ddb: DynamoDbLocal;
  readonly names: TableNames;
  readonly credentialsDir: string;
  readonly documentClient: ReturnType<typeof createDocumentClient>['doc'];
  /** The core over the shared stores, in the test process. */
  readonly services: CoreServices;
  /** Environment variables for the handler processes: tables, endpoint, credentials, plus `extra`. */
  environment(extra?: Readonly<Record<string, string>>): Record<string, string>;
  /** Registers a BMC (address, port) for a tenant as its admin would; returns the BMC id. */
  registerBmc(tenantId: TenantId, bmc: { host: string; port: number }, password: string, name?: string): Promise<string>;
  stop(): Promise<void>;
}

export function adminCaller(tenantId: TenantId): Caller {
  return { principal: { tenantId, role: 'admin', actor: 'test:seed' }, requestId: 'seed', source: 'test' };
}

/** Starts DynamoDB Local, creates every table of tables.ts (names prefixed), and a credentials folder. */
export async function startSharedStores(options: { prefix?: string } = {}): Promise<SharedStores> {
  const prefix = options.prefix ?? 'env';
  const [ddb, credentialsDir] = await Promise.all([startDynamoDbLocal(), mkdtemp(join(tmpdir(), 'bmcp-credentials-'))]);
  const names = Object.fromEntries(TABLES.map((t) => [t.id, `${prefix}-${t.id}`])) as unknown as TableNames;
  const { client, doc } = createDocumentClient(ddb.clientConfig);
  await createTables(client, names);
  // The test process only registers BMCs (one fresh session each): no pool to leave open.
  const gateway = new IpmiGateway({ sessionPool: false, sdrCache: false, timeoutMs: 500, retries: 2 });
  // One audit signing key for the test process and every environment (AUDIT_SIGNING_KEY_FILE), as one KMS key in AWS.
  const auditKeyFile = join(credentialsDir, AUDIT_KEY_FILE);
  const ports = createDynamoPorts(doc, names);
  const auditAnchor = { signer: await LocalAuditSigner.fromFile(auditKeyFile), checkpoints: ports.auditCheckpoints };
  const services = createServices({ ...ports, credentials: new FileCredentialStore(credentialsDir), gateway, auditAnchor });
  let registered = 0;
  return {
    ddb,
    names,
    credentialsDir,
    documentClient: doc,
    services,
    environment: (extra = {}) => ({
      AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
      AWS_REGION: ddb.clientConfig.region,
      AWS_ACCESS_KEY_ID: ddb.clientConfig.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ddb.clientConfig.credentials.secretAccessKey,
      ...Object.fromEntries(Object.entries(names).map(([id, name]) => [TABLE_ENV[id as keyof typeof TABLE_ENV], String(name)])),
      [LOCAL_CREDENTIALS_ENV]: credentialsDir,
      [AUDIT_KEY_FILE_ENV]: auditKeyFile,
      ...extra,
    }),
    async registerBmc(tenantId, bmc, password, name) {
      const input = { name: name ?? `bmc-${++registered}`, address: bmc.host, port: bmc.port, tags: [], credentials: { username: 'admin', password } };
      return (await services.bmcs.register(adminCaller(tenantId), input)).id;
    },
    async stop() {
      await gateway.close();
      client.destroy();
      await ddb.stop();
      await rm(credentialsDir, { recursive: true, force: true });
    },
  };
}
