/**
 * GraphQL enum values (conventional upper case) and the domain's string values behind them.
 * One table serves codegen (`enumValues`, so generated types carry the domain values) and the
 * server (enum resolvers, so resolvers pass domain values straight through).
 */
export const enumValues = {
  Role: { VIEWER: 'viewer', OPERATOR: 'operator', ADMIN: 'admin', AUDITOR: 'auditor' },
  BmcPrivilege: { USER: 'user', OPERATOR: 'operator', ADMIN: 'admin' },
  BmcHealth: { UNKNOWN: 'unknown', OK: 'ok', WARNING: 'warning', CRITICAL: 'critical', UNREACHABLE: 'unreachable' },
  CredentialState: { OK: 'ok', ROTATING: 'rotating' },
  CredentialRotationMode: { SET_ON_BMC: 'set-on-bmc', ALREADY_CHANGED: 'already-changed' },
  PowerState: { ON: 'on', OFF: 'off', UNKNOWN: 'unknown' },
  PowerAction: { ON: 'on', OFF: 'off', CYCLE: 'cycle', RESET: 'reset', SOFT: 'soft', DIAG: 'diag' },
  PowerRestorePolicy: { ALWAYS_OFF: 'always-off', PREVIOUS: 'previous', ALWAYS_ON: 'always-on', UNKNOWN: 'unknown' },
  IdentifyState: { OFF: 'off', TEMPORARY: 'temporary', INDEFINITE: 'indefinite', UNSUPPORTED: 'unsupported' },
  BootDevice: { PXE: 'pxe', DISK: 'disk', CDROM: 'cdrom', BIOS: 'bios', NONE: 'none' },
  SensorStatus: { OK: 'ok', NON_CRITICAL: 'nc', CRITICAL: 'cr', NON_RECOVERABLE: 'nr', NOT_AVAILABLE: 'ns' },
  EventDirection: { ASSERTED: 'asserted', DEASSERTED: 'deasserted' },
  AuditOutcome: { SUCCEEDED: 'succeeded', FAILED: 'failed', DENIED: 'denied', STARTED: 'started', UNKNOWN: 'unknown' },
  ReadAuditMode: { NONE: 'none', SAMPLED: 'sampled', ALL: 'all' },
  AccessRecordKind: { SAMPLED: 'sampled', READ: 'read' },
  JobState: { QUEUED: 'queued', RUNNING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed', PARTIALLY_SUCCEEDED: 'partially_succeeded', CANCELLED: 'cancelled' },
  JobTaskState: { QUEUED: 'queued', RUNNING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed', UNKNOWN: 'unknown', CANCELLED: 'cancelled' },
  PredictionRisk: { LOW: 'low', MEDIUM: 'medium', HIGH: 'high' },
  WebhookDeliveryState: { PENDING: 'pending', DELIVERED: 'delivered', FAILED: 'failed' },
  FleetRead: { POWER_STATUS: 'fleet.powerStatus', SENSORS: 'fleet.sensors' },
  BmcUserPrivilege: { CALLBACK: 'callback', USER: 'user', OPERATOR: 'operator', ADMIN: 'admin', OEM: 'oem', NO_ACCESS: 'no-access' },
  LanIpSource: { STATIC: 'static', DHCP: 'dhcp' },
  PowerLimitExceptionAction: { NONE: 'none', POWER_OFF: 'power-off', LOG_SEL: 'log-sel' },
  BmcResetKind: { WARM: 'warm', COLD: 'cold' },
  AuditChainProblemKind: { HASH_MISMATCH: 'hash-mismatch', BROKEN_LINK: 'broken-link', GAP: 'gap', WRONG_CHAIN: 'wrong-chain', BAD_CHECKPOINT: 'bad-checkpoint', CHECKPOINT_MISMATCH: 'checkpoint-mismatch', TRUNCATED: 'truncated' },
} as const;
