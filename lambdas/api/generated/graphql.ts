import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { BmcModel, ApiKeyModel, AuditEventModel, PrincipalModel, FleetResultModel, JobModel, JobTaskModel, EventModel, BmcHealthChangeModel } from '../graphql/models.ts';
import type { GraphQLContext } from '../graphql/context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in time as an ISO 8601 string in UTC, e.g. `2025-01-31T08:15:00.000Z`. */
  DateTime: { input: string; output: string; }
  /** A JSON object. Used for audit parameters, which never contain secrets. */
  JSONObject: { input: Readonly<Record<string, unknown>>; output: Readonly<Record<string, unknown>>; }
};

/** One successful read of a BMC, in the access log. */
export type AccessRecord = {
  readonly __typename?: 'AccessRecord';
  /** What was read, e.g. bmc.power.read. */
  readonly action: Scalars['String']['output'];
  /** Who read. */
  readonly actor: Scalars['String']['output'];
  /** The BMC read. */
  readonly bmcId: Scalars['ID']['output'];
  /** Start of the sampling interval (SAMPLED only). */
  readonly intervalStart?: Maybe<Scalars['DateTime']['output']>;
  /** Why it was recorded. */
  readonly kind: AccessRecordKind;
  /** When the answer was read from the BMC (earlier than `time` when a cached answer was served). */
  readonly readAt: Scalars['DateTime']['output'];
  /** Request id of the read. */
  readonly requestId: Scalars['String']['output'];
  /** The reader's role. */
  readonly role: Role;
  /** Where the request came from. */
  readonly source: Scalars['String']['output'];
  /** When the answer was served. */
  readonly time: Scalars['DateTime']['output'];
};

/** A page of access records, newest first. */
export type AccessRecordConnection = {
  readonly __typename?: 'AccessRecordConnection';
  /** The records of this page with their cursors. */
  readonly edges: ReadonlyArray<AccessRecordEdge>;
  /** The records of this page. */
  readonly nodes: ReadonlyArray<AccessRecord>;
  /** Where this page sits. */
  readonly pageInfo: PageInfo;
};

/** One access record of a page. */
export type AccessRecordEdge = {
  readonly __typename?: 'AccessRecordEdge';
  /** Opaque cursor; pass it as `after` to continue after this record. */
  readonly cursor: Scalars['String']['output'];
  /** The record. */
  readonly node: AccessRecord;
};

