/**
 * Refusals on one chain are written in batches: a burst costs a few appends, not one each, every
 * refusal is in the chain exactly once, and the chain verifies. The batch is all or nothing, so
 * a rival writer (another process) that takes a slot makes the whole batch move to the new head.
 */
import { describe, expect, it } from 'vitest';
import { MemoryAuditLog } from '../../lambdas/adapters/memory/index.ts';
import { AppendAllUnsupportedError, AuditSlotTakenError } from '../../lambdas/core/ports.ts';
import { AuditService, systemClock, uuidIds, verifyAuditChain, type AuditEvent, type Caller, type Role } from '../../lambdas/core/index.ts';
import { hashAuditEvent } from '../../lambdas/core/audit-chain.ts';

const TENANT = 'tenant-b';
const CHAIN = 'bmc:b1';
const who = (role: Role, n: number): Caller => ({ principal: { tenantId: TENANT, role, actor: `apikey:${role}` }, requestId: `req-${role}-${n}`, source: 'test' });

/** Counts the store's round trips. */
class CountingLog extends MemoryAuditLog {
  appends = 0;
  batches: number[] = [];
  override async append(event: AuditEvent) {
    this.appends++;
    await super.append(event);
  }
  override async appendAll(events: readonly AuditEvent[]) {
    this.batches.push(events.length);
    await super.appendAll(events);
  }
}

const deny = (audit: AuditService, n: number) => audit.record(who('viewer', n), { action: 'bmc.power.set', target: CHAIN, parameters: { action: 'off' }, outcome: 'denied', errorCode: 'FORBIDDEN' });

function expectWholeChain(log: MemoryAuditLog, denials: number) {
  const chain = log.events.filter((e) => e.chain === CHAIN).sort((a, b) => a.seq - b.seq);
  expect(verifyAuditChain(TENANT, CHAIN, chain).problems).toEqual([]);
  const requests = chain.filter((e) => e.outcome === 'denied').map((e) => e.requestId);
  expect(requests.sort()).toEqual(Array.from({ length: denials }, (_, i) => `req-viewer-${i}`).sort());
  return chain;
}

describe('refusals on one chain are appended in batches', () => {
  it('100 refusals and 5 actions at once: every refusal once, a handful of writes, actions not held up', async () => {
    const log = new CountingLog();
    const audit = new AuditService(log, systemClock, uuidIds);
    const denials = Array.from({ length: 100 }, (_, i) => deny(audit, i));
    const actions = Array.from({ length: 5 }, (_, i) => audit.record(who('operator', i), { action: 'bmc.identify', target: CHAIN, outcome: 'succeeded' }));
    const events = await Promise.all([...denials, ...actions]);
    expect(new Set(events.map((e) => e.id)).size).toBe(105);
    const chain = expectWholeChain(log, 100);
    expect(chain).toHaveLength(105);
    // The first refusal goes alone (nothing queued yet); the other 99 in batches of at most 25.
    expect(log.batches.every((n) => n <= 25)).toBe(true);
    expect(log.batches.reduce((a, b) => a + b, 0) + log.appends).toBe(105);
    expect(log.batches.length + log.appends).toBeLessThanOrEqual(1 + 4 + 5 + 1);
    // Actions take their turn before queued refusals: all five are among the first writes.
    const actionSeqs = chain.filter((e) => e.role === 'operator').map((e) => e.seq);
    expect(Math.max(...actionSeqs)).toBeLessThanOrEqual(6 + 25);
  });

  it('a rival writer takes the next slot during a batch: the batch moves to the new head, nothing lost', async () => {
    class RivalLog extends MemoryAuditLog {
      rivalry = 1;
      override async appendAll(events: readonly AuditEvent[]) {
        if (this.rivalry-- > 0) {
          // Another process's event lands at the slot the batch wanted.
          const head = events[0]!;
          const rival = { ...head, id: 'rival', actor: 'apikey:other-process', requestId: 'req-rival', outcome: 'succeeded' as const, errorCode: null };
          const { hash: _h, ...unhashed } = rival;
          await super.append({ ...unhashed, hash: hashAuditEvent(unhashed) });
          throw new AuditSlotTakenError(head.chain, head.seq);
        }
        await super.appendAll(events);
      }
    }
    const log = new RivalLog();
    const audit = new AuditService(log, systemClock, uuidIds);
    await Promise.all(Array.from({ length: 30 }, (_, i) => deny(audit, i)));
    const chain = expectWholeChain(log, 30);
    expect(chain.filter((e) => e.requestId === 'req-rival')).toHaveLength(1);
  });

  it('a batch whose answer was lost is recorded once', async () => {
    class LostAnswerLog extends MemoryAuditLog {
      lose = 1;
      override async appendAll(events: readonly AuditEvent[]) {
        await super.appendAll(events);
        if (this.lose-- > 0) throw new AuditSlotTakenError(events[0]!.chain, events[0]!.seq);
      }
    }
    const log = new LostAnswerLog();
    const audit = new AuditService(log, systemClock, uuidIds);
    await Promise.all(Array.from({ length: 20 }, (_, i) => deny(audit, i)));
    expect(expectWholeChain(log, 20)).toHaveLength(20);
  });

  it('a store without multi-item appends (the embedded store) gets them one by one', async () => {
    class NoBatchLog extends CountingLog {
      override async appendAll(): Promise<void> {
        throw new AppendAllUnsupportedError(new Error('UnknownOperationException'));
      }
    }
    const log = new NoBatchLog();
    const audit = new AuditService(log, systemClock, uuidIds);
    await Promise.all(Array.from({ length: 40 }, (_, i) => deny(audit, i)));
    expect(expectWholeChain(log, 40)).toHaveLength(40);
    expect(log.appends).toBe(40);
  });
});
