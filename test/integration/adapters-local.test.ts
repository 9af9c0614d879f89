/**
 * The local mode of `npm start`: DynamoDB adapters over embedded dynalite persisted in a data
 * folder, and credentials in an AES-256-GCM file with its key beside it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalStores } from '../../lambdas/adapters/local/embedded-dynamodb.ts';
import { CREDENTIALS_FILE, FileCredentialStore, KEY_FILE } from '../../lambdas/adapters/local/file-credential-store.ts';
import { FakeBmcGateway } from '../../lambdas/adapters/memory/index.ts';
import { createServices } from '../../lambdas/core/index.ts';
import { BmcCredentials } from '../../lambdas/core/credentials.ts';
import { caller } from '../support/caller.ts';

const dirs: string[] = [];
async function dataDir() {
  const d = await mkdtemp(join(tmpdir(), 'bmcp-local-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('local stores (dynalite + encrypted credentials file)', () => {
  it('persists BMCs, keys, audit and credentials across a restart', async () => {
    const dir = await dataDir();
    const gateway = new FakeBmcGateway();
    gateway.add('10.0.0.1', 623, 'admin', 'local-secret-pw');

    const first = await createLocalStores(dir);
    const s1 = createServices({ ...first, gateway });
    const bmc = await s1.bmcs.register(caller('admin'), { name: 'n1', address: '10.0.0.1', tags: ['lab'], credentials: { username: 'admin', password: 'local-secret-pw' } });
    const { key } = await s1.apiKeys.bootstrap('acme');
    await s1.actions.power(caller('operator'), bmc.id, 'on');
    await first.close();

    const second = await createLocalStores(dir);
    try {
      const s2 = createServices({ ...second, gateway });
      expect((await s2.bmcs.list(caller('viewer'), { tags: ['lab'] })).items.map((b) => b.id)).toEqual([bmc.id]);
      await expect(s2.apiKeys.authenticate(key)).resolves.toMatchObject({ role: 'admin' });
      await expect(s2.actions.powerStatus(caller('viewer'), bmc.id)).resolves.toBe('on');
      const verification = await s2.audit.verify(caller('auditor'));
      expect(verification.every((v) => v.ok)).toBe(true);
      // Register, key, power started and succeeded; the read is an access record, not an event.
      expect(verification.reduce((n, v) => n + v.events, 0)).toBe(4);
      expect((await s2.access.query(caller('auditor'), { bmcId: bmc.id })).items.map((r) => r.action)).toEqual(['bmc.power.read']);
      expect((await s2.audit.query(caller('auditor'), { action: 'bmc.power.set' })).items.map((e) => e.outcome)).toEqual(['succeeded', 'started']);
    } finally {
      await second.close();
    }
  });

  it('keeps the key file private and no password in clear text', async () => {
    const dir = await dataDir();
    const store = new FileCredentialStore(dir);
    await store.put('acme', 'b1', new BmcCredentials('admin', 'clear-text-canary'));
    expect((await stat(join(dir, KEY_FILE))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, CREDENTIALS_FILE))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, CREDENTIALS_FILE), 'utf8')).not.toContain('clear-text-canary');
    expect((await new FileCredentialStore(dir).get('acme', 'b1'))?.reveal().password).toBe('clear-text-canary');
  });

  it('keeps stages: staged, promoted, previous kept, pending discarded', async () => {
    const store = new FileCredentialStore(await dataDir());
    await store.put('acme', 'b1', new BmcCredentials('admin', 'one'));
    await store.stage('acme', 'b1', new BmcCredentials('admin', 'two'));
    expect((await store.get('acme', 'b1'))?.reveal().password).toBe('one');
    await store.promote('acme', 'b1');
    expect((await store.get('acme', 'b1', 'current'))?.reveal().password).toBe('two');
    expect((await store.get('acme', 'b1', 'previous'))?.reveal().password).toBe('one');
    await store.stage('acme', 'b1', new BmcCredentials('admin', 'three'));
    await store.discardPending('acme', 'b1');
    expect(await store.get('acme', 'b1', 'pending')).toBeUndefined();
    await store.delete('acme', 'b1');
    expect(await store.get('acme', 'b1')).toBeUndefined();
  });

  it("refuses a value moved into another tenant's slot, a foreign key and an open key file", async () => {
    const dir = await dataDir();
    const store = new FileCredentialStore(dir);
    await store.put('acme', 'b1', new BmcCredentials('admin', 'acme-pw'));
    await store.put('globex', 'b1', new BmcCredentials('admin', 'globex-pw'));
    const file = JSON.parse(await readFile(join(dir, CREDENTIALS_FILE), 'utf8')) as { secrets: Record<string, unknown> };
    file.secrets['bmc/globex/b1'] = file.secrets['bmc/acme/b1'];
    await writeFile(join(dir, CREDENTIALS_FILE), JSON.stringify(file));
    await expect(new FileCredentialStore(dir).get('globex', 'b1')).rejects.toThrow(/do not decrypt/);

    await writeFile(join(dir, KEY_FILE), Buffer.alloc(32, 7), { mode: 0o600 });
    await expect(new FileCredentialStore(dir).get('acme', 'b1')).rejects.toThrow(/do not decrypt/);
    await chmod(join(dir, KEY_FILE), 0o644);
    await expect(new FileCredentialStore(dir).get('acme', 'b1')).rejects.toThrow(/too open/);
  });
});
