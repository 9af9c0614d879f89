/**
 * The core services the API calls, assembled by a composition root (lambdas/local for
 * `npm start`, lambdas/handlers for Lambda). Every method takes the Caller, so tenant and role
 * are checked by the core for each object, not only at the gateway.
 */
import type { ApiKeyService } from '../core/services/api-key-service.ts';
import type { AuditService } from '../core/services/audit-service.ts';
import type { ActionService } from '../core/services/action-service.ts';
import type { BmcService } from '../core/services/bmc-service.ts';
import type { BmcConfigService } from '../core/services/bmc-config-service.ts';
import type { FleetService } from '../core/services/fleet-service.ts';
import type { ReadAudit } from '../core/services/read-audit.ts';
import type { TenantSettingsService } from '../core/services/tenant-settings-service.ts';
import type { JobService } from '../core/jobs/job-service.ts';
import type { MonitoringService } from '../core/monitoring/monitoring-service.ts';
import type { CursorCodec } from '../core/cursor-codec.ts';
import type { DenialLimiter } from './denials.ts';
import type { Principal } from '../core/types.ts';
import type { TenantGate } from '../core/tenants/tenant-gate.ts';
import type { RequestRateLimiter } from '../core/tenants/request-rate.ts';
import type { WebhookService } from '../core/monitoring/webhooks/service.ts';

export interface ApiServices {
  readonly apiKeys: ApiKeyService;
  readonly audit: AuditService;
  readonly bmcs: BmcService;
  readonly actions: ActionService;
  /** Configuration of the BMCs themselves (docs/bmc-config.md). */
  readonly bmcConfig: BmcConfigService;
  readonly fleet: FleetService;
  readonly tenantSettings: TenantSettingsService;
  readonly access: ReadAudit;
  readonly jobs: JobService;
  /** Fleet monitoring: policy, events, history, predictions (core/monitoring). */
  readonly monitoring: MonitoringService;
  /** Signs page cursors, the stores' and the API's per-edge ones (lambdas/core/cursor-codec.ts). */
  readonly cursors: CursorCodec;
  /**
   * The limit on denied attempts per key (denials.ts). Composition roots that serve from several
   * processes give one over the coordination table; without it, this process counts alone.
   */
  readonly denials?: DenialLimiter;
  /** Refuses keys of suspended and deleted tenants on every request (lambdas/core/tenants/tenant-gate.ts). */
  readonly tenantGate?: TenantGate;
  /** Requests per tenant across processes (lambdas/core/tenants/request-rate.ts); unlimited without it. */
  readonly requestRates?: RequestRateLimiter;
  /** Webhooks of the tenant (core/monitoring/webhooks); absent where none are configured. */
  readonly webhooks?: WebhookService;
}

/** Turns a presented API key into the principal it stands for; throws UNAUTHENTICATED. */
export type Authenticate = (apiKey: string) => Promise<Principal>;
