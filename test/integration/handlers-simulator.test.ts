/**
 * The deployed GraphQL and REST entries (graphqlEntry/restEntry with the Lambda composition:
 * metrics, the real IPMI gateway) invoked with API Gateway events, over DynamoDB Local and
 * simulated BMCs reached over real RMCP+. Only the credential store differs from AWS (no Secrets
 * Manager emulator runs here): the in-memory store stands in for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, createDynamoPorts, createTables, type TableNames } from '../../lambdas/adapters/dynamodb/index.ts';
import { IpmiGateway } from '../../lambdas/adapters/ipmi/gateway.ts';
import { MemoryCredentialStore } from '../../lambdas/adapters/memory/index.ts';
import { silentLogger } from '../../lambdas/api/logger.ts';
import { lambdaServices } from '../../lambdas/handlers/api-runtime.ts';
import { graphqlEntry } from '../../lambdas/handlers/graphql.ts';
import { restEntry } from '../../lambdas/handlers/rest.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../support/dynamodb-local.ts';
import { lambdaContext, proxyEvent } from './handlers-events.ts';

describe('Lambda entries over DynamoDB Local and simulated BMCs', () => {
  let ddb: DynamoDbLocal;
  let fleet: Fleet;
  let gateway: IpmiGateway;
  let services: ReturnType<typeof lambdaServices>;
  let adminKey: string;
  let operatorContext: Record<string, string>;
  const ids: string[] = [];

  beforeAll(async () => {
    [ddb, fleet] = await Promise.all([startDynamoDbLocal(), startFleet({ count: 2, password: 'lambda-pw-1', seed: 8, timing: { powerOnMs: 30, powerOffMs: 20 } })]);
    const names: TableNames = { bmcs: 's-bmcs', apiKeys: 's-keys', audit: 's-audit', tenants: 's-tenants', access: 's-access' };
    const { client, doc } = createDocumentClient(ddb.clientConfig);
    await createTables(client, names);
    gateway = new IpmiGateway({ minActionIntervalMs: 0, timeoutMs: 500, retries: 2, powerVerifyDelaysMs: [50, 100, 200, 400] });
    services = lambdaServices({ ...createDynamoPorts(doc, names), credentials: new MemoryCredentialStore(), gateway });
    adminKey = (await services.apiKeys.bootstrap('tenant-s')).key;
    const admin = { principal: { tenantId: 'tenant-s', role: 'admin' as const, actor: 'test' }, requestId: 'r', source: 'test' };
    for (let i = 0; i < 2; i++) {
      const b = fleet.bmc(i);
      ids.push((await services.bmcs.register(admin, { name: `s-${i}`, address: b.host, port: b.port, tags: ['rack:s'], credentials: { username: 'admin', password: 'lambda-pw-1' } })).id);
    }
    // The authorizer's context of a real key: the functions confirm the key behind a cached Allow.
    const op = (await services.apiKeys.create(admin, { name: 'operator', role: 'operator' })).info;
    operatorContext = { tenantId: 'tenant-s', role: 'operator', actor: `apikey:${op.id}`, keyId: op.id };
  });
  afterAll(async () => {
    await gateway?.close();
    await fleet?.stop();
    await ddb?.stop();
  });

  const graphql = () => graphqlEntry(async () => services, silentLogger);
  const rest = () => restEntry(async () => services, silentLogger);

  it('GraphQL with an x-api-key (no authorizer context): live power and sensors from the BMCs', async () => {
    const r = await graphql()(
      proxyEvent({
        method: 'POST',
        path: '/graphql',
        resource: '/graphql',
        pathParameters: null,
        headers: { 'content-type': 'application/json', 'x-api-key': adminKey },
        body: JSON.stringify({ query: `{ bmc(id: "${ids[0]}") { name power { state } sensors { name unit status } } }` }),
      }),
      lambdaContext(),
    );
    expect(r.statusCode).toBe(200);
    const bmc = (JSON.parse(r.body) as { data: { bmc: { name: string; power: { state: string }; sensors: { name: string }[] } } }).data.bmc;
    expect(bmc.power.state).toBe(fleet.bmc(0).power.toUpperCase());
    expect(bmc.sensors.map((s) => s.name)).toEqual(expect.arrayContaining(fleet.bmc(0).sensors().map((s) => s.name).slice(0, 3)));
  });

  it('REST with an operator authorizer context: a power action reaches the BMC and is audited in DynamoDB', async () => {
    const r = await rest()(proxyEvent({ method: 'POST', path: `/v1/bmcs/${ids[1]}/power`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'off' }), authorizer: operatorContext }));
    expect(r.statusCode).toBe(200);
    expect(fleet.bmc(1).power).toBe('off');
    const events = await services.audit.query({ principal: { tenantId: 'tenant-s', role: 'auditor', actor: 'a' }, requestId: 'q', source: 'test' }, { target: `bmc:${ids[1]}` });
    const power = events.items.filter((e) => e.action.includes('power'));
    expect(power.map((e) => e.outcome)).toEqual(expect.arrayContaining(['started', 'succeeded']));
    expect(power.every((e) => e.actor === operatorContext['actor'])).toBe(true);
  });

  it('REST without a key or context is 401, and nothing reaches a BMC', async () => {
    const before = fleet.bmc(0).stats.received;
    const r = await rest()(proxyEvent({ method: 'GET', path: `/v1/bmcs/${ids[0]}/power` }));
    expect(r.statusCode).toBe(401);
    expect(fleet.bmc(0).stats.received).toBe(before);
  });
});
