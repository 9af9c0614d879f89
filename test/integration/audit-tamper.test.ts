/**
 * The audit log's tamper suite, on DynamoDB Local (AWS's emulator) and on the embedded store of
 * `npm start` (dynalite): events are written through the real services with signed checkpoints,
 * then the stored items are edited, deleted, rewritten with every hash recomputed, or reordered,
 * directly in the table, as someone with write access to it would. Each case must be detected
 * by the API (REST verify and GraphQL verifyAuditChain, over HTTP) and by `bmc-audit verify` on
 * a bundle exported through GET /v1/audit-events/export?format=bundle, and the two must agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '../support/dynamodb-local.ts';
import { startEmbeddedDynamoDb } from '../../lambdas/adapters/local/embedded-dynamodb.ts';
import { createDocumentClient, createDynamoPorts, createTables, type TableNames } from '../../lambdas/adapters/dynamodb/index.ts';
import { auditOrderKey } from '../../lambdas/core/audit-order.ts';
import { FakeBmcGateway, MemoryCredentialStore } from '../../lambdas/adapters/memory/index.ts';
import { LocalAuditSigner } from '../../lambdas/adapters/local/audit-signing-key.ts';
import { apiKeyAuthenticator } from '../../lambdas/api/authenticate.ts';
import { createGraphQLServer } from '../../lambdas/api/graphql/server.ts';
import { createApiApp } from '../../lambdas/api/http/app.ts';
import { listen } from '../../lambdas/api/http/node-server.ts';
import { silentLogger } from '../../lambdas/api/logger.ts';
import { createServices, hashAuditEvent, type AuditBundle } from '../../lambdas/core/index.ts';
import type { AuditEvent } from '../../lambdas/core/types.ts';
import { main as auditCli } from '../../lambdas/audit-cli/main.ts';
import { caller } from '../support/caller.ts';

const TENANT = 'acme';
const run = promisify(execFile);

interface Store {
  readonly clientConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  stop(): Promise<void>;
}

type Tamper = (t: { doc: DynamoDBDocumentClient; table: string; chain: string; events: AuditEvent[] }) => Promise<void>;

const itemOf = (e: AuditEvent) => ({
  ...e,
  chainKey: `${e.tenantId}#${e.chain}`,
  timeId: auditOrderKey(e),
  tenantActor: `${e.tenantId}#${e.actor}`,
  ...((e.outcome === 'denied' || e.outcome === 'failed') && { problemTenant: e.tenantId }),
});

/** Overwrites events from `from` (an index into the chain) on, each rehashed after `change`. */
async function rewrite(doc: DynamoDBDocumentClient, table: string, events: AuditEvent[], from: number, change: (e: AuditEvent) => AuditEvent) {
  let prevHash = events[from - 1]?.hash ?? events[from]!.prevHash;
  for (let i = from; i < events.length; i++) {
    const { hash: _h, ...rest } = i === from ? change(events[i]!) : events[i]!;
    const unhashed = { ...rest, prevHash };
    const hash = hashAuditEvent(unhashed);
    await doc.send(new PutCommand({ TableName: table, Item: itemOf({ ...unhashed, hash }) }));
    prevHash = hash;
  }
}

const TAMPERS: readonly (readonly [string, Tamper])[] = [
  [
    'an edited event',
    async ({ doc, table, events }) => {
      const e = events[2]!;
      await doc.send(new PutCommand({ TableName: table, Item: itemOf({ ...e, actor: 'user:someone-else' }) }));
    },
  ],
  [
    'the newest event deleted',
    async ({ doc, table, events }) => {
      const e = events.at(-1)!;
      await doc.send(new DeleteCommand({ TableName: table, Key: { chainKey: `${e.tenantId}#${e.chain}`, seq: e.seq } }));
    },
  ],
  [
    'the two newest events deleted',
    async ({ doc, table, events }) => {
      for (const e of events.slice(-2)) await doc.send(new DeleteCommand({ TableName: table, Key: { chainKey: `${e.tenantId}#${e.chain}`, seq: e.seq } }));
    },
  ],
  [
    'a middle event deleted',
    async ({ doc, table, events }) => {
      const e = events[2]!;
      await doc.send(new DeleteCommand({ TableName: table, Key: { chainKey: `${e.tenantId}#${e.chain}`, seq: e.seq } }));
    },
  ],
  [
    'an event rewritten and every later hash recomputed',
    async ({ doc, table, events }) => rewrite(doc, table, events, 2, (e) => ({ ...e, action: 'bmc.power.on', outcome: 'succeeded' })),
  ],
  [
    'the newest event rewritten and rehashed',
    async ({ doc, table, events }) => rewrite(doc, table, events, events.length - 1, (e) => ({ ...e, outcome: 'failed', errorCode: 'BMC_UNREACHABLE' })),
  ],
  [
    'two events swapped and rehashed in their new order',
    async ({ doc, table, events }) => {
      const [a, b] = [events[1]!, events[2]!];
      const swapped = [...events];
      swapped[1] = { ...b, seq: a.seq, time: a.time };
      swapped[2] = { ...a, seq: b.seq, time: b.time };
      await rewrite(doc, table, swapped, 1, (e) => e);
    },
  ],
];

