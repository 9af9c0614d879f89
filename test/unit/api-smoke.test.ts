import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness.ts';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness();
});
afterAll(async () => api.close());

describe('smoke', () => {
  it('me', async () => {
    const r = await api.gql(api.admin.a, '{ me { tenantId role actor keyId } }');
    expect(r.status).toBe(200);
    expect(r.body.data?.['me']).toMatchObject({ tenantId: 'tenant-a', role: 'ADMIN' });
  });
  it('register + list', async () => {
    api.core.gateway.add('10.0.0.1', 623, 'admin', 'pw');
    const r = await api.gql(api.admin.a, 'mutation($i: RegisterBmcInput!) { registerBmc(input: $i) { bmc { id name port cipherSuite tags } } }', {
      i: { name: 'n1', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw' }, tags: ['rack:a'] },
    });
    expect(r.body.errors).toBeUndefined();
    const l = await api.gql(api.admin.a, '{ bmcs(first: 5) { edges { cursor node { id name power { state } sensors { name } } } pageInfo { hasNextPage endCursor } } }');
    console.log(JSON.stringify(l.body));
    const rr = await api.rest(api.admin.a, 'GET', '/v1/bmcs');
    console.log(rr.status, rr.text);
  });
});
