/**
 * The BmcUnreachable metric the CDK app alarms on (cdk/lib/telemetry.ts). The GraphQL and REST
 * entry points are wired exactly as the deployed modules wire them (lambdas/handlers/*.ts), over
 * in-memory stores instead of DynamoDB, Secrets Manager and IPMI, and invoked with API Gateway
 * events; Powertools writes CloudWatch EMF documents to stdout, which the tests capture. The
 * local server (`npm start`, run as a user runs it) must write none.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryCore, type MemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { silentLogger } from '../../lambdas/api/logger.ts';
import type { ApiServices } from '../../lambdas/api/services.ts';
import { graphqlEntry } from '../../lambdas/handlers/graphql.ts';
import { BMC_UNREACHABLE_METRIC, lambdaMetrics, METRICS_NAMESPACE, METRICS_SERVICE, metricsTelemetry, publishingMetrics } from '../../lambdas/handlers/metrics.ts';
import { restEntry } from '../../lambdas/handlers/rest.ts';
import { lambdaServices } from '../../lambdas/handlers/api-runtime.ts';
import type { Caller } from '../../lambdas/core/types.ts';
import * as cdkTelemetry from '../../cdk/lib/telemetry.ts';
import { gql, silentUdpPort, startApi, type StartedApi } from '../e2e/start-support.ts';
import { lambdaContext, proxyEvent } from './handlers-events.ts';

/** One CloudWatch Embedded Metric Format document, as far as these tests read it. */
interface Emf {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

/** Runs `act`, capturing (and holding back) what is written to stdout meanwhile; returns the EMF documents. */
async function emfWrittenBy(act: () => Promise<unknown>): Promise<{ documents: Emf[]; lines: string[] }> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter((l) => l.length > 0));
    return true;
  });
  try {
    await act();
  } finally {
    spy.mockRestore();
  }
  return { documents: lines.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l) as Emf), lines };
}

// The authorizer's context of a real key: the functions confirm the key behind a cached Allow.
let operator: Record<string, string> = {};
const admin: Caller = { principal: { tenantId: 'tenant-m', role: 'admin', actor: 'test' }, requestId: 'setup', source: 'test' };

