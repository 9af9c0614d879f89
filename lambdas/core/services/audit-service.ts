/**
 * The audit trail: one append-only event per mutation, denied attempt and credential use,
 * written before the caller gets an answer. When the write fails the caller gets INTERNAL
 * and the action does not go ahead (or, for data changes, is rolled back by the caller).
 * With an AuditAnchor, chain heads are signed as checkpoints (audit-anchor.ts), verification
 * checks them and exports carry them in a bundle that verifies offline (audit-bundle.ts).
 */
import type { AuditChainHead, AuditFilter, AuditLog, Clock, IdGenerator } from '../ports.ts';
import { AppendAllUnsupportedError, AuditSlotTakenError } from '../ports.ts';
import type { AuditEvent, AuditOutcome, Caller, JsonValue, Page, PageRequest } from '../types.ts';
import { AUDIT_OUTCOMES } from '../types.ts';
import { GENESIS_HASH, hashAuditEvent, verifyAuditChain, type ChainVerification } from '../audit-chain.ts';
import { AnchorCheck } from '../audit-anchor-check.ts';
import { BUNDLE_FORMAT, BUNDLE_VERSION, segmentRanges, type AuditBundle, type BundleChain, type BundleSegment } from '../audit-bundle.ts';
import { AuditAnchor, checkpointDue, type AuditPublicKey } from './audit-anchor.ts';
import { ChainGate } from './chain-gate.ts';
import { denialFor, type Permission } from '../authorization.ts';
import { DomainError, internal } from '../errors.ts';
import { redactSecrets } from '../redact.ts';
import { isoTime, nonEmpty, normalisePage, oneOf } from '../validation.ts';

/** Chain of tenant-wide events (API keys, tenant settings); BMC events chain per BMC. */
export const TENANT_CHAIN = 'tenant';

/** `bmc:<id>` targets chain per BMC (docs/architecture.md section 3), everything else per tenant. */
export function chainOf(target: string): string {
  return target.startsWith('bmc:') ? target : TENANT_CHAIN;
}

export interface AuditRecord {
  readonly action: string;
  readonly target: string;
  readonly parameters?: { readonly [key: string]: JsonValue };
  readonly outcome: AuditOutcome;
  readonly errorCode?: string | null;
}

/** Describes an operation for the denied event, should authorization fail. */
export type AuditSubject = Omit<AuditRecord, 'outcome' | 'errorCode'>;

export type ExportFormat = 'jsonl' | 'csv';

/**
 * How long one event may take to reach its chain (waiting for this process's turn on the chain,
 * then racing other processes for the next seq), well within the API functions' 28 s.
 */
export const APPEND_BUDGET_MS = 20_000;
const BACKOFF_CAP_MS = 100;
const MAX_REMEMBERED_HEADS = 10_000;
const CONTENDED_MS = 1_000;
/** Refusals written in one all-or-nothing append (DynamoDB allows 100 items per transaction). */
const MAX_REFUSAL_BATCH = 25;

interface QueuedRefusal {
  readonly caller: Caller;
  readonly record: AuditRecord;
  readonly parameters: { [key: string]: JsonValue };
  readonly deadline: number;
  readonly resolve: (event: AuditEvent) => void;
  readonly reject: (error: unknown) => void;
}

/** Verification with the chain's checkpoints (zero and 0 when no key is configured). */
export interface AnchoredChainVerification extends ChainVerification {
  /** Validly signed checkpoints of the chain. */
  readonly checkpoints: number;
  /** Highest seq a checkpoint covers: events after it are not anchored yet. */
  readonly anchoredSeq: number;
}
const CSV_COLUMNS = ['time', 'tenantId', 'chain', 'seq', 'id', 'actor', 'role', 'action', 'target', 'outcome', 'errorCode', 'requestId', 'source', 'parameters', 'prevHash', 'hash'] as const;

export class AuditService {
  constructor(
    private readonly log: AuditLog,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly anchor?: AuditAnchor,
    /** Called when a due checkpoint could not be written (the event itself was). */
    private readonly onCheckpointError: (error: unknown) => void = () => undefined,
  ) {}

