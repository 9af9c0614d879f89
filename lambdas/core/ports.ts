/**
 * Ports of the domain core: what the services need from storage, secrets and BMCs.
 * Adapters (lambdas/adapters) implement them for DynamoDB, Secrets Manager, the local
 * embedded stores and IPMI; unit tests implement them in memory.
 *
 * Every repository method takes the tenant id explicitly and must never return an object
 * of another tenant: tenant isolation holds at the storage boundary, not only in services.
 */
import type { AccessRecord, ApiKey, AuditEvent, AuditOutcome, Bmc, BmcHealth, Page, PageRequest, TenantId, TenantSettings } from './types.ts';
import type { BmcCredentials } from './credentials.ts';
import type { AuditCheckpoint } from './audit-checkpoint.ts';
import type {
  BootOptions,
  ChassisStatus,
  DeviceInfo,
  FruInventory,
  IdentifyRequest,
  PowerAction,
  PowerActionResult,
  PowerState,
  SelEntry,
  SelInfo,
  SensorReading,
  SolCapture,
} from './bmc-data.ts';

// ---------------------------------------------------------------------------------------
// BMC registry

export interface BmcFilter {
  /** Every listed tag must be present. */
  readonly tags?: readonly string[];
  /** Case-insensitive substring of the name. */
  readonly nameContains?: string;
  readonly health?: BmcHealth;
}

export interface BmcRepository {
  /**
   * Adapters always read the store; a caching wrapper (cached-bmc-repository.ts) may answer
   * from memory unless `fresh` is asked for.
   */
  get(tenantId: TenantId, id: string, options?: { readonly fresh?: boolean }): Promise<Bmc | undefined>;
  /** Several at once (fleet operations); unknown ids are simply absent from the result. */
  getMany(tenantId: TenantId, ids: readonly string[]): Promise<Bmc[]>;
  /** Creates; throws DomainError CONFLICT when the id already exists. */
  create(bmc: Bmc): Promise<void>;
  /**
   * Replaces; throws CONFLICT when the stored `updatedAt` is not `expectedUpdatedAt`
   * (optimistic concurrency) and NOT_FOUND when absent.
   */
  update(bmc: Bmc, expectedUpdatedAt: string): Promise<void>;
  /** Deletes; returns false when it was absent. */
  delete(tenantId: TenantId, id: string): Promise<boolean>;
  /**
   * Ordered by id; the cursor is opaque and bound to the tenant. A caching wrapper may answer
   * from a page listed a moment ago unless `fresh` is asked for (fleet selections do).
   */
  list(tenantId: TenantId, filter: BmcFilter, page: PageRequest, options?: { readonly fresh?: boolean }): Promise<Page<Bmc>>;
  /** Records health only (no updatedAt bump: not a user mutation). */
  setHealth(tenantId: TenantId, id: string, health: BmcHealth): Promise<void>;
}

// ---------------------------------------------------------------------------------------
// API keys

export interface ApiKeyRepository {
  /** By key id across tenants: the id is embedded in the key string the caller presents. */
  getById(id: string): Promise<ApiKey | undefined>;
  /** Creates; throws CONFLICT when the id exists. */
  create(key: ApiKey): Promise<void>;
  /** Sets revokedAt if the key belongs to the tenant; returns the updated key or undefined. */
  revoke(tenantId: TenantId, id: string, revokedAt: string): Promise<ApiKey | undefined>;
  /** Deletes outright (used only to roll back a create whose audit write failed). */
  delete(tenantId: TenantId, id: string): Promise<void>;
  /** Best-effort last-used stamp; must not fail authentication when it fails. */
  touch(id: string, lastUsedAt: string): Promise<void>;
  list(tenantId: TenantId, page: PageRequest): Promise<Page<ApiKey>>;
}

// ---------------------------------------------------------------------------------------
// Audit log

export interface AuditFilter {
  /** Inclusive ISO 8601 lower bound. */
  readonly from?: string;
  /** Exclusive ISO 8601 upper bound. */
  readonly to?: string;
  readonly actor?: string;
  readonly target?: string;
  readonly action?: string;
  readonly outcome?: AuditOutcome;
}

/** Thrown by AuditLog.append when the (tenant, chain, seq) slot is taken: re-read the head and retry. */
export class AuditSlotTakenError extends Error {
  constructor(
    readonly chain: string,
    readonly seq: number,
  ) {
    super(`audit chain ${chain}: sequence ${seq} already written`);
    this.name = 'AuditSlotTakenError';
  }
}

/** Thrown by AuditLog.appendAll when the store has no all-or-nothing multi-item write. */
export class AppendAllUnsupportedError extends Error {
  constructor(cause: unknown) {
    super('the audit store cannot append several events at once', { cause });
    this.name = 'AppendAllUnsupportedError';
  }
}

export interface AuditChainHead {
  readonly seq: number;
  readonly hash: string;
  /** Time of the last event: the next one is never earlier (see audit-order.ts). */
  readonly time: string;
}

