/**
 * An append whose answer was lost: the put succeeded, the SDK retried it and the retry was
 * refused as a taken slot. The event is in the chain once, and the writer is told it was written.
 */
import { describe, expect, it } from 'vitest';
import { MemoryAuditLog } from '../../lambdas/adapters/memory/index.ts';
import { AuditService, AuditSlotTakenError, systemClock, uuidIds, type AuditEvent, type Caller } from '../../lambdas/core/index.ts';

/** Stores the first append, then answers as a retried put would: slot taken. */
class LostAnswerLog extends MemoryAuditLog {
  lose = 1;
  override async append(event: AuditEvent) {
    await super.append(event);
    if (this.lose-- > 0) throw new AuditSlotTakenError(event.chain, event.seq);
  }
}

const caller: Caller = { principal: { tenantId: 'tenant-l', role: 'operator', actor: 'apikey:op' }, requestId: 'req-l', source: 'test' };

describe('audit append whose answer was lost', () => {
  it('is recorded once, not again under the next sequence number', async () => {
    const log = new LostAnswerLog();
    const audit = new AuditService(log, systemClock, uuidIds);
    const event = await audit.record(caller, { action: 'bmc.power.set', target: 'bmc:b1', parameters: { action: 'on' }, outcome: 'succeeded' });
    expect(log.events.map((e) => [e.seq, e.outcome, e.id])).toEqual([[1, 'succeeded', event.id]]);
    await audit.record(caller, { action: 'bmc.power.set', target: 'bmc:b1', outcome: 'started' });
    expect(log.events.map((e) => e.seq)).toEqual([1, 2]);
  });
});
