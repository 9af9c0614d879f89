/**
 * The BMC registry's listing cache over the real DynamoDB adapter (dynalite in memory): what a
 * remembered page saves (Queries counted on the document client) and what it must never do
 * (serve another tenant, hide a write made through this process, outlive its second).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createTables, DEFAULT_TABLE_NAMES, DynamoBmcRepository } from '../../lambdas/adapters/dynamodb/index.ts';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../lambdas/adapters/local/embedded-dynamodb.ts';
import { CachedBmcRepository } from '../../lambdas/core/cached-bmc-repository.ts';
import type { Bmc } from '../../lambdas/core/types.ts';

let db: EmbeddedDynamoDb;
let doc: DynamoDBDocumentClient;
let destroy: () => void;
let queries = 0;
let now = Date.parse('2026-12-03T10:00:00Z');
const clock = { now: () => new Date(now) };
let run = 0;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  db = await startEmbeddedDynamoDb();
  const created = createDocumentClient(db.clientConfig);
  doc = created.doc;
  destroy = () => created.client.destroy();
  await createTables(created.client, DEFAULT_TABLE_NAMES, { pollMs: 5 });
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'QueryCommand') queries++;
      return next(args);
    },
    { step: 'initialize', name: 'countQueries' },
  );
});
afterAll(async () => {
  destroy();
  await db.close();
});
beforeEach(() => {
  run++;
  tenantA = `tenant-a-${run}`;
  tenantB = `tenant-b-${run}`;
});

function bmc(tenantId: string, id: string): Bmc {
  const at = new Date(now).toISOString();
  return {
    id,
    tenantId,
    name: id,
    address: '10.0.0.1',
    port: 623,
    cipherSuite: 'auto',
    privilege: 'admin',
    tags: ['rack-1'],
    createdAt: at,
    updatedAt: at,
    health: 'unknown',
    credentialState: 'ok',
    credentialsUpdatedAt: at,
  };
}

const registry = () => new CachedBmcRepository(new DynamoBmcRepository(doc, DEFAULT_TABLE_NAMES.bmcs), clock);
const ids = (page: { items: readonly Bmc[] }) => page.items.map((b) => b.id);

describe('listing pages remembered for a second', () => {
  it('answers a repeated listing without a Query, and queries again once the second has passed', async () => {
    const repo = registry();
    await repo.create(bmc(tenantA, 'bmc-1'));
    const before = queries;
    expect(ids(await repo.list(tenantA, {}, { limit: 20 }))).toEqual(['bmc-1']);
    expect(ids(await repo.list(tenantA, {}, { limit: 20 }))).toEqual(['bmc-1']);
    expect(queries - before).toBe(1);
    now += 1_001;
    await repo.list(tenantA, {}, { limit: 20 });
    expect(queries - before).toBe(2);
  });

  it('shares one Query among identical listings in flight, and queries apart for another page or filter', async () => {
    const repo = registry();
    await repo.create(bmc(tenantA, 'bmc-1'));
    const before = queries;
    const pages = await Promise.all(Array.from({ length: 20 }, () => repo.list(tenantA, {}, { limit: 20 })));
    expect(pages.every((p) => ids(p).join() === 'bmc-1')).toBe(true);
    expect(queries - before).toBe(1);
    await repo.list(tenantA, {}, { limit: 5 });
    await repo.list(tenantA, { tags: ['rack-2'] }, { limit: 20 });
    expect(queries - before).toBe(3);
  });

  it('never serves one tenant a page of another', async () => {
    const repo = registry();
    await repo.create(bmc(tenantA, 'bmc-a'));
    await repo.create(bmc(tenantB, 'bmc-b'));
    expect(ids(await repo.list(tenantA, {}, { limit: 20 }))).toEqual(['bmc-a']);
    expect(ids(await repo.list(tenantB, {}, { limit: 20 }))).toEqual(['bmc-b']);
  });

  it('shows a registration, change or removal made through this process at once', async () => {
    const repo = registry();
    await repo.create(bmc(tenantA, 'bmc-1'));
    expect(ids(await repo.list(tenantA, {}, { limit: 20 }))).toEqual(['bmc-1']);
    await repo.create(bmc(tenantA, 'bmc-2'));
    expect(ids(await repo.list(tenantA, {}, { limit: 20 }))).toEqual(['bmc-1', 'bmc-2']);
    const renamed = { ...bmc(tenantA, 'bmc-2'), name: 'renamed', updatedAt: new Date(now + 1).toISOString() };
    await repo.update(renamed, bmc(tenantA, 'bmc-2').updatedAt);
    expect((await repo.list(tenantA, {}, { limit: 20 })).items.map((b) => b.name)).toEqual(['bmc-1', 'renamed']);
    await repo.setHealth(tenantA, 'bmc-1', 'critical');
    expect((await repo.list(tenantA, {}, { limit: 20 })).items[0]?.health).toBe('critical');
    await repo.delete(tenantA, 'bmc-1');
    expect(ids(await repo.list(tenantA, {}, { limit: 20 }))).toEqual(['bmc-2']);
  });

  it('does not keep a page whose Query a write overtook', async () => {
    const repo = registry();
    await repo.create(bmc(tenantA, 'bmc-1'));
    const inFlight = repo.list(tenantA, {}, { limit: 20 });
    await repo.create(bmc(tenantA, 'bmc-2'));
    await inFlight;
    expect(ids(await repo.list(tenantA, {}, { limit: 20 }))).toEqual(['bmc-1', 'bmc-2']);
  });

  it('lists afresh when asked (fleet selections), and sees another process write within the second', async () => {
    const repo = registry();
    const other = registry();
    await repo.create(bmc(tenantA, 'bmc-1'));
    expect(ids(await repo.list(tenantA, {}, { limit: 20 }))).toEqual(['bmc-1']);
    await other.create(bmc(tenantA, 'bmc-2'));
    expect(ids(await repo.list(tenantA, {}, { limit: 20 }, { fresh: true }))).toEqual(['bmc-1', 'bmc-2']);
    now += 1_001;
    expect(ids(await repo.list(tenantA, {}, { limit: 20 }))).toEqual(['bmc-1', 'bmc-2']);
  });

  it('remembers nothing when records are not cached (ttl 0)', async () => {
    const repo = new CachedBmcRepository(new DynamoBmcRepository(doc, DEFAULT_TABLE_NAMES.bmcs), clock, 0);
    await repo.create(bmc(tenantA, 'bmc-1'));
    const before = queries;
    await repo.list(tenantA, {}, { limit: 20 });
    await repo.list(tenantA, {}, { limit: 20 });
    expect(queries - before).toBe(2);
  });
});
