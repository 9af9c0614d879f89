/**
 * One request over many BMCs, chosen by ids or by tags, with bounded concurrency. Every
 * selected BMC yields exactly one result: an unreachable or failing BMC is data (an error
 * code in its result), not a failed request (docs/architecture.md section 3).
 */
import { completeWithin } from '../../common/complete-within.ts';
import type { BmcRepository } from '../ports.ts';
import type { Bmc, Caller, Page } from '../types.ts';
import type { BootOptions, IdentifyRequest, PowerAction, PowerActionResult, PowerState, SensorReading, DeviceInfo, ChassisStatus } from '../bmc-data.ts';
import { denialFor, type Permission } from '../authorization.ts';
import { badInput, errorInfo, notFound, type ErrorInfo } from '../errors.ts';
import { validateBmcId, validateTags } from '../bmc-input.ts';
import { integerIn } from '../validation.ts';
import { bmcsFor, listFor } from '../scoped-bmcs.ts';
import type { ActionService } from './action-service.ts';
import type { AuditService, AuditSubject } from './audit-service.ts';

export type FleetSelector = { readonly ids: readonly string[] } | { readonly tags: readonly string[] };

/** The operations that make sense over a fleet, each with its result type. */
export type FleetOperation =
  | { readonly kind: 'powerStatus' }
  | { readonly kind: 'power'; readonly action: PowerAction }
  | { readonly kind: 'chassisStatus' }
  | { readonly kind: 'deviceInfo' }
  | { readonly kind: 'sensors' }
  | { readonly kind: 'setBootDevice'; readonly boot: BootOptions }
  | { readonly kind: 'identify'; readonly request: IdentifyRequest };

export type FleetValue = PowerState | PowerActionResult | ChassisStatus | DeviceInfo | SensorReading[] | null;

export type FleetResult =
  | { readonly bmcId: string; readonly name: string | null; readonly ok: true; readonly value: FleetValue }
  | { readonly bmcId: string; readonly name: string | null; readonly ok: false; readonly error: ErrorInfo };

export const MAX_FLEET = 1000;
export const DEFAULT_CONCURRENCY = 16;
/**
 * The most BMCs one request answers synchronously: one window of DEFAULT_CONCURRENCY, so the
 * request takes about one BMC's worst case (its time-outs and retries), well inside API
 * Gateway's 29 s. More than that is a job (JobService), which has no such bound.
 */
export const MAX_SYNC_FLEET = DEFAULT_CONCURRENCY;

const PERMISSION: Readonly<Record<FleetOperation['kind'], Permission>> = {
  powerStatus: 'bmc:read',
  power: 'bmc:power',
  chassisStatus: 'bmc:read',
  deviceInfo: 'bmc:read',
  sensors: 'bmc:read',
  setBootDevice: 'bmc:boot',
  identify: 'bmc:identify',
};

/** Refused ids listed in an event at most; the count says how many there were. */
export const MAX_REFUSED_IDS_LISTED = 20;

/** The one denied event of a request that named ids outside the caller's tenant. */
export function refusedIdsSubject(action: string, ids: readonly string[]): AuditSubject {
  return { action, target: 'bmc-ids', parameters: { refusedIds: ids.slice(0, MAX_REFUSED_IDS_LISTED), refusedCount: ids.length } };
}

export class FleetService {
  constructor(
    private readonly bmcs: BmcRepository,
    private readonly actions: ActionService,
    private readonly audit: AuditService,
  ) {}