export interface AuditLog {
  /**
   * Appends one event, never overwriting (DynamoDB: conditional put with
   * attribute_not_exists). Throws AuditSlotTakenError when seq is taken.
   */
  append(event: AuditEvent): Promise<void>;
  /**
   * Appends consecutive events of one chain all or none (DynamoDB: one TransactWriteItems of
   * conditional puts), so a burst costs one round trip instead of one per event. Throws
   * AuditSlotTakenError when any of their seqs is taken, and AppendAllUnsupportedError when the
   * store cannot do it (the embedded store of `npm start`); absent where never possible.
   */
  appendAll?(events: readonly AuditEvent[]): Promise<void>;
  /** Last event of a chain, or undefined for an empty chain. */
  head(tenantId: TenantId, chain: string): Promise<AuditChainHead | undefined>;
  /**
   * Newest first in the order of `auditOrderKey` (time, then seq, then id), the same in
   * every adapter. The cursor is opaque and bound to the tenant.
   */
  query(tenantId: TenantId, filter: AuditFilter, page: PageRequest): Promise<Page<AuditEvent>>;
  /** One chain in sequence order, for verification; from seq `afterSeq` + 1 when given. */
  readChain(tenantId: TenantId, chain: string, page: PageRequest, afterSeq?: number): Promise<Page<AuditEvent>>;
  /** Names of the tenant's chains. */
  listChains(tenantId: TenantId): Promise<string[]>;
}

/**
 * Signs audit checkpoints with a key the audit store never holds (AWS: a KMS ECC_NIST_P256 key;
 * `npm start`: a key file). ECDSA over P-256 with SHA-256, DER signatures (audit-checkpoint.ts).
 */