function storeSuite(name: string, start: () => Promise<Store>) {
  describe(`audit tampering on ${name}`, () => {
    let store: Store;
    let client: DynamoDBClient;
    let doc: DynamoDBDocumentClient;
    let tables = 0;
    let dir: string;

    beforeAll(async () => {
      store = await start();
      ({ client, doc } = createDocumentClient({ ...store.clientConfig, maxAttempts: 2 }));
      dir = await mkdtemp(join(tmpdir(), 'audit-tamper-'));
    });
    afterAll(async () => {
      client?.destroy();
      await store?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    /** Tables, the services with a signing key, the API over HTTP, and one BMC's history. */
    async function world() {
      const n = ++tables;
      const names: TableNames = { bmcs: `bmcs-${n}`, apiKeys: `keys-${n}`, audit: `audit-${n}`, tenants: `tenants-${n}`, access: `access-${n}` };
      await createTables(client, names, { pollMs: 20 });
      const ports = createDynamoPorts(doc, names);
      const gateway = new FakeBmcGateway();
      const signer = LocalAuditSigner.generate();
      const services = createServices({ ...ports, gateway, credentials: new MemoryCredentialStore(), auditAnchor: { signer, checkpoints: ports.auditCheckpoints } });
      const graphql = createGraphQLServer(silentLogger);
      await graphql.start();
      const server = await listen(createApiApp({ services, graphql, authenticate: apiKeyAuthenticator(services), logger: silentLogger }), '127.0.0.1', 0);
      const url = `http://127.0.0.1:${server.port}`;
      const admin = (await services.apiKeys.bootstrap(TENANT)).key;
      const auditor = (await services.apiKeys.create(caller('admin', TENANT), { name: 'auditor', role: 'auditor' })).key;

      gateway.add('10.0.0.1', 623, 'admin', 'pw');
      const bmc = await services.bmcs.register(caller('admin', TENANT), { name: 'node-1', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw' } });
      await services.actions.power(caller('operator', TENANT), bmc.id, 'on');
      await services.actions.power(caller('viewer', TENANT), bmc.id, 'off').catch(() => undefined);
      await services.actions.power(caller('operator', TENANT), bmc.id, 'off');
      await services.actions.identify(caller('operator', TENANT), bmc.id, { seconds: 15 });
      const chain = `bmc:${bmc.id}`;
      const events = [...(await ports.auditLog.readChain(TENANT, chain, { limit: 100 })).items];

      const get = async (path: string) => {
        const res = await fetch(`${url}${path}`, { headers: { 'x-api-key': auditor } });
        expect(res.status, path).toBe(200);
        return res.text();
      };
      const graphqlVerify = async () => {
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': auditor },
          body: JSON.stringify({ query: '{ verifyAuditChain { ok checkedCheckpoints problems { chain kind seq } } }' }),
        });
        return ((await res.json()) as { data: { verifyAuditChain: { ok: boolean; checkedCheckpoints: number; problems: { chain: string; kind: string; seq: number }[] } } }).data.verifyAuditChain;
      };
      const close = async () => {
        await server.close();
        await graphql.stop();
      };
      return { names, chain, events, get, graphqlVerify, close, admin };
    }

    /** Exports a bundle and the key over HTTP, and runs the offline verifier on them. */
    async function exportAndVerify(w: Awaited<ReturnType<typeof world>>, label: string) {
      const bundleText = await w.get('/v1/audit-events/export?format=bundle');
      const keyText = await w.get('/v1/audit-events/public-key');
      const bundlePath = join(dir, `${label}.json`);
      const keyPath = join(dir, `${label}.key.json`);
      await writeFile(bundlePath, bundleText);
      await writeFile(keyPath, keyText);
      let out = '';
      const code = await auditCli(['verify', bundlePath, '--public-key', keyPath, '--json'], { stdout: (t) => (out += t), stderr: () => undefined, readFile: (p) => import('node:fs/promises').then((fs) => fs.readFile(p, 'utf8')) });
      const result = JSON.parse(out) as { ok: boolean; chains: { chain: string; problems: { kind: string }[] }[]; problems: string[] };
      return { code, result, bundle: JSON.parse(bundleText) as AuditBundle, bundlePath, keyPath };
    }

    it('verifies an untampered log everywhere, with its checkpoints', async () => {
      const w = await world();
      try {
        const rest = JSON.parse(await w.get('/v1/audit-events/verify')) as { ok: boolean; chains: { chain: string; checkpoints: number; anchoredSeq: number; lastSeq?: number }[] };
        expect(rest.ok).toBe(true);
        const chain = rest.chains.find((c) => c.chain === w.chain)!;
        expect(chain.checkpoints).toBeGreaterThan(0);
        // The newest event (an outcome) is covered by a checkpoint.
        expect(chain.anchoredSeq).toBe(w.events.at(-1)!.seq);
        expect((await w.graphqlVerify()).ok).toBe(true);
        const { code, result, bundle } = await exportAndVerify(w, `${name}-clean`);
        expect(result.problems).toEqual([]);
        expect(code).toBe(0);
        expect(bundle.chains.map((c) => c.chain)).toContain(w.chain);
      } finally {
        await w.close();
      }
    });

    for (const [label, tamper] of TAMPERS) {
      it(`detects ${label}`, async () => {
        const w = await world();
        try {
          await tamper({ doc, table: w.names.audit, chain: w.chain, events: w.events });
          const rest = JSON.parse(await w.get('/v1/audit-events/verify')) as { ok: boolean; chains: { chain: string; ok: boolean; problems: { kind: string }[] }[] };
          const gql = await w.graphqlVerify();
          const apiKinds = rest.chains.find((c) => c.chain === w.chain)!.problems.map((p) => p.kind);
          expect(rest.ok).toBe(false);
          expect(apiKinds.length).toBeGreaterThan(0);
          expect(gql.ok).toBe(false);
          expect(gql.problems.filter((p) => p.chain === w.chain).map((p) => p.kind.toLowerCase().replace(/_/g, '-'))).toEqual(apiKinds);

          const { code, result } = await exportAndVerify(w, `${name}-${label.replace(/\W+/g, '-')}`);
          expect(code).toBe(1);
          expect(result.ok).toBe(false);
          // They agree: every defect the API names on the chain, the offline verifier names too.
          const offlineKinds = result.chains.find((c) => c.chain === w.chain)!.problems.map((p) => p.kind);
          for (const kind of apiKinds) expect(offlineKinds).toContain(kind);
        } finally {
          await w.close();
        }
      });
    }

    // One store is enough to show the installed command line agrees; npx starts slowly on a shared machine.
    if (name.startsWith('the embedded')) it('is checked by `npx bmc-audit verify` as a separate process', { timeout: 180_000 }, async () => {
      const w = await world();
      try {
        const clean = await exportAndVerify(w, `${name}-npx-clean`);
        const ok = await run('npx', ['bmc-audit', 'verify', clean.bundlePath, '--public-key', clean.keyPath], { cwd: process.cwd() });
        expect(ok.stdout).toMatch(/^ok: /);
        const e = w.events.at(-1)!;
        await doc.send(new DeleteCommand({ TableName: w.names.audit, Key: { chainKey: `${e.tenantId}#${e.chain}`, seq: e.seq } }));
        const cut = await exportAndVerify(w, `${name}-npx-cut`);
        const failed = await run('npx', ['bmc-audit', 'verify', cut.bundlePath, '--public-key', cut.keyPath]).then(
          () => ({ code: 0, stdout: '' }),
          (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
        );
        expect(failed.code).toBe(1);
        expect(failed.stdout).toMatch(/^FAILED: chain bmc:.*newest events deleted/);
      } finally {
        await w.close();
      }
    });
  });
}

storeSuite('DynamoDB Local', async () => {
  const local = await startDynamoDbLocal();
  return { clientConfig: local.clientConfig, stop: () => local.stop() };
});

storeSuite('the embedded store (dynalite)', async () => {
  const db = await startEmbeddedDynamoDb();
  return { clientConfig: db.clientConfig, stop: () => db.close() };
});
