/**
 * The verifiable export bundle (docs/audit.md, "Export bundle"): for each chain holding an event
 * the filter matched, segments of that chain that start at the genesis or a signed checkpoint
 * and end at a signed checkpoint, the checkpoints themselves and the chain's head. Every event
 * in a segment is then pinned between two signed hashes, so a filtered bundle verifies on its
 * own; the events between a match and its checkpoints come along as context.
 *
 * `verifyBundle` is what `bmc-audit verify` runs: the same chain and anchor checks as the API's
 * verification (audit-chain.ts, audit-anchor-check.ts), plus the bundle's own structure.
 */
import { AnchorCheck } from './audit-anchor-check.ts';
import { GENESIS_HASH, verifyAuditChain, type ChainProblem } from './audit-chain.ts';
import type { AuditCheckpoint } from './audit-checkpoint.ts';
import type { AuditEvent, JsonValue } from './types.ts';

export const BUNDLE_FORMAT = 'bmc-audit-bundle';
export const BUNDLE_VERSION = 1;

export interface ChainPosition {
  readonly seq: number;
  readonly hash: string;
}

export interface BundleSegment {
  /** Where the segment starts: seq 0 and the genesis hash, or a checkpoint's seq and hash. */
  readonly after: ChainPosition;
  /** Consecutive events from after.seq + 1. */
  readonly events: readonly AuditEvent[];
}

export interface BundleChain {
  readonly chain: string;
  /** The chain's last event when exported. */
  readonly head: ChainPosition;
  readonly checkpoints: readonly AuditCheckpoint[];
  readonly segments: readonly BundleSegment[];
}

export interface AuditBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  readonly tenantId: string;
  readonly exportedAt: string;
  readonly filter: { readonly [key: string]: JsonValue };
  readonly keyId: string;
  readonly algorithm: string;
  /** Ids of the events the filter matched (the segments may hold more, as context). */
  readonly matched: readonly string[];
  /** False when the export stopped at its event limit: narrow the filter for the rest. */
  readonly complete: boolean;
  readonly chains: readonly BundleChain[];
}

/**
 * Seq ranges (after, end] to export around `seqs`: from the last checkpoint before each seq to
 * the first at or after it, merged where they touch. `checkpointSeqs` must include the head.
 */
export function segmentRanges(seqs: readonly number[], checkpointSeqs: readonly number[]): { after: number; end: number }[] {
  const cps = [...new Set(checkpointSeqs)].sort((a, b) => a - b);
  const ranges: { after: number; end: number }[] = [];
  for (const seq of [...new Set(seqs)].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && seq <= last.end) continue;
    const after = cps.filter((c) => c < seq).at(-1) ?? 0;
    const end = cps.find((c) => c >= seq) ?? seq;
    if (last && after <= last.end) last.end = end;
    else ranges.push({ after, end });
  }
  return ranges;
}

export type BundleProblem =
  | ChainProblem
  /** A segment does not start at the genesis or end at a checkpoint validly signed for it. */
  | { readonly kind: 'unanchored-segment'; readonly seq: number }
  /** The chain's stated head is not where its last segment ends, or lies before it. */
  | { readonly kind: 'head-mismatch'; readonly seq: number }
  /** A matched event id is in no segment. */
  | { readonly kind: 'missing-event'; readonly id: string };

export interface BundleChainResult {
  readonly chain: string;
  readonly ok: boolean;
  readonly events: number;
  readonly checkpoints: number;
  readonly problems: readonly BundleProblem[];
}

export interface BundleResult {
  readonly ok: boolean;
  readonly chains: readonly BundleChainResult[];
  readonly problems: readonly string[];
}

/** Checks a bundle with the public key alone. Malformed input is a problem, never a throw. */
export function verifyBundle(input: unknown, publicKeyPem: string): BundleResult {
  const shape = bundleShapeProblem(input);
  if (shape) return { ok: false, chains: [], problems: [shape] };
  const bundle = input as AuditBundle;
  const chains = bundle.chains.map((c) => verifyBundleChain(bundle.tenantId, c, publicKeyPem));
  const seen = new Set(bundle.chains.flatMap((c) => c.segments.flatMap((s) => s.events.map((e) => e.id))));
  const problems = chains.flatMap((c) => c.problems.map((p) => describeProblem(c.chain, p)));
  for (const id of bundle.matched) if (!seen.has(id)) problems.push(describeProblem('-', { kind: 'missing-event', id }));
  return { ok: problems.length === 0, chains, problems };
}

