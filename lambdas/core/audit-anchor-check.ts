/**
 * Checks one chain's events against its signed checkpoints. The API's verification and the
 * offline verifier (bmc-audit verify) both run this, so they cannot disagree about what a
 * checkpoint proves:
 *
 * - a checkpoint that is not validly signed by the key, or names another tenant or chain, is a
 *   `bad-checkpoint` and proves nothing;
 * - the event at a checkpoint's seq must have the signed hash (`checkpoint-mismatch`): an
 *   event rewritten and the chain rehashed after it changes that hash;
 * - the chain must reach every checkpoint (`truncated`): newest events deleted leave a signed
 *   seq beyond the end.
 */
import type { ChainProblem } from './audit-chain.ts';
import { checkpointSignatureValid, keyIdOf, type AuditCheckpoint } from './audit-checkpoint.ts';
import type { AuditEvent } from './types.ts';

export class AnchorCheck {
  readonly problems: ChainProblem[] = [];
  private readonly bySeq = new Map<number, AuditCheckpoint>();
  private highestMatched = 0;

  constructor(tenantId: string, chain: string, checkpoints: Iterable<AuditCheckpoint>, publicKeyPem: string) {
    const keyId = keyIdOf(publicKeyPem);
    for (const cp of checkpoints) {
      const valid = cp.tenantId === tenantId && cp.chain === chain && Number.isSafeInteger(cp.seq) && checkpointSignatureValid(cp, publicKeyPem, keyId);
      if (!valid) this.problems.push({ kind: 'bad-checkpoint', seq: Number(cp.seq) });
      // Two valid checkpoints of one seq with different hashes cannot both match: keep the first,
      // the event then mismatches one of them whichever it is.
      else if (!this.bySeq.has(cp.seq)) this.bySeq.set(cp.seq, cp);
      else if (this.bySeq.get(cp.seq)?.hash !== cp.hash) this.problems.push({ kind: 'bad-checkpoint', seq: cp.seq });
    }
  }

  /** The hash a valid checkpoint signed at `seq`, if one did. */
  signedHash(seq: number): string | undefined {
    return this.bySeq.get(seq)?.hash;
  }

  /** Valid checkpoints held. */
  get checkpoints(): number {
    return this.bySeq.size;
  }

  /** Highest seq whose event matched its checkpoint: events after it are not yet anchored. */
  get anchoredSeq(): number {
    return this.highestMatched;
  }

  /** Call for each event of the chain (or of a segment of it) as it is read. */
  event(e: AuditEvent): void {
    const cp = this.bySeq.get(e.seq);
    if (!cp) return;
    if (cp.hash !== e.hash) this.problems.push({ kind: 'checkpoint-mismatch', seq: e.seq, id: e.id });
    else this.highestMatched = Math.max(this.highestMatched, e.seq);
  }

  /** The chain ends at `lastSeq`: any checkpoint beyond it means events were removed. */
  end(lastSeq: number): void {
    const beyond = [...this.bySeq.keys()].filter((seq) => seq > lastSeq);
    if (beyond.length > 0) this.problems.push({ kind: 'truncated', seq: Math.max(...beyond), lastSeq });
  }
}
