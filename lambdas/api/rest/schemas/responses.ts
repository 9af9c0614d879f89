/**
 * Response schemas of the REST API: they document every answer in the OpenAPI document, and
 * tests parse real responses with them so the document cannot drift from the behaviour. Values
 * follow the `bmc` CLI JSON contract (docs/cli.md) where one exists.
 */
import { z } from 'zod';
import { JOB_KINDS, JOB_STATES, TASK_STATES } from '../../../core/jobs/types.ts';
import { BOOT_DEVICES, POWER_ACTIONS } from '../../../core/bmc-data.ts';
import { ERROR_CODES } from '../../../core/errors.ts';
import { AUDIT_OUTCOMES, BMC_HEALTH, PRIVILEGES, READ_AUDIT_MODES, ROLES } from '../../../core/types.ts';

const time = z.string().describe('ISO 8601 date-time (UTC).');
const powerState = z.enum(['on', 'off', 'unknown']);

export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      field: z.string().optional(),
      completionCode: z.number().int().optional().describe('IPMI completion code, with BMC_COMMAND_FAILED.'),
      retryAfterSeconds: z.number().int().optional().describe('With BMC_BUSY and RATE_LIMITED: seconds before a retry may succeed (also the Retry-After header).'),
      retryable: z.literal(true).optional().describe('Present when the same request may succeed if sent again later.'),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
    requestId: z.string(),
  })
  .describe('An error with its stable code.');

export const principal = z.object({
  tenantId: z.string(),
  role: z.enum(ROLES),
  actor: z.string(),
  keyId: z.string().nullable(),
});

export const bmc = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  port: z.number().int(),
  cipherSuite: z.union([z.number().int(), z.literal('auto')]),
  privilege: z.enum(PRIVILEGES),
  tags: z.array(z.string()),
  health: z.enum(BMC_HEALTH),
  credentialState: z.enum(['ok', 'rotating']),
  credentialsUpdatedAt: time,
  createdAt: time,
  updatedAt: time,
});

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const powerStatus = z.object({ power: powerState });
export const powerActionResult = z.object({ action: z.enum(POWER_ACTIONS), power: powerState, confirmed: z.boolean() });

export const chassisStatus = z.object({
  power: z.enum(['on', 'off']),
  powerOverload: z.boolean(),
  powerInterlock: z.boolean(),
  powerFault: z.boolean(),
  powerControlFault: z.boolean(),
  restorePolicy: z.enum(['always-off', 'previous', 'always-on', 'unknown']),
  lastPowerEvent: z.array(z.string()),
  intrusion: z.boolean(),
  frontPanelLockout: z.boolean(),
  driveFault: z.boolean(),
  coolingFault: z.boolean(),
  identify: z.enum(['off', 'temporary', 'indefinite', 'unsupported']),
});

/** When a live answer was read from the BMC (the start of that round trip). */
const readAt = { readAt: time.describe('When it was read from the BMC: how old the answer is.') };
export const freshPowerStatus = powerStatus.extend(readAt);
export const freshChassisStatus = chassisStatus.extend(readAt);

export const deviceInfo = z.object({
  deviceId: z.number().int(),
  deviceRevision: z.number().int(),
  firmwareVersion: z.string(),
  ipmiVersion: z.string(),
  manufacturerId: z.number().int(),
  manufacturer: z.string().nullable(),
  productId: z.number().int(),
  guid: z.string().nullable(),
});

const threshold = z.number().optional();
export const sensor = z.object({
  name: z.string(),
  number: z.number().int(),
  type: z.string(),
  reading: z.number().nullable(),
  unit: z.string().nullable(),
  status: z.enum(['ok', 'nc', 'cr', 'nr', 'ns']),
  states: z.array(z.string()),
  thresholds: z.object({ lnr: threshold, lcr: threshold, lnc: threshold, unc: threshold, ucr: threshold, unr: threshold }),
});

export const freshSensor = sensor.extend(readAt);

export const selInfo = z.object({
  version: z.string(),
  entries: z.number().int(),
  freeBytes: z.number().int(),
  lastAddition: time.nullable(),
  lastErase: time.nullable(),
});

export const selEntry = z.object({
  id: z.number().int(),
  timestamp: time.nullable(),
  recordType: z.number().int(),
  sensorType: z.string(),
  sensorNumber: z.number().int(),
  event: z.string(),
  direction: z.enum(['asserted', 'deasserted']),
  raw: z.string(),
});

export const fru = z.object({
  chassis: z.object({ type: z.string(), partNumber: z.string(), serial: z.string(), extra: z.array(z.string()) }).nullable(),
  board: z
    .object({
      mfgDate: time.nullable(),
      manufacturer: z.string(),
      product: z.string(),
      serial: z.string(),
      partNumber: z.string(),
      fileId: z.string(),
      extra: z.array(z.string()),
    })
    .nullable(),
  product: z
    .object({
      manufacturer: z.string(),
      name: z.string(),
      partNumber: z.string(),
      version: z.string(),
      serial: z.string(),
      assetTag: z.string(),
      fileId: z.string(),
      extra: z.array(z.string()),
    })
    .nullable(),
});

