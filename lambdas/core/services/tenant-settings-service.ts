/**
 * A tenant's own settings, for now what becomes of its successful BMC reads (types.ts,
 * ReadAuditMode). Admins change them; the change is an audited event of the tenant chain.
 * The services read them through a short in-process cache: a change made here applies at
 * once, one made in another process within `cacheMs`.
 */
import type { Clock, TenantSettingsStore } from '../ports.ts';
import type { Caller, ReadAuditMode, TenantId, TenantSettings } from '../types.ts';
import { READ_AUDIT_MODES } from '../types.ts';
import { badInput } from '../errors.ts';
import { integerIn, oneOf } from '../validation.ts';
import type { AuditService } from './audit-service.ts';
import { audited } from './audited.ts';
import { TENANT_CHAIN } from './audit-service.ts';

/**
 * `sampled`: an auditor can still answer "who read this BMC, and roughly when" for every key,
 * while a key that polls a BMC every second leaves 96 records a day instead of 86,400, and
 * none of them in the chains that actions are written to.
 */
export const DEFAULT_READ_AUDIT: ReadAuditMode = 'sampled';
export const DEFAULT_READ_AUDIT_INTERVAL_SECONDS = 900;
export const MIN_READ_AUDIT_INTERVAL_SECONDS = 60;
export const MAX_READ_AUDIT_INTERVAL_SECONDS = 86_400;

export interface TenantSettingsInput {
  readonly readAudit?: ReadAuditMode;
  readonly readAuditIntervalSeconds?: number;
  readonly rawCommands?: boolean;
}

/**
 * Off: a raw command passes by every guard the typed configuration has (validation, the cut-off
 * confirmation, secrets kept out of answers), so a tenant turns it on deliberately (docs/bmc-config.md).
 */
export const DEFAULT_RAW_COMMANDS = false;

export interface TenantSettingsServiceOptions {
  /** How long a process serves the settings it read before reading them again; default 30 s. */
  readonly cacheMs?: number;
}

export function defaultTenantSettings(tenantId: TenantId): TenantSettings {
  return { tenantId, readAudit: DEFAULT_READ_AUDIT, readAuditIntervalSeconds: DEFAULT_READ_AUDIT_INTERVAL_SECONDS, rawCommands: DEFAULT_RAW_COMMANDS, updatedAt: null, updatedBy: null };
}

export class TenantSettingsService {
  private readonly cache = new Map<TenantId, { settings: Promise<TenantSettings>; until: number }>();
  private readonly cacheMs: number;

  constructor(
    private readonly store: TenantSettingsStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    options: TenantSettingsServiceOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 30_000;
  }

  /** The caller's tenant's settings (admins and auditors). */
  async get(caller: Caller): Promise<TenantSettings> {
    await this.audit.authorize(caller, 'audit:read', { action: 'tenant.settings.read', target: 'tenant' });
    return this.read(caller.principal.tenantId);
  }

  async update(caller: Caller, input: TenantSettingsInput): Promise<TenantSettings> {
    const subject = { action: 'tenant.settings.update', target: TENANT_CHAIN, parameters: { readAudit: String(input?.readAudit ?? null), readAuditIntervalSeconds: Number(input?.readAuditIntervalSeconds ?? null), rawCommands: String(input?.rawCommands ?? null) } };
    await this.audit.authorize(caller, 'tenant:settings', subject);
    const tenantId = caller.principal.tenantId;
    const previous = await this.read(tenantId);
    const next: TenantSettings = {
      ...previous,
      ...validate(input),
      updatedAt: this.clock.now().toISOString(),
      updatedBy: caller.principal.actor,
    };
    try {
      await audited(this.audit, caller, {
        subject: { ...subject, parameters: { readAudit: next.readAudit, readAuditIntervalSeconds: next.readAuditIntervalSeconds, rawCommands: next.rawCommands } },
        apply: () => this.store.put(next),
        undo: () => this.store.put(previous),
      });
    } finally {
      this.cache.delete(tenantId);
    }
    return next;
  }

  /** For the services: the tenant's settings, or the defaults, from the cache when recent. */
  current(tenantId: TenantId): Promise<TenantSettings> {
    const now = this.clock.now().getTime();
    const hit = this.cache.get(tenantId);
    if (hit && hit.until > now) return hit.settings;
    const settings = this.read(tenantId);
    this.cache.set(tenantId, { settings, until: now + this.cacheMs });
    // A failed read is not kept: the next caller tries again.
    settings.catch(() => this.cache.delete(tenantId));
    return settings;
  }

  private async read(tenantId: TenantId): Promise<TenantSettings> {
    return (await this.store.get(tenantId)) ?? defaultTenantSettings(tenantId);
  }
}

function validate(input: TenantSettingsInput): Partial<TenantSettings> {
  if (!input || typeof input !== 'object') throw badInput('settings', 'readAudit, readAuditIntervalSeconds or rawCommands is required');
  const out: { readAudit?: ReadAuditMode; readAuditIntervalSeconds?: number; rawCommands?: boolean } = {};
  if (input.readAudit !== undefined) out.readAudit = oneOf('readAudit', input.readAudit, READ_AUDIT_MODES);
  if (input.readAuditIntervalSeconds !== undefined) {
    out.readAuditIntervalSeconds = integerIn('readAuditIntervalSeconds', input.readAuditIntervalSeconds, MIN_READ_AUDIT_INTERVAL_SECONDS, MAX_READ_AUDIT_INTERVAL_SECONDS);
  }
  if (input.rawCommands !== undefined) {
    if (typeof input.rawCommands !== 'boolean') throw badInput('rawCommands', 'must be true or false');
    out.rawCommands = input.rawCommands;
  }
  if (Object.keys(out).length === 0) throw badInput('settings', 'readAudit, readAuditIntervalSeconds or rawCommands is required');
  return out;
}
