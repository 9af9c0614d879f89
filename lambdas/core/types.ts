/**
 * Domain types of the control plane. Everything here belongs to exactly one tenant
 * (docs/architecture.md section 3: nothing crosses tenants); no SDK or API types leak in.
 */
import type { KeyScope } from './key-scope.ts';

export type TenantId = string;

export interface Tenant {
  readonly id: TenantId;
  readonly name: string;
  readonly createdAt: string;
}

/** Roles per tenant (docs/architecture.md section 3). */
export const ROLES = ['viewer', 'operator', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved by the authorizer from an API key (or an IAM/JWT identity). */
export interface Principal {
  readonly tenantId: TenantId;
  readonly role: Role;
  /** Stable actor name for audit, e.g. `apikey:<keyId>` or `user:alice@example.com`. */
  readonly actor: string;
  /** Set when the principal came from an API key. */
  readonly keyId?: string;
  /** The key's narrowing of its role to some BMCs and operations; absent: the whole role. */
  readonly scope?: KeyScope;
}

/** One request's caller: the principal plus what audit needs to correlate it. */
export interface Caller {
  readonly principal: Principal;
  readonly requestId: string;
  /** Where the request came from, e.g. `graphql 203.0.113.9` or `rest`. */
  readonly source: string;
}

/** IPMI session privilege level requested for a BMC (IPMI v2.0 section 6.8). */
export const PRIVILEGES = ['user', 'operator', 'admin'] as const;
export type Privilege = (typeof PRIVILEGES)[number];

/** Last known health of a BMC, as sensor exporters report it (value and state together). */
export const BMC_HEALTH = ['unknown', 'ok', 'warning', 'critical', 'unreachable'] as const;
export type BmcHealth = (typeof BMC_HEALTH)[number];

/** Credential lifecycle of a BMC: during rotation polling pauses (docs/architecture.md section 4). */
export type CredentialState = 'ok' | 'rotating';

export interface Bmc {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly name: string;
  /** IPv4/IPv6 literal or DNS name of the BMC's LAN channel. */
  readonly address: string;
  /** UDP port of RMCP (623 on real BMCs). */
  readonly port: number;
  /** RMCP+ cipher suite id, or 'auto' to negotiate from Get Channel Cipher Suites. */
  readonly cipherSuite: number | 'auto';
  readonly privilege: Privilege;
  readonly tags: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly health: BmcHealth;
  readonly credentialState: CredentialState;
  /** When the credentials were last written (registration or committed rotation). */
  readonly credentialsUpdatedAt: string;
}

/** Stored form of an API key: the secret itself is never stored, only its hash. */
export interface ApiKey {
  readonly id: string;
  readonly tenantId: TenantId;
  readonly role: Role;
  readonly name: string;
  /** HMAC-SHA256 (with pepper) or SHA-256 of the whole key string, hex. */
  readonly hash: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
  /** Tags and operations the key is narrowed to (key-scope.ts); absent: its whole role. */
  readonly scope?: KeyScope;
}

/** What callers may see of a key: everything but the hash. */
export type ApiKeyInfo = Omit<ApiKey, 'hash'>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Outcome of an audited operation. `started` precedes a BMC action whose physical effect
 * cannot be rolled back, so the intent is on record before anything is sent to the BMC.
 * `unknown` closes a `started` event whose worker died when the BMC's state cannot tell
 * whether the command arrived (a power cycle); it is written by job recovery.
 */
export const AUDIT_OUTCOMES = ['succeeded', 'failed', 'denied', 'started', 'unknown'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One append-only audit event (docs/architecture.md section 3), linked into a hash chain. */
export interface AuditEvent {
  readonly tenantId: TenantId;
  readonly id: string;
  /** Chain this event belongs to: the target BMC id, or `tenant` for tenant-wide events. */
  readonly chain: string;
  /** Position in the chain, starting at 1. */
  readonly seq: number;
  readonly time: string;
  readonly actor: string;
  readonly role: Role;
  readonly action: string;
  /** `bmc:<id>`, `apikey:<id>`, `tenant`, ... */
  readonly target: string;
  /** Parameters of the request, secrets removed. */
  readonly parameters: { readonly [key: string]: JsonValue };
  readonly outcome: AuditOutcome;
  /** Stable error code when the outcome is failed or denied. */
  readonly errorCode: string | null;
  readonly requestId: string;
  readonly source: string;
  /** Hash of the previous event of the chain (64 zeros for the first). */
  readonly prevHash: string;
  /** SHA-256 over the canonical form of every other field. */
  readonly hash: string;
}

export interface PageRequest {
  /** Maximum items to return (services clamp it to 1..500). */
  readonly limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  readonly cursor?: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque cursor for the next page, null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * What becomes of a tenant's successful BMC reads (actions, refusals and changes are always in
 * the hash chains): `none` keeps no record, `sampled` one access record per actor per BMC per
 * interval, `all` one access record per read. Access records live in the access log, never in
 * the chains.
 */
export const READ_AUDIT_MODES = ['none', 'sampled', 'all'] as const;
export type ReadAuditMode = (typeof READ_AUDIT_MODES)[number];

/** Settings of one tenant that its admins change through the API. */
export interface TenantSettings {
  readonly tenantId: TenantId;
  readonly readAudit: ReadAuditMode;
  /** Sampling interval of `sampled`, in seconds. */
  readonly readAuditIntervalSeconds: number;
  /** Whether admins may send raw IPMI commands to the tenant's BMCs (docs/bmc-config.md; off by default). */
  readonly rawCommands: boolean;
  /** Null until an admin first changes them (the defaults apply). */
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/** One successful read in the access log (read audit `sampled` or `all`). */
export interface AccessRecord {
  readonly tenantId: TenantId;
  readonly bmcId: string;
  /** `sampled`: the first read of this actor on this BMC in the interval; `read`: one read. */
  readonly kind: 'sampled' | 'read';
  readonly time: string;
  /** Start of the sampling interval (`sampled` only, else null). */
  readonly intervalStart: string | null;
  readonly actor: string;
  readonly role: Role;
  readonly action: string;
  /** When the answer was read from the BMC (earlier than `time` when a cached answer was served). */
  readonly readAt: string;
  readonly requestId: string;
  readonly source: string;
}
