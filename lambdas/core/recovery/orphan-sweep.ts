/**
 * Recovery of orphaned `started` events: an action whose process died between its `started`
 * audit event and its outcome left an in-flight marker (ports.ts). The sweep takes markers older
 * than the longest an action can run, and for each, exactly once:
 * - claims it (a conditional write: one recoverer at a time);
 * - reads the BMC's chain back to the marker's time: no `started` event under its request id
 *   means nothing was sent (the process died before); an outcome there means the action (or an
 *   earlier sweep that died before removing the marker) already wrote it. Either way only the
 *   marker goes;
 * - otherwise re-reads the BMC's power state where that tells the outcome and writes it:
 *   `failed` when an on/off did not take effect, else `unknown` with the state read (or with the
 *   read's error code), under the original caller and request id;
 * - removes the marker, conditional on its claim.
 * A recoverer that dies after writing the outcome leaves the marker; the next sweep finds the
 * outcome in the chain and writes nothing more.
 *
 * A job task re-driven after its worker died settles its own orphan through `adopt`, with what
 * its re-read showed, so the job's and the sweep's recoveries never both write one.
 */
import type { AuditLog, Clock } from '../ports.ts';
import type { AuditEvent, AuditOutcome, JsonValue, Page } from '../types.ts';
import { toDomainError } from '../errors.ts';
import type { ActionService } from '../services/action-service.ts';
import type { AuditService } from '../services/audit-service.ts';
import type { InFlightAction, InFlightStore } from './ports.ts';

export interface OrphanSweepOptions {
  /** This recoverer's name in claims. */
  readonly owner: string;
  /**
   * A marker older than this is an orphan: longer than any action can run. Default 16 minutes:
   * no Lambda invocation outlives 15 (the API's stop at 28 s, a job task at its deadline, a SOL
   * capture at MAX_SOL_SECONDS), so a marker that old has no live writer.
   */
  readonly orphanAfterMs?: number;
  /** How long a claim holds; longer than one recovery (a power read) takes. Default 60 s. */
  readonly claimMs?: number;
  /** Deadline of the power re-read. Default 10 s. */
  readonly readTimeoutMs?: number;
  /** Markers one sweep takes. Default 100. */
  readonly batch?: number;
}

export const DEFAULT_ORPHAN_AFTER_MS = 16 * 60_000;

/** Clocks of two Lambda environments may differ a little: the chain is read back this much further. */
const SKEW_MS = 60_000;
/** Events read back in one BMC's chain before giving up on finding the orphan's (it stays for a later sweep). */
const MAX_EVENTS_BACK = 5_000;

/** Power actions whose end state shows whether they took effect. */
const PROVABLE: Readonly<Record<string, 'on' | 'off'>> = { on: 'on', off: 'off' };

export interface SweepReport {
  /** Orphans found older than the threshold. */
  readonly found: number;
  /** Outcomes written, by outcome. */
  readonly written: Partial<Record<AuditOutcome, number>>;
  /** Markers removed with nothing written (no `started` event, or its outcome already there). */
  readonly cleared: number;
  /** Markers another recoverer held, or whose recovery failed (left for the next sweep). */
  readonly skipped: number;
}

/** A claimed orphan that its job task settles itself: write the outcome, then call `done`. */
export interface AdoptedOrphan {
  readonly marker: InFlightAction;
  done(): Promise<void>;
}

type Verdict = { readonly outcome: AuditOutcome; readonly errorCode: string | null; readonly parameters: { readonly [key: string]: JsonValue } };

export class OrphanSweep {
  private readonly orphanAfterMs: number;
  private readonly claimMs: number;
  private readonly readTimeoutMs: number;
  private readonly batch: number;

  constructor(
    private readonly store: InFlightStore,
    private readonly log: AuditLog,
    private readonly audit: AuditService,
    private readonly actions: ActionService,
    private readonly clock: Clock,
    private readonly options: OrphanSweepOptions,
  ) {
    this.orphanAfterMs = options.orphanAfterMs ?? DEFAULT_ORPHAN_AFTER_MS;
    this.claimMs = options.claimMs ?? 60_000;
    this.readTimeoutMs = options.readTimeoutMs ?? 10_000;
    this.batch = options.batch ?? 100;
  }

  async run(): Promise<SweepReport> {
    const before = new Date(this.clock.now().getTime() - this.orphanAfterMs).toISOString();
    const orphans = await this.store.startedBefore(before, this.batch);
    const written: Partial<Record<AuditOutcome, number>> = {};
    let cleared = 0;
    let skipped = 0;
    for (const marker of orphans) {
      const result = await this.recover(marker).catch(() => 'skipped' as const);
      if (result === 'skipped') skipped++;
      else if (result === 'cleared') cleared++;
      else written[result] = (written[result] ?? 0) + 1;
    }
    return { found: orphans.length, written, cleared, skipped };
  }

