/**
 * The key -> principal memory of ApiKeyService: how many store operations authentication costs,
 * how soon a revocation holds, and that the presented key is still checked every time.
 */
import { describe, expect, it } from 'vitest';
import { MemoryApiKeyRepository, MemoryAuditLog } from '../../lambdas/adapters/memory/index.ts';
import { ApiKeyService, AuditService, uuidIds } from '../../lambdas/core/index.ts';
import type { ApiKey, Caller } from '../../lambdas/core/types.ts';

const admin: Caller = { principal: { tenantId: 'acme', role: 'admin', actor: 'user:admin' }, requestId: 'r', source: 'test' };

/** The memory repository, counting what reaches it. */
class CountingKeys extends MemoryApiKeyRepository {
  gets = 0;
  touches = 0;
  override async getById(id: string): Promise<ApiKey | undefined> {
    this.gets++;
    return super.getById(id);
  }
  override async touch(id: string, at: string): Promise<void> {
    this.touches++;
    return super.touch(id, at);
  }
}

function setup() {
  let t = Date.parse('2025-03-01T00:00:00Z');
  const clock = { now: () => new Date(t), advance: (ms: number) => (t += ms) };
  const keys = new CountingKeys();
  const audit = new AuditService(new MemoryAuditLog(), clock, uuidIds);
  // Two processes (Lambda environments) over one key table.
  const here = new ApiKeyService(keys, audit, clock);
  const elsewhere = new ApiKeyService(keys, audit, clock);
  return { clock, keys, here, elsewhere };
}

describe('API key cache', () => {
  it('costs one lookup per key per 5 s and one lastUsedAt write per key per minute', async () => {
    const { clock, keys, here } = setup();
    const { key, info } = await here.create(admin, { name: 'poller', role: 'viewer' });
    for (let i = 0; i < 600; i++) {
      await expect(here.authenticate(key)).resolves.toMatchObject({ tenantId: 'acme', role: 'viewer', keyId: info.id });
      clock.advance(100);
    }
    // 60 s of requests every 100 ms: one lookup per 5 s, one stamp per minute.
    expect(keys.gets).toBe(12);
    expect(keys.touches).toBe(1);
    await here.authenticate(key);
    expect(keys.touches).toBe(2);
    expect(keys.items.get(info.id)?.lastUsedAt).toBe(clock.now().toISOString());
  });

  it('shares one lookup among concurrent requests with one key', async () => {
    const { keys, here } = setup();
    const { key } = await here.create(admin, { name: 'burst', role: 'viewer' });
    await Promise.all(Array.from({ length: 50 }, () => here.authenticate(key)));
    expect(keys.gets).toBe(1);
    // A key that does not exist is asked for every time: nothing is remembered about it.
    const unknown = await here.create(admin, { name: 'gone', role: 'viewer' });
    keys.items.delete(unknown.info.id);
    await expect(here.authenticate(unknown.key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(here.authenticate(unknown.key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(keys.gets).toBe(3);
  });

  it('stops a key revoked here at once, and one revoked elsewhere within 5 s', async () => {
    const { clock, here, elsewhere } = setup();
    const a = await here.create(admin, { name: 'a', role: 'viewer' });
    const b = await here.create(admin, { name: 'b', role: 'viewer' });
    await here.authenticate(a.key);
    await here.authenticate(b.key);

    await here.revoke(admin, a.info.id);
    await expect(here.authenticate(a.key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    await elsewhere.revoke(admin, b.info.id);
    clock.advance(4_999);
    await expect(here.authenticate(b.key)).resolves.toMatchObject({ keyId: b.info.id });
    clock.advance(1);
    await expect(here.authenticate(b.key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('checks the presented key and its expiry on every request, cached record or not', async () => {
    const { clock, here } = setup();
    const expiresAt = new Date(clock.now().getTime() + 2_000).toISOString();
    const { key } = await here.create(admin, { name: 'short', role: 'viewer', expiresAt });
    await here.authenticate(key);
    // Same id and a valid checksum would need the secret; a changed character fails the hash or checksum.
    await expect(here.authenticate(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    clock.advance(2_000);
    await expect(here.authenticate(key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
