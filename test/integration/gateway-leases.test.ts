/**
 * The gateway's BMC etiquette as leases, observed from the simulated BMC's side: concurrent
 * actions in one process no longer race past the spacing, two gateways sharing the coordination
 * table (two processes' worth) keep one session cap, and a caller that cannot get its turn
 * before its deadline gets BMC_BUSY with nothing sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, createTables } from '../../lambdas/adapters/dynamodb/index.ts';
import { DynamoLeaseStore } from '../../lambdas/adapters/dynamodb/lease-store.ts';
import { IpmiGateway } from '../../lambdas/adapters/ipmi/gateway.ts';
import { BmcCredentials } from '../../lambdas/core/credentials.ts';
import type { BmcEndpoint } from '../../lambdas/core/ports.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { startDynamoDbLocal, type DynamoDbLocal } from '../support/dynamodb-local.ts';

const IDENTIFY = [0x00, 0x04] as const;
const creds = new BmcCredentials('admin', 'lease-pw-1');

describe('IPMI gateway leases (simulator, DynamoDB Local)', () => {
  let fleet: Fleet;
  let ddb: DynamoDbLocal;
  let leases: DynamoLeaseStore;
  const endpoint = (i: number): BmcEndpoint => ({ tenantId: 't1', address: fleet.bmc(i).host, port: fleet.bmc(i).port, cipherSuite: 17, privilege: 'admin' });

  beforeAll(async () => {
    [fleet, ddb] = await Promise.all([startFleet({ count: 4, password: 'lease-pw-1', seed: 12 }), startDynamoDbLocal()]);
    const { client, doc } = createDocumentClient(ddb.clientConfig);
    await createTables(client, { bmcs: 'g-bmcs', apiKeys: 'g-keys', audit: 'g-audit', tenants: 'g-tenants', access: 'g-access', coordination: 'g-coordination' });
    leases = new DynamoLeaseStore(doc, 'g-coordination');
  });
  afterAll(async () => {
    await fleet?.stop();
    await ddb?.stop();
  });

  it('three identify calls sent at once from one process reach the BMC at least the gap apart', async () => {
    const gateway = new IpmiGateway({ minActionIntervalMs: 150, timeoutMs: 500 });
    const journal = fleet.bmc(0).recordCommands();
    try {
      await Promise.all([1, 2, 3].map(() => gateway.identify(endpoint(0), creds, { seconds: 1 })));
      const at = journal.of(...IDENTIFY).map((e) => e.at);
      expect(at).toHaveLength(3);
      for (let i = 1; i < at.length; i++) expect((at[i] ?? 0) - (at[i - 1] ?? 0)).toBeGreaterThanOrEqual(150);
    } finally {
      await gateway.close();
    }
  });

  it('two gateways over one coordination table hold the session cap between them', async () => {
    const options = { leases, maxSessionsPerBmc: 2, minActionIntervalMs: 0, timeoutMs: 500 } as const;
    // One keeps idle sessions briefly, as in Lambda; the other opens one per call.
    const a = new IpmiGateway({ ...options, sessionPool: { idleMs: 100 } });
    const b = new IpmiGateway({ ...options, sessionPool: false });
    const journal = fleet.bmc(1).recordCommands();
    try {
      const reads = Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).chassisStatus(endpoint(1), creds));
      expect((await Promise.all(reads)).every((r) => r.power === 'on')).toBe(true);
      expect(journal.peakSessions).toBeGreaterThanOrEqual(1);
      expect(journal.peakSessions).toBeLessThanOrEqual(2);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    expect(fleet.bmc(1).activeSessions).toBe(0);
  });

  it('answers BMC_BUSY, having sent nothing, when the slots stay taken past the deadline', async () => {
    const holder = new IpmiGateway({ leases, maxSessionsPerBmc: 1, timeoutMs: 500, sessionPool: { idleMs: 30_000 } });
    const waiter = new IpmiGateway({ leases, maxSessionsPerBmc: 1, timeoutMs: 500, leaseWaitMs: 300 });
    try {
      await holder.powerStatus(endpoint(2), creds); // its session stays open, in the only slot
      const before = fleet.bmc(2).stats.received;
      const refused = await waiter.powerStatus(endpoint(2), creds).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused).toMatchObject({ code: 'BMC_BUSY', retryable: true, retryAfterSeconds: expect.any(Number) });
      expect(fleet.bmc(2).stats.received).toBe(before);
      await holder.closeIdleSessions(0); // the slot is given back: the waiter proceeds
      expect(await waiter.powerStatus(endpoint(2), creds)).toMatch(/^(on|off)$/);
    } finally {
      await Promise.all([holder.close(), waiter.close()]);
    }
  });

  it('a lease whose holder stops renewing (a dead process) is taken over once it expires', async () => {
    // The dead holder: a slot lease written as a gateway would, never renewed nor released.
    const bmc = `${fleet.bmc(3).host}:${fleet.bmc(3).port}`;
    expect(await leases.acquire({ pk: `bmc#${bmc}`, sk: 'slot#0' }, 'dead-process:1', { nowMs: Date.now(), untilMs: Date.now() + 600 })).toBe(true);
    const gateway = new IpmiGateway({ leases, maxSessionsPerBmc: 1, timeoutMs: 500, leaseWaitMs: 5000 });
    try {
      const started = Date.now();
      expect(await gateway.powerStatus(endpoint(3), creds)).toMatch(/^(on|off)$/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    } finally {
      await gateway.close();
    }
  });
});