/** Which access records to list. All conditions must hold. */
export type AccessRecordFilter = {
  /** Reads of this BMC. */
  readonly bmcId?: InputMaybe<Scalars['ID']['input']>;
  /** At or after this time. */
  readonly from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Before this time. */
  readonly to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Why an access record was written. */
export type AccessRecordKind =
  /** One read (ALL). */
  | 'read'
  /** The first read of this actor on this BMC in the sampling interval (SAMPLED). */
  | 'sampled';

/** A system event record to add to the SEL. */
export type AddSelEntryInput = {
  /** The BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** A deassertion event (default false). */
  readonly deassertion?: InputMaybe<Scalars['Boolean']['input']>;
  /** Event Data 1-3. */
  readonly eventData: ReadonlyArray<Scalars['Int']['input']>;
  /** Event/Reading Type Code (section 42.1), e.g. 1 threshold, 111 (6Fh) sensor-specific. */
  readonly eventType: Scalars['Int']['input'];
  /** Sensor number. */
  readonly sensorNumber: Scalars['Int']['input'];
  /** Sensor type code (section 42.2). */
  readonly sensorType: Scalars['Int']['input'];
};

/** The record the BMC added. */
export type AddSelEntryResult = {
  readonly __typename?: 'AddSelEntryResult';
  /** Its record id. */
  readonly recordId: Scalars['Int']['output'];
};

/** One LAN alert destination (parameters 18 and 19): where the BMC's SNMP traps go. */
export type AlertDestination = {
  readonly __typename?: 'AlertDestination';
  /** Whether the alert must be acknowledged. */
  readonly acknowledge: Scalars['Boolean']['output'];
  /** Destination selector, 1-15. */
  readonly destination: Scalars['Int']['output'];
  /** Trap receiver address. */
  readonly ipAddress: Scalars['String']['output'];
  /** Receiver (or gateway) MAC address. */
  readonly macAddress: Scalars['String']['output'];
  /** Retries when not acknowledged. */
  readonly retries: Scalars['Int']['output'];
  /** Seconds to wait for an acknowledgement. */
  readonly timeoutSeconds: Scalars['Int']['output'];
  /** pet-trap for SNMP traps. */
  readonly type: Scalars['String']['output'];
  /** Sent through the backup gateway instead of the default one. */
  readonly useBackupGateway: Scalars['Boolean']['output'];
};

/** The channel's alert destinations and community string. */
export type AlertDestinations = {
  readonly __typename?: 'AlertDestinations';
  /** The SNMP community string: admins only, null for the other roles. */
  readonly community?: Maybe<Scalars['String']['output']>;
  /** The destinations the BMC has. */
  readonly destinations: ReadonlyArray<AlertDestination>;
};

/**
 * An API key of the caller's tenant. The key itself is shown once, when it is created; only its hash is
 * stored.
 */
export type ApiKey = {
  readonly __typename?: 'ApiKey';
  /** When it was created. */
  readonly createdAt: Scalars['DateTime']['output'];
  /** Actor that created it. */
  readonly createdBy: Scalars['String']['output'];
  /** When it stops working; null only on keys issued before every key had a lifetime. */
  readonly expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** Key id, also the actor name suffix in audit events. */
  readonly id: Scalars['ID']['output'];
  /** When it last authenticated a request. */
  readonly lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Human name, e.g. the automation that uses it. */
  readonly name: Scalars['String']['output'];
  /** When it was revoked; null while active. */
  readonly revokedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Role the key grants. */
  readonly role: Role;
  /** What the key is narrowed to within its role; null when it has its whole role. */
  readonly scope?: Maybe<ApiKeyScope>;
};

/** A page of API keys. */
export type ApiKeyConnection = {
  readonly __typename?: 'ApiKeyConnection';
  /** The keys of this page with their cursors. */
  readonly edges: ReadonlyArray<ApiKeyEdge>;
  /** The keys of this page. */
  readonly nodes: ReadonlyArray<ApiKey>;
  /** Where this page sits. */
  readonly pageInfo: PageInfo;
};

/** One API key of a page. */
export type ApiKeyEdge = {
  readonly __typename?: 'ApiKeyEdge';
  /** Opaque cursor; pass it as `after` to continue after this key. */
  readonly cursor: Scalars['String']['output'];
  /** The key. */
  readonly node: ApiKey;
};

/**
 * The narrowing of a key, on top of its role (docs/keys-and-limits.md). BMCs outside its tags are
 * NOT_FOUND to it, as if they did not exist; an operation outside its list is FORBIDDEN.
 */
export type ApiKeyScope = {
  readonly __typename?: 'ApiKeyScope';
  /** The permissions it may use (e.g. `bmc:read`, `bmc:power`); null: all of its role's. */
  readonly operations?: Maybe<ReadonlyArray<Scalars['String']['output']>>;
  /** The key reaches only BMCs carrying at least one of these tags; null: every BMC of the tenant. */
  readonly tags?: Maybe<ReadonlyArray<Scalars['String']['output']>>;
};

/**
 * A narrowing of a key to create. A key with tags may not hold `apikey:manage`, `audit:read` or
 * `tenant:settings`, which span the whole tenant; a scoped key creates keys only within its own scope.
 */
export type ApiKeyScopeInput = {
  /** Only these permissions, each one of the role's: bmc:read, bmc:power, bmc:boot, bmc:identify, bmc:sol, bmc:sel-clear, bmc:configure, bmc:raw, bmc:manage, bmc:credentials, apikey:manage, audit:read, tenant:settings. */
  readonly operations?: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
  /** Only BMCs carrying at least one of these tags (e.g. `rack:r1`). */
  readonly tags?: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
};

/** One place where an audit chain does not verify. */
export type AuditChainProblem = {
  readonly __typename?: 'AuditChainProblem';
  /** Chain with the problem. */
  readonly chain: Scalars['String']['output'];
  /** Id of the event, when the problem is with one event. */
  readonly eventId?: Maybe<Scalars['ID']['output']>;
  /** For GAP: the sequence number expected there. For TRUNCATED: the last sequence number the chain has. */
  readonly expectedSeq?: Maybe<Scalars['Int']['output']>;
  /** What is wrong. */
  readonly kind: AuditChainProblemKind;
  /** Position in the chain where the problem was found. */
  readonly seq: Scalars['Int']['output'];
};

/** Kind of audit chain defect. */
export type AuditChainProblemKind =
  /** A checkpoint is not validly signed for this chain by the audit key: it proves nothing. */
  | 'bad-checkpoint'
  /** The event's previous hash is not the hash of the event before it: an event was altered, replaced or inserted. */
  | 'broken-link'
  /** The event at a signed checkpoint's position is not the one signed: the chain was rewritten and rehashed. */
  | 'checkpoint-mismatch'
  /** Sequence numbers skip: events are missing. */
  | 'gap'
  /** The event's stored hash does not match its contents: the event was altered. */
  | 'hash-mismatch'
  /** The chain ends before a signed checkpoint (`seq`): its newest events were deleted. */
  | 'truncated'
  /** The event claims to belong to another chain or tenant. */
  | 'wrong-chain';

/** Result of verifying the audit hash chains of the caller's tenant. */
export type AuditChainVerification = {
  readonly __typename?: 'AuditChainVerification';
  /** Chains checked. */
  readonly checkedChains: Scalars['Int']['output'];
  /** Validly signed checkpoints checked against the chains (0 when no signing key is configured). */
  readonly checkedCheckpoints: Scalars['Int']['output'];
  /** Events checked. */
  readonly checkedEvents: Scalars['Int']['output'];
  /** True when every chain links up, every hash matches and every signed checkpoint matches its chain. */
  readonly ok: Scalars['Boolean']['output'];
  /** Problems found, one per broken link or altered event. */
  readonly problems: ReadonlyArray<AuditChainProblem>;
  /** Events after their chain's last checkpoint: not anchored yet (the next checkpoint covers them). */
  readonly unanchoredEvents: Scalars['Int']['output'];
};

/** One append-only audit event. Events are linked in hash chains so that tampering is detectable. */
export type AuditEvent = {
  readonly __typename?: 'AuditEvent';
  /** What, e.g. `bmc.power.cycle`. */
  readonly action: Scalars['String']['output'];
  /** Who: e.g. `apikey:key_01H...`. */
  readonly actor: Scalars['String']['output'];
  /** Hash chain the event belongs to: a BMC id, or `tenant`. */
  readonly chain: Scalars['String']['output'];
  /** Stable error code when the outcome is FAILED or DENIED. */
  readonly errorCode?: Maybe<ErrorCode>;
  /** SHA-256 over the event's canonical form. */
  readonly hash: Scalars['String']['output'];
  /** Event id. */
  readonly id: Scalars['ID']['output'];
  /** How it ended. */
  readonly outcome: AuditOutcome;
  /** Parameters of the request; secrets are never recorded. */
  readonly parameters: Scalars['JSONObject']['output'];
  /** Hash of the previous event of the chain. */
  readonly prevHash: Scalars['String']['output'];
  /** Correlation id of the request. */
  readonly requestId: Scalars['String']['output'];
  /** Role the actor had. */
  readonly role: Role;
  /** Position in its chain, from 1. */
  readonly seq: Scalars['Int']['output'];
  /** Where the request came from. */
  readonly source: Scalars['String']['output'];
  /** On what, e.g. `bmc:<id>`, `apikey:<id>`, `tenant`. */
  readonly target: Scalars['String']['output'];
  /** When it happened. */
  readonly time: Scalars['DateTime']['output'];
};

/** A page of audit events, newest first. */
export type AuditEventConnection = {
  readonly __typename?: 'AuditEventConnection';
  /** The events of this page with their cursors. */
  readonly edges: ReadonlyArray<AuditEventEdge>;
  /** The events of this page. */
  readonly nodes: ReadonlyArray<AuditEvent>;
  /** Where this page sits. */
  readonly pageInfo: PageInfo;
};

/** One audit event of a page. */
export type AuditEventEdge = {
  readonly __typename?: 'AuditEventEdge';
  /** Opaque cursor; pass it as `after` to continue after this event. */
  readonly cursor: Scalars['String']['output'];
  /** The event. */
  readonly node: AuditEvent;
};

/** Which audit events to list. All conditions must hold. */
export type AuditEventFilter = {
  /** This action, e.g. `bmc.power.on`. */
  readonly action?: InputMaybe<Scalars['String']['input']>;
  /** This actor. */
  readonly actor?: InputMaybe<Scalars['String']['input']>;
  /** At or after this time. */
  readonly from?: InputMaybe<Scalars['DateTime']['input']>;
  /** This outcome. */
  readonly outcome?: InputMaybe<AuditOutcome>;
  /** This target, e.g. `bmc:<id>`. */
  readonly target?: InputMaybe<Scalars['String']['input']>;
  /** Before this time. */
  readonly to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Outcome of an audited operation. */
export type AuditOutcome =
  /** Refused: wrong tenant, insufficient role or bad credentials. */
  | 'denied'
  /** Allowed, but it failed (see errorCode). */
  | 'failed'
  /** Intent recorded before a BMC action whose effect cannot be rolled back. */
  | 'started'
  /** Allowed and done. */
  | 'succeeded'
  /** Outcome of a STARTED action whose worker died, when the BMC's state cannot show whether the command arrived. */
  | 'unknown';

/**
 * A registered BMC (baseboard management controller) of the caller's tenant. Its credentials are kept
 * in the secret store and never appear in the API.
 */
export type Bmc = {
  readonly __typename?: 'Bmc';
  /** IP address or DNS name of the BMC's LAN channel. */
  readonly address: Scalars['String']['output'];
  /** LAN alert destinations (viewer; the community string for admins only). */
  readonly alertDestinations?: Maybe<AlertDestinations>;
  /** Boot device override (viewer). */
  readonly bootDevice?: Maybe<BootOptions>;
  /** Live chassis status (viewer); `maxAge` as for `power`. */
  readonly chassisStatus?: Maybe<ChassisStatus>;
  /** RMCP+ cipher suite id used to open sessions; null when negotiated from Get Channel Cipher Suites. */
  readonly cipherSuite?: Maybe<Scalars['Int']['output']>;
  /** When the BMC was registered. */
  readonly createdAt: Scalars['DateTime']['output'];
  /** Credential lifecycle state. */
  readonly credentialState: CredentialState;
  /** When the credentials were last written (registration or committed rotation). */
  readonly credentialsUpdatedAt: Scalars['DateTime']['output'];
  /** DCMI power reading (viewer). */
  readonly dcmiPower?: Maybe<DcmiPowerReading>;
  /** Device id, firmware and GUID (viewer). */
  readonly deviceInfo?: Maybe<DeviceInfo>;
  /** FRU inventory of FRU device `fruId` (0, the BMC's own FRU, by default) (viewer). */
  readonly fru?: Maybe<FruInventory>;
  /** Last known health. */
  readonly health: BmcHealth;
  /** Stable id of the BMC, unique across tenants. */
  readonly id: Scalars['ID']['output'];
  /** LAN configuration (viewer). */
  readonly lanConfig?: Maybe<LanConfig>;
  /** When scheduled collection last got an answer from the BMC (from stored monitoring data; the BMC is not contacted). Null before the first answer, and when none is among its latest 50 collections. */
  readonly lastSeen?: Maybe<Scalars['DateTime']['output']>;
  /** Power and health from scheduled collection, oldest first (default: the last 24 hours). */
  readonly monitorHistory: ReadonlyArray<MonitorSample>;
  /** Human name, unique within the tenant, e.g. the server's host name. */
  readonly name: Scalars['String']['output'];
  /** PEF control, filters and policies (viewer). */
  readonly pef?: Maybe<PefConfig>;
  /** UDP port of RMCP (623 on real BMCs). */
  readonly port: Scalars['Int']['output'];
  /**
   * Live power state (viewer). Errors carry BMC_* codes. `maxAge` is the oldest answer accepted, in
   * seconds (0 to 300): 0 asks the BMC now (sharing a read of the same BMC already in flight); absent,
   * an answer up to 1 s old may come from this server's short cache. An action on the BMC clears what
   * was cached about it, so a read after an action never returns the state from before it.
   */
  readonly power?: Maybe<PowerStatus>;
  /** DCMI power limit (viewer). */
  readonly powerLimit?: Maybe<DcmiPowerLimit>;
  /** Components at risk, from the SEL and sensor history. */
  readonly predictions: ReadonlyArray<Prediction>;
  /** Session privilege level requested when opening sessions. */
  readonly privilege: BmcPrivilege;
  /** SEL entries, newest first, a page at a time (viewer; at most 100 per page, 20 by default). */
  readonly sel?: Maybe<SelEntryConnection>;
  /** SEL summary (viewer). */
  readonly selInfo?: Maybe<SelInfo>;
  /** The SEL clock (viewer). */
  readonly selTime?: Maybe<SelClock>;
  /** Readings of one sensor from scheduled collection, oldest first (default: the last 24 hours). */
  readonly sensorHistory: ReadonlyArray<SensorSample>;
  /** Thresholds and hysteresis of one threshold sensor, by its SDR name (viewer). */
  readonly sensorThresholds?: Maybe<SensorThresholdConfig>;
  /** Every sensor with reading, unit, thresholds and state (viewer); `maxAge` as for `power`. */
  readonly sensors?: Maybe<ReadonlyArray<Sensor>>;
  /** Free-form tags used to select BMCs in fleet operations, e.g. `rack:a12`. */
  readonly tags: ReadonlyArray<Scalars['String']['output']>;
  /** When the registration last changed. */
  readonly updatedAt: Scalars['DateTime']['output'];
  /** User accounts of the BMC's channel (viewer). No passwords, ever. */
  readonly users?: Maybe<ReadonlyArray<BmcUser>>;
  /** The watchdog timer (viewer). */
  readonly watchdog?: Maybe<Watchdog>;
};


/**
 * A registered BMC (baseboard management controller) of the caller's tenant. Its credentials are kept
 * in the secret store and never appear in the API.
 */
export type BmcChassisStatusArgs = {
  maxAge?: InputMaybe<Scalars['Float']['input']>;
};


/**
 * A registered BMC (baseboard management controller) of the caller's tenant. Its credentials are kept
 * in the secret store and never appear in the API.
 */
export type BmcFruArgs = {
  fruId?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A registered BMC (baseboard management controller) of the caller's tenant. Its credentials are kept
 * in the secret store and never appear in the API.
 */
export type BmcMonitorHistoryArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * A registered BMC (baseboard management controller) of the caller's tenant. Its credentials are kept
 * in the secret store and never appear in the API.
 */
export type BmcPowerArgs = {
  maxAge?: InputMaybe<Scalars['Float']['input']>;
};


/**
 * A registered BMC (baseboard management controller) of the caller's tenant. Its credentials are kept
 * in the secret store and never appear in the API.
 */
export type BmcSelArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * A registered BMC (baseboard management controller) of the caller's tenant. Its credentials are kept
 * in the secret store and never appear in the API.
 */
export type BmcSensorHistoryArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  name: Scalars['String']['input'];
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * A registered BMC (baseboard management controller) of the caller's tenant. Its credentials are kept
 * in the secret store and never appear in the API.
 */
export type BmcSensorThresholdsArgs = {
  sensor: Scalars['String']['input'];
};


/**
 * A registered BMC (baseboard management controller) of the caller's tenant. Its credentials are kept
 * in the secret store and never appear in the API.
 */
export type BmcSensorsArgs = {
  maxAge?: InputMaybe<Scalars['Float']['input']>;
};

/** A page of BMCs, ordered by id. */
export type BmcConnection = {
  readonly __typename?: 'BmcConnection';
  /** The BMCs of this page with their cursors. */
  readonly edges: ReadonlyArray<BmcEdge>;
  /** The BMCs of this page, for clients that do not need per-edge cursors. */
  readonly nodes: ReadonlyArray<Bmc>;
  /** Where this page sits. */
  readonly pageInfo: PageInfo;
};

/**
 * Username and password the control plane uses to open sessions to a BMC. Write-only: stored in the
 * secret store, never returned, never logged, never audited.
 */
export type BmcCredentialsInput = {
  /** Optional BMC key Kg (IPMI v2.0 section 13.31), when the BMC is configured with one. */
  readonly kg?: InputMaybe<Scalars['String']['input']>;
  /** IPMI password (at most 20 bytes for RMCP+). */
  readonly password: Scalars['String']['input'];
  /** IPMI user name (at most 16 bytes, IPMI v2.0 section 13.20). */
  readonly username: Scalars['String']['input'];
};

/** One BMC of a page, with the cursor that resumes after it. */
export type BmcEdge = {
  readonly __typename?: 'BmcEdge';
  /** Opaque cursor; pass it as `after` to continue after this BMC. */
  readonly cursor: Scalars['String']['output'];
  /** The BMC. */
  readonly node: Bmc;
};

/** Why one BMC of a fleet operation has no result. One unreachable BMC is data, not a failed request. */
export type BmcError = {
  readonly __typename?: 'BmcError';
  /** Stable error code. */
  readonly code: ErrorCode;
  /** IPMI completion code, with BMC_COMMAND_FAILED. */
  readonly completionCode?: Maybe<Scalars['Int']['output']>;
  /** What happened, for humans. */
  readonly message: Scalars['String']['output'];
};

/** Which BMCs to list. All conditions must hold. */
export type BmcFilter = {
  /** Only BMCs in this health state. */
  readonly health?: InputMaybe<BmcHealth>;
  /** Only BMCs whose name contains this text (case-insensitive). */
  readonly nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Only BMCs carrying every one of these tags. */
  readonly tags?: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
};

/** Last known health of a BMC, from its sensors and reachability. */
export type BmcHealth =
  /** Reachable, some sensor past a critical or non-recoverable threshold. */
  | 'critical'
  /** Reachable, every sensor within its thresholds. */
  | 'ok'
  /** Not polled yet. */
  | 'unknown'
  /** Did not answer the last time it was asked. */
  | 'unreachable'
  /** Reachable, some sensor past a non-critical threshold. */
  | 'warning';

/** A BMC whose health changed, with its latest monitoring state. */
export type BmcHealthChange = {
  readonly __typename?: 'BmcHealthChange';
  /** The BMC; null when it was removed since. */
  readonly bmc?: Maybe<Bmc>;
  /** The BMC's id. */
  readonly bmcId: Scalars['ID']['output'];
  /** When it last changed. */
  readonly changedAt: Scalars['DateTime']['output'];
  /** Health now. */
  readonly health: BmcHealth;
  /** Power at the last collection. */
  readonly power?: Maybe<PowerState>;
};

/** A page of BMCs whose health changed. */
export type BmcHealthChangeConnection = {
  readonly __typename?: 'BmcHealthChangeConnection';
  /** The entries of this page with their cursors. */
  readonly edges: ReadonlyArray<BmcHealthChangeEdge>;
  /** The entries of this page. */
  readonly nodes: ReadonlyArray<BmcHealthChange>;
  /** Where this page sits. */
  readonly pageInfo: PageInfo;
};

/** One entry of a page of health changes. */
export type BmcHealthChangeEdge = {
  readonly __typename?: 'BmcHealthChangeEdge';
  /** Opaque cursor; pass it as `after` to continue after this entry. */
  readonly cursor: Scalars['String']['output'];
  /** The entry. */
  readonly node: BmcHealthChange;
};

/**
 * IPMI session privilege level the control plane asks for when it opens a session to a BMC
 * (IPMI v2.0 section 6.8).
 */
export type BmcPrivilege =
  /** Administrator privilege: everything, including SEL clear. */
  | 'admin'
  /** Operator privilege: reads and chassis control. */
  | 'operator'
  /** User privilege: reads only. */
  | 'user';

/** Warm (BMC restart, settings kept) or cold (full BMC reset). */
export type BmcResetKind =
  | 'cold'
  | 'warm';

/** The answer to a reset request. */
export type BmcResetResult = {
  readonly __typename?: 'BmcResetResult';
  /** False when the BMC reset before it answered (the request did reach it). */
  readonly acknowledged: Scalars['Boolean']['output'];
};

/** One user slot of the BMC's channel. There is no password field, by design. */
export type BmcUser = {
  readonly __typename?: 'BmcUser';
  /** Limited to callback connections. */
  readonly callbackOnly: Scalars['Boolean']['output'];
  /** Whether the user may log in. */
  readonly enabled: Scalars['Boolean']['output'];
  /** User id, 1 to the BMC's maximum. */
  readonly id: Scalars['Int']['output'];
  /** IPMI messaging enabled (needed for LAN sessions). */
  readonly ipmiMessaging: Scalars['Boolean']['output'];
  /** Link authentication enabled. */
  readonly linkAuth: Scalars['Boolean']['output'];
  /** User name; empty for an unused slot. */
  readonly name: Scalars['String']['output'];
  /** The highest privilege the user may take on this channel. */
  readonly privilege: BmcUserPrivilege;
};

/** A BMC user change, before and after. */
export type BmcUserChange = {
  readonly __typename?: 'BmcUserChange';
  /** The user read after the change. */
  readonly after: BmcUser;
  /** The user read before the change. */
  readonly before: BmcUser;
};

/** Privilege limit of a BMC user (IPMI v2.0 section 22.27). */
export type BmcUserPrivilege =
  | 'admin'
  | 'callback'
  | 'no-access'
  | 'oem'
  | 'operator'
  | 'user';

/** Boot device override for the next boot (IPMI v2.0 section 28.13 Table 28-14, boot option parameter 5). */
export type BootDevice =
  /** Stop in the BIOS setup. */
  | 'bios'
  /** CD/DVD. */
  | 'cdrom'
  /** Default hard disk. */
  | 'disk'
  /** No override. */
  | 'none'
  /** Network boot (PXE). */
  | 'pxe';

/** Boot options of the next boot. */
export type BootOptions = {
  readonly __typename?: 'BootOptions';
  /** Boot device override. */
  readonly device: BootDevice;
  /** Boot in EFI mode rather than legacy. */
  readonly efi: Scalars['Boolean']['output'];
  /** Applies to every boot, not only the next. */
  readonly persistent: Scalars['Boolean']['output'];
};

/** Get Chassis Status (IPMI v2.0 section 28.2 Table 28-3), decoded. */
export type ChassisStatus = {
  readonly __typename?: 'ChassisStatus';
  /** A cooling or fan fault is reported. */
  readonly coolingFault: Scalars['Boolean']['output'];
  /** A drive fault is reported. */
  readonly driveFault: Scalars['Boolean']['output'];
  /** The front panel buttons are locked out. */
  readonly frontPanelLockout: Scalars['Boolean']['output'];
  /** Identify indicator state. */
  readonly identify: IdentifyState;
  /** The chassis intrusion sensor is active. */
  readonly intrusion: Scalars['Boolean']['output'];
  /** Causes of the last power event, as the spec names them. */
  readonly lastPowerEvent: ReadonlyArray<Scalars['String']['output']>;
  /** Power state. */
  readonly power: PowerState;
  /** The power control could not change the power state. */
  readonly powerControlFault: Scalars['Boolean']['output'];
  /** A fault was detected in the main power subsystem. */
  readonly powerFault: Scalars['Boolean']['output'];
  /** The power interlock is active. */
  readonly powerInterlock: Scalars['Boolean']['output'];
  /** A power overload was detected. */
  readonly powerOverload: Scalars['Boolean']['output'];
  /** When it was read from the BMC (the start of that round trip): how old the answer is. Null in fleet results. */
  readonly readAt?: Maybe<Scalars['DateTime']['output']>;
  /** Policy after AC power returns. */
  readonly restorePolicy: PowerRestorePolicy;
};

/** A cipher suite id and the highest privilege it is allowed (one letter as ipmitool prints it: X c u o a O). */
export type CipherSuitePrivilege = {
  readonly __typename?: 'CipherSuitePrivilege';
  /** Cipher suite id. */
  readonly id: Scalars['Int']['output'];
  /** Highest privilege allowed with it, as one letter. */
  readonly privilege: Scalars['String']['output'];
};

/** Result of clearSel. */
export type ClearSelPayload = {
  readonly __typename?: 'ClearSelPayload';
  /** The BMC whose SEL was erased. */
  readonly bmc: Bmc;
};

/** An API key to create. */
export type CreateApiKeyInput = {
  /**
   * When it stops working; must be in the future and within 365 days. Omitted or null: 90 days from
   * now. Every key expires, so a leaked key that nobody revokes stops working by itself.
   */
  readonly expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Human name. */
  readonly name: Scalars['String']['input'];
  /** Role the key grants. */
  readonly role: Role;
  /** Narrows the key to some BMCs and operations; omit for its whole role. */
  readonly scope?: InputMaybe<ApiKeyScopeInput>;
};

/** Result of createApiKey. */
export type CreateApiKeyPayload = {
  readonly __typename?: 'CreateApiKeyPayload';
  /** The stored key. */
  readonly apiKey: ApiKey;
  /** The key to send in the `x-api-key` header. Shown this once: it cannot be read again. */
  readonly key: Scalars['String']['output'];
};

/** A new webhook. */
export type CreateWebhookInput = {
  /** At most 200 characters. */
  readonly description?: InputMaybe<Scalars['String']['input']>;
  /** Event kinds to receive (see Event.kind); absent for every kind. */
  readonly events?: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
  /** An absolute https URL (http and loopback only in local mode); its host may not resolve to loopback, link-local or private addresses unless the operator allows them. */
  readonly url: Scalars['String']['input'];
};

/** Result of createWebhook. */
export type CreateWebhookPayload = {
  readonly __typename?: 'CreateWebhookPayload';
  /** The key deliveries are signed with (HMAC-SHA256 over `<timestamp>.<body>`). Shown this once: it cannot be read again. */
  readonly signingKey: Scalars['String']['output'];
  /** The stored webhook. */
  readonly webhook: Webhook;
};

/** How a credential rotation reaches the BMC. */
export type CredentialRotationMode =
  /** The BMC was already changed out of band: only verify the new credentials, then commit them. */
  | 'already-changed'
  /** Change the current user's password on the BMC with the current credentials, then verify the new ones. */
  | 'set-on-bmc';

/**
 * A committed credential rotation (a `bmc.credentials.rotate` job's task). The new credentials are
 * current; the ones before them are kept as the previous version. Passwords never appear here.
 */
export type CredentialRotationResult = {
  readonly __typename?: 'CredentialRotationResult';
  /** When they were committed. */
  readonly committedAt: Scalars['DateTime']['output'];
  /** How the rotation proved the credentials. */
  readonly mode: CredentialRotationMode;
  /** True when a worker died mid-rotation and the next one found out from the BMC what had been done, before sending anything again. */
  readonly recovered: Scalars['Boolean']['output'];
  /** User name of the committed credentials. */
  readonly username: Scalars['String']['output'];
};

/** Credential lifecycle of a BMC. */
export type CredentialState =
  /** Credentials are committed and in use. */
  | 'ok'
  /** A rotation is in progress; polling of this BMC pauses until it commits or rolls back. */
  | 'rotating';

/** DCMI power limit (DCMI v1.5 section 6.6.2). */
export type DcmiPowerLimit = {
  readonly __typename?: 'DcmiPowerLimit';
  /** False when a limit is stored but not active. */
  readonly active: Scalars['Boolean']['output'];
  /** Time allowed to bring power under the limit. */
  readonly correctionMs: Scalars['Float']['output'];
  /** Action when the limit cannot be kept. */
  readonly exceptionAction: PowerLimitExceptionAction;
  /** Limit in watts. */
  readonly limit: Scalars['Int']['output'];
  /** Sampling period. */
  readonly samplingSeconds: Scalars['Int']['output'];
};

/** DCMI power reading (DCMI v1.5 section 6.6.1), watts. */
export type DcmiPowerReading = {
  readonly __typename?: 'DcmiPowerReading';
  /** Average over the period. */
  readonly average: Scalars['Float']['output'];
  /** Current power. */
  readonly current: Scalars['Float']['output'];
  /** Maximum over the period. */
  readonly maximum: Scalars['Float']['output'];
  /** Minimum over the period. */
  readonly minimum: Scalars['Float']['output'];
  /** The statistics period. */
  readonly periodSeconds: Scalars['Float']['output'];
};

/** Result of deleteWebhook. */
export type DeleteWebhookPayload = {
  readonly __typename?: 'DeleteWebhookPayload';
  /** The id of the webhook deleted. */
  readonly id: Scalars['ID']['output'];
};

/** Get Device ID (IPMI v2.0 section 20.1) and Get Device GUID (section 20.8). */
export type DeviceInfo = {
  readonly __typename?: 'DeviceInfo';
  /** Device id byte. */
  readonly deviceId: Scalars['Int']['output'];
  /** Device revision. */
  readonly deviceRevision: Scalars['Int']['output'];
  /** Firmware version, major.minor. */
  readonly firmwareVersion: Scalars['String']['output'];
  /** Device GUID, when the BMC reports one. */
  readonly guid?: Maybe<Scalars['String']['output']>;
  /** IPMI version the BMC implements, e.g. 2.0. */
  readonly ipmiVersion: Scalars['String']['output'];
  /** Manufacturer name when the enterprise number is known. */
  readonly manufacturer?: Maybe<Scalars['String']['output']>;
  /** IANA enterprise number of the manufacturer. */
  readonly manufacturerId: Scalars['Int']['output'];
  /** Product id. */
  readonly productId: Scalars['Int']['output'];
};

/**
 * Stable error codes, found in `errors[].extensions.code` of a failed field and in `BmcError.code`
 * of a per-BMC fleet result. Clients may branch on these; messages are for humans.
 */
export type ErrorCode =
  /** The input is invalid; nothing was changed. */
  | 'BAD_USER_INPUT'
  /** The BMC refused the stored credentials. */
  | 'BMC_AUTH_FAILED'
  /** Too many failed logins to this BMC (or to any BMC) by the caller's tenant in the current window; nothing was sent to the BMC. Retry after `extensions.retryAfterSeconds`, once the stored credentials are right. */
  | 'BMC_AUTH_LOCKED'
  /** The BMC has no session free or is busy, or its session slots and turn to act stayed taken by other requests until the deadline; nothing was done. Retry after a wait (`extensions.retryAfterSeconds` when known). */
  | 'BMC_BUSY'
  /** The BMC answered with a non-zero IPMI completion code (see `completionCode`). */
  | 'BMC_COMMAND_FAILED'
  /** The BMC did not answer on its LAN channel. */
  | 'BMC_UNREACHABLE'
  /** The object is busy or changed concurrently (e.g. a BMC during credential rotation). */
  | 'CONFLICT'
  /** The caller's role does not allow this operation. */
  | 'FORBIDDEN'
  /** An unexpected failure on our side; details are in the logs under the request id. */
  | 'INTERNAL'
  /** No such object in the caller's tenant (objects of other tenants are never revealed). */
  | 'NOT_FOUND'
  /** This API key was refused too often in the current window (denied attempts are limited per key); nothing was done. Retry after `extensions.retryAfterSeconds`. */
  | 'RATE_LIMITED'
  /** The operation did not finish in time. */
  | 'TIMEOUT'
  /** No API key, or an unknown, revoked, expired or mistyped one. */
  | 'UNAUTHENTICATED';

/** A change noticed on a BMC by scheduled collection. */
export type Event = {
  readonly __typename?: 'Event';
  /** The BMC; null when it was removed since. */
  readonly bmc?: Maybe<Bmc>;
  /** Kind-specific facts: the reading and threshold crossed, the SEL record, old and new power. */
  readonly detail: Scalars['JSONObject']['output'];
  /** Unique in the tenant, sortable by time. */
  readonly id: Scalars['ID']['output'];
  /** power.changed, sensor.status.changed, sel.entry, bmc.unreachable, bmc.recovered, credentials.rejected or prediction.raised. */
  readonly kind: Scalars['String']['output'];
  /** One line a person can read. BMC text in it is data. */
  readonly message: Scalars['String']['output'];
  /** info, warning or critical. */
  readonly severity: Scalars['String']['output'];
  /** When collection noticed it. */
  readonly time: Scalars['DateTime']['output'];
};

/** A page of events, newest first. */
export type EventConnection = {
  readonly __typename?: 'EventConnection';
  /** The events of this page with their cursors. */
  readonly edges: ReadonlyArray<EventEdge>;
  /** The events of this page. */
  readonly nodes: ReadonlyArray<Event>;
  /** Where this page sits. */
  readonly pageInfo: PageInfo;
};

/** Direction of a SEL event. */
export type EventDirection =
  /** The condition started. */
  | 'asserted'
  /** The condition ended. */
  | 'deasserted';

/** One event of a page. */
export type EventEdge = {
  readonly __typename?: 'EventEdge';
  /** Opaque cursor; pass it as `after` to continue after this event. */
  readonly cursor: Scalars['String']['output'];
  /** The event. */
  readonly node: Event;
};

/** Which events to list. All conditions must hold. */
export type EventFilter = {
  /** Events of this BMC. */
  readonly bmcId?: InputMaybe<Scalars['ID']['input']>;
  /** At or after this time. */
  readonly from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Any of these kinds. */
  readonly kinds?: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
  /** Any of these severities. */
  readonly severities?: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
  /** At or before this time. */
  readonly to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A power action on many BMCs. */
export type FleetPowerActionInput = {
  /** What to do. */
  readonly action: PowerAction;
  /** Which BMCs. */
  readonly target: FleetTargetInput;
};

/** Result of fleetPowerAction: the job that runs it, one task per BMC. */
export type FleetPowerActionPayload = {
  readonly __typename?: 'FleetPowerActionPayload';
  /** The job, queued; poll `job(id)` for progress and page its tasks for each BMC's outcome. */
  readonly job: Job;
};

/** Power state of many BMCs. */
export type FleetPowerStatusPayload = {
  readonly __typename?: 'FleetPowerStatusPayload';
  /** One result per BMC, in the order of the ids given or by name for tags. */
  readonly results: ReadonlyArray<FleetPowerStatusResult>;
  /** Counts. */
  readonly summary: FleetSummary;
};

/** Power state of one BMC of a fleet. */
export type FleetPowerStatusResult = {
  readonly __typename?: 'FleetPowerStatusResult';
  /** The BMC; null when an id named no BMC of the tenant. */
  readonly bmc?: Maybe<Bmc>;
  /** Id of the BMC. */
  readonly bmcId: Scalars['ID']['output'];
  /** Its power state, or the error. */
  readonly outcome: PowerStatusOutcome;
};

/** Reads a fleet job can make. */
export type FleetRead =
  /** Power state. */
  | 'fleet.powerStatus'
  /** Every sensor. */
  | 'fleet.sensors';

/** A read over many BMCs, run as a job. */
export type FleetReadJobInput = {
  /** What to read. */
  readonly read: FleetRead;
  /** Which BMCs. */
  readonly target: FleetTargetInput;
};

/** Sensors of many BMCs. */
export type FleetSensorsPayload = {
  readonly __typename?: 'FleetSensorsPayload';
  /** One result per BMC. */
  readonly results: ReadonlyArray<FleetSensorsResult>;
  /** Counts. */
  readonly summary: FleetSummary;
};

/** Sensors of one BMC of a fleet. */
export type FleetSensorsResult = {
  readonly __typename?: 'FleetSensorsResult';
  /** The BMC; null when an id named no BMC of the tenant. */
  readonly bmc?: Maybe<Bmc>;
  /** Id of the BMC. */
  readonly bmcId: Scalars['ID']['output'];
  /** Its sensors, or the error. */
  readonly outcome: SensorsOutcome;
};

/** Counts of a fleet operation's results. */
export type FleetSummary = {
  readonly __typename?: 'FleetSummary';
  /** BMCs with an error result. */
  readonly failed: Scalars['Int']['output'];
  /** BMCs that answered. */
  readonly succeeded: Scalars['Int']['output'];
  /** BMCs covered. */
  readonly total: Scalars['Int']['output'];
};

/** Which BMCs a fleet operation covers: exactly one of `ids` or `tags`. */
export type FleetTargetInput = {
  /** These BMCs (at most 1000). */
  readonly ids?: InputMaybe<ReadonlyArray<Scalars['ID']['input']>>;
  /** Every BMC carrying all of these tags. */
  readonly tags?: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
};

/** FRU board info area. */
export type FruBoard = {
  readonly __typename?: 'FruBoard';
  /** Custom fields. */
  readonly extra: ReadonlyArray<Scalars['String']['output']>;
  /** FRU file id. */
  readonly fileId: Scalars['String']['output'];
  /** Manufacturer. */
  readonly manufacturer: Scalars['String']['output'];
  /** Manufacturing date. */
  readonly mfgDate?: Maybe<Scalars['DateTime']['output']>;
  /** Part number. */
  readonly partNumber: Scalars['String']['output'];
  /** Board product name. */
  readonly product: Scalars['String']['output'];
  /** Serial number. */
  readonly serial: Scalars['String']['output'];
};

/**
 * FRU chassis info area. Every text field of the FRU types comes from the BMC and is untrusted:
 * control characters, terminal escapes, CR/LF and bidi marks are replaced with U+FFFD; markup is
 * returned as text, for the client to escape.
 */
export type FruChassis = {
  readonly __typename?: 'FruChassis';
  /** Custom fields. */
  readonly extra: ReadonlyArray<Scalars['String']['output']>;
  /** Part number. */
  readonly partNumber: Scalars['String']['output'];
  /** Serial number. */
  readonly serial: Scalars['String']['output'];
  /** Chassis type as the SMBIOS spec names it. */
  readonly type: Scalars['String']['output'];
};

/** FRU inventory (Platform Management FRU Information Storage Definition v1.0); an absent area is null. */
export type FruInventory = {
  readonly __typename?: 'FruInventory';
  /** Board info area. */
  readonly board?: Maybe<FruBoard>;
  /** Chassis info area. */
  readonly chassis?: Maybe<FruChassis>;
  /** Product info area. */
  readonly product?: Maybe<FruProduct>;
};

/** FRU product info area. */
export type FruProduct = {
  readonly __typename?: 'FruProduct';
  /** Asset tag. */
  readonly assetTag: Scalars['String']['output'];
  /** Custom fields. */
  readonly extra: ReadonlyArray<Scalars['String']['output']>;
  /** FRU file id. */
  readonly fileId: Scalars['String']['output'];
  /** Manufacturer. */
  readonly manufacturer: Scalars['String']['output'];
  /** Product name. */
  readonly name: Scalars['String']['output'];
  /** Part number. */
  readonly partNumber: Scalars['String']['output'];
  /** Serial number. */
  readonly serial: Scalars['String']['output'];
  /** Version. */
  readonly version: Scalars['String']['output'];
};

/** Chassis identify request: a number of seconds, forced on, or off. */
export type IdentifyInput = {
  /** Id of the BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** Light the indicator until turned off. */
  readonly force?: InputMaybe<Scalars['Boolean']['input']>;
  /** Turn the indicator off. */
  readonly off?: InputMaybe<Scalars['Boolean']['input']>;
  /** Seconds to light the indicator (1-255); 15 when neither seconds, force nor off is given. */
  readonly seconds?: InputMaybe<Scalars['Int']['input']>;
};

/** Result of identify. */
export type IdentifyPayload = {
  readonly __typename?: 'IdentifyPayload';
  /** The BMC. */
  readonly bmc: Bmc;
};

/** Chassis identify indicator state (IPMI v2.0 section 28.2 Table 28-3). */
export type IdentifyState =
  /** On until turned off. */
  | 'indefinite'
  /** Off. */
  | 'off'
  /** On for a limited time. */
  | 'temporary'
  /** The BMC does not report it. */
  | 'unsupported';

/**
 * Work that may outlive one request, such as a power action on many BMCs: one task per BMC, run by
 * workers. Start one (`fleetPowerAction`, `startFleetReadJob`, `solCapture`, `rotateBmcCredentials`),
 * then poll `job(id)`.
 */
export type Job = {
  readonly __typename?: 'Job';
  /** The power action, for `fleet.power` jobs. */
  readonly action?: Maybe<PowerAction>;
  /** When it was cancelled. */
  readonly cancelledAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who cancelled it. */
  readonly cancelledBy?: Maybe<Scalars['String']['output']>;
  /** When it was started. */
  readonly createdAt: Scalars['DateTime']['output'];
  /** Job id. */
  readonly id: Scalars['ID']['output'];
  /** What it does: `fleet.power`, `fleet.identify`, `fleet.powerStatus`, `fleet.sensors` (one task per BMC), `bmc.sol` or `bmc.credentials.rotate` (one task, its BMC). */
  readonly kind: Scalars['String']['output'];
  /** Counts of its tasks. */
  readonly progress: JobProgress;
  /** Actor who started it (e.g. `apikey:<id>`); its tasks run with that actor's role. */
  readonly startedBy: Scalars['String']['output'];
  /** Role of that actor. */
  readonly startedByRole: Role;
  /** Where it is. */
  readonly state: JobState;
  /** Its tasks, one per BMC, in order. */
  readonly tasks: JobTaskConnection;
  /** When it last changed. */
  readonly updatedAt: Scalars['DateTime']['output'];
};


/**
 * Work that may outlive one request, such as a power action on many BMCs: one task per BMC, run by
 * workers. Start one (`fleetPowerAction`, `startFleetReadJob`, `solCapture`, `rotateBmcCredentials`),
 * then poll `job(id)`.
 */
export type JobTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of jobs, newest first. */
export type JobConnection = {
  readonly __typename?: 'JobConnection';
  /** The jobs of this page with their cursors. */
  readonly edges: ReadonlyArray<JobEdge>;
  /** The jobs of this page. */
  readonly nodes: ReadonlyArray<Job>;
  /** Where this page sits. */
  readonly pageInfo: PageInfo;
};

/** One job of a page. */
export type JobEdge = {
  readonly __typename?: 'JobEdge';
  /** Opaque cursor; pass it as `after` to continue after this job. */
  readonly cursor: Scalars['String']['output'];
  /** The job. */
  readonly node: Job;
};

/** Narrows `jobs`; every given field must match. */
export type JobFilter = {
  /** Only jobs of this kind. */
  readonly kind?: InputMaybe<Scalars['String']['input']>;
  /** Only jobs in this state. */
  readonly state?: InputMaybe<JobState>;
};

/**
 * Counts of a job's tasks. `done` counts every task in a final state (cancelled ones included);
 * `failed` includes UNKNOWN tasks.
 */
export type JobProgress = {
  readonly __typename?: 'JobProgress';
  /** Tasks in a final state. */
  readonly done: Scalars['Int']['output'];
  /** Tasks that failed or whose outcome is unknown. */
  readonly failed: Scalars['Int']['output'];
  /** Tasks that succeeded. */
  readonly succeeded: Scalars['Int']['output'];
  /** Tasks in the job: one per BMC. */
  readonly total: Scalars['Int']['output'];
};

/**
 * Where a job is. QUEUED and RUNNING are live; the others are final. A job is SUCCEEDED when every
 * task succeeded, FAILED when none did, PARTIALLY_SUCCEEDED in between, CANCELLED when cancelled
 * before all its tasks ran.
 */
export type JobState =
  /** Cancelled: tasks that had not started did not run; running ones finished. */
  | 'cancelled'
  /** Every task failed. */
  | 'failed'
  /** Some tasks succeeded, some failed. */
  | 'partially_succeeded'
  /** Accepted; no task has started yet. */
  | 'queued'
  /** Tasks are running or waiting for a worker. */
  | 'running'
  /** Every task succeeded. */
  | 'succeeded';

/** One BMC's share of a job. */
export type JobTask = {
  readonly __typename?: 'JobTask';
  /** How many times a worker took it (more than one after a worker died or timed out). */
  readonly attempts: Scalars['Int']['output'];
  /** The BMC; null when the id names no BMC of the tenant (any more). */
  readonly bmc?: Maybe<Bmc>;
  /** Id of the BMC. */
  readonly bmcId: Scalars['ID']['output'];
  /** When the job created it. */
  readonly createdAt: Scalars['DateTime']['output'];
  /** Why it failed or is unknown. */
  readonly error?: Maybe<BmcError>;
  /** When it reached its final state. */
  readonly finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Position in the job, from 0; tasks page in this order. */
  readonly index: Scalars['Int']['output'];
  /** What it produced, when it produced something. */
  readonly result?: Maybe<JobTaskResult>;
  /** When a worker first took it. */
  readonly startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where the task is. */
  readonly state: JobTaskState;
};

/** A page of a job's tasks, in index order. */
export type JobTaskConnection = {
  readonly __typename?: 'JobTaskConnection';
  /** The tasks of this page with their cursors. */
  readonly edges: ReadonlyArray<JobTaskEdge>;
  /** The tasks of this page. */
  readonly nodes: ReadonlyArray<JobTask>;
  /** Where this page sits. */
  readonly pageInfo: PageInfo;
};

/** One task of a page. */
export type JobTaskEdge = {
  readonly __typename?: 'JobTaskEdge';
  /** Opaque cursor; pass it as `after` to continue after this task. */
  readonly cursor: Scalars['String']['output'];
  /** The task. */
  readonly node: JobTask;
};

/**
 * What a task produced: the power state read, the sensors read, the power action's read-back, a
 * console capture, or a committed credential rotation.
 */
export type JobTaskResult = CredentialRotationResult | PowerActionResult | PowerStatus | SensorList | SolCaptureResult;

/**
 * Where one task (one BMC of a job) is. Each task ends exactly once in SUCCEEDED, FAILED, UNKNOWN or
 * CANCELLED.
 */
export type JobTaskState =
  /** The job was cancelled before this task started. */
  | 'cancelled'
  /** Failed; see `error`. */
  | 'failed'
  /** Waiting for a worker. */
  | 'queued'
  /** A worker holds it (under a lease: if the worker dies, another one takes it over). */
  | 'running'
  /** Done; see `result`. */
  | 'succeeded'
  /** A command may or may not have reached the BMC and its state cannot tell (e.g. a power cycle whose worker died); it was not sent again. Counted as failed. */
  | 'unknown';

/** The LAN channel's configuration (IPMI v2.0 section 23.2). */
export type LanConfig = {
  readonly __typename?: 'LanConfig';
  /** Authentication types enabled per privilege level (IPMI 1.5 sessions), as a JSON object; null when the BMC does not say. */
  readonly authTypeEnables?: Maybe<Scalars['JSONObject']['output']>;
  /** LAN channel number. */
  readonly channel: Scalars['Int']['output'];
  /** Cipher suites and their privilege limits; null when the BMC does not say. */
  readonly cipherSuitePrivileges?: Maybe<ReadonlyArray<CipherSuitePrivilege>>;
  /** Default gateway address. */
  readonly gateway: Scalars['String']['output'];
  /** IPv4 address. */
  readonly ipAddress: Scalars['String']['output'];
  /** unspecified, static, dhcp, bios or other. */
  readonly ipSource: Scalars['String']['output'];
  /** The BMC's MAC address. */
  readonly macAddress: Scalars['String']['output'];
  /** Subnet mask. */
  readonly netmask: Scalars['String']['output'];
  /** 802.1q VLAN id; null when tagging is off. */
  readonly vlanId?: Maybe<Scalars['Int']['output']>;
  /** 802.1q priority 0-7; null when the BMC does not say. */
  readonly vlanPriority?: Maybe<Scalars['Int']['output']>;
};

/** A LAN configuration change, before and after. */
export type LanConfigChange = {
  readonly __typename?: 'LanConfigChange';
  /** Configuration read after the change. */
  readonly after: LanConfig;
  /** Configuration read before the change. */
  readonly before: LanConfig;
};

/** How the BMC gets its address. */
export type LanIpSource =
  | 'dhcp'
  | 'static';

/** Power and health of one BMC at one collection. */
export type MonitorSample = {
  readonly __typename?: 'MonitorSample';
  /** Health after the SDR hysteresis. */
  readonly health: BmcHealth;
  /** Power state; null when it was not read (the BMC did not answer, or the policy does not collect it). */
  readonly power?: Maybe<PowerState>;
  /** When it was collected. */
  readonly time: Scalars['DateTime']['output'];
};

/** What to collect for the BMCs of one rule. */
export type MonitoringCollect = {
  readonly __typename?: 'MonitoringCollect';
  /** Power state. */
  readonly power: Scalars['Boolean']['output'];
  /** New SEL entries. */
  readonly sel: Scalars['Boolean']['output'];
  /** Sensor readings and statuses. */
  readonly sensors: Scalars['Boolean']['output'];
};

/** What to collect in one rule; absent items are collected. */
export type MonitoringCollectInput = {
  /** Power state. */
  readonly power?: InputMaybe<Scalars['Boolean']['input']>;
  /** New SEL entries. */
  readonly sel?: InputMaybe<Scalars['Boolean']['input']>;
  /** Sensor readings and statuses. */
  readonly sensors?: InputMaybe<Scalars['Boolean']['input']>;
};

/** The tenant's monitoring policy: the default collects everything from every BMC every 5 minutes. */
export type MonitoringPolicy = {
  readonly __typename?: 'MonitoringPolicy';
  /** Off: nothing is collected. */
  readonly enabled: Scalars['Boolean']['output'];
  /** Days history is kept (1 to 400, default 14). */
  readonly historyDays: Scalars['Int']['output'];
  /** Rules in order; each BMC follows the first whose tag it carries. */
  readonly rules: ReadonlyArray<MonitoringRule>;
  /** When an admin last changed it; null while the default applies. */
  readonly updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who last changed it. */
  readonly updatedBy?: Maybe<Scalars['String']['output']>;
};

/** One rule of a monitoring policy: BMCs carrying `tag` (or every BMC no earlier rule took, when null). */
export type MonitoringRule = {
  readonly __typename?: 'MonitoringRule';
  /** What is collected. */
  readonly collect: MonitoringCollect;
  /** Seconds between collections (60 to 86400). */
  readonly intervalSeconds: Scalars['Int']['output'];
  /** The tag; null for the catch-all rule. */
  readonly tag?: Maybe<Scalars['String']['output']>;
};

/** One rule of a new policy. */
export type MonitoringRuleInput = {
  /** What to collect. */
  readonly collect?: InputMaybe<MonitoringCollectInput>;
  /** Seconds between collections (60 to 86400); default 300. */
  readonly intervalSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** A tag some BMC of the tenant carries; absent for the catch-all rule. */
  readonly tag?: InputMaybe<Scalars['String']['input']>;
};

/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type Mutation = {
  readonly __typename?: 'Mutation';
  /** Adds a system event record to the SEL (admin). */
  readonly addSelEntry: AddSelEntryResult;
  /** Cancels a job: tasks that have not started do not run, running ones finish (the role the job needs). A finished job is a CONFLICT. */
  readonly cancelJob: Job;
  /** Erases the System Event Log (admin: the SEL is evidence). */
  readonly clearSel: ClearSelPayload;
  /** Creates an API key; its secret is in the answer and nowhere else (admin). */
  readonly createApiKey: CreateApiKeyPayload;
  /** Creates a webhook; its signing secret is in the answer and nowhere else (admin, audited). */
  readonly createWebhook: CreateWebhookPayload;
  /** Deletes a webhook; its pending deliveries fail (admin, audited). */
  readonly deleteWebhook: DeleteWebhookPayload;
  /** The same power action on many BMCs, as a job with one task per BMC (operator). Answers at once with the queued job. */
  readonly fleetPowerAction: FleetPowerActionPayload;
  /** Lights or turns off the chassis identify indicator (operator). */
  readonly identify: IdentifyPayload;
  /** Power on, off, cycle, reset, soft shutdown or diagnostic interrupt (operator). */
  readonly powerAction: PowerActionPayload;
  /** A raw IPMI request (admin, where the tenant's rawCommands setting is on); audited with its bytes. */
  readonly rawBmcCommand: RawBmcCommandResult;
  /** Makes a failed delivery pending again with a fresh set of attempts and attempts it now (admin, audited). */
  readonly redriveWebhookDelivery: WebhookDelivery;
  /** Registers a BMC and stores its credentials (admin). */
  readonly registerBmc: RegisterBmcPayload;
  /** Removes a BMC and deletes its credentials (admin). */
  readonly removeBmc: RemoveBmcPayload;
  /** Warm or cold reset of the BMC (admin, with confirm). */
  readonly resetBmc: BmcResetResult;
  /** Revokes an API key at once (admin). */
  readonly revokeApiKey: RevokeApiKeyPayload;
  /**
   * Replaces a BMC's credentials (admin), as a job of one task: the request checks the input,
   * marks the BMC rotating (its polling and actions pause) and keeps the new credentials as a
   * pending version; the worker changes, verifies, then commits them, keeping the previous ones.
   * A worker that dies mid-rotation is followed by one that asks the BMC which credentials it
   * takes before sending anything again. The task's result is a `CredentialRotationResult`.
   */
  readonly rotateBmcCredentials: StartJobPayload;
  /** Points an alert destination at an SNMP trap receiver (admin). */
  readonly setAlertDestination: AlertDestinations;
  /** Sets a BMC user's name, privilege limit or enabled state (admin). */
  readonly setBmcUser: BmcUserChange;
  /** Sets a BMC user's password (admin); the answer is the user, never the password. */
  readonly setBmcUserPassword: BmcUser;
  /** Sets the boot device override (operator). */
  readonly setBootDevice: SetBootDevicePayload;
  /** Changes the LAN configuration (admin), guarded by `confirm`. */
  readonly setLanConfig: LanConfigChange;
  /** Changes the monitoring policy (admin); on record in the tenant's audit chain, refusals too. */
  readonly setMonitoringPolicy: MonitoringPolicy;
  /** Turns PEF on or off (admin). */
  readonly setPefEnabled: PefConfig;
  /** Sets the DCMI power limit (admin). */
  readonly setPowerLimit: DcmiPowerLimit;
  /** Sets the SEL clock (admin). */
  readonly setSelTime: SelTimeChange;
  /** Sets thresholds and hysteresis within what the SDR allows (admin). */
  readonly setSensorThresholds: SensorThresholdConfig;
  /**
   * Captures the serial console (operator). A capture may last minutes, longer than a request
   * may, so it runs as a job of one task: poll `job(id)`; the task's result is a
   * `SolCaptureResult`.
   */
  readonly solCapture: StartJobPayload;
  /** Lights the chassis identify indicator of many BMCs for `seconds`, as a `fleet.identify` job with one task per BMC (operator); each task is audited as `bmc.identify`. Answers at once with the queued job; its tasks have no `result`, their state says it all. */
  readonly startFleetIdentify: StartJobPayload;
  /** Reads many BMCs as a job (viewer): for more BMCs than `fleetPowerStatus` and `fleetSensors` answer at once. */
  readonly startFleetReadJob: StartJobPayload;
  /** Sends a signed `webhook.test` delivery now and returns how it went; retried like any other when it fails (admin, audited). */
  readonly testWebhook: WebhookDelivery;
  /** Changes a BMC's registration (admin). */
  readonly updateBmc: UpdateBmcPayload;
  /** Changes the tenant's settings (admin); the change is an event of the tenant's audit chain. */
  readonly updateTenantSettings: TenantSettings;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationAddSelEntryArgs = {
  input: AddSelEntryInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationCancelJobArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationClearSelArgs = {
  bmcId: Scalars['ID']['input'];
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationCreateWebhookArgs = {
  input: CreateWebhookInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationDeleteWebhookArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationFleetPowerActionArgs = {
  input: FleetPowerActionInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationIdentifyArgs = {
  input: IdentifyInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationPowerActionArgs = {
  input: PowerActionInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationRawBmcCommandArgs = {
  input: RawBmcCommandInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationRedriveWebhookDeliveryArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationRegisterBmcArgs = {
  input: RegisterBmcInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationRemoveBmcArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationResetBmcArgs = {
  input: ResetBmcInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationRotateBmcCredentialsArgs = {
  input: RotateBmcCredentialsInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationSetAlertDestinationArgs = {
  input: SetAlertDestinationInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationSetBmcUserArgs = {
  input: SetBmcUserInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationSetBmcUserPasswordArgs = {
  input: SetBmcUserPasswordInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationSetBootDeviceArgs = {
  input: SetBootDeviceInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationSetLanConfigArgs = {
  input: SetLanConfigInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationSetMonitoringPolicyArgs = {
  input: SetMonitoringPolicyInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationSetPefEnabledArgs = {
  input: SetPefEnabledInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationSetPowerLimitArgs = {
  input: SetPowerLimitInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationSetSelTimeArgs = {
  input: SetSelTimeInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationSetSensorThresholdsArgs = {
  input: SetSensorThresholdsInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationSolCaptureArgs = {
  input: SolCaptureInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationStartFleetIdentifyArgs = {
  input: StartFleetIdentifyInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationStartFleetReadJobArgs = {
  input: FleetReadJobInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationTestWebhookArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationUpdateBmcArgs = {
  input: UpdateBmcInput;
};


/**
 * Every change. Each mutation, allowed or denied, succeeded or failed, is recorded as an audit event
 * before its answer is returned.
 */
export type MutationUpdateTenantSettingsArgs = {
  input: UpdateTenantSettingsInput;
};

/** Relay cursor pagination state of one page of a connection. */
export type PageInfo = {
  readonly __typename?: 'PageInfo';
  /** Cursor of the last edge of this page, null when the page is empty. */
  readonly endCursor?: Maybe<Scalars['String']['output']>;
  /** True when another page follows; pass `endCursor` as `after` to get it. */
  readonly hasNextPage: Scalars['Boolean']['output'];
  /** Always false: connections page forward only. */
  readonly hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge of this page, null when the page is empty. */
  readonly startCursor?: Maybe<Scalars['String']['output']>;
};

/** Platform Event Filtering: control, event filters and alert policies (filters and policies as the library decodes them). */
export type PefConfig = {
  readonly __typename?: 'PefConfig';
  /** Global PEF control. */
  readonly control: PefControl;
  /** Event filter table entries. */
  readonly filters: ReadonlyArray<Scalars['JSONObject']['output']>;
  /** Alert policy table entries. */
  readonly policies: ReadonlyArray<Scalars['JSONObject']['output']>;
};

/** PEF global control (IPMI v2.0 section 30.3, parameter 1). */
export type PefControl = {
  readonly __typename?: 'PefControl';
  /** Alert startup delay on. */
  readonly alertStartupDelay: Scalars['Boolean']['output'];
  /** PEF on. */
  readonly enabled: Scalars['Boolean']['output'];
  /** Event messages for PEF actions on. */
  readonly eventMessages: Scalars['Boolean']['output'];
  /** PEF startup delay on. */
  readonly startupDelay: Scalars['Boolean']['output'];
};

/** Chassis Control actions (IPMI v2.0 section 28.3 Table 28-4). */
export type PowerAction =
  /** Power down, wait, power up. */
  | 'cycle'
  /** Pulse a diagnostic interrupt (NMI). */
  | 'diag'
  /** Hard power down, without warning the operating system. */
  | 'off'
  /** Power up. */
  | 'on'
  /** Hard reset. */
  | 'reset'
  /** Soft shutdown through ACPI: asks the operating system to shut down. */
  | 'soft';

/** A power action on one BMC. */
export type PowerActionInput = {
  /** What to do. */
  readonly action: PowerAction;
  /** Id of the BMC. */
  readonly bmcId: Scalars['ID']['input'];
};

/**
 * Result of powerAction. The state is re-read after the action until it matches; `confirmed` says
 * whether it did in time.
 */
export type PowerActionPayload = {
  readonly __typename?: 'PowerActionPayload';
  /** The action sent. */
  readonly action: PowerAction;
  /** The BMC. */
  readonly bmc: Bmc;
  /** True when the read-back state matches what the action should produce. */
  readonly confirmed: Scalars['Boolean']['output'];
  /** Power state read back after the action. */
  readonly power: PowerState;
};

/** Outcome of a power action on one BMC of a fleet. */
export type PowerActionResult = {
  readonly __typename?: 'PowerActionResult';
  /** The action sent. */
  readonly action: PowerAction;
  /** True when the read-back state matches what the action should produce. */
  readonly confirmed: Scalars['Boolean']['output'];
  /** Power state read back after the action. */
  readonly power: PowerState;
};

/** What the BMC does when the power limit cannot be kept. */
export type PowerLimitExceptionAction =
  | 'log-sel'
  | 'none'
  | 'power-off';

/** Power restore policy after AC power returns (IPMI v2.0 section 28.2 Table 28-3). */
export type PowerRestorePolicy =
  /** Stay off. */
  | 'always-off'
  /** Power up. */
  | 'always-on'
  /** Return to the state before the loss. */
  | 'previous'
  /** The BMC does not say. */
  | 'unknown';

/** Power state of a server as its BMC reports it. */
export type PowerState =
  /** The server is powered off. */
  | 'off'
  /** The server is powered on. */
  | 'on'
  /** The BMC could not say, or the state did not settle after an action. */
  | 'unknown';

/** Power state read from the BMC. */
export type PowerStatus = {
  readonly __typename?: 'PowerStatus';
  /** When it was read from the BMC (the start of that round trip): how old the answer is. Null in fleet results. */
  readonly readAt?: Maybe<Scalars['DateTime']['output']>;
  /** Current power state. */
  readonly state: PowerState;
};

/** Power state of one BMC, or why it could not be read. */
export type PowerStatusOutcome = BmcError | PowerStatus;

/** One component of one BMC at risk, as a rule a person can read concluded it (docs/monitoring.md). */
export type Prediction = {
  readonly __typename?: 'Prediction';
  /** The component, e.g. `DIMM A1`, `FAN2`, `PSU 1`. */
  readonly component: Scalars['String']['output'];
  /** SEL record ids and readings the rule saw. */
  readonly evidence: ReadonlyArray<Scalars['String']['output']>;
  /** Why, in words. */
  readonly reason: Scalars['String']['output'];
  /** How likely the failure is. */
  readonly risk: PredictionRisk;
  /** Since when the prediction holds. */
  readonly since: Scalars['DateTime']['output'];
};

/** How likely a predicted failure is, as the rule that made it judged. */
export type PredictionRisk =
  /** Replace soon. */
  | 'high'
  /** Worth watching. */
  | 'low'
  /** Plan a replacement. */
  | 'medium';

/** Who is calling, as the API authenticated them. */
export type Principal = {
  readonly __typename?: 'Principal';
  /** Actor name recorded in audit events, e.g. `apikey:key_01H...`. */
  readonly actor: Scalars['String']['output'];
  /** Id of the API key used, when the caller came with one. */
  readonly keyId?: Maybe<Scalars['ID']['output']>;
  /** Role of the caller within the tenant. */
  readonly role: Role;
  /** Tenant every object the caller sees belongs to. */
  readonly tenantId: Scalars['ID']['output'];
};

/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type Query = {
  readonly __typename?: 'Query';
  /** Successful reads recorded by the read-audit setting, newest first (admin, auditor). */
  readonly accessLog: AccessRecordConnection;
  /** API keys of the caller's tenant (admin). */
  readonly apiKeys: ApiKeyConnection;
  /** Audit events of the caller's tenant, newest first (auditor, admin). */
  readonly auditEvents: AuditEventConnection;
  /** One BMC of the caller's tenant by id; NOT_FOUND when it does not exist there. */
  readonly bmc: Bmc;
  /** BMCs of the caller's tenant, a page at a time (at most 100 per page, 20 by default). */
  readonly bmcs: BmcConnection;
  /** Events of the caller's tenant, newest first. */
  readonly events: EventConnection;
  /** Power state of up to 16 BMCs at once, one result per BMC (viewer). For more, use `startFleetReadJob`. */
  readonly fleetPowerStatus: FleetPowerStatusPayload;
  /** Sensors of up to 16 BMCs at once, one result per BMC (viewer). For more, use `startFleetReadJob`. */
  readonly fleetSensors: FleetSensorsPayload;
  /** BMCs whose health changed at or after `since`. */
  readonly healthChanges: BmcHealthChangeConnection;
  /** A job of the caller's tenant (viewer). Another tenant's job is NOT_FOUND. */
  readonly job: Job;
  /** The tenant's jobs, newest first (viewer). */
  readonly jobs: JobConnection;
  /** The authenticated caller: tenant, role, actor name and API key id. */
  readonly me: Principal;
  /** The tenant's monitoring policy. */
  readonly monitoringPolicy: MonitoringPolicy;
  /** The caller's tenant's settings (admin, auditor). */
  readonly tenantSettings: TenantSettings;
  /** Verifies every audit hash chain of the caller's tenant (auditor, admin). */
  readonly verifyAuditChain: AuditChainVerification;
  /** The tenant's webhook deliveries: of one state, most recently changed first, or all (admin). */
  readonly webhookDeliveries: WebhookDeliveryConnection;
  /** The tenant's webhooks, without their secrets (admin). */
  readonly webhooks: ReadonlyArray<Webhook>;
};


/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type QueryAccessLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccessRecordFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type QueryApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type QueryBmcArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type QueryBmcsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<BmcFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type QueryEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type QueryFleetPowerStatusArgs = {
  target: FleetTargetInput;
};


/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type QueryFleetSensorsArgs = {
  target: FleetTargetInput;
};


/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type QueryHealthChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  since: Scalars['DateTime']['input'];
};


/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type QueryJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<JobFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Every read. Each field checks the caller's tenant and role; objects of other tenants do not exist
 * for the caller.
 */
export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  state?: InputMaybe<WebhookDeliveryState>;
};

/** A raw IPMI request. */
export type RawBmcCommandInput = {
  /** The BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** Command code 0-255. */
  readonly cmd: Scalars['Int']['input'];
  /** Request data as hex bytes, e.g. "01 0a". */
  readonly data?: InputMaybe<Scalars['String']['input']>;
  /** LUN 0-3 (default 0). */
  readonly lun?: InputMaybe<Scalars['Int']['input']>;
  /** Request NetFn, even, 0-62 (0x00-0x3e). */
  readonly netFn: Scalars['Int']['input'];
};

/** The BMC's answer to a raw request. */
export type RawBmcCommandResult = {
  readonly __typename?: 'RawBmcCommandResult';
  /** Completion code (0 is success). */
  readonly completionCode: Scalars['Int']['output'];
  /** Response data as hex. */
  readonly data: Scalars['String']['output'];
};

/**
 * What becomes of the tenant's successful BMC reads. Actions, refusals, failures and changes are always
 * events of the audit hash chains; reads never are.
 */
export type ReadAuditMode =
  /** One access record per read, in the access log. */
  | 'all'
  /** No record of successful reads. */
  | 'none'
  /** One access record per actor per BMC per interval (`readAuditIntervalSeconds`), in the access log. */
  | 'sampled';

/** A BMC to register. */
export type RegisterBmcInput = {
  /** IP address or DNS name of the BMC's LAN channel. */
  readonly address: Scalars['String']['input'];
  /** RMCP+ cipher suite id; negotiated when omitted or null. */
  readonly cipherSuite?: InputMaybe<Scalars['Int']['input']>;
  /** Credentials for the BMC; written to the secret store only. */
  readonly credentials: BmcCredentialsInput;
  /** Human name, unique within the tenant. */
  readonly name: Scalars['String']['input'];
  /** UDP port of RMCP; 623 when omitted. */
  readonly port?: InputMaybe<Scalars['Int']['input']>;
  /** Session privilege level; ADMIN when omitted. */
  readonly privilege?: InputMaybe<BmcPrivilege>;
  /** Tags for fleet selection. */
  readonly tags?: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
};

/** Result of registerBmc. */
export type RegisterBmcPayload = {
  readonly __typename?: 'RegisterBmcPayload';
  /** The registered BMC. */
  readonly bmc: Bmc;
};

/** Result of removeBmc. */
export type RemoveBmcPayload = {
  readonly __typename?: 'RemoveBmcPayload';
  /** Id of the BMC that was removed; its credentials were deleted with it. */
  readonly removedBmcId: Scalars['ID']['output'];
};

/** A BMC reset request. */
export type ResetBmcInput = {
  /** The BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** Must be true: a reset takes the BMC off the network for a while. */
  readonly confirm: Scalars['Boolean']['input'];
  /** Warm or cold. */
  readonly kind: BmcResetKind;
};

/** Result of revokeApiKey. */
export type RevokeApiKeyPayload = {
  readonly __typename?: 'RevokeApiKeyPayload';
  /** The key, now revoked. */
  readonly apiKey: ApiKey;
};

/** Role of an API key or identity within its tenant. */
export type Role =
  /** Everything an operator does, plus registering BMCs, their credentials, API keys, SEL clear and reading the audit log. */
  | 'admin'
  /** Reads and verifies the audit log, nothing else. */
  | 'auditor'
  /** Everything a viewer does, plus power, boot device, identify and SOL capture. */
  | 'operator'
  /** Reads BMCs, their live state and inventory. */
  | 'viewer';

/**
 * New credentials for a BMC. They are verified against the BMC before they are committed; the previous
 * credentials stay in use (and a password changed on the BMC is changed back) when verification fails.
 */
export type RotateBmcCredentialsInput = {
  /** The new credentials. */
  readonly credentials: BmcCredentialsInput;
  /** Id of the BMC. */
  readonly id: Scalars['ID']['input'];
  /** Whether to change the password on the BMC or only verify a change made elsewhere. */
  readonly mode: CredentialRotationMode;
};

/** The SEL clock. */
export type SelClock = {
  readonly __typename?: 'SelClock';
  /** Null when the BMC's clock is unset. */
  readonly time?: Maybe<Scalars['DateTime']['output']>;
};

/** One System Event Log entry, decoded to text. */
export type SelEntry = {
  readonly __typename?: 'SelEntry';
  /** Asserted or deasserted. */
  readonly direction: EventDirection;
  /** The event, as the spec names it. */
  readonly event: Scalars['String']['output'];
  /** Record id. */
  readonly id: Scalars['Int']['output'];
  /** The 16 record bytes as hex: the raw record, for tools that decode OEM data themselves. */
  readonly raw: Scalars['String']['output'];
  /** Record type byte (0x02 system event, 0xC0-0xFF OEM). */
  readonly recordType: Scalars['Int']['output'];
  /** Sensor number. */
  readonly sensorNumber: Scalars['Int']['output'];
  /** Sensor type as the spec names it. */
  readonly sensorType: Scalars['String']['output'];
  /** When the event was logged; null when the BMC clock was not set. */
  readonly timestamp?: Maybe<Scalars['DateTime']['output']>;
};

/** A page of SEL entries, newest first. */
export type SelEntryConnection = {
  readonly __typename?: 'SelEntryConnection';
  /** The entries of this page with their cursors. */
  readonly edges: ReadonlyArray<SelEntryEdge>;
  /** The entries of this page. */
  readonly nodes: ReadonlyArray<SelEntry>;
  /** Where this page sits. */
  readonly pageInfo: PageInfo;
};

/** One SEL entry of a page. */
export type SelEntryEdge = {
  readonly __typename?: 'SelEntryEdge';
  /** Opaque cursor; pass it as `after` to continue after this entry. */
  readonly cursor: Scalars['String']['output'];
  /** The entry. */
  readonly node: SelEntry;
};

/** SEL Info (IPMI v2.0 section 31.2). */
export type SelInfo = {
  readonly __typename?: 'SelInfo';
  /** Number of entries. */
  readonly entries: Scalars['Int']['output'];
  /** Free space in bytes. */
  readonly freeBytes: Scalars['Int']['output'];
  /** Time of the last addition, when known. */
  readonly lastAddition?: Maybe<Scalars['DateTime']['output']>;
  /** Time of the last erase, when known. */
  readonly lastErase?: Maybe<Scalars['DateTime']['output']>;
  /** SEL version, e.g. 1.5. */
  readonly version: Scalars['String']['output'];
};

/** The SEL clock before and after a change. */
export type SelTimeChange = {
  readonly __typename?: 'SelTimeChange';
  /** Clock read after. */
  readonly after: SelClock;
  /** Clock read before. */
  readonly before: SelClock;
};

/** One sensor with its converted reading, unit, thresholds and state. */
export type Sensor = {
  readonly __typename?: 'Sensor';
  /** Sensor id string from its SDR. Text from the BMC is untrusted: control characters, escapes and bidi marks are replaced with U+FFFD. */
  readonly name: Scalars['String']['output'];
  /** Sensor number. */
  readonly number: Scalars['Int']['output'];
  /** When it was read from the BMC (the start of that round trip): how old the answer is. Null in fleet results. */
  readonly readAt?: Maybe<Scalars['DateTime']['output']>;
  /** Converted reading; null for discrete sensors and when unavailable. */
  readonly reading?: Maybe<Scalars['Float']['output']>;
  /** Asserted states of a discrete sensor, as the spec names them; empty for threshold sensors. */
  readonly states: ReadonlyArray<Scalars['String']['output']>;
  /** Health of the sensor. */
  readonly status: SensorStatus;
  /** Thresholds of a threshold sensor. */
  readonly thresholds: SensorThresholds;
  /** Sensor type as the spec names it (IPMI v2.0 section 42.2 Table 42-3), e.g. Temperature. */
  readonly type: Scalars['String']['output'];
  /** Unit of the reading, e.g. degrees C; null when it has none. */
  readonly unit?: Maybe<Scalars['String']['output']>;
};

/** Positive- and negative-going hysteresis in the sensor's unit. */
export type SensorHysteresis = {
  readonly __typename?: 'SensorHysteresis';
  /** Negative-going hysteresis. */
  readonly negative: Scalars['Float']['output'];
  /** Positive-going hysteresis. */
  readonly positive: Scalars['Float']['output'];
};

/** Hysteresis to set, in the sensor's unit. */
export type SensorHysteresisInput = {
  /** Negative-going hysteresis. */
  readonly negative: Scalars['Float']['input'];
  /** Positive-going hysteresis. */
  readonly positive: Scalars['Float']['input'];
};

/** Sensors of one BMC. */
export type SensorList = {
  readonly __typename?: 'SensorList';
  /** Every sensor of the BMC. */
  readonly sensors: ReadonlyArray<Sensor>;
};

/** What the sensor's raw counts can express. */
export type SensorRange = {
  readonly __typename?: 'SensorRange';
  /** Highest expressible reading. */
  readonly max: Scalars['Float']['output'];
  /** Lowest expressible reading. */
  readonly min: Scalars['Float']['output'];
};

/** One stored reading of one sensor, from scheduled collection. */
export type SensorSample = {
  readonly __typename?: 'SensorSample';
  /** Reading in the sensor's units; null for discrete sensors and no reading. */
  readonly reading?: Maybe<Scalars['Float']['output']>;
  /** Status as the BMC reported it at that moment. */
  readonly status: SensorStatus;
  /** When it was collected. */
  readonly time: Scalars['DateTime']['output'];
};

/** Health of one sensor, with the threshold it crossed (value and state together). */
export type SensorStatus =
  /** Past a critical threshold. */
  | 'cr'
  /** Past a non-critical threshold. */
  | 'nc'
  /** Past a non-recoverable threshold. */
  | 'nr'
  /** No reading: the sensor is absent, disabled or not scanning. */
  | 'ns'
  /** Within thresholds, or a discrete sensor in a normal state. */
  | 'ok';

/** A threshold sensor's thresholds and hysteresis, with what its SDR lets be set. */
export type SensorThresholdConfig = {
  readonly __typename?: 'SensorThresholdConfig';
  /** Current hysteresis; null when the BMC does not report it. */
  readonly hysteresis?: Maybe<SensorHysteresis>;
  /** Whether the SDR lets hysteresis be set. */
  readonly hysteresisSettable: Scalars['Boolean']['output'];
  /** Sensor number. */
  readonly number: Scalars['Int']['output'];
  /** What the sensor can express. */
  readonly range: SensorRange;
  /** The sensor's SDR name. */
  readonly sensor: Scalars['String']['output'];
  /** Names of the thresholds the SDR marks settable. */
  readonly settable: ReadonlyArray<Scalars['String']['output']>;
  /** Current thresholds. */
  readonly thresholds: SensorThresholdValues;
  /** Unit of the values; null when unitless. */
  readonly unit?: Maybe<Scalars['String']['output']>;
};

/** Threshold values in the sensor's unit; absent ones are null. */
export type SensorThresholdValues = {
  readonly __typename?: 'SensorThresholdValues';
  /** Lower critical. */
  readonly lcr?: Maybe<Scalars['Float']['output']>;
  /** Lower non-critical. */
  readonly lnc?: Maybe<Scalars['Float']['output']>;
  /** Lower non-recoverable. */
  readonly lnr?: Maybe<Scalars['Float']['output']>;
  /** Upper critical. */
  readonly ucr?: Maybe<Scalars['Float']['output']>;
  /** Upper non-critical. */
  readonly unc?: Maybe<Scalars['Float']['output']>;
  /** Upper non-recoverable. */
  readonly unr?: Maybe<Scalars['Float']['output']>;
};

/** Threshold values to set, in the sensor's unit; absent ones stay as they are. */
export type SensorThresholdValuesInput = {
  /** Lower critical. */
  readonly lcr?: InputMaybe<Scalars['Float']['input']>;
  /** Lower non-critical. */
  readonly lnc?: InputMaybe<Scalars['Float']['input']>;
  /** Lower non-recoverable. */
  readonly lnr?: InputMaybe<Scalars['Float']['input']>;
  /** Upper critical. */
  readonly ucr?: InputMaybe<Scalars['Float']['input']>;
  /** Upper non-critical. */
  readonly unc?: InputMaybe<Scalars['Float']['input']>;
  /** Upper non-recoverable. */
  readonly unr?: InputMaybe<Scalars['Float']['input']>;
};

/**
 * Threshold values of a threshold-based sensor, in its unit. A threshold the BMC does not make readable
 * is null.
 */
export type SensorThresholds = {
  readonly __typename?: 'SensorThresholds';
  /** Lower critical. */
  readonly lcr?: Maybe<Scalars['Float']['output']>;
  /** Lower non-critical. */
  readonly lnc?: Maybe<Scalars['Float']['output']>;
  /** Lower non-recoverable. */
  readonly lnr?: Maybe<Scalars['Float']['output']>;
  /** Upper critical. */
  readonly ucr?: Maybe<Scalars['Float']['output']>;
  /** Upper non-critical. */
  readonly unc?: Maybe<Scalars['Float']['output']>;
  /** Upper non-recoverable. */
  readonly unr?: Maybe<Scalars['Float']['output']>;
};

/** Sensors of one BMC, or why they could not be read. */
export type SensorsOutcome = BmcError | SensorList;

/** Where an alert destination sends traps. */
export type SetAlertDestinationInput = {
  /** Require an acknowledgement. */
  readonly acknowledge?: InputMaybe<Scalars['Boolean']['input']>;
  /** The BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** Sets the channel's community string too (at most 18 bytes; redacted in the audit log). */
  readonly community?: InputMaybe<Scalars['String']['input']>;
  /** Destination 1-15. */
  readonly destination: Scalars['Int']['input'];
  /** The SNMP trap receiver. */
  readonly ipAddress: Scalars['String']['input'];
  /** Receiver (or gateway) MAC address. */
  readonly macAddress?: InputMaybe<Scalars['String']['input']>;
  /** Retries when not acknowledged. */
  readonly retries?: InputMaybe<Scalars['Int']['input']>;
  /** Acknowledgement timeout, seconds. */
  readonly timeoutSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** Use the backup gateway. */
  readonly useBackupGateway?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A change to a BMC user; absent fields stay as they are. */
export type SetBmcUserInput = {
  /** The BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** Enable or disable the user. */
  readonly enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** At most 16 bytes; user 1's name is fixed. */
  readonly name?: InputMaybe<Scalars['String']['input']>;
  /** New privilege limit. */
  readonly privilege?: InputMaybe<BmcUserPrivilege>;
  /** The user slot. */
  readonly userId: Scalars['Int']['input'];
};

/** A new password for a BMC user. */
export type SetBmcUserPasswordInput = {
  /** The BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** 1 to 20 bytes. Sent to the BMC only: never returned, logged or audited. */
  readonly password: Scalars['String']['input'];
  /** The user slot. */
  readonly userId: Scalars['Int']['input'];
};

/** A boot device override. */
export type SetBootDeviceInput = {
  /** Id of the BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** Device to boot from. */
  readonly device: BootDevice;
  /** Boot in EFI mode; false by default. */
  readonly efi?: InputMaybe<Scalars['Boolean']['input']>;
  /** Apply to every boot rather than only the next; false by default. */
  readonly persistent?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Result of setBootDevice. */
export type SetBootDevicePayload = {
  readonly __typename?: 'SetBootDevicePayload';
  /** The BMC. */
  readonly bmc: Bmc;
  /** Boot options as set. */
  readonly bootOptions: BootOptions;
};

/** A LAN configuration change; absent fields stay as they are. */
export type SetLanConfigInput = {
  /** The BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** Required (true) when the change touches the address, netmask, gateway, IP source or VLAN of the channel in use: it can cut the BMC off. */
  readonly confirm?: InputMaybe<Scalars['Boolean']['input']>;
  /** New default gateway; must lie in the subnet. */
  readonly gateway?: InputMaybe<Scalars['String']['input']>;
  /** New IPv4 address. */
  readonly ipAddress?: InputMaybe<Scalars['String']['input']>;
  /** Static or DHCP. */
  readonly ipSource?: InputMaybe<LanIpSource>;
  /** New subnet mask. */
  readonly netmask?: InputMaybe<Scalars['String']['input']>;
  /** 1-4094; an explicit null turns VLAN tagging off. */
  readonly vlanId?: InputMaybe<Scalars['Int']['input']>;
  /** 802.1q priority 0-7. */
  readonly vlanPriority?: InputMaybe<Scalars['Int']['input']>;
};

/** A change of the monitoring policy; absent fields keep their value. */
export type SetMonitoringPolicyInput = {
  /** On or off. */
  readonly enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** Days history is kept. */
  readonly historyDays?: InputMaybe<Scalars['Int']['input']>;
  /** Replaces every rule. */
  readonly rules?: InputMaybe<ReadonlyArray<MonitoringRuleInput>>;
};

/** Turns PEF on or off. */
export type SetPefEnabledInput = {
  /** The BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** PEF on (true) or off. */
  readonly enabled: Scalars['Boolean']['input'];
};

/** A DCMI power limit. */
export type SetPowerLimitInput = {
  /** Activate (true) or deactivate (false) after setting; absent leaves it as it is. */
  readonly activate?: InputMaybe<Scalars['Boolean']['input']>;
  /** The BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** Time allowed to bring power under the limit. */
  readonly correctionMs: Scalars['Float']['input'];
  /** Action when the limit cannot be kept (default NONE). */
  readonly exceptionAction?: InputMaybe<PowerLimitExceptionAction>;
  /** Limit in watts. */
  readonly limit: Scalars['Int']['input'];
  /** Sampling period. */
  readonly samplingSeconds: Scalars['Int']['input'];
};

/** A new SEL clock time. */
export type SetSelTimeInput = {
  /** The BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** The time to set. */
  readonly time: Scalars['DateTime']['input'];
};

/** A change to one sensor's thresholds or hysteresis. */
export type SetSensorThresholdsInput = {
  /** The BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** New hysteresis; the SDR must mark it settable. */
  readonly hysteresis?: InputMaybe<SensorHysteresisInput>;
  /** The sensor's SDR name. */
  readonly sensor: Scalars['String']['input'];
  /** Must be settable per the SDR and within the sensor's range. */
  readonly thresholds?: InputMaybe<SensorThresholdValuesInput>;
};

/** A console capture over Serial over LAN, run as a job of one task. */
export type SolCaptureInput = {
  /** Id of the BMC. */
  readonly bmcId: Scalars['ID']['input'];
  /** How long to capture, 1-240 seconds (a capture stops sooner when it reaches 65,536 bytes). */
  readonly seconds: Scalars['Int']['input'];
};

/**
 * A serial console capture (a `bmc.sol` job's task). Console text comes from the host through the
 * BMC and is untrusted: `output` is cleaned for display (ANSI/VT escape sequences and control
 * characters removed, CR LF and lone CR turned into LF, tabs kept, bidirectional overrides and
 * invalid UTF-8 shown as U+FFFD), and `raw` keeps the bytes exactly as they came. A capture keeps at
 * most 65,536 bytes (so that it fits one stored task); when a console prints more, the capture
 * stops there and says so.
 */
export type SolCaptureResult = {
  readonly __typename?: 'SolCaptureResult';
  /** Bytes kept (the length of `raw` decoded). */
  readonly bytes: Scalars['Int']['output'];
  /** Bytes that arrived past the cap before the console was closed; the console may have printed more. */
  readonly droppedBytes: Scalars['Int']['output'];
  /** Console text for display: cleaned as described on the type. Never render it as HTML without escaping. */
  readonly output: Scalars['String']['output'];
  /** The bytes exactly as the console sent them, base64-encoded. */
  readonly raw: Scalars['String']['output'];
  /** Seconds asked for (a truncated capture ended sooner). */
  readonly seconds: Scalars['Int']['output'];
  /** True when the capture reached its cap of 65,536 bytes and stopped early. */
  readonly truncated: Scalars['Boolean']['output'];
};

/** Identify on many BMCs: which ones, and for how long. */
export type StartFleetIdentifyInput = {
  /** Seconds to light each chassis identify indicator (1-255). */
  readonly seconds: Scalars['Int']['input'];
  /** Which BMCs. */
  readonly target: FleetTargetInput;
};

/** Result of starting a job. */
export type StartJobPayload = {
  readonly __typename?: 'StartJobPayload';
  /** The job, queued; poll `job(id)` for progress. */
  readonly job: Job;
};

/** Settings of the caller's tenant. */
export type TenantSettings = {
  readonly __typename?: 'TenantSettings';
  /** Whether admins may send raw IPMI commands to the tenant's BMCs (`rawBmcCommand`); false unless an admin turned it on. */
  readonly rawCommands: Scalars['Boolean']['output'];
  /** What successful reads leave behind; SAMPLED unless an admin changed it. */
  readonly readAudit: ReadAuditMode;
  /** Sampling interval of SAMPLED, in seconds (default 900). */
  readonly readAuditIntervalSeconds: Scalars['Int']['output'];
  /** The tenant. */
  readonly tenantId: Scalars['ID']['output'];
  /** When an admin last changed the settings; null while the defaults apply. */
  readonly updatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who last changed them. */
  readonly updatedBy?: Maybe<Scalars['String']['output']>;
};

/** Changes to a registration. Omitted fields stay as they are. */
export type UpdateBmcInput = {
  /** New address. */
  readonly address?: InputMaybe<Scalars['String']['input']>;
  /** New cipher suite id; an explicit null switches to negotiation. */
  readonly cipherSuite?: InputMaybe<Scalars['Int']['input']>;
  /** Id of the BMC to change. */
  readonly id: Scalars['ID']['input'];
  /** New name. */
  readonly name?: InputMaybe<Scalars['String']['input']>;
  /** New UDP port. */
  readonly port?: InputMaybe<Scalars['Int']['input']>;
  /** New session privilege level. */
  readonly privilege?: InputMaybe<BmcPrivilege>;
  /** New tags; replaces the whole set. */
  readonly tags?: InputMaybe<ReadonlyArray<Scalars['String']['input']>>;
};

/** Result of updateBmc. */
export type UpdateBmcPayload = {
  readonly __typename?: 'UpdateBmcPayload';
  /** The BMC after the change. */
  readonly bmc: Bmc;
};

/** A change of the tenant's settings; absent fields keep their value. */
export type UpdateTenantSettingsInput = {
  /** Whether admins may send raw IPMI commands. */
  readonly rawCommands?: InputMaybe<Scalars['Boolean']['input']>;
  /** What successful reads leave behind. */
  readonly readAudit?: InputMaybe<ReadAuditMode>;
  /** Sampling interval of SAMPLED, in seconds (60 to 86400). */
  readonly readAuditIntervalSeconds?: InputMaybe<Scalars['Int']['input']>;
};

/** The BMC watchdog timer (IPMI v2.0 section 27.7). */
export type Watchdog = {
  readonly __typename?: 'Watchdog';
  /** Action on expiry. */
  readonly action: Scalars['String']['output'];
  /** Expiry is not logged. */
  readonly dontLog: Scalars['Boolean']['output'];
  /** Timer use expiration flags, as the BMC reports them. */
  readonly expirationFlags: Scalars['Int']['output'];
  /** Initial countdown, seconds. */
  readonly initialCountdown: Scalars['Float']['output'];
  /** Pre-timeout interrupt. */
  readonly preTimeoutInterrupt: Scalars['String']['output'];
  /** Pre-timeout interval. */
  readonly preTimeoutSeconds: Scalars['Int']['output'];
  /** Present countdown, seconds. */
  readonly presentCountdown: Scalars['Float']['output'];
  /** Whether the timer runs. */
  readonly running: Scalars['Boolean']['output'];
  /** Timer use (for example bios-frb2, os-load, sms-os). */
  readonly use: Scalars['String']['output'];
};

/**
 * A receiver of the tenant's monitoring events (docs/monitoring.md, "Webhooks"). Its signing
 * secret is never part of it: it is shown once, when the webhook is created.
 */
export type Webhook = {
  readonly __typename?: 'Webhook';
  /** When it was created. */
  readonly createdAt: Scalars['DateTime']['output'];
  /** Who created it. */
  readonly createdBy: Scalars['String']['output'];
  /** What the admin wrote about it. */
  readonly description?: Maybe<Scalars['String']['output']>;
  /** The event kinds it receives; null for every kind. */
  readonly events?: Maybe<ReadonlyArray<Scalars['String']['output']>>;
  /** Unique in the tenant. */
  readonly id: Scalars['ID']['output'];
  /** Where deliveries are POSTed. */
  readonly url: Scalars['String']['output'];
};

/** One event (or test ping) on its way to one webhook. */
export type WebhookDelivery = {
  readonly __typename?: 'WebhookDelivery';
  /** Attempts made so far. */
  readonly attempts: Scalars['Int']['output'];
  /** When it was recorded. */
  readonly createdAt: Scalars['DateTime']['output'];
  /** The event delivered (the receiver's X-BMC-Event-Id). */
  readonly eventId: Scalars['String']['output'];
  /** Unique in the tenant. */
  readonly id: Scalars['ID']['output'];
  /** Why the last attempt failed (`HTTP 503`, `timeout after 5000 ms`, `connection failed`); null after a success. */
  readonly lastError?: Maybe<Scalars['String']['output']>;
  /** When the next attempt is due; null unless pending. */
  readonly nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** Where it stands. */
  readonly state: WebhookDeliveryState;
  /** When it last changed. */
  readonly updatedAt: Scalars['DateTime']['output'];
  /** The webhook it goes to. */
  readonly webhookId: Scalars['ID']['output'];
};

/** A page of deliveries. */
export type WebhookDeliveryConnection = {
  readonly __typename?: 'WebhookDeliveryConnection';
  /** The deliveries of this page with their cursors. */
  readonly edges: ReadonlyArray<WebhookDeliveryEdge>;
  /** The deliveries of this page. */
  readonly nodes: ReadonlyArray<WebhookDelivery>;
  /** Where this page sits. */
  readonly pageInfo: PageInfo;
};

/** One delivery of a page. */
export type WebhookDeliveryEdge = {
  readonly __typename?: 'WebhookDeliveryEdge';
  /** Opaque cursor; pass it as `after` to continue after this delivery. */
  readonly cursor: Scalars['String']['output'];
  /** The delivery. */
  readonly node: WebhookDelivery;
};

/** Where a delivery stands. */
export type WebhookDeliveryState =
  /** The receiver answered 2xx. */
  | 'delivered'
  /** Every attempt failed; re-drive it with redriveWebhookDelivery. */
  | 'failed'
  /** Waiting for its next attempt (or being attempted). */
  | 'pending';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;



/** Mapping of union types */
export type ResolversUnionTypes<_RefType extends Record<string, unknown>> = {
  JobTaskResult:
    | ( CredentialRotationResult )
    | ( PowerActionResult )
    | ( PowerStatus )
    | ( SensorList )
    | ( SolCaptureResult )
  ;
  PowerStatusOutcome:
    | ( BmcError )
    | ( PowerStatus )
  ;
  SensorsOutcome:
    | ( BmcError )
    | ( SensorList )
  ;
};


/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AccessRecord: ResolverTypeWrapper<AccessRecord>;
  AccessRecordConnection: ResolverTypeWrapper<AccessRecordConnection>;
  AccessRecordEdge: ResolverTypeWrapper<AccessRecordEdge>;
  AccessRecordFilter: AccessRecordFilter;
  AccessRecordKind: null;
  AddSelEntryInput: AddSelEntryInput;
  AddSelEntryResult: ResolverTypeWrapper<AddSelEntryResult>;
  AlertDestination: ResolverTypeWrapper<AlertDestination>;
  AlertDestinations: ResolverTypeWrapper<AlertDestinations>;
  ApiKey: ResolverTypeWrapper<ApiKeyModel>;
  ApiKeyConnection: ResolverTypeWrapper<Omit<ApiKeyConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversTypes['ApiKeyEdge']>, nodes: ReadonlyArray<ResolversTypes['ApiKey']> }>;
  ApiKeyEdge: ResolverTypeWrapper<Omit<ApiKeyEdge, 'node'> & { node: ResolversTypes['ApiKey'] }>;
  ApiKeyScope: ResolverTypeWrapper<ApiKeyScope>;
  ApiKeyScopeInput: ApiKeyScopeInput;
  AuditChainProblem: ResolverTypeWrapper<AuditChainProblem>;
  AuditChainProblemKind: null;
  AuditChainVerification: ResolverTypeWrapper<AuditChainVerification>;
  AuditEvent: ResolverTypeWrapper<AuditEventModel>;
  AuditEventConnection: ResolverTypeWrapper<Omit<AuditEventConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversTypes['AuditEventEdge']>, nodes: ReadonlyArray<ResolversTypes['AuditEvent']> }>;
  AuditEventEdge: ResolverTypeWrapper<Omit<AuditEventEdge, 'node'> & { node: ResolversTypes['AuditEvent'] }>;
  AuditEventFilter: AuditEventFilter;
  AuditOutcome: null;
  Bmc: ResolverTypeWrapper<BmcModel>;
  BmcConnection: ResolverTypeWrapper<Omit<BmcConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversTypes['BmcEdge']>, nodes: ReadonlyArray<ResolversTypes['Bmc']> }>;
  BmcCredentialsInput: BmcCredentialsInput;
  BmcEdge: ResolverTypeWrapper<Omit<BmcEdge, 'node'> & { node: ResolversTypes['Bmc'] }>;
  BmcError: ResolverTypeWrapper<BmcError>;
  BmcFilter: BmcFilter;
  BmcHealth: null;
  BmcHealthChange: ResolverTypeWrapper<BmcHealthChangeModel>;
  BmcHealthChangeConnection: ResolverTypeWrapper<Omit<BmcHealthChangeConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversTypes['BmcHealthChangeEdge']>, nodes: ReadonlyArray<ResolversTypes['BmcHealthChange']> }>;
  BmcHealthChangeEdge: ResolverTypeWrapper<Omit<BmcHealthChangeEdge, 'node'> & { node: ResolversTypes['BmcHealthChange'] }>;
  BmcPrivilege: null;
  BmcResetKind: null;
  BmcResetResult: ResolverTypeWrapper<BmcResetResult>;
  BmcUser: ResolverTypeWrapper<BmcUser>;
  BmcUserChange: ResolverTypeWrapper<BmcUserChange>;
  BmcUserPrivilege: null;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BootDevice: null;
  BootOptions: ResolverTypeWrapper<BootOptions>;
  ChassisStatus: ResolverTypeWrapper<ChassisStatus>;
  CipherSuitePrivilege: ResolverTypeWrapper<CipherSuitePrivilege>;
  ClearSelPayload: ResolverTypeWrapper<Omit<ClearSelPayload, 'bmc'> & { bmc: ResolversTypes['Bmc'] }>;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateApiKeyPayload: ResolverTypeWrapper<Omit<CreateApiKeyPayload, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  CreateWebhookInput: CreateWebhookInput;
  CreateWebhookPayload: ResolverTypeWrapper<CreateWebhookPayload>;
  CredentialRotationMode: null;
  CredentialRotationResult: ResolverTypeWrapper<CredentialRotationResult>;
  CredentialState: null;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DcmiPowerLimit: ResolverTypeWrapper<DcmiPowerLimit>;
  DcmiPowerReading: ResolverTypeWrapper<DcmiPowerReading>;
  DeleteWebhookPayload: ResolverTypeWrapper<DeleteWebhookPayload>;
  DeviceInfo: ResolverTypeWrapper<DeviceInfo>;
  ErrorCode: ErrorCode;
  Event: ResolverTypeWrapper<EventModel>;
  EventConnection: ResolverTypeWrapper<Omit<EventConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversTypes['EventEdge']>, nodes: ReadonlyArray<ResolversTypes['Event']> }>;
  EventDirection: null;
  EventEdge: ResolverTypeWrapper<Omit<EventEdge, 'node'> & { node: ResolversTypes['Event'] }>;
  EventFilter: EventFilter;
  FleetPowerActionInput: FleetPowerActionInput;
  FleetPowerActionPayload: ResolverTypeWrapper<Omit<FleetPowerActionPayload, 'job'> & { job: ResolversTypes['Job'] }>;
  FleetPowerStatusPayload: ResolverTypeWrapper<Omit<FleetPowerStatusPayload, 'results'> & { results: ReadonlyArray<ResolversTypes['FleetPowerStatusResult']> }>;
  FleetPowerStatusResult: ResolverTypeWrapper<FleetResultModel>;
  FleetRead: null;
  FleetReadJobInput: FleetReadJobInput;
  FleetSensorsPayload: ResolverTypeWrapper<Omit<FleetSensorsPayload, 'results'> & { results: ReadonlyArray<ResolversTypes['FleetSensorsResult']> }>;
  FleetSensorsResult: ResolverTypeWrapper<FleetResultModel>;
  FleetSummary: ResolverTypeWrapper<FleetSummary>;
  FleetTargetInput: FleetTargetInput;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  FruBoard: ResolverTypeWrapper<FruBoard>;
  FruChassis: ResolverTypeWrapper<FruChassis>;
  FruInventory: ResolverTypeWrapper<FruInventory>;
  FruProduct: ResolverTypeWrapper<FruProduct>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  IdentifyInput: IdentifyInput;
  IdentifyPayload: ResolverTypeWrapper<Omit<IdentifyPayload, 'bmc'> & { bmc: ResolversTypes['Bmc'] }>;
  IdentifyState: null;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  Job: ResolverTypeWrapper<JobModel>;
  JobConnection: ResolverTypeWrapper<Omit<JobConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversTypes['JobEdge']>, nodes: ReadonlyArray<ResolversTypes['Job']> }>;
  JobEdge: ResolverTypeWrapper<Omit<JobEdge, 'node'> & { node: ResolversTypes['Job'] }>;
  JobFilter: JobFilter;
  JobProgress: ResolverTypeWrapper<JobProgress>;
  JobState: null;
  JobTask: ResolverTypeWrapper<JobTaskModel>;
  JobTaskConnection: ResolverTypeWrapper<Omit<JobTaskConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversTypes['JobTaskEdge']>, nodes: ReadonlyArray<ResolversTypes['JobTask']> }>;
  JobTaskEdge: ResolverTypeWrapper<Omit<JobTaskEdge, 'node'> & { node: ResolversTypes['JobTask'] }>;
  JobTaskResult: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['JobTaskResult']>;
  JobTaskState: null;
  LanConfig: ResolverTypeWrapper<LanConfig>;
  LanConfigChange: ResolverTypeWrapper<LanConfigChange>;
  LanIpSource: null;
  MonitorSample: ResolverTypeWrapper<MonitorSample>;
  MonitoringCollect: ResolverTypeWrapper<MonitoringCollect>;
  MonitoringCollectInput: MonitoringCollectInput;
  MonitoringPolicy: ResolverTypeWrapper<MonitoringPolicy>;
  MonitoringRule: ResolverTypeWrapper<MonitoringRule>;
  MonitoringRuleInput: MonitoringRuleInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PefConfig: ResolverTypeWrapper<PefConfig>;
  PefControl: ResolverTypeWrapper<PefControl>;
  PowerAction: null;
  PowerActionInput: PowerActionInput;
  PowerActionPayload: ResolverTypeWrapper<Omit<PowerActionPayload, 'bmc'> & { bmc: ResolversTypes['Bmc'] }>;
  PowerActionResult: ResolverTypeWrapper<PowerActionResult>;
  PowerLimitExceptionAction: null;
  PowerRestorePolicy: null;
  PowerState: null;
  PowerStatus: ResolverTypeWrapper<PowerStatus>;
  PowerStatusOutcome: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['PowerStatusOutcome']>;
  Prediction: ResolverTypeWrapper<Prediction>;
  PredictionRisk: null;
  Principal: ResolverTypeWrapper<PrincipalModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RawBmcCommandInput: RawBmcCommandInput;
  RawBmcCommandResult: ResolverTypeWrapper<RawBmcCommandResult>;
  ReadAuditMode: null;
  RegisterBmcInput: RegisterBmcInput;
  RegisterBmcPayload: ResolverTypeWrapper<Omit<RegisterBmcPayload, 'bmc'> & { bmc: ResolversTypes['Bmc'] }>;
  RemoveBmcPayload: ResolverTypeWrapper<RemoveBmcPayload>;
  ResetBmcInput: ResetBmcInput;
  RevokeApiKeyPayload: ResolverTypeWrapper<Omit<RevokeApiKeyPayload, 'apiKey'> & { apiKey: ResolversTypes['ApiKey'] }>;
  Role: null;
  RotateBmcCredentialsInput: RotateBmcCredentialsInput;
  SelClock: ResolverTypeWrapper<SelClock>;
  SelEntry: ResolverTypeWrapper<SelEntry>;
  SelEntryConnection: ResolverTypeWrapper<SelEntryConnection>;
  SelEntryEdge: ResolverTypeWrapper<SelEntryEdge>;
  SelInfo: ResolverTypeWrapper<SelInfo>;
  SelTimeChange: ResolverTypeWrapper<SelTimeChange>;
  Sensor: ResolverTypeWrapper<Sensor>;
  SensorHysteresis: ResolverTypeWrapper<SensorHysteresis>;
  SensorHysteresisInput: SensorHysteresisInput;
  SensorList: ResolverTypeWrapper<SensorList>;
  SensorRange: ResolverTypeWrapper<SensorRange>;
  SensorSample: ResolverTypeWrapper<SensorSample>;
  SensorStatus: null;
  SensorThresholdConfig: ResolverTypeWrapper<SensorThresholdConfig>;
  SensorThresholdValues: ResolverTypeWrapper<SensorThresholdValues>;
  SensorThresholdValuesInput: SensorThresholdValuesInput;
  SensorThresholds: ResolverTypeWrapper<SensorThresholds>;
  SensorsOutcome: ResolverTypeWrapper<ResolversUnionTypes<ResolversTypes>['SensorsOutcome']>;
  SetAlertDestinationInput: SetAlertDestinationInput;
  SetBmcUserInput: SetBmcUserInput;
  SetBmcUserPasswordInput: SetBmcUserPasswordInput;
  SetBootDeviceInput: SetBootDeviceInput;
  SetBootDevicePayload: ResolverTypeWrapper<Omit<SetBootDevicePayload, 'bmc'> & { bmc: ResolversTypes['Bmc'] }>;
  SetLanConfigInput: SetLanConfigInput;
  SetMonitoringPolicyInput: SetMonitoringPolicyInput;
  SetPefEnabledInput: SetPefEnabledInput;
  SetPowerLimitInput: SetPowerLimitInput;
  SetSelTimeInput: SetSelTimeInput;
  SetSensorThresholdsInput: SetSensorThresholdsInput;
  SolCaptureInput: SolCaptureInput;
  SolCaptureResult: ResolverTypeWrapper<SolCaptureResult>;
  StartFleetIdentifyInput: StartFleetIdentifyInput;
  StartJobPayload: ResolverTypeWrapper<Omit<StartJobPayload, 'job'> & { job: ResolversTypes['Job'] }>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  TenantSettings: ResolverTypeWrapper<TenantSettings>;
  UpdateBmcInput: UpdateBmcInput;
  UpdateBmcPayload: ResolverTypeWrapper<Omit<UpdateBmcPayload, 'bmc'> & { bmc: ResolversTypes['Bmc'] }>;
  UpdateTenantSettingsInput: UpdateTenantSettingsInput;
  Watchdog: ResolverTypeWrapper<Watchdog>;
  Webhook: ResolverTypeWrapper<Webhook>;
  WebhookDelivery: ResolverTypeWrapper<WebhookDelivery>;
  WebhookDeliveryConnection: ResolverTypeWrapper<WebhookDeliveryConnection>;
  WebhookDeliveryEdge: ResolverTypeWrapper<WebhookDeliveryEdge>;
  WebhookDeliveryState: null;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AccessRecord: AccessRecord;
  AccessRecordConnection: AccessRecordConnection;
  AccessRecordEdge: AccessRecordEdge;
  AccessRecordFilter: AccessRecordFilter;
  AddSelEntryInput: AddSelEntryInput;
  AddSelEntryResult: AddSelEntryResult;
  AlertDestination: AlertDestination;
  AlertDestinations: AlertDestinations;
  ApiKey: ApiKeyModel;
  ApiKeyConnection: Omit<ApiKeyConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversParentTypes['ApiKeyEdge']>, nodes: ReadonlyArray<ResolversParentTypes['ApiKey']> };
  ApiKeyEdge: Omit<ApiKeyEdge, 'node'> & { node: ResolversParentTypes['ApiKey'] };
  ApiKeyScope: ApiKeyScope;
  ApiKeyScopeInput: ApiKeyScopeInput;
  AuditChainProblem: AuditChainProblem;
  AuditChainVerification: AuditChainVerification;
  AuditEvent: AuditEventModel;
  AuditEventConnection: Omit<AuditEventConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversParentTypes['AuditEventEdge']>, nodes: ReadonlyArray<ResolversParentTypes['AuditEvent']> };
  AuditEventEdge: Omit<AuditEventEdge, 'node'> & { node: ResolversParentTypes['AuditEvent'] };
  AuditEventFilter: AuditEventFilter;
  Bmc: BmcModel;
  BmcConnection: Omit<BmcConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversParentTypes['BmcEdge']>, nodes: ReadonlyArray<ResolversParentTypes['Bmc']> };
  BmcCredentialsInput: BmcCredentialsInput;
  BmcEdge: Omit<BmcEdge, 'node'> & { node: ResolversParentTypes['Bmc'] };
  BmcError: BmcError;
  BmcFilter: BmcFilter;
  BmcHealthChange: BmcHealthChangeModel;
  BmcHealthChangeConnection: Omit<BmcHealthChangeConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversParentTypes['BmcHealthChangeEdge']>, nodes: ReadonlyArray<ResolversParentTypes['BmcHealthChange']> };
  BmcHealthChangeEdge: Omit<BmcHealthChangeEdge, 'node'> & { node: ResolversParentTypes['BmcHealthChange'] };
  BmcResetResult: BmcResetResult;
  BmcUser: BmcUser;
  BmcUserChange: BmcUserChange;
  Boolean: Scalars['Boolean']['output'];
  BootOptions: BootOptions;
  ChassisStatus: ChassisStatus;
  CipherSuitePrivilege: CipherSuitePrivilege;
  ClearSelPayload: Omit<ClearSelPayload, 'bmc'> & { bmc: ResolversParentTypes['Bmc'] };
  CreateApiKeyInput: CreateApiKeyInput;
  CreateApiKeyPayload: Omit<CreateApiKeyPayload, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  CreateWebhookInput: CreateWebhookInput;
  CreateWebhookPayload: CreateWebhookPayload;
  CredentialRotationResult: CredentialRotationResult;
  DateTime: Scalars['DateTime']['output'];
  DcmiPowerLimit: DcmiPowerLimit;
  DcmiPowerReading: DcmiPowerReading;
  DeleteWebhookPayload: DeleteWebhookPayload;
  DeviceInfo: DeviceInfo;
  Event: EventModel;
  EventConnection: Omit<EventConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversParentTypes['EventEdge']>, nodes: ReadonlyArray<ResolversParentTypes['Event']> };
  EventEdge: Omit<EventEdge, 'node'> & { node: ResolversParentTypes['Event'] };
  EventFilter: EventFilter;
  FleetPowerActionInput: FleetPowerActionInput;
  FleetPowerActionPayload: Omit<FleetPowerActionPayload, 'job'> & { job: ResolversParentTypes['Job'] };
  FleetPowerStatusPayload: Omit<FleetPowerStatusPayload, 'results'> & { results: ReadonlyArray<ResolversParentTypes['FleetPowerStatusResult']> };
  FleetPowerStatusResult: FleetResultModel;
  FleetReadJobInput: FleetReadJobInput;
  FleetSensorsPayload: Omit<FleetSensorsPayload, 'results'> & { results: ReadonlyArray<ResolversParentTypes['FleetSensorsResult']> };
  FleetSensorsResult: FleetResultModel;
  FleetSummary: FleetSummary;
  FleetTargetInput: FleetTargetInput;
  Float: Scalars['Float']['output'];
  FruBoard: FruBoard;
  FruChassis: FruChassis;
  FruInventory: FruInventory;
  FruProduct: FruProduct;
  ID: Scalars['ID']['output'];
  IdentifyInput: IdentifyInput;
  IdentifyPayload: Omit<IdentifyPayload, 'bmc'> & { bmc: ResolversParentTypes['Bmc'] };
  Int: Scalars['Int']['output'];
  JSONObject: Scalars['JSONObject']['output'];
  Job: JobModel;
  JobConnection: Omit<JobConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversParentTypes['JobEdge']>, nodes: ReadonlyArray<ResolversParentTypes['Job']> };
  JobEdge: Omit<JobEdge, 'node'> & { node: ResolversParentTypes['Job'] };
  JobFilter: JobFilter;
  JobProgress: JobProgress;
  JobTask: JobTaskModel;
  JobTaskConnection: Omit<JobTaskConnection, 'edges' | 'nodes'> & { edges: ReadonlyArray<ResolversParentTypes['JobTaskEdge']>, nodes: ReadonlyArray<ResolversParentTypes['JobTask']> };
  JobTaskEdge: Omit<JobTaskEdge, 'node'> & { node: ResolversParentTypes['JobTask'] };
  JobTaskResult: ResolversUnionTypes<ResolversParentTypes>['JobTaskResult'];
  LanConfig: LanConfig;
  LanConfigChange: LanConfigChange;
  MonitorSample: MonitorSample;
  MonitoringCollect: MonitoringCollect;
  MonitoringCollectInput: MonitoringCollectInput;
  MonitoringPolicy: MonitoringPolicy;
  MonitoringRule: MonitoringRule;
  MonitoringRuleInput: MonitoringRuleInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PefConfig: PefConfig;
  PefControl: PefControl;
  PowerActionInput: PowerActionInput;
  PowerActionPayload: Omit<PowerActionPayload, 'bmc'> & { bmc: ResolversParentTypes['Bmc'] };
  PowerActionResult: PowerActionResult;
  PowerStatus: PowerStatus;
  PowerStatusOutcome: ResolversUnionTypes<ResolversParentTypes>['PowerStatusOutcome'];
  Prediction: Prediction;
  Principal: PrincipalModel;
  Query: Record<PropertyKey, never>;
  RawBmcCommandInput: RawBmcCommandInput;
  RawBmcCommandResult: RawBmcCommandResult;
  RegisterBmcInput: RegisterBmcInput;
  RegisterBmcPayload: Omit<RegisterBmcPayload, 'bmc'> & { bmc: ResolversParentTypes['Bmc'] };
  RemoveBmcPayload: RemoveBmcPayload;
  ResetBmcInput: ResetBmcInput;
  RevokeApiKeyPayload: Omit<RevokeApiKeyPayload, 'apiKey'> & { apiKey: ResolversParentTypes['ApiKey'] };
  RotateBmcCredentialsInput: RotateBmcCredentialsInput;
  SelClock: SelClock;
  SelEntry: SelEntry;
  SelEntryConnection: SelEntryConnection;
  SelEntryEdge: SelEntryEdge;
  SelInfo: SelInfo;
  SelTimeChange: SelTimeChange;
  Sensor: Sensor;
  SensorHysteresis: SensorHysteresis;
  SensorHysteresisInput: SensorHysteresisInput;
  SensorList: SensorList;
  SensorRange: SensorRange;
  SensorSample: SensorSample;
  SensorThresholdConfig: SensorThresholdConfig;
  SensorThresholdValues: SensorThresholdValues;
  SensorThresholdValuesInput: SensorThresholdValuesInput;
  SensorThresholds: SensorThresholds;
  SensorsOutcome: ResolversUnionTypes<ResolversParentTypes>['SensorsOutcome'];
  SetAlertDestinationInput: SetAlertDestinationInput;
  SetBmcUserInput: SetBmcUserInput;
  SetBmcUserPasswordInput: SetBmcUserPasswordInput;
  SetBootDeviceInput: SetBootDeviceInput;
  SetBootDevicePayload: Omit<SetBootDevicePayload, 'bmc'> & { bmc: ResolversParentTypes['Bmc'] };
  SetLanConfigInput: SetLanConfigInput;
  SetMonitoringPolicyInput: SetMonitoringPolicyInput;
  SetPefEnabledInput: SetPefEnabledInput;
  SetPowerLimitInput: SetPowerLimitInput;
  SetSelTimeInput: SetSelTimeInput;
  SetSensorThresholdsInput: SetSensorThresholdsInput;
  SolCaptureInput: SolCaptureInput;
  SolCaptureResult: SolCaptureResult;
  StartFleetIdentifyInput: StartFleetIdentifyInput;
  StartJobPayload: Omit<StartJobPayload, 'job'> & { job: ResolversParentTypes['Job'] };
  String: Scalars['String']['output'];
  TenantSettings: TenantSettings;
  UpdateBmcInput: UpdateBmcInput;
  UpdateBmcPayload: Omit<UpdateBmcPayload, 'bmc'> & { bmc: ResolversParentTypes['Bmc'] };
  UpdateTenantSettingsInput: UpdateTenantSettingsInput;
  Watchdog: Watchdog;
  Webhook: Webhook;
  WebhookDelivery: WebhookDelivery;
  WebhookDeliveryConnection: WebhookDeliveryConnection;
  WebhookDeliveryEdge: WebhookDeliveryEdge;
};

export type AccessRecordResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AccessRecord'] = ResolversParentTypes['AccessRecord']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  bmcId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  intervalStart?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AccessRecordKind'], ParentType, ContextType>;
  readAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  time?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type AccessRecordConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AccessRecordConnection'] = ResolversParentTypes['AccessRecordConnection']> = {
  edges?: Resolver<ReadonlyArray<ResolversTypes['AccessRecordEdge']>, ParentType, ContextType>;
  nodes?: Resolver<ReadonlyArray<ResolversTypes['AccessRecord']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AccessRecordEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AccessRecordEdge'] = ResolversParentTypes['AccessRecordEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AccessRecord'], ParentType, ContextType>;
};

export type AccessRecordKindResolvers = { READ: 'read', SAMPLED: 'sampled' };

export type AddSelEntryResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AddSelEntryResult'] = ResolversParentTypes['AddSelEntryResult']> = {
  recordId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AlertDestinationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AlertDestination'] = ResolversParentTypes['AlertDestination']> = {
  acknowledge?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  destination?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ipAddress?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  macAddress?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  timeoutSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  useBackupGateway?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type AlertDestinationsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AlertDestinations'] = ResolversParentTypes['AlertDestinations']> = {
  community?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  destinations?: Resolver<ReadonlyArray<ResolversTypes['AlertDestination']>, ParentType, ContextType>;
};

export type ApiKeyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  scope?: Resolver<Maybe<ResolversTypes['ApiKeyScope']>, ParentType, ContextType>;
};

export type ApiKeyConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiKeyConnection'] = ResolversParentTypes['ApiKeyConnection']> = {
  edges?: Resolver<ReadonlyArray<ResolversTypes['ApiKeyEdge']>, ParentType, ContextType>;
  nodes?: Resolver<ReadonlyArray<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ApiKeyEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiKeyEdge'] = ResolversParentTypes['ApiKeyEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
};

export type ApiKeyScopeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ApiKeyScope'] = ResolversParentTypes['ApiKeyScope']> = {
  operations?: Resolver<Maybe<ReadonlyArray<ResolversTypes['String']>>, ParentType, ContextType>;
  tags?: Resolver<Maybe<ReadonlyArray<ResolversTypes['String']>>, ParentType, ContextType>;
};

export type AuditChainProblemResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditChainProblem'] = ResolversParentTypes['AuditChainProblem']> = {
  chain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  eventId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  expectedSeq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AuditChainProblemKind'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditChainProblemKindResolvers = { BAD_CHECKPOINT: 'bad-checkpoint', BROKEN_LINK: 'broken-link', CHECKPOINT_MISMATCH: 'checkpoint-mismatch', GAP: 'gap', HASH_MISMATCH: 'hash-mismatch', TRUNCATED: 'truncated', WRONG_CHAIN: 'wrong-chain' };

export type AuditChainVerificationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditChainVerification'] = ResolversParentTypes['AuditChainVerification']> = {
  checkedChains?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checkedCheckpoints?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  checkedEvents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  problems?: Resolver<ReadonlyArray<ResolversTypes['AuditChainProblem']>, ParentType, ContextType>;
  unanchoredEvents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditEventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  chain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  errorCode?: Resolver<Maybe<ResolversTypes['ErrorCode']>, ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AuditOutcome'], ParentType, ContextType>;
  parameters?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  prevHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  time?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type AuditEventConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection']> = {
  edges?: Resolver<ReadonlyArray<ResolversTypes['AuditEventEdge']>, ParentType, ContextType>;
  nodes?: Resolver<ReadonlyArray<ResolversTypes['AuditEvent']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditEventEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuditEventEdge'] = ResolversParentTypes['AuditEventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEvent'], ParentType, ContextType>;
};

export type AuditOutcomeResolvers = { DENIED: 'denied', FAILED: 'failed', STARTED: 'started', SUCCEEDED: 'succeeded', UNKNOWN: 'unknown' };

export type BmcResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Bmc'] = ResolversParentTypes['Bmc']> = {
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  alertDestinations?: Resolver<Maybe<ResolversTypes['AlertDestinations']>, ParentType, ContextType>;
  bootDevice?: Resolver<Maybe<ResolversTypes['BootOptions']>, ParentType, ContextType>;
  chassisStatus?: Resolver<Maybe<ResolversTypes['ChassisStatus']>, ParentType, ContextType, Partial<BmcChassisStatusArgs>>;
  cipherSuite?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  credentialState?: Resolver<ResolversTypes['CredentialState'], ParentType, ContextType>;
  credentialsUpdatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dcmiPower?: Resolver<Maybe<ResolversTypes['DcmiPowerReading']>, ParentType, ContextType>;
  deviceInfo?: Resolver<Maybe<ResolversTypes['DeviceInfo']>, ParentType, ContextType>;
  fru?: Resolver<Maybe<ResolversTypes['FruInventory']>, ParentType, ContextType, Partial<BmcFruArgs>>;
  health?: Resolver<ResolversTypes['BmcHealth'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lanConfig?: Resolver<Maybe<ResolversTypes['LanConfig']>, ParentType, ContextType>;
  lastSeen?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  monitorHistory?: Resolver<ReadonlyArray<ResolversTypes['MonitorSample']>, ParentType, ContextType, Partial<BmcMonitorHistoryArgs>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pef?: Resolver<Maybe<ResolversTypes['PefConfig']>, ParentType, ContextType>;
  port?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  power?: Resolver<Maybe<ResolversTypes['PowerStatus']>, ParentType, ContextType, Partial<BmcPowerArgs>>;
  powerLimit?: Resolver<Maybe<ResolversTypes['DcmiPowerLimit']>, ParentType, ContextType>;
  predictions?: Resolver<ReadonlyArray<ResolversTypes['Prediction']>, ParentType, ContextType>;
  privilege?: Resolver<ResolversTypes['BmcPrivilege'], ParentType, ContextType>;
  sel?: Resolver<Maybe<ResolversTypes['SelEntryConnection']>, ParentType, ContextType, Partial<BmcSelArgs>>;
  selInfo?: Resolver<Maybe<ResolversTypes['SelInfo']>, ParentType, ContextType>;
  selTime?: Resolver<Maybe<ResolversTypes['SelClock']>, ParentType, ContextType>;
  sensorHistory?: Resolver<ReadonlyArray<ResolversTypes['SensorSample']>, ParentType, ContextType, RequireFields<BmcSensorHistoryArgs, 'name'>>;
  sensorThresholds?: Resolver<Maybe<ResolversTypes['SensorThresholdConfig']>, ParentType, ContextType, RequireFields<BmcSensorThresholdsArgs, 'sensor'>>;
  sensors?: Resolver<Maybe<ReadonlyArray<ResolversTypes['Sensor']>>, ParentType, ContextType, Partial<BmcSensorsArgs>>;
  tags?: Resolver<ReadonlyArray<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  users?: Resolver<Maybe<ReadonlyArray<ResolversTypes['BmcUser']>>, ParentType, ContextType>;
  watchdog?: Resolver<Maybe<ResolversTypes['Watchdog']>, ParentType, ContextType>;
};

export type BmcConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BmcConnection'] = ResolversParentTypes['BmcConnection']> = {
  edges?: Resolver<ReadonlyArray<ResolversTypes['BmcEdge']>, ParentType, ContextType>;
  nodes?: Resolver<ReadonlyArray<ResolversTypes['Bmc']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type BmcEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BmcEdge'] = ResolversParentTypes['BmcEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Bmc'], ParentType, ContextType>;
};

export type BmcErrorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BmcError'] = ResolversParentTypes['BmcError']> = {
  code?: Resolver<ResolversTypes['ErrorCode'], ParentType, ContextType>;
  completionCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BmcHealthResolvers = { CRITICAL: 'critical', OK: 'ok', UNKNOWN: 'unknown', UNREACHABLE: 'unreachable', WARNING: 'warning' };

export type BmcHealthChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BmcHealthChange'] = ResolversParentTypes['BmcHealthChange']> = {
  bmc?: Resolver<Maybe<ResolversTypes['Bmc']>, ParentType, ContextType>;
  bmcId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  changedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  health?: Resolver<ResolversTypes['BmcHealth'], ParentType, ContextType>;
  power?: Resolver<Maybe<ResolversTypes['PowerState']>, ParentType, ContextType>;
};

export type BmcHealthChangeConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BmcHealthChangeConnection'] = ResolversParentTypes['BmcHealthChangeConnection']> = {
  edges?: Resolver<ReadonlyArray<ResolversTypes['BmcHealthChangeEdge']>, ParentType, ContextType>;
  nodes?: Resolver<ReadonlyArray<ResolversTypes['BmcHealthChange']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type BmcHealthChangeEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BmcHealthChangeEdge'] = ResolversParentTypes['BmcHealthChangeEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['BmcHealthChange'], ParentType, ContextType>;
};

export type BmcPrivilegeResolvers = { ADMIN: 'admin', OPERATOR: 'operator', USER: 'user' };

export type BmcResetKindResolvers = { COLD: 'cold', WARM: 'warm' };

export type BmcResetResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BmcResetResult'] = ResolversParentTypes['BmcResetResult']> = {
  acknowledged?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type BmcUserResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BmcUser'] = ResolversParentTypes['BmcUser']> = {
  callbackOnly?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ipmiMessaging?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  linkAuth?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  privilege?: Resolver<ResolversTypes['BmcUserPrivilege'], ParentType, ContextType>;
};

export type BmcUserChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BmcUserChange'] = ResolversParentTypes['BmcUserChange']> = {
  after?: Resolver<ResolversTypes['BmcUser'], ParentType, ContextType>;
  before?: Resolver<ResolversTypes['BmcUser'], ParentType, ContextType>;
};

export type BmcUserPrivilegeResolvers = { ADMIN: 'admin', CALLBACK: 'callback', NO_ACCESS: 'no-access', OEM: 'oem', OPERATOR: 'operator', USER: 'user' };

export type BootDeviceResolvers = { BIOS: 'bios', CDROM: 'cdrom', DISK: 'disk', NONE: 'none', PXE: 'pxe' };

export type BootOptionsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['BootOptions'] = ResolversParentTypes['BootOptions']> = {
  device?: Resolver<ResolversTypes['BootDevice'], ParentType, ContextType>;
  efi?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  persistent?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ChassisStatusResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ChassisStatus'] = ResolversParentTypes['ChassisStatus']> = {
  coolingFault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  driveFault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  frontPanelLockout?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  identify?: Resolver<ResolversTypes['IdentifyState'], ParentType, ContextType>;
  intrusion?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lastPowerEvent?: Resolver<ReadonlyArray<ResolversTypes['String']>, ParentType, ContextType>;
  power?: Resolver<ResolversTypes['PowerState'], ParentType, ContextType>;
  powerControlFault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  powerFault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  powerInterlock?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  powerOverload?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  readAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  restorePolicy?: Resolver<ResolversTypes['PowerRestorePolicy'], ParentType, ContextType>;
};

export type CipherSuitePrivilegeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CipherSuitePrivilege'] = ResolversParentTypes['CipherSuitePrivilege']> = {
  id?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  privilege?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ClearSelPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ClearSelPayload'] = ResolversParentTypes['ClearSelPayload']> = {
  bmc?: Resolver<ResolversTypes['Bmc'], ParentType, ContextType>;
};

export type CreateApiKeyPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CreateApiKeyPayload'] = ResolversParentTypes['CreateApiKeyPayload']> = {
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CreateWebhookPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CreateWebhookPayload'] = ResolversParentTypes['CreateWebhookPayload']> = {
  signingKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  webhook?: Resolver<ResolversTypes['Webhook'], ParentType, ContextType>;
};

