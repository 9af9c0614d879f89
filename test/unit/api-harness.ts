/**
 * Test harness for the API layer over the in-memory core: the real HTTP server (node:http on a
 * free loopback port), the real Apollo server and REST router, the core's real services, with
 * in-memory stores and a scripted BMC gateway underneath.
 */
import { createMemoryCore, MemoryEndpointClaims, MemoryTenantRegistry, type MemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { createDocumentClient, createTables, DEFAULT_TABLE_NAMES, DynamoJobStore, DynamoMonitoringStore } from '../../lambdas/adapters/dynamodb/index.ts';
import { startEmbeddedDynamoDb } from '../../lambdas/adapters/local/embedded-dynamodb.ts';
import { InProcessJobQueue } from '../../lambdas/adapters/local/in-process-job-queue.ts';
import { apiKeyAuthenticator } from '../../lambdas/api/authenticate.ts';
import { createGraphQLServer } from '../../lambdas/api/graphql/server.ts';
import { createApiApp } from '../../lambdas/api/http/app.ts';
import { DenialLimiter, MemoryDenialCounter } from '../../lambdas/api/denials.ts';
import { listen, type RunningServer } from '../../lambdas/api/http/node-server.ts';
import { silentLogger } from '../../lambdas/api/logger.ts';
import type { Role } from '../../lambdas/core/types.ts';

export interface GraphQLAnswer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

export interface RestAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export interface ApiHarness {
  readonly url: string;
  readonly core: MemoryCore;
  /** Monitoring's store (policies, state, history, events), as the collector writes it. */
  readonly monitoring: DynamoMonitoringStore;
  /** The jobs' queue (in-process, as in `npm start`): tests wait on it to see jobs finish. */
  readonly jobQueue: InProcessJobQueue;
  /** Admin keys per tenant, created at start. */
  readonly admin: { a: string; b: string };
  key(tenant: 'a' | 'b', role: Role): Promise<string>;
  gql(key: string | null, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLAnswer & { headers: Headers }>;
  rest(key: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RestAnswer>;
  close(): Promise<void>;
}

export const TENANT_A = 'tenant-a';
export const TENANT_B = 'tenant-b';

/** The management ranges of the two tenants when the platform operator makes them. */
export const TENANT_RANGES = { a: '10.1.0.0/16', b: '10.2.0.0/16' } as const;

export interface ApiHarnessOptions {
  /**
   * Make the two tenants as a deployment does: through the platform operator's service, with
   * disjoint management ranges (TENANT_RANGES), endpoint claims and the suspension gate, and
   * their first admin keys issued by it. Otherwise the tenants exist only through their keys.
   */
  readonly operatorTenants?: boolean;
}

export async function startApiHarness(options: ApiHarnessOptions = {}): Promise<ApiHarness> {
  // Jobs and monitoring live in DynamoDB stores (dynalite in memory), jobs run through the real worker, as in `npm start`.
  const db = await startEmbeddedDynamoDb();
  const { client, doc } = createDocumentClient(db.clientConfig);
  await createTables(client, { ...DEFAULT_TABLE_NAMES, jobs: 'harness-jobs', monitoring: 'harness-monitoring' }, { pollMs: 5 });
  const jobQueue = new InProcessJobQueue({ retryDelayMs: 20 });
  const monitoring = new DynamoMonitoringStore(doc, 'harness-monitoring');
  const core = createMemoryCore({
    jobs: { store: new DynamoJobStore(doc, 'harness-jobs'), queue: jobQueue },
    monitoring: { store: monitoring },
    ...(options.operatorTenants && { tenants: { registry: new MemoryTenantRegistry(), claims: new MemoryEndpointClaims(), allowLoopback: false, requireProvisioned: true } }),
  });
  const worker = core.services.jobWorker({ owner: 'harness-worker', cancelCheckMs: 0 });
  jobQueue.attach((m) => worker.handle(m));
  const graphql = createGraphQLServer(silentLogger);
  await graphql.start();
  // Suites here make hundreds of refusals with one key on purpose; the limit has its own tests.
  const denials = new DenialLimiter(new MemoryDenialCounter(), { limit: 1_000_000 });
  const app = createApiApp({ services: { ...core.services, denials }, graphql, authenticate: apiKeyAuthenticator(core.services), logger: silentLogger });
  const server: RunningServer = await listen(app, '127.0.0.1', 0);
  const url = `http://127.0.0.1:${server.port}`;
  const operator = core.services.operator;
  const firstAdminKey = async (tenant: string, ranges: string): Promise<string> => {
    if (!options.operatorTenants) return (await core.services.apiKeys.bootstrap(tenant)).key;
    if (!operator) throw new Error('the core has no operator service');
    const op = { actor: 'local:harness', requestId: `create-${tenant}`, source: 'test' };
    await operator.create(op, { name: tenant, ranges: [ranges] });
    return (await operator.issueAdminKey(op, tenant)).key;
  };
  const admin = { a: await firstAdminKey(TENANT_A, TENANT_RANGES.a), b: await firstAdminKey(TENANT_B, TENANT_RANGES.b) };

  const gql = async (key: string | null, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'x-api-key': key }), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLAnswer['body'] };
  };

  const rest = async (key: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RestAnswer> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key === null ? {} : { 'x-api-key': key }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Exports are not JSON.
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };

  const key = async (tenant: 'a' | 'b', role: Role): Promise<string> => {
    const answer = await gql(admin[tenant], 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }', {
      i: { name: `${role} key`, role: role.toUpperCase() },
    });
    const created = answer.body.data?.['createApiKey'] as { key: string } | undefined;
    if (!created) throw new Error(`could not create a ${role} key: ${JSON.stringify(answer.body.errors)}`);
    return created.key;
  };

  return {
    url,
    core,
    monitoring,
    jobQueue,
    admin,
    key,
    gql,
    rest,
    close: async () => {
      await server.close();
      await graphql.stop();
      jobQueue.close();
      client.destroy();
      await db.close();
    },
  };
}