  /**
   * Claims the orphan of a re-driven job task (its request id on its BMC), if a marker is left
   * and no sweep holds it. Undefined: nothing for the task to write (no `started` was left
   * without an outcome, or the sweep is writing it).
   */
  async adopt(tenantId: string, bmcId: string, requestId: string): Promise<AdoptedOrphan | undefined> {
    for (const marker of await this.store.ofRequest(tenantId, bmcId, requestId)) {
      if (!(await this.claim(marker))) continue;
      const state = await this.chainState(marker);
      if (state === 'unsure') continue;
      if (state !== 'open') {
        await this.store.settle(marker, this.options.owner);
        continue;
      }
      return { marker, done: async () => void (await this.store.settle(marker, this.options.owner)) };
    }
    return undefined;
  }

  private claim(marker: InFlightAction): Promise<boolean> {
    const now = this.clock.now().getTime();
    return this.store.claim(marker, this.options.owner, now + this.claimMs, now);
  }

  private async recover(marker: InFlightAction): Promise<AuditOutcome | 'cleared' | 'skipped'> {
    if (!(await this.claim(marker))) return 'skipped';
    const state = await this.chainState(marker);
    if (state === 'unsure') return 'skipped';
    if (state !== 'open') {
      await this.store.settle(marker, this.options.owner);
      return 'cleared';
    }
    const verdict = await this.verdict(marker);
    await this.audit.record(marker.caller, {
      action: marker.action,
      target: `bmc:${marker.bmcId}`,
      parameters: { ...marker.parameters, ...verdict.parameters, recovered: true },
      outcome: verdict.outcome,
      errorCode: verdict.errorCode,
    });
    await this.store.settle(marker, this.options.owner);
    return verdict.outcome;
  }

  /**
   * Whether the marker's `started` event is still without an outcome ('open'), never written
   * ('unsent'), already has one ('closed'), or could not be found in a reasonable read ('unsure').
   */
  private async chainState(marker: InFlightAction): Promise<'open' | 'unsent' | 'closed' | 'unsure'> {
    const since = new Date(Date.parse(marker.startedAt) - SKEW_MS).toISOString();
    let started = 0;
    let outcomes = 0;
    let read = 0;
    let cursor: string | null = null;
    do {
      // Newest first: the events since the marker come before everything older.
      const page: Page<AuditEvent> = await this.log.query(marker.tenantId, { target: `bmc:${marker.bmcId}` }, { limit: 100, cursor });
      for (const e of page.items) {
        if (e.time < since) return verdictOf(started, outcomes);
        if (e.requestId !== marker.caller.requestId || e.action !== marker.action) continue;
        if (e.outcome === 'started') started++;
        else outcomes++;
      }
      read += page.items.length;
      cursor = page.nextCursor;
    } while (cursor && read < MAX_EVENTS_BACK);
    return cursor ? 'unsure' : verdictOf(started, outcomes);
  }

  /** What the BMC shows now: the outcome the orphan gets. */
  private async verdict(marker: InFlightAction): Promise<Verdict> {
    const requested = marker.parameters['action'];
    if (marker.action !== 'bmc.power.set' || typeof requested !== 'string') {
      // Boot device, identify, SEL clear, SOL: nothing on the BMC tells whether it happened.
      return { outcome: 'unknown', errorCode: null, parameters: {} };
    }
    let power: string;
    try {
      const caller = { ...marker.caller, requestId: `${marker.caller.requestId}:recover` };
      power = (await this.actions.readPower(caller, marker.bmcId, { maxAge: 0, signal: AbortSignal.timeout(this.readTimeoutMs) })).value;
    } catch (e) {
      return { outcome: 'unknown', errorCode: toDomainError(e).code, parameters: {} };
    }
    const expected = PROVABLE[requested];
    if (expected !== undefined && power !== expected) return { outcome: 'failed', errorCode: 'BMC_COMMAND_FAILED', parameters: { power } };
    // Matching the end state does not prove this command did it (it may have been so before).
    return { outcome: 'unknown', errorCode: null, parameters: { power } };
  }
}

function verdictOf(started: number, outcomes: number): 'open' | 'unsent' | 'closed' {
  if (started === 0) return 'unsent';
  return outcomes >= started ? 'closed' : 'open';
}