export type CredentialRotationModeResolvers = { ALREADY_CHANGED: 'already-changed', SET_ON_BMC: 'set-on-bmc' };

export type CredentialRotationResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CredentialRotationResult'] = ResolversParentTypes['CredentialRotationResult']> = {
  committedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['CredentialRotationMode'], ParentType, ContextType>;
  recovered?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CredentialStateResolvers = { OK: 'ok', ROTATING: 'rotating' };

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DcmiPowerLimitResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DcmiPowerLimit'] = ResolversParentTypes['DcmiPowerLimit']> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  correctionMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  exceptionAction?: Resolver<ResolversTypes['PowerLimitExceptionAction'], ParentType, ContextType>;
  limit?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  samplingSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DcmiPowerReadingResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DcmiPowerReading'] = ResolversParentTypes['DcmiPowerReading']> = {
  average?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  maximum?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  minimum?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  periodSeconds?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type DeleteWebhookPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeleteWebhookPayload'] = ResolversParentTypes['DeleteWebhookPayload']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type DeviceInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeviceInfo'] = ResolversParentTypes['DeviceInfo']> = {
  deviceId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deviceRevision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firmwareVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  guid?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ipmiVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  manufacturer?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  manufacturerId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  productId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EventResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Event'] = ResolversParentTypes['Event']> = {
  bmc?: Resolver<Maybe<ResolversTypes['Bmc']>, ParentType, ContextType>;
  detail?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  time?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type EventConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EventConnection'] = ResolversParentTypes['EventConnection']> = {
  edges?: Resolver<ReadonlyArray<ResolversTypes['EventEdge']>, ParentType, ContextType>;
  nodes?: Resolver<ReadonlyArray<ResolversTypes['Event']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type EventDirectionResolvers = { ASSERTED: 'asserted', DEASSERTED: 'deasserted' };

export type EventEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['EventEdge'] = ResolversParentTypes['EventEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Event'], ParentType, ContextType>;
};

