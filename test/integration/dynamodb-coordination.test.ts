/**
 * The coordination table on DynamoDB Local. Leases, the same rules as in memory (one process):
 * exclusive until expiry, renewal and release only by the holder, the spacing rule between
 * releases. Idempotency records: replay, refusal of another request or caller, in-progress
 * conflict, and recovery of a claim whose request never answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLeaseStore, type LeaseStore } from '../../lambdas/adapters/coordination/lease-store.ts';
import { createDocumentClient, createTables } from '../../lambdas/adapters/dynamodb/index.ts';
import { DynamoIdempotencyStore } from '../../lambdas/adapters/dynamodb/idempotency-store.ts';
import { DynamoLeaseStore } from '../../lambdas/adapters/dynamodb/lease-store.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../support/dynamodb-local.ts';

let ddb: DynamoDbLocal;
let dynamo: LeaseStore;
let doc: ReturnType<typeof createDocumentClient>['doc'];
beforeAll(async () => {
  ddb = await startDynamoDbLocal();
  const clients = createDocumentClient(ddb.clientConfig);
  doc = clients.doc;
  await createTables(clients.client, { bmcs: 'l-bmcs', apiKeys: 'l-keys', audit: 'l-audit', tenants: 'l-tenants', access: 'l-access', coordination: 'l-coordination' });
  dynamo = new DynamoLeaseStore(doc, 'l-coordination');
});
afterAll(async () => {
  await ddb?.stop();
});

const stores: [string, () => LeaseStore][] = [
  ['DynamoDB', () => dynamo],
  ['memory', () => new MemoryLeaseStore()],
];

describe.each(stores)('leases (%s)', (_name, store) => {
  let n = 0;
  const key = () => ({ pk: `bmc#127.0.0.1:${++n}`, sk: 'slot#0' });

  it('is exclusive until it expires, then another may take it', async () => {
    const s = store();
    const k = key();
    expect(await s.acquire(k, 'a', { nowMs: 1000, untilMs: 2000 })).toBe(true);
    expect(await s.acquire(k, 'b', { nowMs: 1500, untilMs: 2500 })).toBe(false);
    expect(await s.acquire(k, 'a', { nowMs: 1500, untilMs: 2500 })).toBe(true); // its own: a re-take
    expect(await s.acquire(k, 'b', { nowMs: 2600, untilMs: 3600 })).toBe(true);
    expect((await s.read(k))?.holder).toBe('b');
  });

  it('renews and releases only for its holder', async () => {
    const s = store();
    const k = key();
    await s.acquire(k, 'a', { nowMs: 1000, untilMs: 2000 });
    expect(await s.renew(k, 'b', 9000)).toBe(false);
    expect(await s.renew(k, 'a', 3000)).toBe(true);
    expect(await s.acquire(k, 'b', { nowMs: 2500, untilMs: 3500 })).toBe(false); // renewed past 2000
    await s.release(k, 'b');
    expect((await s.read(k))?.holder).toBe('a');
    await s.release(k, 'a');
    expect(await s.read(k)).toBeUndefined();
    expect(await s.acquire(k, 'b', { nowMs: 2500, untilMs: 3500 })).toBe(true);
  });

  it('a lost lease cannot be renewed or released by its old holder', async () => {
    const s = store();
    const k = key();
    await s.acquire(k, 'a', { nowMs: 1000, untilMs: 2000 });
    await s.acquire(k, 'b', { nowMs: 2001, untilMs: 3000 });
    expect(await s.renew(k, 'a', 5000)).toBe(false);
    await s.release(k, 'a');
    expect((await s.read(k))?.holder).toBe('b');
  });

  it('spacing: granted only a gap after the last stamped release, except to the same owner', async () => {
    const s = store();
    const k = { pk: key().pk, sk: 'spacing' };
    const o = (nowMs: number, owner: string) => ({ nowMs, untilMs: nowMs + 5000, gapMs: 200, owner });
    expect(await s.acquire(k, 'h1', o(1000, 'action-1'))).toBe(true);
    expect(await s.acquire(k, 'h2', o(1050, 'action-2'))).toBe(false); // held
    await s.release(k, 'h1', { doneAtMs: 1100, owner: 'action-1' });
    expect(await s.acquire(k, 'h2', o(1250, 'action-2'))).toBe(false); // 150 ms after the stamp
    expect(await s.acquire(k, 'h3', o(1250, 'action-1'))).toBe(true); // the same action's next command
    await s.release(k, 'h3', { doneAtMs: 1260, owner: 'action-1' });
    expect(await s.acquire(k, 'h2', o(1459, 'action-2'))).toBe(false);
    expect(await s.acquire(k, 'h2', o(1460, 'action-2'))).toBe(true);
    expect(await s.read(k)).toMatchObject({ holder: 'h2', doneAt: 1260, lastOwner: 'action-1' });
  });

  it('only one of many simultaneous claimants wins', async () => {
    const s = store();
    const k = key();
    const wins = await Promise.all(Array.from({ length: 12 }, (_, i) => s.acquire(k, `h${i}`, { nowMs: 1000, untilMs: 9000 })));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});

describe('Idempotency-Key records (DynamoDB)', () => {
  const answer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"power":"on"}' };

  it('replays the first answer to the same caller and request, from another store instance (another process)', async () => {
    const first = new DynamoIdempotencyStore(doc, 'l-coordination');
    const second = new DynamoIdempotencyStore(doc, 'l-coordination');
    expect(await first.claim('t1\u0000k1', 'key-replay-0001', 'fp-1')).toEqual({ kind: 'new' });
    await expect(second.claim('t1\u0000k1', 'key-replay-0001', 'fp-1')).rejects.toMatchObject({ code: 'CONFLICT' });
    await first.complete('t1\u0000k1', 'key-replay-0001', answer);
    expect(await second.claim('t1\u0000k1', 'key-replay-0001', 'fp-1')).toEqual({ kind: 'replay', response: answer });
  });

  it('refuses another request, another API key and another tenant alike, without the first answer', async () => {
    const store = new DynamoIdempotencyStore(doc, 'l-coordination');
    await store.claim('t1\u0000k1', 'key-refuse-0001', 'fp-1');
    await store.complete('t1\u0000k1', 'key-refuse-0001', answer);
    for (const [scope, fp] of [['t1\u0000k1', 'fp-2'], ['t1\u0000k2', 'fp-1'], ['t2\u0000k1', 'fp-1']] as const) {
      const refused = await store.claim(scope, 'key-refuse-0001', fp).then(
        (c) => c,
        (e: unknown) => e,
      );
      expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', message: 'Idempotency-Key: already used with a different request' });
      expect(JSON.stringify(refused)).not.toContain('power');
    }
  });

  it('a released claim (failed request) may run again; an abandoned one is taken over once it expires', async () => {
    const store = new DynamoIdempotencyStore(doc, 'l-coordination', { runningMs: 300 });
    await store.claim('t1\u0000k1', 'key-release-0001', 'fp-1');
    await store.release('t1\u0000k1', 'key-release-0001');
    expect(await store.claim('t1\u0000k1', 'key-release-0001', 'fp-1')).toEqual({ kind: 'new' });
    // That claim's request "crashes": no completion, no release.
    const later = new DynamoIdempotencyStore(doc, 'l-coordination', { runningMs: 300 });
    await expect(later.claim('t1\u0000k1', 'key-release-0001', 'fp-1')).rejects.toMatchObject({ code: 'CONFLICT' });
    await new Promise((r) => setTimeout(r, 350));
    expect(await later.claim('t1\u0000k1', 'key-release-0001', 'fp-1')).toEqual({ kind: 'new' });
    // The crashed claim's late completion does not overwrite the claim that took over.
    await store.complete('t1\u0000k1', 'key-release-0001', answer);
    await expect(new DynamoIdempotencyStore(doc, 'l-coordination').claim('t1\u0000k1', 'key-release-0001', 'fp-1')).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
