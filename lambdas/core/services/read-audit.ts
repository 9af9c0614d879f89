/**
 * What a successful BMC read leaves behind, as the tenant's read-audit setting says: nothing
 * (`none`), one access record per actor per BMC per interval (`sampled`), or one per read
 * (`all`). Access records go to the access log, never into the hash chains, so a burst of
 * reads never contends with an action for a chain's next slot. Refusals and failures are not
 * reads that happened: they stay in the chains (action-service.ts).
 *
 * When the tenant wants a record and it cannot be written, the read is refused (INTERNAL), as
 * an action is when its audit event cannot be written.
 */
import type { AccessFilter, AccessLog, Clock } from '../ports.ts';
import type { AccessRecord, Caller, Page, PageRequest } from '../types.ts';
import { internal } from '../errors.ts';
import { validateBmcId } from '../bmc-input.ts';
import { isoTime, normalisePage } from '../validation.ts';
import type { AuditService } from './audit-service.ts';
import type { TenantSettingsService } from './tenant-settings-service.ts';

/** Samples remembered in-process, so that a process writes each sample once (the store dedupes across processes). */
const MAX_REMEMBERED_SAMPLES = 10_000;

export interface ReadEvent {
  readonly bmcId: string;
  readonly action: string;
  /** When the answer was read from the BMC. */
  readonly readAt: Date;
}

export class ReadAudit {
  /** tenant, BMC and actor -> the interval already sampled (or being written). */
  private readonly samples = new Map<string, { intervalStart: number; written: Promise<unknown> }>();

  constructor(
    private readonly settings: TenantSettingsService,
    private readonly log: AccessLog,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The tenant's access log, newest first (auditors and admins). */
  async query(caller: Caller, filter: AccessFilter, page: PageRequest = {}): Promise<Page<AccessRecord>> {
    await this.audit.authorize(caller, 'audit:read', { action: 'audit.access.query', target: 'audit' });
    const valid: { -readonly [K in keyof AccessFilter]: AccessFilter[K] } = {};
    if (filter.bmcId !== undefined) valid.bmcId = validateBmcId(filter.bmcId);
    if (filter.from !== undefined) valid.from = isoTime('from', filter.from);
    if (filter.to !== undefined) valid.to = isoTime('to', filter.to);
    return this.log.query(caller.principal.tenantId, valid, normalisePage(page));
  }

  async record(caller: Caller, read: ReadEvent): Promise<void> {
    const { principal } = caller;
    const settings = await this.settings.current(principal.tenantId);
    if (settings.readAudit === 'none') return;
    const now = this.clock.now();
    const base = {
      tenantId: principal.tenantId,
      bmcId: read.bmcId,
      time: now.toISOString(),
      actor: principal.actor,
      role: principal.role,
      action: read.action,
      readAt: read.readAt.toISOString(),
      requestId: caller.requestId,
      source: caller.source,
    };
    if (settings.readAudit === 'all') return this.write(this.log.put({ ...base, kind: 'read', intervalStart: null }));

    const intervalMs = settings.readAuditIntervalSeconds * 1000;
    const intervalStart = Math.floor(now.getTime() / intervalMs) * intervalMs;
    const key = `${principal.tenantId}\u0000${read.bmcId}\u0000${principal.actor}`;
    const known = this.samples.get(key);
    if (known?.intervalStart === intervalStart) return this.write(known.written);
    const written = this.log.put({ ...base, kind: 'sampled', intervalStart: new Date(intervalStart).toISOString() });
    this.remember(key, { intervalStart, written });
    // A failed write is forgotten, so that the next read of the interval tries again.
    written.catch(() => {
      if (this.samples.get(key)?.written === written) this.samples.delete(key);
    });
    return this.write(written);
  }

  private async write(written: Promise<unknown>): Promise<void> {
    try {
      await written;
    } catch (e) {
      throw internal('access log unavailable; the read was refused', e);
    }
  }

  private remember(key: string, sample: { intervalStart: number; written: Promise<unknown> }): void {
    this.samples.delete(key);
    this.samples.set(key, sample);
    if (this.samples.size > MAX_REMEMBERED_SAMPLES) this.samples.delete(this.samples.keys().next().value as string);
  }
}