export interface AuditSigner {
  /** The public key as PEM (SubjectPublicKeyInfo). */
  publicKeyPem(): Promise<string>;
  /** DER ECDSA signature over SHA-256 of `message`. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/**
 * Signed checkpoints, apart from the events they anchor (DynamoDB: their own items). Like the
 * events, append-only: a checkpoint is never overwritten.
 */
export interface AuditCheckpointStore {
  /** Stores `checkpoint`; false (and nothing changed) when one of that tenant, chain and seq exists. */
  put(checkpoint: AuditCheckpoint): Promise<boolean>;
  /** A chain's checkpoints in seq order. */
  list(tenantId: TenantId, chain: string, page: PageRequest): Promise<Page<AuditCheckpoint>>;
}

// ---------------------------------------------------------------------------------------
// Tenant settings and the access log

export interface TenantSettingsStore {
  /** Undefined when the tenant never changed its settings (the defaults apply). */
  get(tenantId: TenantId): Promise<TenantSettings | undefined>;
  put(settings: TenantSettings): Promise<void>;
}

export interface AccessFilter {
  readonly bmcId?: string;
  /** Inclusive ISO 8601 lower bound. */
  readonly from?: string;
  /** Exclusive ISO 8601 upper bound. */
  readonly to?: string;
}

/**
 * Successful reads, apart from the hash chains so that polling never contends with actions.
 * A `sampled` record is keyed by tenant, BMC, actor and interval, so however many processes
 * take the sample at once, one record is stored.
 */
export interface AccessLog {
  /** Stores the record; false when a `sampled` record of this actor, BMC and interval exists. */
  put(record: AccessRecord): Promise<boolean>;
  /** Newest first; the cursor is opaque and bound to the tenant. */
  query(tenantId: TenantId, filter: AccessFilter, page: PageRequest): Promise<Page<AccessRecord>>;
}

// ---------------------------------------------------------------------------------------
// Credentials

/**
 * Credentials per tenant and BMC (Secrets Manager `bmc/<tenant>/<bmcId>`, or the local
 * encrypted file). Versions follow Secrets Manager's staging model so that rotation can
 * change, verify, then commit and keep the last known good (docs/architecture.md section 4):
 * `current` is what sessions use, `pending` a candidate under verification, `previous` the
 * last known good before the latest commit.
 */
export type CredentialStage = 'current' | 'pending' | 'previous';

export interface CredentialStore {
  /** Sets current credentials (registration). Creates the secret when absent. */
  put(tenantId: TenantId, bmcId: string, credentials: BmcCredentials): Promise<void>;
  /** Reads a stage; undefined when absent. Served from a short cache unless `fresh`. */
  get(tenantId: TenantId, bmcId: string, stage?: CredentialStage, options?: { fresh?: boolean }): Promise<BmcCredentials | undefined>;
  /** Writes a pending version without changing current. */
  stage(tenantId: TenantId, bmcId: string, credentials: BmcCredentials): Promise<void>;
  /** Pending becomes current, current becomes previous. */
  promote(tenantId: TenantId, bmcId: string): Promise<void>;
  /** Drops the pending version, if any. */
  discardPending(tenantId: TenantId, bmcId: string): Promise<void>;
  delete(tenantId: TenantId, bmcId: string): Promise<void>;
  /** Forgets cached values (after an authentication failure the next get refetches). */
  invalidate(tenantId: TenantId, bmcId: string): void;
}

// ---------------------------------------------------------------------------------------
// BMC gateway

/** Where and how to reach one BMC. */
export interface BmcEndpoint {
  /** Whose BMC it is: what the gateway learns from one tenant's BMCs (decoded SDRs) serves that tenant only. */
  readonly tenantId: string;
  readonly address: string;
  readonly port: number;
  readonly cipherSuite: number | 'auto';
  readonly privilege: Bmc['privilege'];
}

export interface GatewayOptions {
  readonly signal?: AbortSignal;
  /** Correlation id for logs. */
  readonly requestId?: string;
}

/**
 * IPMI work on one BMC. Implementations open a session, run the command(s), close the
 * session, and throw DomainError with BMC_UNREACHABLE, BMC_AUTH_FAILED, BMC_COMMAND_FAILED
 * (with completionCode), TIMEOUT or BAD_USER_INPUT. They are the only code that calls
 * BmcCredentials.reveal().
 */
export interface BmcGateway {
  /** Opens and closes a session: proves the credentials work. */
  verifyCredentials(endpoint: BmcEndpoint, credentials: BmcCredentials, options?: GatewayOptions): Promise<void>;
  /** Changes the session user's password on the BMC (Set User Password, IPMI v2.0 section 22.30). */
  changePassword(endpoint: BmcEndpoint, credentials: BmcCredentials, newPassword: string, options?: GatewayOptions): Promise<void>;
  powerStatus(endpoint: BmcEndpoint, credentials: BmcCredentials, options?: GatewayOptions): Promise<PowerState>;
  powerAction(endpoint: BmcEndpoint, credentials: BmcCredentials, action: PowerAction, options?: GatewayOptions): Promise<PowerActionResult>;
  chassisStatus(endpoint: BmcEndpoint, credentials: BmcCredentials, options?: GatewayOptions): Promise<ChassisStatus>;
  deviceInfo(endpoint: BmcEndpoint, credentials: BmcCredentials, options?: GatewayOptions): Promise<DeviceInfo>;
  sensors(endpoint: BmcEndpoint, credentials: BmcCredentials, options?: GatewayOptions): Promise<SensorReading[]>;
  selInfo(endpoint: BmcEndpoint, credentials: BmcCredentials, options?: GatewayOptions): Promise<SelInfo>;
  selList(endpoint: BmcEndpoint, credentials: BmcCredentials, options?: GatewayOptions): Promise<SelEntry[]>;
  /**
   * The SEL records added after the marked one (its id and raw bytes), without walking the log
   * from its start; null when that record is gone or changed (cleared, wrapped): read it all.
   * Optional: a gateway without it is read whole each time.
   */
  selListAfter?(endpoint: BmcEndpoint, credentials: BmcCredentials, mark: { readonly id: number; readonly raw: string }, options?: GatewayOptions): Promise<SelEntry[] | null>;
  selClear(endpoint: BmcEndpoint, credentials: BmcCredentials, options?: GatewayOptions): Promise<void>;
  fru(endpoint: BmcEndpoint, credentials: BmcCredentials, fruId: number, options?: GatewayOptions): Promise<FruInventory>;
  bootDevice(endpoint: BmcEndpoint, credentials: BmcCredentials, options?: GatewayOptions): Promise<BootOptions>;
  setBootDevice(endpoint: BmcEndpoint, credentials: BmcCredentials, boot: BootOptions, options?: GatewayOptions): Promise<void>;
  identify(endpoint: BmcEndpoint, credentials: BmcCredentials, request: IdentifyRequest, options?: GatewayOptions): Promise<void>;
  solCapture(endpoint: BmcEndpoint, credentials: BmcCredentials, seconds: number, options?: GatewayOptions): Promise<SolCapture>;
}

// ---------------------------------------------------------------------------------------
// Telemetry

/**
 * Operational signals for dashboards and alarms (not the audit trail, which records who did
 * what). Lambda emits them as CloudWatch metrics; elsewhere they go nowhere. Calls carry no
 * BMC id or tenant: metric dimensions stay low-cardinality (docs/architecture.md section 4).
 */
export interface Telemetry {
  /** One BMC operation ended in BMC_UNREACHABLE: call once per BMC that did not answer. */
  bmcUnreachable(): void;
  /** One job task ended failed or unknown (the worker's failure rate, for an alarm). */
  jobTaskFailed?(): void;
  /** One webhook delivery ended failed after its last attempt (an alarm watches it). */
  webhookDeliveryFailed?(): void;
}

/** Telemetry that records nothing: the default, and what `npm start` uses. */
export const noTelemetry: Telemetry = { bmcUnreachable: () => undefined };

// ---------------------------------------------------------------------------------------
// Environment

/** Time and identifiers, injectable so tests are deterministic. */
export interface Clock {
  now(): Date;
}
export interface IdGenerator {
  /** A new unique id (UUID v4 by default). */
  next(): string;
}
