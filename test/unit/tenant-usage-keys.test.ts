/**
 * The operator's usage-plan work through the API Gateway adapter (lambdas/adapters/apigateway/
 * usage-keys.ts) over a small stand-in of API Gateway's management API that keeps keys, plans and
 * their links the way the service does (a key on one plan per stage). API Gateway has no
 * emulator; the deployed wiring is asserted in test/cdk/usage-plans.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryCore, MemoryEndpointClaims, MemoryTenantRegistry } from '../../lambdas/adapters/memory/index.ts';
import { ApiGatewayUsageKeys, type ManagementCall } from '../../lambdas/adapters/apigateway/usage-keys.ts';
import { TenantGate, type OperatorCaller } from '../../lambdas/core/index.ts';
import { useEmbeddedJobStore } from '../support/embedded-job-store.ts';

const jobStore = useEmbeddedJobStore('usage-keys-jobs');

function managementApi() {
  const keys = new Map<string, string>();
  const plans = new Map<string, { name: string; throttle?: { rateLimit: number; burstLimit: number }; keys: Set<string>; apiStages: unknown[] }>([['p0', { name: 'plan-dev-default', keys: new Set(), apiStages: [{ apiId: 'api1', stage: 'dev' }] }]]);
  let next = 1;
  const ok = (status: number, value: unknown = {}) => ({ status, body: JSON.stringify(value) });
  const call: ManagementCall = async (method, path, body) => {
    const b = body as Record<string, unknown> | undefined;
    const parts = path.split('?')[0]!.split('/').filter(Boolean);
    if (method === 'GET' && parts[0] === 'usageplans') return ok(200, { item: [...plans].map(([id, p]) => ({ id, name: p.name, apiStages: p.apiStages })) });
    if (method === 'POST' && path === '/apikeys') {
      const id = `k${next++}`;
      keys.set(id, `value-of-${id}-0123456789abcdef`);
      return ok(201, { id, value: keys.get(id) });
    }
    if (method === 'DELETE' && parts[0] === 'apikeys') return keys.delete(parts[1]!) ? ok(202) : ok(404);
    if (method === 'POST' && path === '/usageplans') {
      const id = `p${next++}`;
      plans.set(id, { name: String(b?.['name']), throttle: b?.['throttle'] as { rateLimit: number; burstLimit: number }, keys: new Set(), apiStages: b?.['apiStages'] as unknown[] });
      return ok(201, { id });
    }
    const plan = plans.get(parts[1] ?? '');
    if (!plan) return ok(404);
    if (method === 'POST' && parts[2] === 'keys') {
      const keyId = String(b?.['keyId']);
      if ([...plans.values()].some((p) => p.keys.has(keyId))) return ok(409);
      plan.keys.add(keyId);
      return ok(201);
    }
    if (method === 'DELETE' && parts[2] === 'keys') return plan.keys.delete(parts[3]!) ? ok(202) : ok(404);
    if (method === 'PATCH') {
      for (const o of (b?.['patchOperations'] as { path: string; value: string }[]) ?? []) plan.throttle = { ...plan.throttle!, [o.path.split('/')[2]!]: Number(o.value) };
      return ok(200);
    }
    if (method === 'DELETE' && parts.length === 2) return plan.keys.size > 0 ? ok(409) : (plans.delete(parts[1]!), ok(202));
    return ok(400);
  };
  return { call, keys, plans };
}

const op: OperatorCaller = { actor: 'iam:arn:aws:iam::1:role/ops', requestId: 'op-1', source: 'test' };

describe('tenant usage keys', () => {
  it('gives each new tenant a key on the default plan, its own plan when the operator sets its rate, and removes both on delete', async () => {
    const gateway = managementApi();
    const registry = new MemoryTenantRegistry();
    const core = createMemoryCore({ tenants: { registry, claims: new MemoryEndpointClaims(), allowLoopback: false, usageKeys: new ApiGatewayUsageKeys(gateway.call, 'plan-dev-default') }, jobs: { store: jobStore(), queue: { send: async () => undefined } } });
    const operator = core.services.operator!;

    const { tenant } = await operator.create(op, { name: 'blue', ranges: ['10.1.0.0/16'] });
    expect(tenant.usageKey).toMatchObject({ id: 'k1', planId: null });
    expect([...gateway.plans.get('p0')!.keys]).toEqual(['k1']);
    // The authorizer's usage identifier is the tenant's key value.
    expect(await new TenantGate(registry).usageKeyOf('blue')).toBe(gateway.keys.get('k1'));

    const tuned = await operator.setQuotas(op, 'blue', { requestsPerSecond: 7 });
    const own = tuned.usageKey!.planId!;
    expect(gateway.plans.get(own)).toMatchObject({ throttle: { rateLimit: 7, burstLimit: 14 }, apiStages: [{ apiId: 'api1', stage: 'dev' }] });
    expect([...gateway.plans.get(own)!.keys]).toEqual(['k1']);
    expect(gateway.plans.get('p0')!.keys.size).toBe(0);
    await operator.setQuotas(op, 'blue', { requestsPerSecond: 9 });
    expect(gateway.plans.get(own)!.throttle).toEqual({ rateLimit: 9, burstLimit: 18 });

    await operator.delete(op, 'blue');
    expect(gateway.keys.size).toBe(0);
    expect([...gateway.plans.keys()]).toEqual(['p0']);
    const events = await core.services.audit.query({ principal: { tenantId: '_operator', role: 'admin', actor: 'test' }, requestId: 'q', source: 'test' }, { action: 'operator.tenant.usage-plan' }, { limit: 10 });
    // One on create, one per rate set.
    expect(events.items.map((e) => e.outcome)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });
});