export type FleetPowerActionPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FleetPowerActionPayload'] = ResolversParentTypes['FleetPowerActionPayload']> = {
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
};

export type FleetPowerStatusPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FleetPowerStatusPayload'] = ResolversParentTypes['FleetPowerStatusPayload']> = {
  results?: Resolver<ReadonlyArray<ResolversTypes['FleetPowerStatusResult']>, ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['FleetSummary'], ParentType, ContextType>;
};

export type FleetPowerStatusResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FleetPowerStatusResult'] = ResolversParentTypes['FleetPowerStatusResult']> = {
  bmc?: Resolver<Maybe<ResolversTypes['Bmc']>, ParentType, ContextType>;
  bmcId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['PowerStatusOutcome'], ParentType, ContextType>;
};

export type FleetReadResolvers = { POWER_STATUS: 'fleet.powerStatus', SENSORS: 'fleet.sensors' };

export type FleetSensorsPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FleetSensorsPayload'] = ResolversParentTypes['FleetSensorsPayload']> = {
  results?: Resolver<ReadonlyArray<ResolversTypes['FleetSensorsResult']>, ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['FleetSummary'], ParentType, ContextType>;
};

export type FleetSensorsResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FleetSensorsResult'] = ResolversParentTypes['FleetSensorsResult']> = {
  bmc?: Resolver<Maybe<ResolversTypes['Bmc']>, ParentType, ContextType>;
  bmcId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['SensorsOutcome'], ParentType, ContextType>;
};

