/**
 * Export bundles and their offline verification over the in-memory core (the stores are
 * tampered with in test/integration/audit-tamper.test.ts; here the bundle itself is), the
 * checkpoint policy, the chain gate's order, and bmc-audit's exit codes.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { LocalAuditSigner } from '../../lambdas/adapters/local/audit-signing-key.ts';
import { checkpointDue, verifyBundle, type AuditBundle } from '../../lambdas/core/index.ts';
import { ChainGate } from '../../lambdas/core/services/chain-gate.ts';
import { main as auditCli } from '../../lambdas/audit-cli/main.ts';
import { caller } from '../support/caller.ts';

async function history() {
  const core = createMemoryCore();
  const key = await core.signer.publicKeyPem();
  core.gateway.add('10.0.0.1', 623, 'admin', 'pw');
  core.gateway.add('10.0.0.2', 623, 'admin', 'pw');
  const a = await core.services.bmcs.register(caller('admin'), { name: 'a', address: '10.0.0.1', credentials: { username: 'admin', password: 'pw' } });
  const b = await core.services.bmcs.register(caller('admin'), { name: 'b', address: '10.0.0.2', credentials: { username: 'admin', password: 'pw' } });
  for (let i = 0; i < 20; i++) await core.services.actions.power(caller('viewer'), a.id, 'off').catch(() => undefined);
  await core.services.actions.power(caller('operator'), a.id, 'on');
  for (let i = 0; i < 3; i++) await core.services.actions.power(caller('viewer'), a.id, 'off').catch(() => undefined);
  await core.services.actions.power(caller('operator'), b.id, 'on');
  return { core, key, a, b };
}

interface LooseBundle {
  chains: { checkpoints: { signature: string; seq: number }[]; segments: { after: { seq: number; hash: string }; events: Record<string, unknown>[] }[]; head: { seq: number; hash: string } }[];
}
/** A deep copy to edit, as someone holding the file could. */
const clone = (b: AuditBundle) => JSON.parse(JSON.stringify(b)) as LooseBundle;

