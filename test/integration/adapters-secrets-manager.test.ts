/**
 * The Secrets Manager credential store through the real AWS SDK client, against a loopback
 * stand-in for the service (no emulator runs here). The stand-in speaks the service's JSON
 * 1.1 protocol for the six operations the store uses and keeps staging labels as Secrets
 * Manager documents them (moving AWSCURRENT labels the old version AWSPREVIOUS), so request
 * shapes, error names and the rotation sequence are all exercised end to end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsManagerCredentialStore } from '../../lambdas/adapters/secrets-manager/credential-store.ts';
import { BmcCredentials } from '../../lambdas/core/credentials.ts';

interface Secret {
  tags: { Key: string; Value: string }[];
  versions: Map<string, { value: string; stages: Set<string> }>;
  deleted: boolean;
}
const secrets = new Map<string, Secret>();
const calls: { op: string; body: Record<string, unknown> }[] = [];
let server: Server;
let client: SecretsManagerClient;

class ApiError extends Error {}

function withStage(s: Secret, stage: string) {
  return [...s.versions.entries()].find(([, v]) => v.stages.has(stage));
}
function addVersion(s: Secret, value: string, stages: string[]) {
  const id = randomUUID();
  for (const stage of stages) {
    const holder = withStage(s, stage);
    holder?.[1].stages.delete(stage);
    if (stage === 'AWSCURRENT' && holder) {
      withStage(s, 'AWSPREVIOUS')?.[1].stages.delete('AWSPREVIOUS');
      holder[1].stages.add('AWSPREVIOUS');
    }
  }
  s.versions.set(id, { value, stages: new Set(stages) });
  return id;
}
function find(id: unknown): Secret {
  const s = secrets.get(String(id));
  if (!s || s.deleted) throw Object.assign(new ApiError('not found'), { type: 'ResourceNotFoundException' });
  return s;
}

const handlers: Record<string, (b: Record<string, unknown>) => unknown> = {
  CreateSecret(b) {
    if (secrets.has(String(b.Name))) throw Object.assign(new ApiError('exists'), { type: 'ResourceExistsException' });
    const s: Secret = { tags: b.Tags as Secret['tags'], versions: new Map(), deleted: false };
    secrets.set(String(b.Name), s);
    return { Name: b.Name, VersionId: addVersion(s, String(b.SecretString), ['AWSCURRENT']) };
  },
  PutSecretValue(b) {
    const s = find(b.SecretId);
    return { VersionId: addVersion(s, String(b.SecretString), (b.VersionStages as string[] | undefined) ?? ['AWSCURRENT']) };
  },
  GetSecretValue(b) {
    const v = withStage(find(b.SecretId), String(b.VersionStage ?? 'AWSCURRENT'));
    if (!v) throw Object.assign(new ApiError('no such stage'), { type: 'ResourceNotFoundException' });
    return { SecretString: v[1].value, VersionId: v[0] };
  },
  DescribeSecret(b) {
    const s = find(b.SecretId);
    return { Name: b.SecretId, Tags: s.tags, VersionIdsToStages: Object.fromEntries([...s.versions].map(([id, v]) => [id, [...v.stages]])) };
  },
  UpdateSecretVersionStage(b) {
    const s = find(b.SecretId);
    const stage = String(b.VersionStage);
    const holder = withStage(s, stage);
    if (b.RemoveFromVersionId) s.versions.get(String(b.RemoveFromVersionId))?.stages.delete(stage);
    if (b.MoveToVersionId) {
      holder?.[1].stages.delete(stage);
      // Moving AWSCURRENT gives AWSPREVIOUS to the version it was taken from.
      if (stage === 'AWSCURRENT' && holder && holder[0] !== b.MoveToVersionId) {
        withStage(s, 'AWSPREVIOUS')?.[1].stages.delete('AWSPREVIOUS');
        holder[1].stages.add('AWSPREVIOUS');
      }
      s.versions.get(String(b.MoveToVersionId))?.stages.add(stage);
    }
    return {};
  },
  DeleteSecret(b) {
    find(b.SecretId).deleted = true;
    return {};
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target'] ?? '').replace('secretsmanager.', '');
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      calls.push({ op, body });
      // Build the whole answer first and write it once, so a failing handler can never
      // leave the SDK waiting on a half-written response.
      let status = 200;
      let payload: string;
      try {
        const handler = handlers[op];
        if (!handler) throw Object.assign(new ApiError(`unsupported ${op}`), { type: 'InvalidRequestException' });
        payload = JSON.stringify(handler(body) ?? {});
      } catch (e) {
        status = 400;
        const type = (e as { type?: string }).type ?? 'InternalServiceError';
        payload = JSON.stringify({ __type: type, message: (e as Error).message });
      }
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(payload);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  client = new SecretsManagerClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
});

afterAll(async () => {
  client?.destroy();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('SecretsManagerCredentialStore', () => {
  it('creates bmc/<tenant>/<bmcId> tagged with the tenant, and reads it back', async () => {
    const store = new SecretsManagerCredentialStore(client);
    await store.put('acme', 'b1', new BmcCredentials('admin', 'pw-1'));
    const create = calls.find((c) => c.op === 'CreateSecret');
    expect(create?.body).toMatchObject({ Name: 'bmc/acme/b1', Tags: [{ Key: 'tenant', Value: 'acme' }, { Key: 'bmc', Value: 'b1' }] });
    expect((await store.get('acme', 'b1'))?.reveal()).toEqual({ username: 'admin', password: 'pw-1' });
    expect(await store.get('acme', 'missing')).toBeUndefined();
  });

  it('rotates with staging labels: pending, then current with the old one previous', async () => {
    const store = new SecretsManagerCredentialStore(client);
    await store.put('acme', 'b2', new BmcCredentials('admin', 'old'));
    await store.stage('acme', 'b2', new BmcCredentials('admin', 'new'));
    expect((await store.get('acme', 'b2', 'current'))?.reveal().password).toBe('old');
    expect((await store.get('acme', 'b2', 'pending'))?.reveal().password).toBe('new');
    await store.promote('acme', 'b2');
    expect((await store.get('acme', 'b2', 'current'))?.reveal().password).toBe('new');
    expect((await store.get('acme', 'b2', 'previous'))?.reveal().password).toBe('old');
    expect(await store.get('acme', 'b2', 'pending')).toBeUndefined();

    await store.stage('acme', 'b2', new BmcCredentials('admin', 'rejected'));
    await store.discardPending('acme', 'b2');
    expect(await store.get('acme', 'b2', 'pending')).toBeUndefined();
    expect((await store.get('acme', 'b2'))?.reveal().password).toBe('new');
  });

  it('serves reads from a short cache and refetches after invalidate', async () => {
    let t = 0;
    const store = new SecretsManagerCredentialStore(client, { cacheTtlMs: 1000, now: () => t });
    await store.put('acme', 'b3', new BmcCredentials('admin', 'v1'));
    await store.get('acme', 'b3');
    // Changed behind the store's back (another Lambda rotated it).
    await new SecretsManagerCredentialStore(client).put('acme', 'b3', new BmcCredentials('admin', 'v2'));
    expect((await store.get('acme', 'b3'))?.reveal().password).toBe('v1');
    store.invalidate('acme', 'b3');
    expect((await store.get('acme', 'b3'))?.reveal().password).toBe('v2');
    await new SecretsManagerCredentialStore(client).put('acme', 'b3', new BmcCredentials('admin', 'v3'));
    t += 1001;
    expect((await store.get('acme', 'b3'))?.reveal().password).toBe('v3');
    expect((await store.get('acme', 'b3', 'current', { fresh: true }))?.reveal().password).toBe('v3');
  });

  it('deletes with a recovery window and refuses unsafe names', async () => {
    const store = new SecretsManagerCredentialStore(client);
    await store.put('acme', 'b4', new BmcCredentials('admin', 'pw'));
    await store.delete('acme', 'b4');
    expect(calls.filter((c) => c.op === 'DeleteSecret').at(-1)?.body).toMatchObject({ SecretId: 'bmc/acme/b4', RecoveryWindowInDays: 7 });
    expect(await store.get('acme', 'b4')).toBeUndefined();
    await expect(store.delete('acme', 'b4')).resolves.toBeUndefined();
    await expect(store.get('acme/../globex', 'b1')).rejects.toThrow(/secret-name safe/);
  });
});