export type FleetSummaryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FleetSummary'] = ResolversParentTypes['FleetSummary']> = {
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  succeeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FruBoardResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FruBoard'] = ResolversParentTypes['FruBoard']> = {
  extra?: Resolver<ReadonlyArray<ResolversTypes['String']>, ParentType, ContextType>;
  fileId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  manufacturer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mfgDate?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  partNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  product?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  serial?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FruChassisResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FruChassis'] = ResolversParentTypes['FruChassis']> = {
  extra?: Resolver<ReadonlyArray<ResolversTypes['String']>, ParentType, ContextType>;
  partNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  serial?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FruInventoryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FruInventory'] = ResolversParentTypes['FruInventory']> = {
  board?: Resolver<Maybe<ResolversTypes['FruBoard']>, ParentType, ContextType>;
  chassis?: Resolver<Maybe<ResolversTypes['FruChassis']>, ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['FruProduct']>, ParentType, ContextType>;
};

export type FruProductResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FruProduct'] = ResolversParentTypes['FruProduct']> = {
  assetTag?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  extra?: Resolver<ReadonlyArray<ResolversTypes['String']>, ParentType, ContextType>;
  fileId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  manufacturer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  partNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  serial?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type IdentifyPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['IdentifyPayload'] = ResolversParentTypes['IdentifyPayload']> = {
  bmc?: Resolver<ResolversTypes['Bmc'], ParentType, ContextType>;
};

