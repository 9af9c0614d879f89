import { describe, expect, it } from 'vitest';
import { API_KEY_PREFIX, formatApiKey, hashApiKey, newKeyId, parseApiKey } from '../../lambdas/core/api-key-format.ts';
import { createMemoryCore } from '../../lambdas/adapters/memory/index.ts';
import type { Role } from '../../lambdas/core/types.ts';
import type { Clock } from '../../lambdas/core/ports.ts';
import { caller } from '../support/caller.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

class ManualClock implements Clock {
  constructor(public t = Date.parse('2025-03-01T00:00:00Z')) {}
  now() {
    return new Date(this.t);
  }
}

describe('API key format', () => {
  it('is bmcp_ + 48 base62 characters and parses back to its id', () => {
    const id = newKeyId();
    const key = formatApiKey(id);
    expect(key).toMatch(/^bmcp_[0-9A-Za-z]{48}$/);
    expect(key.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(parseApiKey(key)).toEqual({ id });
  });

  it('detects every single-character typo by checksum, without a lookup', () => {
    const key = formatApiKey(newKeyId());
    let checked = 0;
    for (let i = API_KEY_PREFIX.length; i < key.length; i++) {
      const other = BASE62[(BASE62.indexOf(key[i] as string) + 1 + (i % 61)) % 62] as string;
      const typo = key.slice(0, i) + other + key.slice(i + 1);
      expect(parseApiKey(typo), `typo at ${i}`).toBeNull();
      checked++;
    }
    expect(checked).toBe(48);
  });

  it('rejects wrong prefixes, lengths and characters', () => {
    const key = formatApiKey(newKeyId());
    for (const bad of ['', 'bmcp_', key.slice(1), `x${key}`, `${key}0`, key.replace('bmcp_', 'BMCP_'), key.slice(0, -1) + '-']) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });

  it('hashes with HMAC-SHA256 when peppered, SHA-256 otherwise', () => {
    // SHA-256("abc") and HMAC-SHA256(key "key", "abc") — FIPS 180-2 vector; HMAC computed independently with openssl.
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashApiKey('abc', 'key')).toBe('9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab');
  });
});

describe('ApiKeyService', () => {
  it('shows the key once and stores only its hash', async () => {
    const core = createMemoryCore({ apiKeyOptions: { pepper: 'pepper-1' } });
    const created = await core.services.apiKeys.create(caller('admin'), { name: 'ci', role: 'operator' });
    const stored = core.apiKeys.items.get(created.info.id);
    expect(stored?.hash).toBe(hashApiKey(created.key, 'pepper-1'));
    expect(JSON.stringify(stored)).not.toContain(created.key);
    expect(created.info).not.toHaveProperty('hash');
    const listed = await core.services.apiKeys.list(caller('admin'));
    expect(JSON.stringify(listed)).not.toContain(stored?.hash);
  });

  it('authenticates to the tenant and role of the key and stamps lastUsedAt', async () => {
    const clock = new ManualClock();
    const core = createMemoryCore({ clock });
    const { key, info } = await core.services.apiKeys.create(caller('admin'), { name: 'ci', role: 'operator' });
    const principal = await core.services.apiKeys.authenticate(key);
    expect(principal).toEqual({ tenantId: 'acme', role: 'operator', actor: `apikey:${info.id}`, keyId: info.id });
    expect(core.apiKeys.items.get(info.id)?.lastUsedAt).toBe(clock.now().toISOString());
  });

  it('refuses revoked, expired, mistyped and forged keys alike', async () => {
    const clock = new ManualClock();
    const core = createMemoryCore({ clock });
    const svc = core.services.apiKeys;
    const revoked = await svc.create(caller('admin'), { name: 'a', role: 'viewer' });
    await svc.revoke(caller('admin'), revoked.info.id);
    const expiring = await svc.create(caller('admin'), { name: 'b', role: 'viewer', expiresAt: new Date(clock.t + 60_000).toISOString() });
    await expect(svc.authenticate(expiring.key)).resolves.toMatchObject({ role: 'viewer' });
    clock.t += 60_000;
    // Same id, fresh secret: a well-formed key that is not the one issued.
    const forged = formatApiKey(revoked.info.id);
    for (const k of [revoked.key, expiring.key, forged, revoked.key.slice(0, -1) + 'x', 'nonsense']) {
      await expect(svc.authenticate(k)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('lets only admins manage keys, within their tenant', async () => {
    const core = createMemoryCore();
    const svc = core.services.apiKeys;
    await expect(svc.create(caller('operator'), { name: 'x', role: 'admin' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const mine = await svc.create(caller('admin'), { name: 'x', role: 'viewer' });
    await expect(svc.revoke(caller('admin', 'globex'), mine.info.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await svc.list(caller('admin', 'globex'))).items).toEqual([]);
  });

  it('validates input before creating anything', async () => {
    const clock = new ManualClock();
    const core = createMemoryCore({ clock });
    const svc = core.services.apiKeys;
    await expect(svc.create(caller('admin'), { name: '', role: 'viewer' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    await expect(svc.create(caller('admin'), { name: 'x', role: 'root' as Role })).rejects.toMatchObject({ field: 'role' });
    await expect(svc.create(caller('admin'), { name: 'x', role: 'viewer', expiresAt: '2000-01-01T00:00:00Z' })).rejects.toMatchObject({ field: 'expiresAt' });
    await expect(svc.create(caller('admin'), { name: 'x', role: 'viewer', expiresAt: 'tomorrow' })).rejects.toMatchObject({ field: 'expiresAt' });
    expect(core.apiKeys.items.size).toBe(0);
  });

  it('gives a key created without expiresAt the default lifetime of 90 days, as the schema says', async () => {
    const clock = new ManualClock();
    const core = createMemoryCore({ clock });
    const omitted = await core.services.apiKeys.create(caller('admin'), { name: 'ci', role: 'viewer' });
    const nulled = await core.services.apiKeys.create(caller('admin'), { name: 'ci2', role: 'viewer', expiresAt: null });
    const ninetyDays = new Date(clock.t + 90 * 86_400_000).toISOString();
    expect(omitted.info.expiresAt).toBe(ninetyDays);
    expect(nulled.info.expiresAt).toBe(ninetyDays);
    clock.t += 90 * 86_400_000;
    await expect(core.services.apiKeys.authenticate(omitted.key)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rolls back a created key when its audit event cannot be written', async () => {
    const core = createMemoryCore();
    core.auditLog.append = async () => {
      throw new Error('DynamoDB is down');
    };
    await expect(core.services.apiKeys.create(caller('admin'), { name: 'x', role: 'viewer' })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(core.apiKeys.items.size).toBe(0);
  });

  it('bootstraps a first admin key recorded as the system actor', async () => {
    const core = createMemoryCore();
    const { key } = await core.services.apiKeys.bootstrap('acme');
    await expect(core.services.apiKeys.authenticate(key)).resolves.toMatchObject({ tenantId: 'acme', role: 'admin' });
    expect(core.auditLog.events).toMatchObject([{ actor: 'system', action: 'apikey.create', outcome: 'succeeded' }]);
  });
});