export const bootOptions = z.object({ device: z.enum(BOOT_DEVICES), persistent: z.boolean(), efi: z.boolean() });
/** A bmc.sol task's result: `output` cleaned for display, `raw` the bytes as sent (base64); at most 65,536 bytes. */
export const solCapture = z.object({
  output: z.string().describe('Console text for display: escape sequences and control characters removed, line ends as LF, tabs kept.'),
  raw: z.string().describe('The bytes exactly as the console sent them, base64.'),
  bytes: z.number().int(),
  truncated: z.boolean().describe('The capture reached 65,536 bytes and stopped there.'),
  droppedBytes: z.number().int().describe('Bytes that arrived past the cap before the console was closed.'),
  seconds: z.number().int(),
});
/** A bmc.credentials.rotate task's result; never a password. */
export const credentialRotation = z.object({
  mode: z.enum(['set-on-bmc', 'already-changed']),
  username: z.string(),
  committedAt: z.string(),
  recovered: z.boolean(),
});
export const accepted = z.object({ bmcId: z.string(), done: z.literal(true) });

const fleetError = z.object({ code: z.enum(ERROR_CODES), message: z.string(), completionCode: z.number().int().optional() });
export const fleetResults = <T extends z.ZodType>(value: T) =>
  z.object({
    results: z.array(
      z.union([
        z.object({ bmcId: z.string(), name: z.string().nullable(), ok: z.literal(true), value }),
        z.object({ bmcId: z.string(), name: z.string().nullable(), ok: z.literal(false), error: fleetError }),
      ]),
    ),
    summary: z.object({ total: z.number().int(), succeeded: z.number().int(), failed: z.number().int() }),
  });

export const auditEvent = z.object({
  id: z.string(),
  time,
  actor: z.string(),
  role: z.enum(ROLES),
  action: z.string(),
  target: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  outcome: z.enum(AUDIT_OUTCOMES),
  errorCode: z.string().nullable(),
  requestId: z.string(),
  source: z.string(),
  chain: z.string(),
  seq: z.number().int(),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditPublicKey = z.object({
  keyId: z.string().describe('SHA-256 of the DER SubjectPublicKeyInfo, hex; bundles and checkpoints name it.'),
  algorithm: z.literal('ECDSA_SHA_256').describe('ECDSA over P-256 with SHA-256, DER signatures.'),
  publicKey: z.string().describe('The public key, PEM (SubjectPublicKeyInfo).'),
});

export const chainVerification = z.object({
  ok: z.boolean(),
  chains: z.array(
    z.object({
      chain: z.string(),
      ok: z.boolean(),
      events: z.number().int(),
      checkpoints: z.number().int().describe('Validly signed checkpoints checked against the chain.'),
      anchoredSeq: z.number().int().describe('Highest seq a checkpoint covers; later events are not anchored yet.'),
      problems: z.array(z.record(z.string(), z.unknown())),
    }),
  ),
});

export const apiKey = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  createdAt: time,
  createdBy: z.string(),
  expiresAt: time.nullable(),
  revokedAt: time.nullable(),
  lastUsedAt: time.nullable(),
  scope: z.object({ tags: z.array(z.string()).nullable(), operations: z.array(z.string()).nullable() }).nullable(),
});

export const createdApiKey = z.object({
  apiKey,
  key: z.string().describe('The key for the x-api-key header. Shown this once.'),
});

export const tenantSettings = z.object({
  tenantId: z.string(),
  readAudit: z.enum(READ_AUDIT_MODES),
  readAuditIntervalSeconds: z.number().int(),
  rawCommands: z.boolean(),
  updatedAt: time.nullable(),
  updatedBy: z.string().nullable(),
});

export const accessRecord = z.object({
  bmcId: z.string(),
  kind: z.enum(['sampled', 'read']),
  time,
  intervalStart: time.nullable(),
  actor: z.string(),
  role: z.enum(ROLES),
  action: z.string(),
  readAt: time,
  requestId: z.string(),
  source: z.string(),
});

export const jobProgress = z.object({ total: z.number().int(), done: z.number().int(), succeeded: z.number().int(), failed: z.number().int() });
export const job = z.object({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  state: z.enum(JOB_STATES).describe('Lower case: queued, running, succeeded, failed, partially_succeeded, cancelled.'),
  progress: jobProgress,
  action: z.enum(POWER_ACTIONS).nullable().describe('The power action, for fleet.power jobs.'),
  startedBy: z.string(),
  startedByRole: z.enum(ROLES),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  cancelledBy: z.string().nullable(),
});
export const jobTask = z.object({
  index: z.number().int(),
  bmcId: z.string(),
  state: z.enum(TASK_STATES),
  result: z
    .unknown()
    .nullable()
    .describe(
      'fleet.powerStatus: {power}; fleet.sensors: {sensors}; fleet.power: {action, power, confirmed}; fleet.identify: {seconds}; bmc.sol: {output, raw, bytes, truncated, droppedBytes, seconds}; bmc.credentials.rotate: {mode, username, committedAt, recovered}.',
    ),
  error: fleetError.nullable(),
  attempts: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
