/**
 * Writes and reads signed checkpoints of the audit chains (audit-checkpoint.ts) and says when
 * one is due. The policy (docs/audit.md): a checkpoint after every event that ends something
 * (an action's or change's succeeded, failed or unknown outcome), after every CHECKPOINT_EVERY-th
 * event of a chain (so a run of refusals or starts is anchored too), and over every chain an
 * export covers, at export time.
 */
import { CHECKPOINT_ALGORITHM, checkpointPayload, keyIdOf, type AuditCheckpoint, type UnsignedCheckpoint } from '../audit-checkpoint.ts';
import type { AuditCheckpointStore, AuditSigner, Clock } from '../ports.ts';
import type { AuditEvent, Page } from '../types.ts';

/** At most this many events of a chain go without a checkpoint while writes succeed. */
export const CHECKPOINT_EVERY = 16;

export function checkpointDue(event: Pick<AuditEvent, 'outcome' | 'seq'>): boolean {
  return (event.outcome !== 'started' && event.outcome !== 'denied') || event.seq % CHECKPOINT_EVERY === 0;
}

export interface AuditPublicKey {
  readonly pem: string;
  readonly keyId: string;
  readonly algorithm: typeof CHECKPOINT_ALGORITHM;
}

export class AuditAnchor {
  private key: Promise<AuditPublicKey> | undefined;

  constructor(
    private readonly signer: AuditSigner,
    private readonly store: AuditCheckpointStore,
    private readonly clock: Clock,
  ) {}

  publicKey(): Promise<AuditPublicKey> {
    this.key ??= this.signer.publicKeyPem().then((pem) => ({ pem, keyId: keyIdOf(pem), algorithm: CHECKPOINT_ALGORITHM }));
    // A failed lookup (KMS unreachable) is not kept: the next call asks again.
    this.key.catch(() => (this.key = undefined));
    return this.key;
  }

  /** Signs and stores a checkpoint over (seq, hash); when one of that seq exists, it stays. */
  async checkpoint(tenantId: string, chain: string, head: { readonly seq: number; readonly hash: string }): Promise<AuditCheckpoint> {
    const { keyId } = await this.publicKey();
    const unsigned: UnsignedCheckpoint = { tenantId, chain, seq: head.seq, hash: head.hash, time: this.clock.now().toISOString(), keyId, algorithm: CHECKPOINT_ALGORITHM };
    const signature = Buffer.from(await this.signer.sign(checkpointPayload(unsigned))).toString('base64');
    const checkpoint: AuditCheckpoint = { ...unsigned, signature };
    await this.store.put(checkpoint);
    return checkpoint;
  }

  /** Every checkpoint of a chain, in seq order (as stored: the caller checks signatures). */
  async checkpoints(tenantId: string, chain: string): Promise<AuditCheckpoint[]> {
    const all: AuditCheckpoint[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AuditCheckpoint> = await this.store.list(tenantId, chain, { limit: 500, cursor });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }
}
