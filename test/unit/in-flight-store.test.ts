/**
 * In-flight markers on the coordination table (DynamoDB adapter over dynalite): found by age
 * across shards and by request, claimed by one recoverer at a time until the claim lapses, and
 * settled only by the recoverer holding the claim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, createTables, DEFAULT_TABLE_NAMES, DynamoInFlightStore } from '../../lambdas/adapters/dynamodb/index.ts';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../lambdas/adapters/local/embedded-dynamodb.ts';
import type { InFlightAction } from '../../lambdas/core/index.ts';

let db: EmbeddedDynamoDb;
let store: DynamoInFlightStore;
let destroy: () => void;

beforeAll(async () => {
  db = await startEmbeddedDynamoDb();
  const { client, doc } = createDocumentClient(db.clientConfig);
  await createTables(client, { ...DEFAULT_TABLE_NAMES, coordination: 'in-flight-coordination' }, { pollMs: 5 });
  store = new DynamoInFlightStore(doc, 'in-flight-coordination');
  destroy = () => client.destroy();
});
afterAll(async () => {
  destroy();
  await db.close();
});

let n = 0;
function marker(startedAt: string, requestId = `req-${++n}`, bmcId = `bmc-${n}`): InFlightAction {
  const caller = { principal: { tenantId: 'tenant-f', role: 'operator' as const, actor: 'apikey:op' }, requestId, source: 'test' };
  return { id: `m-${++n}`, tenantId: 'tenant-f', bmcId, caller, action: 'bmc.power.set', parameters: { action: 'on' }, startedAt };
}

describe('in-flight markers (DynamoDB)', () => {
  it('lists markers started before a time, oldest first, from every shard; a removed one is gone', async () => {
    const old = Array.from({ length: 12 }, (_, i) => marker(`2026-01-01T00:00:${String(59 - i).padStart(2, '0')}.000Z`));
    const fresh = marker('2026-01-01T00:05:00.000Z');
    for (const m of [...old, fresh]) await store.add(m);
    const found = await store.startedBefore('2026-01-01T00:01:00.000Z', 100);
    expect(found.map((m) => m.id)).toEqual([...old].reverse().map((m) => m.id));
    expect(found[0]).toEqual(old[old.length - 1]);
    expect(await store.startedBefore('2026-01-01T00:01:00.000Z', 5)).toHaveLength(5);
    for (const m of [...old, fresh]) await store.remove(m);
    expect(await store.startedBefore('2026-01-02T00:00:00.000Z', 100)).toEqual([]);
  });

  it('never overwrites a marker', async () => {
    const m = marker('2026-01-01T00:00:00.000Z');
    await store.add(m);
    await expect(store.add({ ...m, action: 'bmc.identify' })).rejects.toThrow();
    expect((await store.ofRequest(m.tenantId, m.bmcId, m.caller.requestId)).map((x) => x.action)).toEqual(['bmc.power.set']);
    await store.remove(m);
  });

  it('finds the markers of exactly one request on one BMC', async () => {
    const a = marker('2026-01-01T00:00:00.000Z', 'req-x', 'bmc-x');
    const longer = marker('2026-01-01T00:00:00.000Z', 'req-x-2', 'bmc-x');
    const otherBmc = marker('2026-01-01T00:00:00.000Z', 'req-x', 'bmc-y');
    for (const m of [a, longer, otherBmc]) await store.add(m);
    expect((await store.ofRequest('tenant-f', 'bmc-x', 'req-x')).map((m) => m.id)).toEqual([a.id]);
    expect(await store.ofRequest('tenant-other', 'bmc-x', 'req-x')).toEqual([]);
    for (const m of [a, longer, otherBmc]) await store.remove(m);
  });

  it('one claim at a time until it lapses; settled only by its holder; a gone marker cannot be claimed', async () => {
    const m = marker('2026-01-01T00:00:00.000Z');
    await store.add(m);
    expect(await store.claim(m, 'sweep-a', 2000, 1000)).toBe(true);
    expect(await store.claim(m, 'sweep-b', 2500, 1500)).toBe(false);
    expect(await store.settle(m, 'sweep-b')).toBe(false);
    expect(await store.claim(m, 'sweep-b', 3500, 2500)).toBe(true); // a's claim lapsed at 2000
    expect(await store.settle(m, 'sweep-a')).toBe(false);
    expect(await store.ofRequest(m.tenantId, m.bmcId, m.caller.requestId)).toHaveLength(1);
    expect(await store.settle(m, 'sweep-b')).toBe(true);
    expect(await store.ofRequest(m.tenantId, m.bmcId, m.caller.requestId)).toEqual([]);
    expect(await store.claim(m, 'sweep-c', 9000, 8000)).toBe(false);
  });
});