function verifyBundleChain(tenantId: string, c: BundleChain, publicKeyPem: string): BundleChainResult {
  const anchors = new AnchorCheck(tenantId, c.chain, c.checkpoints, publicKeyPem);
  const problems: BundleProblem[] = [];
  let events = 0;
  let reached = 0;
  for (const segment of c.segments) {
    const { after } = segment;
    const anchoredStart = after.seq === 0 ? after.hash === GENESIS_HASH : anchors.signedHash(after.seq) === after.hash;
    if (!anchoredStart || after.seq < reached) problems.push({ kind: 'unanchored-segment', seq: after.seq });
    const result = verifyAuditChain(tenantId, c.chain, segment.events, after);
    problems.push(...result.problems);
    for (const e of segment.events) anchors.event(e);
    events += result.events;
    if (anchors.signedHash(result.lastSeq) !== result.lastHash) problems.push({ kind: 'unanchored-segment', seq: result.lastSeq });
    reached = Math.max(reached, result.lastSeq);
  }
  if (c.head.seq < reached) problems.push({ kind: 'head-mismatch', seq: c.head.seq });
  anchors.end(c.head.seq);
  problems.unshift(...anchors.problems.filter((p) => p.kind === 'bad-checkpoint'));
  problems.push(...anchors.problems.filter((p) => p.kind !== 'bad-checkpoint'));
  return { chain: c.chain, ok: problems.length === 0, events, checkpoints: anchors.checkpoints, problems };
}

/** One line an auditor can act on, naming the chain and position. */
export function describeProblem(chain: string, p: BundleProblem): string {
  switch (p.kind) {
    case 'hash-mismatch':
      return `chain ${chain}: event ${p.id} at seq ${p.seq} does not match its hash (altered)`;
    case 'broken-link':
      return `chain ${chain}: event ${p.id} at seq ${p.seq} does not link to the event before it (altered, replaced or reordered)`;
    case 'gap':
      return `chain ${chain}: seq ${p.expectedSeq} expected, found ${p.foundSeq} (events missing)`;
    case 'wrong-chain':
      return `chain ${chain}: event ${p.id} at seq ${p.seq} belongs to another chain or tenant`;
    case 'bad-checkpoint':
      return `chain ${chain}: checkpoint at seq ${p.seq} is not validly signed for this chain by this key`;
    case 'checkpoint-mismatch':
      return `chain ${chain}: event ${p.id} at seq ${p.seq} is not the event the checkpoint signed (rewritten)`;
    case 'truncated':
      return `chain ${chain}: ends at seq ${p.lastSeq}, but a signed checkpoint covers seq ${p.seq} (newest events deleted)`;
    case 'unanchored-segment':
      return `chain ${chain}: segment boundary at seq ${p.seq} is not a signed checkpoint`;
    case 'head-mismatch':
      return `chain ${chain}: stated head seq ${p.seq} is before the events in the bundle`;
    case 'missing-event':
      return `matched event ${p.id} is not in the bundle`;
  }
}

function bundleShapeProblem(b: unknown): string | undefined {
  if (typeof b !== 'object' || b === null) return 'not a bundle: expected a JSON object';
  const o = b as Record<string, unknown>;
  if (o['format'] !== BUNDLE_FORMAT) return `not a bundle: format is not ${BUNDLE_FORMAT}`;
  if (o['version'] !== BUNDLE_VERSION) return `unsupported bundle version ${String(o['version'])}`;
  if (typeof o['tenantId'] !== 'string' || !Array.isArray(o['chains']) || !Array.isArray(o['matched'])) return 'malformed bundle: tenantId, chains and matched are required';
  for (const c of o['chains'] as unknown[]) {
    const chain = c as Record<string, unknown> | null;
    const head = chain?.['head'] as Record<string, unknown> | undefined;
    if (typeof chain?.['chain'] !== 'string' || !Array.isArray(chain['checkpoints']) || !Array.isArray(chain['segments']) || typeof head?.['seq'] !== 'number') {
      return 'malformed bundle: each chain needs chain, head, checkpoints and segments';
    }
    for (const s of chain['segments'] as unknown[]) {
      const seg = s as Record<string, unknown> | null;
      const after = seg?.['after'] as Record<string, unknown> | undefined;
      if (typeof after?.['seq'] !== 'number' || typeof after['hash'] !== 'string' || !Array.isArray(seg?.['events'])) return `malformed bundle: chain ${String(chain['chain'])} has a segment without after or events`;
    }
  }
  return undefined;
}
