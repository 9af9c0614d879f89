/**
 * `npm start`: the whole API on this machine (docs/architecture.md section 5). The DynamoDB adapters over
 * an embedded engine and an encrypted credentials file under DATA_DIR, a simulated fleet on
 * loopback registered in the default tenant, the IPMI gateway talking real RMCP+ to it, and the
 * GraphQL and REST API on 127.0.0.1:PORT. Prints the endpoints and the admin API key.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createLocalStores } from '../adapters/local/embedded-dynamodb.ts';
import { DEFAULT_TABLE_NAMES } from '../adapters/dynamodb/tables.ts';
import { AUDIT_KEY_FILE, LocalAuditSigner } from '../adapters/local/audit-signing-key.ts';
import { DenialLimiter } from '../api/denials.ts';
import type { Fleet } from '../simulator/index.ts';
import { IpmiGateway } from '../adapters/ipmi/gateway.ts';
import { InProcessJobQueue } from '../adapters/local/in-process-job-queue.ts';
import { requeueUnfinishedJobs } from '../core/jobs/requeue.ts';
import { apiKeyAuthenticator } from '../api/authenticate.ts';
import { createGraphQLServer } from '../api/graphql/server.ts';
import { createApiApp } from '../api/http/app.ts';
import { loadConsoleAssets } from '../api/http/console-assets.ts';
import { listen } from '../api/http/node-server.ts';
import { jsonLinesLogger } from '../api/logger.ts';
import { createServices, systemClock, tenantRequestRates, type CoreServices } from '../core/index.ts';
import { defaultPolicy, MIN_LOCAL_INTERVAL_SECONDS } from '../core/monitoring/policy.ts';
import { operatorEndpoint } from '../api/operator/endpoint.ts';
import { localOperatorAuthenticator } from '../api/operator/authenticate.ts';
import { ensureDefaultTenant } from './default-tenant.ts';
import { newOperatorSecret, removeOperatorFile, writeOperatorFile } from './operator-file.ts';
import type { Caller } from '../core/types.ts';
import { ensureAdminKey } from './admin-key.ts';
import { ConfigError, localConfig, type LocalConfig } from './config.ts';
import { startLocalFleet } from './fleet.ts';
import { simulatorPassword } from './secret-files.ts';
import { assessBmc } from '../core/monitoring/predictions/index.ts';
import { localWebhookPorts, startWebhookSweep } from './webhook-sweep.ts';
import type { DispatcherOptions } from '../core/monitoring/webhooks/dispatcher.ts';

/** How often `npm start` looks for orphaned actions (the worker Lambda's schedule in AWS). */
const ORPHAN_SWEEP_EVERY_MS = 60_000;
/** How often `npm start` looks for due collection cycles (each rule keeps its own interval). */
const MONITOR_TICK_MS = 5_000;

export interface LocalApi {
  readonly graphqlUrl: string;
  readonly restUrl: string;
  readonly adminKey: string;
  /** What runs inside, for the benchmark: the services and the simulated fleet (absent with BMC_SIM_COUNT=0). */
  readonly services: CoreServices;
  readonly fleet: Fleet | undefined;
  stop(): Promise<void>;
}

export interface LocalApiOptions {
  /** Sees the stores before anything uses them: the benchmark counts DynamoDB operations here. */
  readonly onStores?: (stores: Awaited<ReturnType<typeof createLocalStores>>) => void;
  /** Retry schedule of webhook deliveries (tests shorten it; default DISPATCH_DEFAULTS). */
  readonly webhookDelivery?: DispatcherOptions;
}

