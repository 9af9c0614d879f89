/**
 * The audit log's order (lambdas/core/audit-order.ts): newest first by time, then by position
 * in the chain, so that a `started` and its `succeeded` written in the same millisecond come
 * back in their true order, page after page, whatever ids the events got. And time never runs
 * backwards inside a chain, so the chain's sequence order is its time order.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { auditOrderKey, newestFirst } from '../../lambdas/core/audit-order.ts';
import type { Clock, IdGenerator } from '../../lambdas/core/ports.ts';
import type { AuditEvent, Page } from '../../lambdas/core/types.ts';
import { caller } from '../support/caller.ts';

const frozen = (iso: string): Clock => ({ now: () => new Date(iso) });

/** Ids that sort the same way as, or against, the order events are written in. */
function counterIds(direction: 'rising' | 'falling'): IdGenerator {
  let n = 0;
  return { next: () => `id-${String(direction === 'rising' ? 100_000 + ++n : 999_999 - ++n)}` };
}

async function allPages(read: (cursor: string | null) => Promise<Page<AuditEvent>>): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const page = await read(cursor);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('audit order key', () => {
  it('orders by time, then seq as a number, then id', () => {
    const e = (time: string, seq: number, id: string) => ({ time, seq, id });
    const keys = [e('2025-01-01T00:00:00.001Z', 1, 'z'), e('2025-01-01T00:00:00.000Z', 10, 'a'), e('2025-01-01T00:00:00.000Z', 9, 'b'), e('2025-01-01T00:00:00.000Z', 9, 'a')].map(auditOrderKey);
    expect([...keys].sort()).toEqual([keys[3], keys[2], keys[1], keys[0]]);
  });
});

describe.each(['rising', 'falling'] as const)('one millisecond, ids %s', (direction) => {
  async function sameMillisecondHistory() {
    const core = createMemoryCore({ clock: frozen('2025-03-01T12:00:00.000Z'), ids: counterIds(direction) });
    core.gateway.add('10.0.0.1', 623, 'admin', 'pw');
    core.gateway.add('10.0.0.2', 623, 'admin', 'pw');
    const a = await core.services.bmcs.register(caller('admin'), { name: 'a', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw' } });
    const b = await core.services.bmcs.register(caller('admin'), { name: 'b', address: '10.0.0.2', credentials: { username: 'admin', password: 'pw' } });
    await core.services.actions.power(caller('operator'), a.id, 'on');
    await core.services.actions.identify(caller('operator'), b.id, { seconds: 5 });
    await core.services.actions.power(caller('operator'), a.id, 'off');
    return { core, a, b };
  }

  it('gives started and succeeded of one action back in their true order, newest first', async () => {
    const { core, a } = await sameMillisecondHistory();
    const events = (await core.services.audit.query(caller('auditor'), { target: `bmc:${a.id}` }, { limit: 500 })).items;
    expect(events.map((e) => [e.action, e.outcome, e.parameters['action'] ?? null])).toEqual([
      ['bmc.power.set', 'succeeded', 'off'],
      ['bmc.power.set', 'started', 'off'],
      ['bmc.power.set', 'succeeded', 'on'],
      ['bmc.power.set', 'started', 'on'],
      ['bmc.register', 'succeeded', null],
    ]);
  });

  it('keeps every chain in descending seq within the tenant-wide listing, on every page size', async () => {
    const { core } = await sameMillisecondHistory();
    const whole = (await core.services.audit.query(caller('auditor'), {}, { limit: 500 })).items;
    // Two registrations, two power actions on a and one identify on b (started and succeeded each).
    expect(whole).toHaveLength(2 + 4 + 2);
    for (const chain of new Set(whole.map((e) => e.chain))) {
      const seqs = whole.filter((e) => e.chain === chain).map((e) => e.seq);
      expect(seqs, chain).toEqual([...seqs].sort((x, y) => y - x));
    }
    expect(whole).toEqual([...whole].sort(newestFirst));
    for (const limit of [1, 2, 3]) {
      const paged = await allPages((cursor) => core.services.audit.query(caller('auditor'), {}, { limit, cursor }));
      expect(paged.map((e) => e.id), `limit ${limit}`).toEqual(whole.map((e) => e.id));
    }
  });
});

describe('time within a chain', () => {
  it('never runs backwards when a writer\'s clock is behind the chain head', async () => {
    const core = createMemoryCore({ clock: frozen('2025-03-01T12:00:00.010Z') });
    core.gateway.add('10.0.0.1', 623, 'admin', 'pw');
    const bmc = await core.services.bmcs.register(caller('admin'), { name: 'a', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw' } });
    // A second writer (another Lambda) over the same log whose clock is 7 ms behind.
    const { createServices } = await import('../../lambdas/core/index.ts');
    const late = createServices({ ...core, clock: frozen('2025-03-01T12:00:00.003Z') });
    await late.actions.identify(caller('operator'), bmc.id, { seconds: 5 });
    await late.audit.record(caller('admin'), { action: 'tenant.note', target: 'tenant', outcome: 'succeeded' });

    const chain = core.auditLog.events.filter((e) => e.chain === `bmc:${bmc.id}`);
    expect(chain.map((e) => [e.seq, e.time])).toEqual([
      [1, '2025-03-01T12:00:00.010Z'],
      [2, '2025-03-01T12:00:00.010Z'],
      [3, '2025-03-01T12:00:00.010Z'],
    ]);
    // A chain of its own keeps the writer's clock.
    expect(core.auditLog.events.find((e) => e.chain === 'tenant')?.time).toBe('2025-03-01T12:00:00.003Z');
    const [verified] = await core.services.audit.verify(caller('auditor'), `bmc:${bmc.id}`);
    expect(verified?.ok).toBe(true);
    const listed = (await core.services.audit.query(caller('auditor'), { target: `bmc:${bmc.id}` })).items;
    expect(listed.map((e) => e.seq)).toEqual([3, 2, 1]);
  });
});