  private readonly gate = new ChainGate();
  /**
   * The head this process last wrote per chain: while no other process writes the chain, the
   * next writer here (after its turn at the gate) puts without reading the head first. Once
   * another process is seen writing, the hint is not used for CONTENDED_MS, so that every
   * process reads the head before it puts and none wins every race by skipping that read.
   */
  private readonly heads = new Map<string, AuditChainHead>();
  private readonly contendedUntil = new Map<string, number>();

  /**
   * Appends one event at the head of its chain. Writers in this process take turns per chain,
   * refusals after everything else; a writer that loses the race to another process re-reads the
   * head and retries with jittered backoff until APPEND_BUDGET_MS has passed.
   */
  async record(caller: Caller, record: AuditRecord): Promise<AuditEvent> {
    const { principal } = caller;
    const chain = chainOf(record.target);
    const parameters = redactSecrets((record.parameters ?? {}) as JsonValue) as { [key: string]: JsonValue };
    const deadline = Date.now() + APPEND_BUDGET_MS;
    const key = `${principal.tenantId}\u0000${chain}`;
    let event: AuditEvent;
    if (record.outcome === 'denied' && this.log.appendAll && this.batchRefusals) {
      event = await new Promise<AuditEvent>((resolve, reject) => this.queueRefusal(key, chain, { caller, record, parameters, deadline, resolve, reject }));
    } else {
      let release: (() => void) | undefined;
      try {
        release = await this.gate.acquire(key, record.outcome === 'denied' ? 'last' : 'first', deadline, () => new Error(`audit chain ${chain}: no turn within ${APPEND_BUDGET_MS} ms`));
        [event] = (await this.appendWithin([{ caller, record, parameters }], chain, deadline, key)) as [AuditEvent];
      } catch (e) {
        throw internal('audit log unavailable; the request was refused', e);
      } finally {
        release?.();
      }
    }
    if (this.anchor && checkpointDue(event)) {
      await this.anchor.checkpoint(event.tenantId, event.chain, event).catch(this.onCheckpointError);
    }
    return event;
  }

  /** False once the store said it cannot append several events at once (the embedded store). */
  private batchRefusals = true;
  private readonly refusalQueues = new Map<string, QueuedRefusal[]>();

  /**
   * Refusals queue per chain; whoever drains the queue takes its turn at the gate (after every
   * action's events) and writes up to MAX_REFUSAL_BATCH queued refusals in one all-or-nothing
   * append. A burst of refusals thus costs a few round trips per process instead of one each,
   * so it neither runs out of budget racing other processes nor delays their actions.
   */
  private queueRefusal(key: string, chain: string, refusal: QueuedRefusal): void {
    const queue = this.refusalQueues.get(key);
    if (queue) {
      queue.push(refusal);
      return;
    }
    const fresh = [refusal];
    this.refusalQueues.set(key, fresh);
    void this.drainRefusals(key, chain, fresh);
  }

  private async drainRefusals(key: string, chain: string, queue: QueuedRefusal[]): Promise<void> {
    while (queue.length > 0) {
      const deadline = queue[0]!.deadline;
      let release: (() => void) | undefined;
      let batch: QueuedRefusal[] = [];
      try {
        release = await this.gate.acquire(key, 'last', deadline, () => new Error(`audit chain ${chain}: no turn within ${APPEND_BUDGET_MS} ms`));
        batch = queue.splice(0, this.batchRefusals ? MAX_REFUSAL_BATCH : 1);
        const events = await this.appendWithin(batch, chain, Math.min(...batch.map((r) => r.deadline)), key);
        batch.forEach((r, i) => r.resolve(events[i]!));
      } catch (e) {
        if (e instanceof AppendAllUnsupportedError) {
          // Written one by one from now on; this batch goes back to the front of the queue.
          this.batchRefusals = false;
          queue.unshift(...batch);
        } else {
          // The gate timed out (nothing taken from the queue: fail the refusals whose budget is
          // spent) or the append failed (fail the batch).
          const failed = batch.length > 0 ? batch : queue.filter((r) => r.deadline <= Date.now());
          for (const r of failed) r.reject(internal('audit log unavailable; the request was refused', e));
          if (batch.length === 0) queue.splice(0, queue.length, ...queue.filter((r) => r.deadline > Date.now()));
        }
      } finally {
        release?.();
      }
    }
    this.refusalQueues.delete(key);
  }