export type IdentifyStateResolvers = { INDEFINITE: 'indefinite', OFF: 'off', TEMPORARY: 'temporary', UNSUPPORTED: 'unsupported' };

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type JobResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job']> = {
  action?: Resolver<Maybe<ResolversTypes['PowerAction']>, ParentType, ContextType>;
  cancelledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  cancelledBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['JobProgress'], ParentType, ContextType>;
  startedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startedByRole?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['JobState'], ParentType, ContextType>;
  tasks?: Resolver<ResolversTypes['JobTaskConnection'], ParentType, ContextType, Partial<JobTasksArgs>>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type JobConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobConnection'] = ResolversParentTypes['JobConnection']> = {
  edges?: Resolver<ReadonlyArray<ResolversTypes['JobEdge']>, ParentType, ContextType>;
  nodes?: Resolver<ReadonlyArray<ResolversTypes['Job']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type JobEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobEdge'] = ResolversParentTypes['JobEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
};

export type JobProgressResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobProgress'] = ResolversParentTypes['JobProgress']> = {
  done?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  succeeded?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type JobStateResolvers = { CANCELLED: 'cancelled', FAILED: 'failed', PARTIALLY_SUCCEEDED: 'partially_succeeded', QUEUED: 'queued', RUNNING: 'running', SUCCEEDED: 'succeeded' };

