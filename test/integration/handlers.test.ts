/**
 * The Lambda handlers invoked with API Gateway's own event shapes: the REQUEST authorizer
 * against DynamoDB Local (the real handler module, configured by environment as in AWS), and the
 * GraphQL and REST handlers with and without an authorizer context and with and without keys.
 */
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDocumentClient, createDynamoPorts, createTables, type TableNames } from '../../lambdas/adapters/dynamodb/index.ts';
import { createMemoryCore, type MemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { createGraphQLLambdaHandler } from '../../lambdas/api/lambda/graphql-handler.ts';
import { createRestLambdaHandler } from '../../lambdas/api/lambda/rest-handler.ts';
import { silentLogger } from '../../lambdas/api/logger.ts';
import { ApiKeyService, AuditService, systemClock, uuidIds } from '../../lambdas/core/index.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../support/dynamodb-local.ts';
import { authorizerEvent, lambdaContext, proxyEvent, WHOLE_API_ARN } from './handlers-events.ts';

const stubEnv = (vars: Record<string, string>): void => {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
};

describe('handler modules as deployed (lambdas/handlers/*.ts over DynamoDB Local)', () => {
  let ddb: DynamoDbLocal;
  let keys: ApiKeyService;
  let handler: (event: ReturnType<typeof authorizerEvent>) => Promise<APIGatewayAuthorizerResult>;

  beforeAll(async () => {
    ddb = await startDynamoDbLocal();
    const names: TableNames = { bmcs: 'h-bmcs', apiKeys: 'h-keys', audit: 'h-audit', tenants: 'h-tenants', access: 'h-access' };
    const { client, doc } = createDocumentClient(ddb.clientConfig);
    await createTables(client, names);
    const ports = createDynamoPorts(doc, names);
    keys = new ApiKeyService(ports.apiKeys, new AuditService(ports.auditLog, systemClock, uuidIds), systemClock);
    // As the CDK app configures the function: table names and region by environment, restored
    // after this block so that later files in the same worker see the environment they started with.
    stubEnv({
      BMC_TABLE: names.bmcs,
      API_KEY_TABLE: names.apiKeys,
      AUDIT_TABLE: names.audit,
      AWS_REGION: ddb.clientConfig.region,
      AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
      AWS_ACCESS_KEY_ID: ddb.clientConfig.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ddb.clientConfig.credentials.secretAccessKey,
      POWERTOOLS_LOG_LEVEL: 'CRITICAL',
    });
    handler = (await import('../../lambdas/handlers/authorizer.ts')).handler;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await ddb?.stop();
  });

  it('allows a valid key on the whole API and passes tenant, role and key id on', async () => {
    const { key, info } = await keys.bootstrap('tenant-h');
    const result = await handler(authorizerEvent('POST', '/graphql', { 'X-Api-Key': key }));
    expect(result).toEqual({
      principalId: `apikey:${info.id}`,
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: WHOLE_API_ARN }] },
      context: { tenantId: 'tenant-h', role: 'admin', actor: `apikey:${info.id}`, keyId: info.id, scope: '' },
    });
  });

  it('answers Unauthorized (API Gateway: 401) for a missing, mistyped, unknown or revoked key', async () => {
    const { key, info } = await keys.bootstrap('tenant-h');
    const admin = { principal: { tenantId: 'tenant-h', role: 'admin' as const, actor: 'test' }, requestId: 'r', source: 'test' };
    await keys.revoke(admin, info.id);
    for (const headers of [{}, { 'x-api-key': '' } as Record<string, string>, { 'x-api-key': 'bmcp_nonsense' }, { 'x-api-key': key.slice(0, -2) + 'zz' }, { 'x-api-key': key }]) {
      await expect(handler(authorizerEvent('GET', '/v1/bmcs', headers))).rejects.toThrow(/^Unauthorized$/);
    }
  });

  it('authorizer context flows into the GraphQL and REST handlers, which write to the same tables', async () => {
    const { key } = await keys.bootstrap('tenant-h');
    const auth = await handler(authorizerEvent('POST', '/graphql', { 'x-api-key': key }));
    const context = auth.context as Record<string, string>;
    const graphql = (await import('../../lambdas/handlers/graphql.ts')).handler;
    const rest = (await import('../../lambdas/handlers/rest.ts')).handler;
    const created = await graphql(
      proxyEvent({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { createApiKey(input: { name: "ci", role: AUDITOR }) { key apiKey { role } } }' }),
        authorizer: context,
      }),
      lambdaContext(),
    );
    expect(created.statusCode).toBe(200);
    const body = JSON.parse(created.body) as { data: { createApiKey: { key: string; apiKey: { role: string } } } };
    expect(body.data.createApiKey.apiKey.role).toBe('AUDITOR');
    const auditorAuth = await handler(authorizerEvent('GET', '/v1/audit-events', { 'x-api-key': body.data.createApiKey.key }));
    const events = await rest(proxyEvent({ method: 'GET', path: '/v1/audit-events', query: { action: 'apikey.create' }, authorizer: auditorAuth.context as Record<string, string> }));
    expect(events.statusCode).toBe(200);
    const items = (JSON.parse(events.body) as { items: { action: string; outcome: string; actor: string }[] }).items;
    expect(items).toContainEqual(expect.objectContaining({ action: 'apikey.create', outcome: 'succeeded', actor: context['actor'] }));
  });

  it('refuses a revoked key within seconds although API Gateway still serves its cached Allow', async () => {
    const { key, info } = await keys.bootstrap('tenant-h');
    // The authorizer's answer, as API Gateway caches it for authorizerCacheSeconds.
    const cached = (await handler(authorizerEvent('POST', '/graphql', { 'x-api-key': key }))).context as Record<string, string>;
    const graphql = (await import('../../lambdas/handlers/graphql.ts')).handler;
    const me = () => graphql(proxyEvent({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { role } }' }), authorizer: cached }), lambdaContext());
    expect((await me()).statusCode).toBe(200);
    // Revoked through another environment (its own service over the same table).
    const admin = { principal: { tenantId: 'tenant-h', role: 'admin' as const, actor: 'test' }, requestId: 'r', source: 'test' };
    await keys.revoke(admin, info.id);
    const revokedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 15_000) {
      status = (await me()).statusCode;
      if (status === 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(401);
    // The handlers' key cache (5 s) is the bound, not the gateway's cache.
    expect(Date.now() - revokedAt).toBeLessThan(12_000);
    await expect(handler(authorizerEvent('POST', '/graphql', { 'x-api-key': key }))).rejects.toThrow(/^Unauthorized$/);
  });
});

describe('GraphQL and REST handlers with API Gateway events', () => {
  let core: MemoryCore;
  let key: string;
  let viewerContext: Record<string, string>;
  let operatorContext: Record<string, string>;
  const graphql = () => createGraphQLLambdaHandler(async () => core.services, silentLogger);
  const rest = () => createRestLambdaHandler(async () => core.services, silentLogger);

  beforeAll(async () => {
    core = createMemoryCore();
    key = (await core.services.apiKeys.bootstrap('tenant-l')).key;
    const admin = { principal: { tenantId: 'tenant-l', role: 'admin' as const, actor: 'test' }, requestId: 'r', source: 'test' };
    // Contexts as the authorizer makes them: the handlers confirm that their keys still stand.
    const contextOf = async (role: 'viewer' | 'operator') => {
      const { info } = await core.services.apiKeys.create(admin, { name: role, role });
      return { tenantId: 'tenant-l', role, actor: `apikey:${info.id}`, keyId: info.id };
    };
    viewerContext = await contextOf('viewer');
    operatorContext = await contextOf('operator');
    core.gateway.add('10.2.0.1', 623, 'admin', 'pw');
    await core.services.bmcs.register(admin, { name: 'l-1', address: '10.2.0.1', tags: ['a', 'b'], credentials: { username: 'admin', password: 'pw' } });
    await core.services.bmcs.register(admin, { name: 'l-2', address: '10.2.0.2', tags: ['a'], credentials: { username: 'admin', password: 'pw' } });
  });

  const gqlEvent = (query: string, headers: Record<string, string>, authorizer?: Record<string, string>) =>
    proxyEvent({ method: 'POST', path: '/graphql', resource: '/graphql', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ query }), authorizer: authorizer ?? null, pathParameters: null });

  it('GraphQL: trusts the authorizer context', async () => {
    const r = await graphql()(gqlEvent('{ me { tenantId role actor } bmcs { nodes { name } } }', {}, viewerContext), lambdaContext());
    expect(r.statusCode).toBe(200);
    const body = JSON.parse(r.body) as { data: { me: unknown; bmcs: { nodes: { name: string }[] } } };
    expect(body.data.me).toEqual({ tenantId: 'tenant-l', role: 'VIEWER', actor: viewerContext['actor'] });
    expect(body.data.bmcs.nodes.map((n) => n.name).sort()).toEqual(['l-1', 'l-2']);
    expect(r.headers?.['x-request-id']).toBeTruthy();
  });

  it('GraphQL: without a context, checks the x-api-key header itself', async () => {
    const ok = await graphql()(gqlEvent('{ me { role } }', { 'X-Api-Key': key }), lambdaContext());
    expect(JSON.parse(ok.body)).toEqual({ data: { me: { role: 'ADMIN' } } });
    for (const headers of [{}, { 'x-api-key': 'bmcp_wrong' }] as Record<string, string>[]) {
      const refused = await graphql()(gqlEvent('{ me { role } }', headers), lambdaContext());
      expect(refused.statusCode).toBe(401);
      expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('GraphQL: an Idempotency-Key retry is answered from the first run', async () => {
    const handler = graphql();
    const operator = operatorContext;
    const list = await handler(gqlEvent('{ bmcs(filter: { nameContains: "l-1" }) { nodes { id } } }', {}, operator), lambdaContext());
    const id = (JSON.parse(list.body) as { data: { bmcs: { nodes: { id: string }[] } } }).data.bmcs.nodes[0]?.id;
    const mutation = `mutation { powerAction(input: { bmcId: "${id}", action: ON }) { power } }`;
    const before = core.gateway.calls.length;
    const first = await handler(gqlEvent(mutation, { 'Idempotency-Key': 'lambda-retry-01' }, operator), lambdaContext());
    const retry = await handler(gqlEvent(mutation, { 'Idempotency-Key': 'lambda-retry-01' }, operator), lambdaContext());
    expect(JSON.parse(first.body)).toEqual({ data: { powerAction: { power: 'ON' } } });
    expect(retry.body).toBe(first.body);
    expect(retry.headers?.['idempotent-replayed']).toBe('true');
    expect(core.gateway.calls.length).toBe(before + 1);
  });

  it('GraphQL: a forged or incomplete authorizer context is not trusted', async () => {
    const forged = await graphql()(gqlEvent('{ me { role } }', {}, { tenantId: 'tenant-l', role: 'superuser', actor: 'x' }), lambdaContext());
    expect(forged.statusCode).toBe(401);
  });

  it('GraphQL: GET queries need a preflight-forcing header; browsers get GraphiQL', async () => {
    const get = (headers: Record<string, string>) =>
      graphql()(proxyEvent({ method: 'GET', path: '/graphql', headers, query: { query: '{ me { role } }' }, authorizer: viewerContext }), lambdaContext());
    expect((await get({})).statusCode).toBe(400);
    const ok = await get({ 'x-api-key': 'checked-by-the-authorizer' });
    expect(JSON.parse(ok.body)).toEqual({ data: { me: { role: 'VIEWER' } } });
    const page = await graphql()(proxyEvent({ method: 'GET', path: '/graphql', headers: { Accept: 'text/html' } }), lambdaContext());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>BMC Control Plane');
  });

  it('GraphQL: the same HTTP application as the local server (body limit, security headers, the GraphiQL page CSP)', async () => {
    // A body past the 64 KiB limit is refused before GraphQL parses it.
    const big = await graphql()(gqlEvent(`{ me { role } } # ${'x'.repeat(70 * 1024)}`, {}, viewerContext), lambdaContext());
    expect(big.statusCode).toBe(413);
    expect(JSON.parse(big.body).error.code).toBe('BAD_USER_INPUT');
    const ok = await graphql()(gqlEvent('{ me { role } }', {}, viewerContext), lambdaContext());
    expect(ok.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    const page = await graphql()(proxyEvent({ method: 'GET', path: '/graphql', headers: { Accept: 'text/html' } }), lambdaContext());
    expect(page.headers?.['content-security-policy']).toContain("default-src 'none'");
    // The REST function does not serve GraphQL.
    expect((await rest()(gqlEvent('{ me { role } }', {}, viewerContext))).statusCode).toBe(404);
  });

  it('REST: authorizer context, key fallback, 401 without either', async () => {
    const viaContext = await rest()(proxyEvent({ method: 'GET', path: '/v1/me', authorizer: viewerContext }));
    expect([viaContext.statusCode, JSON.parse(viaContext.body).role]).toEqual([200, 'viewer']);
    const viaKey = await rest()(proxyEvent({ method: 'GET', path: '/v1/me', headers: { 'X-API-Key': key } }));
    expect(JSON.parse(viaKey.body).role).toBe('admin');
    const none = await rest()(proxyEvent({ method: 'GET', path: '/v1/me' }));
    expect(none.statusCode).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('UNAUTHENTICATED');
  });

  it('REST: multi-value query parameters, base64 bodies and path parameters', async () => {
    const both = await rest()(proxyEvent({ method: 'GET', path: '/v1/bmcs', query: { tag: ['a', 'b'] }, authorizer: viewerContext }));
    expect(JSON.parse(both.body).items.map((b: { name: string }) => b.name)).toEqual(['l-1']);
    const created = await rest()(
      proxyEvent({
        method: 'POST',
        path: '/v1/api-keys',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ name: 'from-lambda', role: 'viewer' }),
        base64: true,
      }),
    );
    expect(created.statusCode).toBe(201);
    expect(JSON.parse(created.body).key).toMatch(/^bmcp_/);
    const bad = await rest()(proxyEvent({ method: 'GET', path: '/v1/bmcs/%2e%2e%2fetc', authorizer: viewerContext }));
    expect([bad.statusCode, JSON.parse(bad.body).error.code]).toEqual([400, 'BAD_USER_INPUT']);
    const doc = await rest()(proxyEvent({ method: 'GET', path: '/v1/openapi.json' }));
    expect(JSON.parse(doc.body).openapi).toBe('3.1.0');
  });
});