  /** Appends `records` as consecutive events at the head of `chain`, one round trip for all of them. */
  private async appendWithin(records: readonly Omit<QueuedRefusal, 'deadline' | 'resolve' | 'reject'>[], chain: string, deadline: number, key: string): Promise<AuditEvent[]> {
    const tenantId = records[0]!.caller.principal.tenantId;
    for (let attempt = 1; ; attempt++) {
      const hint = (this.contendedUntil.get(key) ?? 0) > Date.now() ? undefined : this.heads.get(key);
      const head: AuditChainHead | undefined = hint ?? (await this.log.head(tenantId, chain));
      const events: AuditEvent[] = [];
      let prev = head;
      for (const { caller, record, parameters } of records) {
        const unhashed = {
          tenantId,
          id: this.ids.next(),
          chain,
          seq: (prev?.seq ?? 0) + 1,
          time: this.timeAfter(prev),
          actor: caller.principal.actor,
          role: caller.principal.role,
          action: record.action,
          target: record.target,
          parameters,
          outcome: record.outcome,
          errorCode: record.errorCode ?? null,
          requestId: caller.requestId,
          source: caller.source,
          prevHash: prev?.hash ?? GENESIS_HASH,
        };
        const event: AuditEvent = { ...unhashed, hash: hashAuditEvent(unhashed) };
        events.push(event);
        prev = event;
      }
      const last = events[events.length - 1]!;
      try {
        if (events.length === 1) await this.log.append(last);
        else await this.log.appendAll!(events);
        if (this.heads.size >= MAX_REMEMBERED_HEADS) this.heads.clear();
        this.heads.set(key, last);
        return events;
      } catch (e) {
        this.heads.delete(key);
        // The slot may be taken by these very events: a write that succeeded but whose answer was
        // lost is retried by the SDK and then refused. Writing them again would record them twice.
        if (e instanceof AuditSlotTakenError && (await this.log.head(tenantId, chain))?.hash === last.hash) {
          this.heads.set(key, last);
          return events;
        }
        if (this.contendedUntil.size >= MAX_REMEMBERED_HEADS) this.contendedUntil.clear();
        this.contendedUntil.set(key, Date.now() + CONTENDED_MS);
        const wait = Math.random() * Math.min(BACKOFF_CAP_MS, 2 ** attempt);
        if (!(e instanceof AuditSlotTakenError) || Date.now() + wait >= deadline) throw e;
        // Full jitter, so that writers who collided do not collide again in lockstep.
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /**
   * Now, or the time of the chain's last event when this writer's clock is behind it (another
   * Lambda's clock may run a few ms ahead): time never runs backwards within a chain, so the
   * chain's seq order is also its time order (audit-order.ts).
   */
  private timeAfter(head: AuditChainHead | undefined): string {
    const now = this.clock.now().toISOString();
    return head !== undefined && head.time > now ? head.time : now;
  }

  /**
   * Checks a permission for the caller's own tenant. A refusal is itself recorded (as
   * `denied`) before the FORBIDDEN error is thrown.
   */
  async authorize(caller: Caller, permission: Permission, subject: AuditSubject): Promise<void> {
    const denial = denialFor(caller.principal, permission);
    if (denial) throw await this.deny(caller, subject, denial);
  }

  /**
   * Records a refused attempt (`denied`, with the error's code) in the caller's own tenant and
   * returns the error for the caller to throw. Used for role refusals and for objects that are
   * not in the caller's tenant: those are refused as NOT_FOUND whether the id belongs to another
   * tenant or to nobody, and the event is built from the caller's request alone, so the two
   * cases leave identical records and the other tenant's log is never touched.
   */
  async deny(caller: Caller, subject: AuditSubject, error: DomainError): Promise<DomainError> {
    await this.record(caller, { ...subject, outcome: 'denied', errorCode: error.code });
    return error;
  }

  async query(caller: Caller, filter: AuditFilter, page: PageRequest = {}): Promise<Page<AuditEvent>> {
    await this.authorize(caller, 'audit:read', { action: 'audit.query', target: 'audit' });
    return this.log.query(caller.principal.tenantId, validateFilter(filter), normalisePage(page));
  }

  /** Verifies one chain, or all chains of the caller's tenant, with their checkpoints when a key is configured. */
  async verify(caller: Caller, chain?: string): Promise<AnchoredChainVerification[]> {
    await this.authorize(caller, 'audit:read', { action: 'audit.verify', target: 'audit' });
    const tenantId = caller.principal.tenantId;
    const chains = chain === undefined ? await this.log.listChains(tenantId) : [nonEmpty('chain', chain)];
    const key = this.anchor ? (await this.anchor.publicKey()).pem : undefined;
    const results: AnchoredChainVerification[] = [];
    for (const c of chains) results.push(await this.verifyOne(tenantId, c, key));
    return results;
  }

  private async verifyOne(tenantId: string, chain: string, publicKeyPem: string | undefined): Promise<AnchoredChainVerification> {
    const anchors = this.anchor && publicKeyPem ? new AnchorCheck(tenantId, chain, await this.anchor.checkpoints(tenantId, chain), publicKeyPem) : undefined;
    let position = { seq: 0, hash: GENESIS_HASH };
    let cursor: string | null = null;
    let events = 0;
    const problems: ChainVerification['problems'][number][] = [];
    do {
      const page: Page<AuditEvent> = await this.log.readChain(tenantId, chain, { limit: 500, cursor });
      const part = verifyAuditChain(tenantId, chain, page.items, position);
      for (const e of page.items) anchors?.event(e);
      events += part.events;
      problems.push(...part.problems);
      position = { seq: part.lastSeq, hash: part.lastHash };
      cursor = page.nextCursor;
    } while (cursor);
    anchors?.end(position.seq);
    problems.push(...(anchors?.problems ?? []));
    const anchored = { checkpoints: anchors?.checkpoints ?? 0, anchoredSeq: anchors?.anchoredSeq ?? 0 };
    return { chain, ok: problems.length === 0, events, problems, lastHash: position.hash, lastSeq: position.seq, ...anchored };
  }

  /** The key that checks checkpoints and bundles (auditor, admin). */
  async publicKey(caller: Caller): Promise<AuditPublicKey> {
    await this.authorize(caller, 'audit:read', { action: 'audit.publicKey', target: 'audit' });
    return this.requireAnchor().publicKey();
  }

  /**
   * The matching events as a bundle that verifies offline (audit-bundle.ts): each chain they
   * are in is first checkpointed at its head, so the newest events are anchored too. Recorded,
   * like every export.
   */
  async exportBundle(caller: Caller, filter: AuditFilter, maxEvents = 5_000): Promise<AuditBundle> {
    await this.authorize(caller, 'audit:read', { action: 'audit.export', target: 'audit', parameters: { format: 'bundle' } });
    const anchor = this.requireAnchor();
    const tenantId = caller.principal.tenantId;
    const valid = validateFilter(filter);
    const { keyId, algorithm } = await anchor.publicKey();
    await this.record(caller, { action: 'audit.export', target: 'audit', parameters: { format: 'bundle', filter: valid as { [k: string]: JsonValue } }, outcome: 'succeeded' });
    const exportedAt = this.clock.now().toISOString();
    const { byChain, matched, complete } = await this.matching(tenantId, valid, maxEvents);
    const chains: BundleChain[] = [];
    for (const [chain, seqs] of [...byChain].sort(([a], [b]) => (a < b ? -1 : 1))) chains.push(await this.bundleChain(anchor, tenantId, chain, seqs));
    return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, tenantId, exportedAt, filter: valid as { [k: string]: JsonValue }, keyId, algorithm, matched, complete, chains };
  }

  private requireAnchor(): AuditAnchor {
    if (!this.anchor) throw internal('audit signing is not configured');
    return this.anchor;
  }

  private async matching(tenantId: string, filter: AuditFilter, maxEvents: number) {
    const byChain = new Map<string, number[]>();
    const matched: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AuditEvent> = await this.log.query(tenantId, filter, { limit: 500, cursor });
      for (const e of page.items) {
        if (matched.length >= maxEvents) return { byChain, matched, complete: false };
        matched.push(e.id);
        byChain.set(e.chain, [...(byChain.get(e.chain) ?? []), e.seq]);
      }
      cursor = page.nextCursor;
    } while (cursor);
    return { byChain, matched, complete: true };
  }

  private async bundleChain(anchor: AuditAnchor, tenantId: string, chain: string, seqs: readonly number[]): Promise<BundleChain> {
    const head = await this.log.head(tenantId, chain);
    if (!head) throw internal(`audit chain ${chain} has events but no head`);
    await anchor.checkpoint(tenantId, chain, head);
    const all = await anchor.checkpoints(tenantId, chain);
    const ranges = segmentRanges(seqs, [...all.map((c) => c.seq), head.seq]);
    const segments: BundleSegment[] = [];
    for (const { after, end } of ranges) {
      const start = all.find((c) => c.seq === after);
      const events = await this.readRange(tenantId, chain, after, end);
      segments.push({ after: { seq: after, hash: after === 0 ? GENESIS_HASH : (start?.hash ?? '') }, events });
    }
    const latest = all.at(-1);
    const checkpoints = all.filter((c) => c === latest || ranges.some((r) => c.seq >= r.after && c.seq <= r.end));
    return { chain, head: { seq: head.seq, hash: head.hash }, checkpoints, segments };
  }

  private async readRange(tenantId: string, chain: string, after: number, end: number): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<AuditEvent> = await this.log.readChain(tenantId, chain, { limit: 500, cursor }, after);
      for (const e of page.items) {
        if (e.seq > end) return events;
        events.push(e);
      }
      cursor = page.nextCursor;
    } while (cursor);
    return events;
  }

  /**
   * Streams matching events as JSON lines or CSV (header first). The export itself is
   * recorded, since it takes audit data out of the system.
   */
  async *export(caller: Caller, filter: AuditFilter, format: ExportFormat, maxEvents = 100_000): AsyncGenerator<string> {
    oneOf('format', format, ['jsonl', 'csv'] as const);
    await this.authorize(caller, 'audit:read', { action: 'audit.export', target: 'audit', parameters: { format } });
    const tenantId = caller.principal.tenantId;
    const valid = validateFilter(filter);
    await this.record(caller, { action: 'audit.export', target: 'audit', parameters: { format, filter: valid as { [k: string]: JsonValue } }, outcome: 'succeeded' });
    if (format === 'csv') yield CSV_COLUMNS.join(',') + '\r\n';
    let cursor: string | null = null;
    let sent = 0;
    do {
      const page: Page<AuditEvent> = await this.log.query(tenantId, valid, { limit: 500, cursor });
      for (const e of page.items) {
        if (sent++ >= maxEvents) return;
        yield format === 'csv' ? csvLine(e) : JSON.stringify(e) + '\n';
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
}

function validateFilter(filter: AuditFilter): AuditFilter {
  const out: { -readonly [K in keyof AuditFilter]: AuditFilter[K] } = {};
  if (filter.from !== undefined) out.from = isoTime('from', filter.from);
  if (filter.to !== undefined) out.to = isoTime('to', filter.to);
  if (out.from && out.to && out.from >= out.to) throw new DomainError('BAD_USER_INPUT', 'from: must be before to', { field: 'from' });
  if (filter.actor !== undefined) out.actor = nonEmpty('actor', filter.actor);
  if (filter.target !== undefined) out.target = nonEmpty('target', filter.target);
  if (filter.action !== undefined) out.action = nonEmpty('action', filter.action);
  if (filter.outcome !== undefined) out.outcome = oneOf('outcome', filter.outcome, AUDIT_OUTCOMES);
  return out;
}

/** RFC 4180 quoting; cells that a spreadsheet would run as a formula get a leading quote. */
function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(e: AuditEvent): string {
  const row = CSV_COLUMNS.map((c) => (c === 'parameters' ? JSON.stringify(e.parameters) : e[c]));
  return row.map(csvCell).join(',') + '\r\n';
}