describe('export bundles', () => {
  it('verify whole, with a checkpoint at every action outcome and every 16th event', async () => {
    const { core, key, a } = await history();
    const bundle = await core.services.audit.exportBundle(caller('auditor'), {});
    const result = verifyBundle(bundle, key);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    const chain = bundle.chains.find((c) => c.chain === `bmc:${a.id}`)!;
    // register, 20 refusals (seq 16 checkpointed), started + succeeded, 3 refusals: head 26, signed at export.
    expect(chain.head.seq).toBe(26);
    expect(chain.checkpoints.map((c) => c.seq)).toEqual([1, 16, 23, 26]);
  });

  it('verify when filtered to a subset: segments run from a checkpoint to a checkpoint around each match', async () => {
    const { core, key, a } = await history();
    const bundle = await core.services.audit.exportBundle(caller('auditor'), { target: `bmc:${a.id}`, outcome: 'succeeded' });
    expect(verifyBundle(bundle, key).ok).toBe(true);
    const chain = bundle.chains.find((c) => c.chain === `bmc:${a.id}`)!;
    expect(bundle.matched).toHaveLength(2);
    // The power-on's succeeded (seq 23) comes with seq 17-22 as context, from checkpoint 16.
    expect(chain.segments.map((s) => [s.after.seq, s.events.at(0)?.seq, s.events.at(-1)?.seq])).toEqual([
      [0, 1, 1],
      [16, 17, 23],
    ]);
  });

  it('name what was changed in a bundle: an edited event, a removed checkpoint, a forged signature, a cut tail', async () => {
    const { core, key, a } = await history();
    const bundle = await core.services.audit.exportBundle(caller('auditor'), {});
    const idx = bundle.chains.findIndex((c) => c.chain === `bmc:${a.id}`);

    const edited = clone(bundle);
    edited.chains[idx]!.segments[0]!.events[4]!['actor'] = 'user:nobody';
    expect(verifyBundle(edited, key).problems[0]).toMatch(/seq 5 does not match its hash/);

    const unanchored = clone(bundle);
    unanchored.chains[idx]!.checkpoints = unanchored.chains[idx]!.checkpoints.filter((c) => c.seq !== 26);
    expect(verifyBundle(unanchored, key).problems.join('\n')).toMatch(/segment boundary at seq 26 is not a signed checkpoint/);

    const forged = clone(bundle);
    const cp = forged.chains[idx]!.checkpoints[1]!;
    cp.signature = forged.chains[idx]!.checkpoints[0]!.signature;
    expect(verifyBundle(forged, key).problems[0]).toMatch(/checkpoint at seq 16 is not validly signed/);

    const cut = clone(bundle);
    cut.chains[idx]!.segments[0]!.events.splice(-2);
    cut.chains[idx]!.head = { seq: 24, hash: String(cut.chains[idx]!.segments[0]!.events.at(-1)!['hash']) };
    expect(verifyBundle(cut, key).problems.join('\n')).toMatch(/ends at seq 24, but a signed checkpoint covers seq 26/);

    const otherKey = await LocalAuditSigner.generate().publicKeyPem();
    expect(verifyBundle(bundle, otherKey).ok).toBe(false);
    expect(verifyBundle({ format: 'something else' }, key).problems).toEqual(['not a bundle: format is not bmc-audit-bundle']);
  });

  it('are recorded as exports, and refused to a viewer (recorded too)', async () => {
    const { core } = await history();
    await core.services.audit.exportBundle(caller('auditor'), {});
    await expect(core.services.audit.exportBundle(caller('viewer'), {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const exports = core.auditLog.events.filter((e) => e.action === 'audit.export');
    expect(exports.map((e) => [e.role, e.outcome, e.parameters['format']])).toEqual([
      ['auditor', 'succeeded', 'bundle'],
      ['viewer', 'denied', 'bundle'],
    ]);
  });
});

describe('checkpoint policy', () => {
  it('checkpoints outcomes and every 16th event, not refusals or starts in between', () => {
    expect(checkpointDue({ outcome: 'succeeded', seq: 3 })).toBe(true);
    expect(checkpointDue({ outcome: 'failed', seq: 3 })).toBe(true);
    expect(checkpointDue({ outcome: 'unknown', seq: 3 })).toBe(true);
    expect(checkpointDue({ outcome: 'denied', seq: 3 })).toBe(false);
    expect(checkpointDue({ outcome: 'started', seq: 31 })).toBe(false);
    expect(checkpointDue({ outcome: 'denied', seq: 32 })).toBe(true);
  });
});

describe('chain gate', () => {
  it('lets one writer per chain in at a time, actions before refusals, and times a waiter out', async () => {
    const gate = new ChainGate();
    const order: string[] = [];
    const far = Date.now() + 60_000;
    const release = await gate.acquire('c', 'first', far, () => new Error('timeout'));
    const waiters = [
      gate.acquire('c', 'last', far, () => new Error('timeout')).then((r) => (order.push('refusal'), r())),
      gate.acquire('c', 'first', far, () => new Error('timeout')).then((r) => (order.push('action'), r())),
    ];
    const other = await gate.acquire('d', 'last', far, () => new Error('timeout'));
    other();
    const late = gate.acquire('c', 'first', Date.now() + 1, () => new Error('no turn'));
    await expect(late).rejects.toThrow('no turn');
    release();
    await Promise.all(waiters);
    expect(order).toEqual(['action', 'refusal']);
  });
});

describe('bmc-audit', () => {
  it('exits 2 on a usage error and 1 on an unreadable key', async () => {
    const io = { stdout: () => undefined, stderr: () => undefined, readFile: async () => 'not a key' };
    expect(await auditCli(['verify', 'bundle.json'], io)).toBe(2);
    expect(await auditCli(['frobnicate'], io)).toBe(2);
    let out = '';
    expect(await auditCli(['verify', 'bundle.json', '--public-key', 'k.pem'], { ...io, stdout: (t) => (out += t) })).toBe(1);
    expect(out).toMatch(/^FAILED: /);
  });
});

describe('the local audit signing key', () => {
  it('is created on first use with mode 0600 and reused afterwards', async () => {
    const { mkdtemp, rm, stat } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'audit-key-'));
    try {
      const path = join(dir, 'data', 'audit-signing-key.pem');
      const first = await LocalAuditSigner.fromFile(path);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      const again = await LocalAuditSigner.fromFile(path);
      expect(await again.publicKeyPem()).toBe(await first.publicKeyPem());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
