/**
 * The audit trail: one append-only event per mutation, denied attempt and credential use,
 * written before the caller gets an answer. When the write fails the caller gets INTERNAL
 * and the action does not go ahead (or, for data changes, is rolled back by the caller).
 */
import type { AuditChainHead, AuditFilter, AuditLog, Clock, IdGenerator } from '../ports.ts';
import { AuditSlotTakenError } from '../ports.ts';
import type { AuditEvent, AuditOutcome, Caller, JsonValue, Page, PageRequest } from '../types.ts';
import { AUDIT_OUTCOMES } from '../types.ts';
import { GENESIS_HASH, hashAuditEvent, verifyAuditChain, type ChainVerification } from '../audit-chain.ts';
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

/** Each lost race means another writer advanced the chain; n writers need at most n attempts. */
const APPEND_ATTEMPTS = 32;
const BACKOFF_CAP_MS = 100;
const CSV_COLUMNS = ['time', 'tenantId', 'chain', 'seq', 'id', 'actor', 'role', 'action', 'target', 'outcome', 'errorCode', 'requestId', 'source', 'parameters', 'prevHash', 'hash'] as const;

export class AuditService {
  constructor(
    private readonly log: AuditLog,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Appends one event at the head of its chain; concurrent writers retry on the next slot. */
  async record(caller: Caller, record: AuditRecord): Promise<AuditEvent> {
    const { principal } = caller;
    const chain = chainOf(record.target);
    const parameters = redactSecrets((record.parameters ?? {}) as JsonValue) as { [key: string]: JsonValue };
    try {
      for (let attempt = 1; ; attempt++) {
        const head: AuditChainHead | undefined = await this.log.head(principal.tenantId, chain);
        const unhashed = {
          tenantId: principal.tenantId,
          id: this.ids.next(),
          chain,
          seq: (head?.seq ?? 0) + 1,
          time: this.timeAfter(head),
          actor: principal.actor,
          role: principal.role,
          action: record.action,
          target: record.target,
          parameters,
          outcome: record.outcome,
          errorCode: record.errorCode ?? null,
          requestId: caller.requestId,
          source: caller.source,
          prevHash: head?.hash ?? GENESIS_HASH,
        };
        const event: AuditEvent = { ...unhashed, hash: hashAuditEvent(unhashed) };
        try {
          await this.log.append(event);
          return event;
        } catch (e) {
          if (!(e instanceof AuditSlotTakenError) || attempt >= APPEND_ATTEMPTS) throw e;
          // The slot may be taken by this very event: a put that succeeded but whose answer was
          // lost is retried by the SDK and then refused. Writing it again would record it twice.
          if ((await this.log.head(principal.tenantId, chain))?.hash === event.hash) return event;
          // Full jitter, so that writers who collided do not collide again in lockstep.
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(BACKOFF_CAP_MS, 2 ** attempt)));
        }
      }
    } catch (e) {
      throw internal('audit log unavailable; the request was refused', e);
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

  /** Verifies one chain, or all chains of the caller's tenant. */
  async verify(caller: Caller, chain?: string): Promise<ChainVerification[]> {
    await this.authorize(caller, 'audit:read', { action: 'audit.verify', target: 'audit' });
    const tenantId = caller.principal.tenantId;
    const chains = chain === undefined ? await this.log.listChains(tenantId) : [nonEmpty('chain', chain)];
    const results: ChainVerification[] = [];
    for (const c of chains) results.push(await this.verifyOne(tenantId, c));
    return results;
  }

  private async verifyOne(tenantId: string, chain: string): Promise<ChainVerification> {
    let position = { seq: 0, hash: GENESIS_HASH };
    let cursor: string | null = null;
    let events = 0;
    const problems: ChainVerification['problems'][number][] = [];
    do {
      const page: Page<AuditEvent> = await this.log.readChain(tenantId, chain, { limit: 500, cursor });
      const part = verifyAuditChain(tenantId, chain, page.items, position);
      events += part.events;
      problems.push(...part.problems);
      position = { seq: part.lastSeq, hash: part.lastHash };
      cursor = page.nextCursor;
    } while (cursor);
    return { chain, ok: problems.length === 0, events, problems, lastHash: position.hash, lastSeq: position.seq };
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