  async run(caller: Caller, selector: FleetSelector, operation: FleetOperation, options: { concurrency?: number; signal?: AbortSignal } = {}): Promise<FleetResult[]> {
    const permission = PERMISSION[operation?.kind];
    if (!permission) throw badInput('operation', `unknown fleet operation`);
    // One up-front decision: a role that may not do this gets one denied event, not one per BMC.
    if (denialFor(caller.principal, permission)) {
      await this.audit.authorize(caller, permission, { action: `fleet.${operation.kind}`, target: 'bmc:*', parameters: { selector: selectorParams(selector) } });
    }
    const concurrency = integerIn('concurrency', options.concurrency ?? DEFAULT_CONCURRENCY, 1, 64);
    const targets = await this.select(caller, selector);
    if (targets.length > MAX_SYNC_FLEET) {
      throw badInput('target', `selects ${targets.length} BMCs; a request answers for at most ${MAX_SYNC_FLEET} at once, more run as a job (GraphQL startFleetReadJob, REST POST /v1/fleet/jobs)`);
    }
    const results: FleetResult[] = new Array(targets.length);
    const found: { index: number; id: string; bmc: Bmc }[] = [];
    const refused: string[] = [];
    targets.forEach((t, index) => {
      if (t.bmc) found.push({ index, id: t.id, bmc: t.bmc });
      else {
        refused.push(t.id);
        results[index] = { bmcId: t.id, name: null, ok: false, error: errorInfo(notFound('BMC', t.id)) };
      }
    });
    // Ids outside the caller's tenant (another tenant's or nobody's, alike) are one denied event
    // for the request, not one per id: a request naming many cannot flood the log.
    if (refused.length > 0) await this.audit.deny(caller, refusedIdsSubject(`fleet.${operation.kind}`, refused), notFound('BMC', refused[0] ?? ''));
    // The IPMI fleet engine's window (sessions, one socket and per-BMC limits are the gateway's);
    // results go back in the caller's order.
    for await (const done of completeWithin(found, concurrency, (t) => this.one(caller, t.id, t.bmc, operation, options.signal))) {
      const target = found[done.index];
      if (target) results[target.index] = done.value;
    }
    return results;
  }

  private async one(caller: Caller, id: string, bmc: Bmc | undefined, op: FleetOperation, signal: AbortSignal | undefined): Promise<FleetResult> {
    const name = bmc?.name ?? null;
    try {
      return { bmcId: id, name, ok: true, value: await this.dispatch(caller, id, op, signal) };
    } catch (e) {
      return { bmcId: id, name, ok: false, error: errorInfo(e) };
    }
  }

  private async dispatch(caller: Caller, id: string, op: FleetOperation, signal: AbortSignal | undefined): Promise<FleetValue> {
    switch (op.kind) {
      case 'powerStatus':
        return this.actions.powerStatus(caller, id, signal);
      case 'power':
        return this.actions.power(caller, id, op.action, signal);
      case 'chassisStatus':
        return this.actions.chassisStatus(caller, id, signal);
      case 'deviceInfo':
        return this.actions.deviceInfo(caller, id, signal);
      case 'sensors':
        return this.actions.sensors(caller, id, signal);
      case 'setBootDevice':
        await this.actions.setBootDevice(caller, id, op.boot, signal);
        return null;
      case 'identify':
        await this.actions.identify(caller, id, op.request, signal);
        return null;
    }
  }

  /**
   * Ids keep the caller's order (unknown ones end as NOT_FOUND results); tags select by listing.
   * Jobs select their BMCs the same way (JobService).
   */
  async select(caller: Caller, selector: FleetSelector): Promise<{ id: string; bmc: Bmc | undefined }[]> {
    if (selector && 'ids' in selector) {
      if (!Array.isArray(selector.ids) || selector.ids.length === 0) throw badInput('ids', 'at least one BMC id');
      if (selector.ids.length > MAX_FLEET) throw badInput('ids', `at most ${MAX_FLEET} BMCs per request`);
      const ids = [...new Set(selector.ids.map(validateBmcId))];
      const found = new Map((await bmcsFor(this.bmcs, caller.principal, ids)).map((b) => [b.id, b]));
      return ids.map((id) => ({ id, bmc: found.get(id) }));
    }
    if (selector && 'tags' in selector) {
      const tags = validateTags(selector.tags);
      if (tags.length === 0) throw badInput('tags', 'at least one tag');
      const out: { id: string; bmc: Bmc }[] = [];
      let cursor: string | null = null;
      do {
        // Fresh: an action on every BMC with a tag must not miss one registered a moment ago.
        const page: Page<Bmc> = await listFor(this.bmcs, caller.principal, { tags }, { limit: 500, cursor }, { fresh: true });
        for (const bmc of page.items) out.push({ id: bmc.id, bmc });
        if (out.length > MAX_FLEET) throw badInput('tags', `selects more than ${MAX_FLEET} BMCs; narrow the selection`);
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    }
    throw badInput('selector', 'either ids or tags');
  }
}

function selectorParams(selector: FleetSelector): string[] {
  if (selector && 'ids' in selector && Array.isArray(selector.ids)) return selector.ids.slice(0, 50).map(String);
  if (selector && 'tags' in selector && Array.isArray(selector.tags)) return selector.tags.slice(0, 50).map(String);
  return [];
}