export type JobTaskResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobTask'] = ResolversParentTypes['JobTask']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  bmc?: Resolver<Maybe<ResolversTypes['Bmc']>, ParentType, ContextType>;
  bmcId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['BmcError']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  result?: Resolver<Maybe<ResolversTypes['JobTaskResult']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['JobTaskState'], ParentType, ContextType>;
};

export type JobTaskConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobTaskConnection'] = ResolversParentTypes['JobTaskConnection']> = {
  edges?: Resolver<ReadonlyArray<ResolversTypes['JobTaskEdge']>, ParentType, ContextType>;
  nodes?: Resolver<ReadonlyArray<ResolversTypes['JobTask']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type JobTaskEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobTaskEdge'] = ResolversParentTypes['JobTaskEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['JobTask'], ParentType, ContextType>;
};

export type JobTaskResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['JobTaskResult'] = ResolversParentTypes['JobTaskResult']> = {
  __resolveType: TypeResolveFn<'CredentialRotationResult' | 'PowerActionResult' | 'PowerStatus' | 'SensorList' | 'SolCaptureResult', ParentType, ContextType>;
};

export type JobTaskStateResolvers = { CANCELLED: 'cancelled', FAILED: 'failed', QUEUED: 'queued', RUNNING: 'running', SUCCEEDED: 'succeeded', UNKNOWN: 'unknown' };

export type LanConfigResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LanConfig'] = ResolversParentTypes['LanConfig']> = {
  authTypeEnables?: Resolver<Maybe<ResolversTypes['JSONObject']>, ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cipherSuitePrivileges?: Resolver<Maybe<ReadonlyArray<ResolversTypes['CipherSuitePrivilege']>>, ParentType, ContextType>;
  gateway?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ipAddress?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ipSource?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  macAddress?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  netmask?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  vlanId?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  vlanPriority?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type LanConfigChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['LanConfigChange'] = ResolversParentTypes['LanConfigChange']> = {
  after?: Resolver<ResolversTypes['LanConfig'], ParentType, ContextType>;
  before?: Resolver<ResolversTypes['LanConfig'], ParentType, ContextType>;
};

export type LanIpSourceResolvers = { DHCP: 'dhcp', STATIC: 'static' };

export type MonitorSampleResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MonitorSample'] = ResolversParentTypes['MonitorSample']> = {
  health?: Resolver<ResolversTypes['BmcHealth'], ParentType, ContextType>;
  power?: Resolver<Maybe<ResolversTypes['PowerState']>, ParentType, ContextType>;
  time?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type MonitoringCollectResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MonitoringCollect'] = ResolversParentTypes['MonitoringCollect']> = {
  power?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sel?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sensors?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MonitoringPolicyResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MonitoringPolicy'] = ResolversParentTypes['MonitoringPolicy']> = {
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  historyDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rules?: Resolver<ReadonlyArray<ResolversTypes['MonitoringRule']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MonitoringRuleResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MonitoringRule'] = ResolversParentTypes['MonitoringRule']> = {
  collect?: Resolver<ResolversTypes['MonitoringCollect'], ParentType, ContextType>;
  intervalSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tag?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  addSelEntry?: Resolver<ResolversTypes['AddSelEntryResult'], ParentType, ContextType, RequireFields<MutationAddSelEntryArgs, 'input'>>;
  cancelJob?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<MutationCancelJobArgs, 'id'>>;
  clearSel?: Resolver<ResolversTypes['ClearSelPayload'], ParentType, ContextType, RequireFields<MutationClearSelArgs, 'bmcId'>>;
  createApiKey?: Resolver<ResolversTypes['CreateApiKeyPayload'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  createWebhook?: Resolver<ResolversTypes['CreateWebhookPayload'], ParentType, ContextType, RequireFields<MutationCreateWebhookArgs, 'input'>>;
  deleteWebhook?: Resolver<ResolversTypes['DeleteWebhookPayload'], ParentType, ContextType, RequireFields<MutationDeleteWebhookArgs, 'id'>>;
  fleetPowerAction?: Resolver<ResolversTypes['FleetPowerActionPayload'], ParentType, ContextType, RequireFields<MutationFleetPowerActionArgs, 'input'>>;
  identify?: Resolver<ResolversTypes['IdentifyPayload'], ParentType, ContextType, RequireFields<MutationIdentifyArgs, 'input'>>;
  powerAction?: Resolver<ResolversTypes['PowerActionPayload'], ParentType, ContextType, RequireFields<MutationPowerActionArgs, 'input'>>;
  rawBmcCommand?: Resolver<ResolversTypes['RawBmcCommandResult'], ParentType, ContextType, RequireFields<MutationRawBmcCommandArgs, 'input'>>;
  redriveWebhookDelivery?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType, RequireFields<MutationRedriveWebhookDeliveryArgs, 'id'>>;
  registerBmc?: Resolver<ResolversTypes['RegisterBmcPayload'], ParentType, ContextType, RequireFields<MutationRegisterBmcArgs, 'input'>>;
  removeBmc?: Resolver<ResolversTypes['RemoveBmcPayload'], ParentType, ContextType, RequireFields<MutationRemoveBmcArgs, 'id'>>;
  resetBmc?: Resolver<ResolversTypes['BmcResetResult'], ParentType, ContextType, RequireFields<MutationResetBmcArgs, 'input'>>;
  revokeApiKey?: Resolver<ResolversTypes['RevokeApiKeyPayload'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  rotateBmcCredentials?: Resolver<ResolversTypes['StartJobPayload'], ParentType, ContextType, RequireFields<MutationRotateBmcCredentialsArgs, 'input'>>;
  setAlertDestination?: Resolver<ResolversTypes['AlertDestinations'], ParentType, ContextType, RequireFields<MutationSetAlertDestinationArgs, 'input'>>;
  setBmcUser?: Resolver<ResolversTypes['BmcUserChange'], ParentType, ContextType, RequireFields<MutationSetBmcUserArgs, 'input'>>;
  setBmcUserPassword?: Resolver<ResolversTypes['BmcUser'], ParentType, ContextType, RequireFields<MutationSetBmcUserPasswordArgs, 'input'>>;
  setBootDevice?: Resolver<ResolversTypes['SetBootDevicePayload'], ParentType, ContextType, RequireFields<MutationSetBootDeviceArgs, 'input'>>;
  setLanConfig?: Resolver<ResolversTypes['LanConfigChange'], ParentType, ContextType, RequireFields<MutationSetLanConfigArgs, 'input'>>;
  setMonitoringPolicy?: Resolver<ResolversTypes['MonitoringPolicy'], ParentType, ContextType, RequireFields<MutationSetMonitoringPolicyArgs, 'input'>>;
  setPefEnabled?: Resolver<ResolversTypes['PefConfig'], ParentType, ContextType, RequireFields<MutationSetPefEnabledArgs, 'input'>>;
  setPowerLimit?: Resolver<ResolversTypes['DcmiPowerLimit'], ParentType, ContextType, RequireFields<MutationSetPowerLimitArgs, 'input'>>;
  setSelTime?: Resolver<ResolversTypes['SelTimeChange'], ParentType, ContextType, RequireFields<MutationSetSelTimeArgs, 'input'>>;
  setSensorThresholds?: Resolver<ResolversTypes['SensorThresholdConfig'], ParentType, ContextType, RequireFields<MutationSetSensorThresholdsArgs, 'input'>>;
  solCapture?: Resolver<ResolversTypes['StartJobPayload'], ParentType, ContextType, RequireFields<MutationSolCaptureArgs, 'input'>>;
  startFleetIdentify?: Resolver<ResolversTypes['StartJobPayload'], ParentType, ContextType, RequireFields<MutationStartFleetIdentifyArgs, 'input'>>;
  startFleetReadJob?: Resolver<ResolversTypes['StartJobPayload'], ParentType, ContextType, RequireFields<MutationStartFleetReadJobArgs, 'input'>>;
  testWebhook?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType, RequireFields<MutationTestWebhookArgs, 'id'>>;
  updateBmc?: Resolver<ResolversTypes['UpdateBmcPayload'], ParentType, ContextType, RequireFields<MutationUpdateBmcArgs, 'input'>>;
  updateTenantSettings?: Resolver<ResolversTypes['TenantSettings'], ParentType, ContextType, RequireFields<MutationUpdateTenantSettingsArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PefConfigResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PefConfig'] = ResolversParentTypes['PefConfig']> = {
  control?: Resolver<ResolversTypes['PefControl'], ParentType, ContextType>;
  filters?: Resolver<ReadonlyArray<ResolversTypes['JSONObject']>, ParentType, ContextType>;
  policies?: Resolver<ReadonlyArray<ResolversTypes['JSONObject']>, ParentType, ContextType>;
};

export type PefControlResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PefControl'] = ResolversParentTypes['PefControl']> = {
  alertStartupDelay?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  eventMessages?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startupDelay?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PowerActionResolvers = { CYCLE: 'cycle', DIAG: 'diag', OFF: 'off', ON: 'on', RESET: 'reset', SOFT: 'soft' };

export type PowerActionPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PowerActionPayload'] = ResolversParentTypes['PowerActionPayload']> = {
  action?: Resolver<ResolversTypes['PowerAction'], ParentType, ContextType>;
  bmc?: Resolver<ResolversTypes['Bmc'], ParentType, ContextType>;
  confirmed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  power?: Resolver<ResolversTypes['PowerState'], ParentType, ContextType>;
};