describe('Lambda entry points emit BmcUnreachable through Powertools Metrics', () => {
  let core: MemoryCore;
  let services: ApiServices;
  const bmc: Record<'up' | 'down1' | 'down2', string> = { up: '', down1: '', down2: '' };

  beforeAll(async () => {
    core = createMemoryCore();
    // The deployed composition (telemetry on the environment's Metrics), over in-memory ports.
    services = lambdaServices({ bmcs: core.bmcs, apiKeys: core.apiKeys, auditLog: core.auditLog, accessLog: core.accessLog, tenantSettings: core.tenantSettings, credentials: core.credentials, gateway: core.gateway });
    const key = await services.apiKeys.create(admin, { name: 'operator', role: 'operator' });
    operator = { tenantId: 'tenant-m', role: 'operator', actor: `apikey:${key.info.id}`, keyId: key.info.id };
    core.gateway.add('10.3.0.1', 623, 'admin', 'pw', { power: 'on' });
    // Nothing answers at 10.3.0.2 and 10.3.0.3: the gateway reports them unreachable.
    for (const [name, address] of [['up', '10.3.0.1'], ['down1', '10.3.0.2'], ['down2', '10.3.0.3']] as const) {
      bmc[name] = (await services.bmcs.register(admin, { name, address, tags: ['rack:m'], credentials: { username: 'admin', password: 'pw' } })).id;
    }
  });

  const graphql = () => graphqlEntry(async () => services, silentLogger);
  const rest = () => restEntry(async () => services, silentLogger);
  const gqlEvent = (query: string) => proxyEvent({ method: 'POST', path: '/graphql', resource: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), authorizer: operator, pathParameters: null });

  it('uses the namespace, service and metric name the CDK alarm reads', () => {
    expect([METRICS_NAMESPACE, METRICS_SERVICE, BMC_UNREACHABLE_METRIC]).toEqual([cdkTelemetry.METRICS_NAMESPACE, cdkTelemetry.SERVICE_NAME, cdkTelemetry.BMC_UNREACHABLE_METRIC]);
  });

  it('GraphQL: one unreachable BMC is exactly one Count datum, with only the service dimension', async () => {
    let status = 0;
    let body = '';
    const { documents } = await emfWrittenBy(async () => {
      ({ statusCode: status, body } = await graphql()(gqlEvent(`{ bmc(id: "${bmc.down1}") { power { state } } }`), lambdaContext()));
    });
    expect(status).toBe(200);
    expect(JSON.parse(body).errors[0].extensions.code).toBe('BMC_UNREACHABLE');
    expect(documents).toHaveLength(1);
    const [emf] = documents as [Emf];
    expect(emf._aws.CloudWatchMetrics).toEqual([{ Namespace: 'BmcControlPlane', Dimensions: [['service']], Metrics: [{ Name: 'BmcUnreachable', Unit: 'Count' }] }]);
    expect(emf['BmcUnreachable']).toBe(1);
    expect(emf['service']).toBe('bmc-control-plane');
    // Low cardinality: nothing about which BMC, tenant or caller.
    const text = JSON.stringify(emf);
    for (const secretish of [bmc.down1, '10.3.0.2', 'tenant-m', 'operator-m']) expect(text).not.toContain(secretish);
  });

  it('REST fleet: one datum per unreachable BMC, flushed in one document at the end of the invocation', async () => {
    let status = 0;
    const { documents } = await emfWrittenBy(async () => {
      ({ statusCode: status } = await rest()(
        proxyEvent({ method: 'POST', path: '/v1/fleet/power-status', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: { tags: ['rack:m'] } }), authorizer: operator }),
      ));
    });
    expect(status).toBe(200);
    expect(documents).toHaveLength(1);
    expect(documents[0]?.['BmcUnreachable']).toEqual([1, 1]);
  });

  it('writes nothing when every BMC answers, and carries nothing over from earlier invocations', async () => {
    const handler = graphql();
    const first = await emfWrittenBy(() => handler(gqlEvent(`{ bmc(id: "${bmc.down2}") { power { state } } }`), lambdaContext()));
    expect(first.documents.map((d) => d['BmcUnreachable'])).toEqual([1]);
    const quiet = await emfWrittenBy(() => handler(gqlEvent(`{ bmc(id: "${bmc.up}") { power { state } } }`), lambdaContext()));
    expect(quiet.documents).toEqual([]);
    expect(quiet.lines.filter((l) => l.includes('BmcUnreachable'))).toEqual([]);
  });

  it('publishes what was recorded even when the invocation throws', async () => {
    const metrics = lambdaMetrics();
    const failing = publishingMetrics(metrics, async () => {
      metricsTelemetry(metrics).bmcUnreachable();
      throw new Error('invocation failed');
    });
    const { documents } = await emfWrittenBy(() => expect(failing()).rejects.toThrow('invocation failed'));
    expect(documents.map((d) => d['BmcUnreachable'])).toEqual([1]);
  });
});

describe('the local server (npm start) emits no metrics', () => {
  let api: StartedApi;
  let dataDir: string;
  let stdout = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'bmcp-metrics-'));
    api = await startApi({ DATA_DIR: dataDir, BMC_SIM_COUNT: '0' });
    api.child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  });
  afterAll(async () => {
    await api?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers BMC_UNREACHABLE for a BMC that never answers, with no EMF on its stdout', async () => {
    const port = await silentUdpPort();
    const reg = await gql(api.graphqlUrl, api.adminKey, `mutation { registerBmc(input: { name: "silent", address: "127.0.0.1", port: ${port}, credentials: { username: "admin", password: "whatever" } }) { bmc { id } } }`);
    const id = (reg.body.data?.['registerBmc'] as { bmc: { id: string } }).bmc.id;
    const r = await gql(api.graphqlUrl, api.adminKey, `{ bmc(id: "${id}") { power { state } } }`);
    expect(r.body.errors?.[0]?.extensions?.['code']).toBe('BMC_UNREACHABLE');
    // Everything the process wrote, up to its exit: a flush after the response would be in it too.
    const closed = new Promise((resolve) => api.child.once('close', resolve));
    expect(await api.stop()).toBe(0);
    await closed;
    expect(stdout).not.toContain('"_aws"');
    expect(stdout).not.toContain('BmcUnreachable');
  });
});