/** Starts everything; on failure, stops what already started. */
export async function startLocalApi(config: LocalConfig, options: LocalApiOptions = {}): Promise<LocalApi> {
  const logger = jsonLinesLogger(undefined, config.logLevel);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const stores = await createLocalStores(config.dataDir);
    stops.push(() => stores.close());
    options.onStores?.(stores);
    const gateway = new IpmiGateway({ leases: stores.leases });
    stops.push(() => gateway.close());
    // Jobs run here, through the same worker code as the worker Lambda, over the same store.
    const queue = new InProcessJobQueue({ onError: (m, e) => logger.debug('job message retried', { jobId: m.jobId, reason: e instanceof Error ? e.message : String(e) }) });
    stops.push(async () => queue.close());
    const jobStore = stores.jobStore;
    // Checkpoints of the audit chains are signed with a key file beside the data (mode 0600).
    const auditAnchor = { signer: await LocalAuditSigner.fromFile(join(config.dataDir, AUDIT_KEY_FILE)), checkpoints: stores.auditCheckpoints, onError: (e: unknown) => logger.warn('audit checkpoint not written', { reason: e instanceof Error ? e.message : String(e) }) };
    // Tenants as in AWS (ranges, endpoint claims, quotas), but loopback BMCs are allowed: the fleet lives there.
    const tenants = { registry: stores.tenantRegistry, claims: stores.endpointClaims, allowLoopback: true };
    // Webhooks over the webhooks table; their dispatcher is also where collection's events go.
    const webhooks = { ...localWebhookPorts(stores.documentClient, DEFAULT_TABLE_NAMES.webhooks!, config.dataDir, stores.cursors), ...(options.webhookDelivery && { options: options.webhookDelivery }) };
    const monitoring = stores.monitoringStore && {
      store: stores.monitoringStore,
      assess: assessBmc,
      options: {
        // Locally a policy may go down to 5 s, so a newcomer sees changes soon after making them.
        minIntervalSeconds: MIN_LOCAL_INTERVAL_SECONDS,
        tenants: async () => [config.tenantId],
        registry: stores.tenantRegistry,
        defaultPolicy: (tenantId: string) => defaultPolicy(tenantId, tenantId === config.tenantId ? config.monitorIntervalSeconds : undefined),
        onError: (tenantId: string, e: unknown) => logger.warn('monitoring cycle not started', { tenantId, reason: e instanceof Error ? e.message : String(e) }),
      },
    };
    const services = createServices({ ...stores, gateway, configGateway: gateway.config, auditAnchor, tenants, webhooks, ...(jobStore && { jobs: { store: jobStore, queue } }), ...(monitoring && { monitoring }), ...(stores.denials && { bmcAuth: { counter: stores.denials } }) });
    await ensureDefaultTenant(stores.tenantRegistry, config.tenantId, systemClock);
    // The worker's scheduled webhook sweep, in-process: retries of deliveries that failed.
    const webhookSweep = startWebhookSweep(services.webhookDispatcher!, (e: unknown) => logger.warn('webhook sweep failed', { reason: e instanceof Error ? e.message : String(e) }));
    stops.push(async () => webhookSweep.stop());
    const worker = services.jobWorker({ owner: `npm-start-${process.pid}-${randomUUID().slice(0, 8)}` });
    // Jobs a stopped or killed run left unfinished: queued again before this worker takes any
    // message (attached below, once the fleet is registered where it now listens).
    if (jobStore) {
      const requeued = await requeueUnfinishedJobs(jobStore, queue);
      if (requeued.jobs > 0) logger.info('unfinished jobs queued again', { ...requeued });
    }
    // The worker Lambda's schedule, in-process: outcomes for actions a crashed run left open.
    const sweep = services.orphanSweep({ owner: `npm-start-sweep-${process.pid}-${randomUUID().slice(0, 8)}` });
    const sweepTimer = setInterval(() => void sweep.run().catch((e: unknown) => logger.warn('orphan sweep failed', { reason: e instanceof Error ? e.message : String(e) })), ORPHAN_SWEEP_EVERY_MS);
    sweepTimer.unref();
    stops.push(async () => clearInterval(sweepTimer));
    // The EventBridge schedule of AWS, in-process: starts due collection cycles as jobs.
    const scheduler = services.monitorScheduler();
    const monitorTimer = setInterval(() => void scheduler.runDue().catch((e: unknown) => logger.warn('monitoring schedule failed', { reason: e instanceof Error ? e.message : String(e) })), MONITOR_TICK_MS);
    monitorTimer.unref();
    stops.push(async () => clearInterval(monitorTimer));

    const system: Caller = { principal: { tenantId: config.tenantId, role: 'admin', actor: 'system:npm-start' }, requestId: 'startup', source: 'npm start' };
    const fleet = await startLocalFleet(services, system, { ...config.fleet, password: await simulatorPassword(config.dataDir) });
    stops.push(() => fleet.stop());
    queue.attach((message) => worker.handle(message));
    const adminKey = await ensureAdminKey(services.apiKeys, config.dataDir, config.tenantId);

    const graphql = createGraphQLServer(logger);
    await graphql.start();
    stops.push(() => graphql.stop());
    // Denied attempts per key are counted in the coordination table, as in Lambda (one code path).
    const denials = stores.denials && new DenialLimiter(stores.denials);
    // Requests per tenant, counted in the coordination table as in Lambda.
    const requestRates = stores.requestCounts && tenantRequestRates(stores.requestCounts, services.tenantGate);
    const webConsole = config.consoleDir === undefined ? undefined : loadConsoleAssets(config.consoleDir);
    // The operator endpoint, for `bmc-admin`: authenticated by a secret in a 0600 file, never by a tenant key.
    const operatorSecret = newOperatorSecret();
    const operator = services.operator && operatorEndpoint({ operator: services.operator, authenticate: localOperatorAuthenticator(operatorSecret), services, logger });
    const app = createApiApp({ services: { ...services, ...(denials && { denials }), ...(requestRates && { requestRates }) }, graphql, authenticate: apiKeyAuthenticator(services), logger, ...(stores.idempotency && { idempotency: stores.idempotency }), ...(webConsole && { console: webConsole }), ...(operator && { extraEndpoints: [operator] }) });
    const server = await listen(app, config.host, config.port);
    stops.push(() => server.close());

    const base = `http://${config.host}:${server.port}`;
    await writeOperatorFile(config.dataDir, { url: base, secret: operatorSecret, pid: process.pid });
    stops.push(() => removeOperatorFile(config.dataDir, operatorSecret));
    return { graphqlUrl: `${base}/graphql`, restUrl: `${base}/v1`, adminKey, services, fleet: fleet.fleet, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export async function main(env: Readonly<Record<string, string | undefined>> = process.env): Promise<void> {
  let api: LocalApi;
  try {
    api = await startLocalApi(localConfig(env));
  } catch (e) {
    const reason = e instanceof ConfigError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    process.stderr.write(`npm start: ${reason}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`GraphQL: ${api.graphqlUrl}\nREST: ${api.restUrl}\nadmin API key: ${api.adminKey}\nconsole: ${api.graphqlUrl.replace(/graphql$/, '')}\n`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void api.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