export type PowerActionResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PowerActionResult'] = ResolversParentTypes['PowerActionResult']> = {
  action?: Resolver<ResolversTypes['PowerAction'], ParentType, ContextType>;
  confirmed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  power?: Resolver<ResolversTypes['PowerState'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PowerLimitExceptionActionResolvers = { LOG_SEL: 'log-sel', NONE: 'none', POWER_OFF: 'power-off' };

export type PowerRestorePolicyResolvers = { ALWAYS_OFF: 'always-off', ALWAYS_ON: 'always-on', PREVIOUS: 'previous', UNKNOWN: 'unknown' };

export type PowerStateResolvers = { OFF: 'off', ON: 'on', UNKNOWN: 'unknown' };

export type PowerStatusResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PowerStatus'] = ResolversParentTypes['PowerStatus']> = {
  readAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['PowerState'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PowerStatusOutcomeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PowerStatusOutcome'] = ResolversParentTypes['PowerStatusOutcome']> = {
  __resolveType: TypeResolveFn<'BmcError' | 'PowerStatus', ParentType, ContextType>;
};

export type PredictionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Prediction'] = ResolversParentTypes['Prediction']> = {
  component?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  evidence?: Resolver<ReadonlyArray<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  risk?: Resolver<ResolversTypes['PredictionRisk'], ParentType, ContextType>;
  since?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type PredictionRiskResolvers = { HIGH: 'high', LOW: 'low', MEDIUM: 'medium' };

export type PrincipalResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Principal'] = ResolversParentTypes['Principal']> = {
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  accessLog?: Resolver<ResolversTypes['AccessRecordConnection'], ParentType, ContextType, Partial<QueryAccessLogArgs>>;
  apiKeys?: Resolver<ResolversTypes['ApiKeyConnection'], ParentType, ContextType, Partial<QueryApiKeysArgs>>;
  auditEvents?: Resolver<ResolversTypes['AuditEventConnection'], ParentType, ContextType, Partial<QueryAuditEventsArgs>>;
  bmc?: Resolver<ResolversTypes['Bmc'], ParentType, ContextType, RequireFields<QueryBmcArgs, 'id'>>;
  bmcs?: Resolver<ResolversTypes['BmcConnection'], ParentType, ContextType, Partial<QueryBmcsArgs>>;
  events?: Resolver<ResolversTypes['EventConnection'], ParentType, ContextType, Partial<QueryEventsArgs>>;
  fleetPowerStatus?: Resolver<ResolversTypes['FleetPowerStatusPayload'], ParentType, ContextType, RequireFields<QueryFleetPowerStatusArgs, 'target'>>;
  fleetSensors?: Resolver<ResolversTypes['FleetSensorsPayload'], ParentType, ContextType, RequireFields<QueryFleetSensorsArgs, 'target'>>;
  healthChanges?: Resolver<ResolversTypes['BmcHealthChangeConnection'], ParentType, ContextType, RequireFields<QueryHealthChangesArgs, 'since'>>;
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType, RequireFields<QueryJobArgs, 'id'>>;
  jobs?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, Partial<QueryJobsArgs>>;
  me?: Resolver<ResolversTypes['Principal'], ParentType, ContextType>;
  monitoringPolicy?: Resolver<ResolversTypes['MonitoringPolicy'], ParentType, ContextType>;
  tenantSettings?: Resolver<ResolversTypes['TenantSettings'], ParentType, ContextType>;
  verifyAuditChain?: Resolver<ResolversTypes['AuditChainVerification'], ParentType, ContextType>;
  webhookDeliveries?: Resolver<ResolversTypes['WebhookDeliveryConnection'], ParentType, ContextType, Partial<QueryWebhookDeliveriesArgs>>;
  webhooks?: Resolver<ReadonlyArray<ResolversTypes['Webhook']>, ParentType, ContextType>;
};

export type RawBmcCommandResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RawBmcCommandResult'] = ResolversParentTypes['RawBmcCommandResult']> = {
  completionCode?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  data?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ReadAuditModeResolvers = { ALL: 'all', NONE: 'none', SAMPLED: 'sampled' };

export type RegisterBmcPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RegisterBmcPayload'] = ResolversParentTypes['RegisterBmcPayload']> = {
  bmc?: Resolver<ResolversTypes['Bmc'], ParentType, ContextType>;
};

export type RemoveBmcPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RemoveBmcPayload'] = ResolversParentTypes['RemoveBmcPayload']> = {
  removedBmcId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type RevokeApiKeyPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['RevokeApiKeyPayload'] = ResolversParentTypes['RevokeApiKeyPayload']> = {
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
};

export type RoleResolvers = { ADMIN: 'admin', AUDITOR: 'auditor', OPERATOR: 'operator', VIEWER: 'viewer' };

export type SelClockResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SelClock'] = ResolversParentTypes['SelClock']> = {
  time?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type SelEntryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SelEntry'] = ResolversParentTypes['SelEntry']> = {
  direction?: Resolver<ResolversTypes['EventDirection'], ParentType, ContextType>;
  event?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  raw?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recordType?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sensorNumber?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sensorType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timestamp?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type SelEntryConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SelEntryConnection'] = ResolversParentTypes['SelEntryConnection']> = {
  edges?: Resolver<ReadonlyArray<ResolversTypes['SelEntryEdge']>, ParentType, ContextType>;
  nodes?: Resolver<ReadonlyArray<ResolversTypes['SelEntry']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type SelEntryEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SelEntryEdge'] = ResolversParentTypes['SelEntryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['SelEntry'], ParentType, ContextType>;
};

export type SelInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SelInfo'] = ResolversParentTypes['SelInfo']> = {
  entries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  freeBytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastAddition?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastErase?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SelTimeChangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SelTimeChange'] = ResolversParentTypes['SelTimeChange']> = {
  after?: Resolver<ResolversTypes['SelClock'], ParentType, ContextType>;
  before?: Resolver<ResolversTypes['SelClock'], ParentType, ContextType>;
};

export type SensorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Sensor'] = ResolversParentTypes['Sensor']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  number?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  readAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  reading?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  states?: Resolver<ReadonlyArray<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SensorStatus'], ParentType, ContextType>;
  thresholds?: Resolver<ResolversTypes['SensorThresholds'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SensorHysteresisResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SensorHysteresis'] = ResolversParentTypes['SensorHysteresis']> = {
  negative?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  positive?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type SensorListResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SensorList'] = ResolversParentTypes['SensorList']> = {
  sensors?: Resolver<ReadonlyArray<ResolversTypes['Sensor']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SensorRangeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SensorRange'] = ResolversParentTypes['SensorRange']> = {
  max?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  min?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type SensorSampleResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SensorSample'] = ResolversParentTypes['SensorSample']> = {
  reading?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SensorStatus'], ParentType, ContextType>;
  time?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type SensorStatusResolvers = { CRITICAL: 'cr', NON_CRITICAL: 'nc', NON_RECOVERABLE: 'nr', NOT_AVAILABLE: 'ns', OK: 'ok' };

export type SensorThresholdConfigResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SensorThresholdConfig'] = ResolversParentTypes['SensorThresholdConfig']> = {
  hysteresis?: Resolver<Maybe<ResolversTypes['SensorHysteresis']>, ParentType, ContextType>;
  hysteresisSettable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  number?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  range?: Resolver<ResolversTypes['SensorRange'], ParentType, ContextType>;
  sensor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  settable?: Resolver<ReadonlyArray<ResolversTypes['String']>, ParentType, ContextType>;
  thresholds?: Resolver<ResolversTypes['SensorThresholdValues'], ParentType, ContextType>;
  unit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SensorThresholdValuesResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SensorThresholdValues'] = ResolversParentTypes['SensorThresholdValues']> = {
  lcr?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  lnc?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  lnr?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  ucr?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  unc?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  unr?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type SensorThresholdsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SensorThresholds'] = ResolversParentTypes['SensorThresholds']> = {
  lcr?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  lnc?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  lnr?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  ucr?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  unc?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  unr?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type SensorsOutcomeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SensorsOutcome'] = ResolversParentTypes['SensorsOutcome']> = {
  __resolveType: TypeResolveFn<'BmcError' | 'SensorList', ParentType, ContextType>;
};

export type SetBootDevicePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SetBootDevicePayload'] = ResolversParentTypes['SetBootDevicePayload']> = {
  bmc?: Resolver<ResolversTypes['Bmc'], ParentType, ContextType>;
  bootOptions?: Resolver<ResolversTypes['BootOptions'], ParentType, ContextType>;
};

export type SolCaptureResultResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SolCaptureResult'] = ResolversParentTypes['SolCaptureResult']> = {
  bytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  droppedBytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  output?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  raw?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  truncated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type StartJobPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['StartJobPayload'] = ResolversParentTypes['StartJobPayload']> = {
  job?: Resolver<ResolversTypes['Job'], ParentType, ContextType>;
};

export type TenantSettingsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TenantSettings'] = ResolversParentTypes['TenantSettings']> = {
  rawCommands?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  readAudit?: Resolver<ResolversTypes['ReadAuditMode'], ParentType, ContextType>;
  readAuditIntervalSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type UpdateBmcPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UpdateBmcPayload'] = ResolversParentTypes['UpdateBmcPayload']> = {
  bmc?: Resolver<ResolversTypes['Bmc'], ParentType, ContextType>;
};

export type WatchdogResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Watchdog'] = ResolversParentTypes['Watchdog']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dontLog?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  expirationFlags?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  initialCountdown?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  preTimeoutInterrupt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  preTimeoutSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  presentCountdown?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  running?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  use?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Webhook'] = ResolversParentTypes['Webhook']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  events?: Resolver<Maybe<ReadonlyArray<ResolversTypes['String']>>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookDeliveryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['WebhookDeliveryState'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  webhookId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type WebhookDeliveryConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookDeliveryConnection'] = ResolversParentTypes['WebhookDeliveryConnection']> = {
  edges?: Resolver<ReadonlyArray<ResolversTypes['WebhookDeliveryEdge']>, ParentType, ContextType>;
  nodes?: Resolver<ReadonlyArray<ResolversTypes['WebhookDelivery']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type WebhookDeliveryEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['WebhookDeliveryEdge'] = ResolversParentTypes['WebhookDeliveryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType>;
};

export type WebhookDeliveryStateResolvers = { DELIVERED: 'delivered', FAILED: 'failed', PENDING: 'pending' };

export type Resolvers<ContextType = GraphQLContext> = {
  AccessRecord?: AccessRecordResolvers<ContextType>;
  AccessRecordConnection?: AccessRecordConnectionResolvers<ContextType>;
  AccessRecordEdge?: AccessRecordEdgeResolvers<ContextType>;
  AccessRecordKind?: AccessRecordKindResolvers;
  AddSelEntryResult?: AddSelEntryResultResolvers<ContextType>;
  AlertDestination?: AlertDestinationResolvers<ContextType>;
  AlertDestinations?: AlertDestinationsResolvers<ContextType>;
  ApiKey?: ApiKeyResolvers<ContextType>;
  ApiKeyConnection?: ApiKeyConnectionResolvers<ContextType>;
  ApiKeyEdge?: ApiKeyEdgeResolvers<ContextType>;
  ApiKeyScope?: ApiKeyScopeResolvers<ContextType>;
  AuditChainProblem?: AuditChainProblemResolvers<ContextType>;
  AuditChainProblemKind?: AuditChainProblemKindResolvers;
  AuditChainVerification?: AuditChainVerificationResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditEventEdge?: AuditEventEdgeResolvers<ContextType>;
  AuditOutcome?: AuditOutcomeResolvers;
  Bmc?: BmcResolvers<ContextType>;
  BmcConnection?: BmcConnectionResolvers<ContextType>;
  BmcEdge?: BmcEdgeResolvers<ContextType>;
  BmcError?: BmcErrorResolvers<ContextType>;
  BmcHealth?: BmcHealthResolvers;
  BmcHealthChange?: BmcHealthChangeResolvers<ContextType>;
  BmcHealthChangeConnection?: BmcHealthChangeConnectionResolvers<ContextType>;
  BmcHealthChangeEdge?: BmcHealthChangeEdgeResolvers<ContextType>;
  BmcPrivilege?: BmcPrivilegeResolvers;
  BmcResetKind?: BmcResetKindResolvers;
  BmcResetResult?: BmcResetResultResolvers<ContextType>;
  BmcUser?: BmcUserResolvers<ContextType>;
  BmcUserChange?: BmcUserChangeResolvers<ContextType>;
  BmcUserPrivilege?: BmcUserPrivilegeResolvers;
  BootDevice?: BootDeviceResolvers;
  BootOptions?: BootOptionsResolvers<ContextType>;
  ChassisStatus?: ChassisStatusResolvers<ContextType>;
  CipherSuitePrivilege?: CipherSuitePrivilegeResolvers<ContextType>;
  ClearSelPayload?: ClearSelPayloadResolvers<ContextType>;
  CreateApiKeyPayload?: CreateApiKeyPayloadResolvers<ContextType>;
  CreateWebhookPayload?: CreateWebhookPayloadResolvers<ContextType>;
  CredentialRotationMode?: CredentialRotationModeResolvers;
  CredentialRotationResult?: CredentialRotationResultResolvers<ContextType>;
  CredentialState?: CredentialStateResolvers;
  DateTime?: GraphQLScalarType;
  DcmiPowerLimit?: DcmiPowerLimitResolvers<ContextType>;
  DcmiPowerReading?: DcmiPowerReadingResolvers<ContextType>;
  DeleteWebhookPayload?: DeleteWebhookPayloadResolvers<ContextType>;
  DeviceInfo?: DeviceInfoResolvers<ContextType>;
  Event?: EventResolvers<ContextType>;
  EventConnection?: EventConnectionResolvers<ContextType>;
  EventDirection?: EventDirectionResolvers;
  EventEdge?: EventEdgeResolvers<ContextType>;
  FleetPowerActionPayload?: FleetPowerActionPayloadResolvers<ContextType>;
  FleetPowerStatusPayload?: FleetPowerStatusPayloadResolvers<ContextType>;
  FleetPowerStatusResult?: FleetPowerStatusResultResolvers<ContextType>;
  FleetRead?: FleetReadResolvers;
  FleetSensorsPayload?: FleetSensorsPayloadResolvers<ContextType>;
  FleetSensorsResult?: FleetSensorsResultResolvers<ContextType>;
  FleetSummary?: FleetSummaryResolvers<ContextType>;
  FruBoard?: FruBoardResolvers<ContextType>;
  FruChassis?: FruChassisResolvers<ContextType>;
  FruInventory?: FruInventoryResolvers<ContextType>;
  FruProduct?: FruProductResolvers<ContextType>;
  IdentifyPayload?: IdentifyPayloadResolvers<ContextType>;
  IdentifyState?: IdentifyStateResolvers;
  JSONObject?: GraphQLScalarType;
  Job?: JobResolvers<ContextType>;
  JobConnection?: JobConnectionResolvers<ContextType>;
  JobEdge?: JobEdgeResolvers<ContextType>;
  JobProgress?: JobProgressResolvers<ContextType>;
  JobState?: JobStateResolvers;
  JobTask?: JobTaskResolvers<ContextType>;
  JobTaskConnection?: JobTaskConnectionResolvers<ContextType>;
  JobTaskEdge?: JobTaskEdgeResolvers<ContextType>;
  JobTaskResult?: JobTaskResultResolvers<ContextType>;
  JobTaskState?: JobTaskStateResolvers;
  LanConfig?: LanConfigResolvers<ContextType>;
  LanConfigChange?: LanConfigChangeResolvers<ContextType>;
  LanIpSource?: LanIpSourceResolvers;
  MonitorSample?: MonitorSampleResolvers<ContextType>;
  MonitoringCollect?: MonitoringCollectResolvers<ContextType>;
  MonitoringPolicy?: MonitoringPolicyResolvers<ContextType>;
  MonitoringRule?: MonitoringRuleResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PefConfig?: PefConfigResolvers<ContextType>;
  PefControl?: PefControlResolvers<ContextType>;
  PowerAction?: PowerActionResolvers;
  PowerActionPayload?: PowerActionPayloadResolvers<ContextType>;
  PowerActionResult?: PowerActionResultResolvers<ContextType>;
  PowerLimitExceptionAction?: PowerLimitExceptionActionResolvers;
  PowerRestorePolicy?: PowerRestorePolicyResolvers;
  PowerState?: PowerStateResolvers;
  PowerStatus?: PowerStatusResolvers<ContextType>;
  PowerStatusOutcome?: PowerStatusOutcomeResolvers<ContextType>;
  Prediction?: PredictionResolvers<ContextType>;
  PredictionRisk?: PredictionRiskResolvers;
  Principal?: PrincipalResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RawBmcCommandResult?: RawBmcCommandResultResolvers<ContextType>;
  ReadAuditMode?: ReadAuditModeResolvers;
  RegisterBmcPayload?: RegisterBmcPayloadResolvers<ContextType>;
  RemoveBmcPayload?: RemoveBmcPayloadResolvers<ContextType>;
  RevokeApiKeyPayload?: RevokeApiKeyPayloadResolvers<ContextType>;
  Role?: RoleResolvers;
  SelClock?: SelClockResolvers<ContextType>;
  SelEntry?: SelEntryResolvers<ContextType>;
  SelEntryConnection?: SelEntryConnectionResolvers<ContextType>;
  SelEntryEdge?: SelEntryEdgeResolvers<ContextType>;
  SelInfo?: SelInfoResolvers<ContextType>;
  SelTimeChange?: SelTimeChangeResolvers<ContextType>;
  Sensor?: SensorResolvers<ContextType>;
  SensorHysteresis?: SensorHysteresisResolvers<ContextType>;
  SensorList?: SensorListResolvers<ContextType>;
  SensorRange?: SensorRangeResolvers<ContextType>;
  SensorSample?: SensorSampleResolvers<ContextType>;
  SensorStatus?: SensorStatusResolvers;
  SensorThresholdConfig?: SensorThresholdConfigResolvers<ContextType>;
  SensorThresholdValues?: SensorThresholdValuesResolvers<ContextType>;
  SensorThresholds?: SensorThresholdsResolvers<ContextType>;
  SensorsOutcome?: SensorsOutcomeResolvers<ContextType>;
  SetBootDevicePayload?: SetBootDevicePayloadResolvers<ContextType>;
  SolCaptureResult?: SolCaptureResultResolvers<ContextType>;
  StartJobPayload?: StartJobPayloadResolvers<ContextType>;
  TenantSettings?: TenantSettingsResolvers<ContextType>;
  UpdateBmcPayload?: UpdateBmcPayloadResolvers<ContextType>;
  Watchdog?: WatchdogResolvers<ContextType>;
  Webhook?: WebhookResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
  WebhookDeliveryConnection?: WebhookDeliveryConnectionResolvers<ContextType>;
  WebhookDeliveryEdge?: WebhookDeliveryEdgeResolvers<ContextType>;
  WebhookDeliveryState?: WebhookDeliveryStateResolvers;
};

