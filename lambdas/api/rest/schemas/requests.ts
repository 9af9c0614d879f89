/**
 * Request schemas of the REST API. They reject unknown fields (a typo must not be silently
 * ignored on an action) and bound every string and list; the core validates again.
 */
import { z } from 'zod';
import { BOOT_DEVICES, POWER_ACTIONS } from '../../../core/bmc-data.ts';
import { AUDIT_OUTCOMES, BMC_HEALTH, PRIVILEGES, READ_AUDIT_MODES, ROLES } from '../../../core/types.ts';
import { JOB_KINDS, JOB_STATES } from '../../../core/jobs/types.ts';
import { MAX_SOL_CAPTURE_SECONDS } from '../../action-input.ts';
import { MAX_PAGE_SIZE } from '../../pagination.ts';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export const idParams = z.strictObject({ id: z.string().regex(ID, 'not a valid id').describe('Object id.') });

/** A repeated query parameter (`tag=a&tag=b`) or a single one. */
const repeated = (item: z.ZodString) => z.union([item, z.array(item).max(32)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional().describe(`Page size, 1-${MAX_PAGE_SIZE} (default 20).`),
  cursor: z.string().min(1).max(4096).optional().describe('`nextCursor` of the previous page.'),
});

export const bmcListQuery = pageQuery.extend({
  tag: repeated(z.string().min(1).max(128)).optional().describe('Only BMCs carrying every given tag (repeat the parameter).'),
  nameContains: z.string().min(1).max(128).optional().describe('Case-insensitive substring of the name.'),
  health: z.enum(BMC_HEALTH).optional().describe('Only BMCs in this health state.'),
});

const credentials = z
  .strictObject({
    username: z.string().min(1).max(16).describe('IPMI user name (at most 16 bytes).'),
    password: z.string().max(20).describe('IPMI password (at most 20 bytes). Write-only.'),
    kg: z.string().max(20).optional().describe('BMC key Kg, when configured. Write-only.'),
  })
  .describe('BMC credentials: stored in the secret store only, never returned.');

const cipherSuite = z.union([z.number().int().min(0).max(255), z.literal('auto')]).describe('RMCP+ cipher suite id, or `auto` to negotiate.');
const tags = z.array(z.string().min(1).max(128)).max(32);

export const registerBmcBody = z.strictObject({
  name: z.string().min(1).max(128),
  address: z.string().min(1).max(253).describe('IP address or DNS name of the BMC LAN channel.'),
  port: z.number().int().min(1).max(65535).optional().describe('UDP port of RMCP (default 623).'),
  cipherSuite: cipherSuite.optional(),
  privilege: z.enum(PRIVILEGES).optional().describe('Session privilege (default admin).'),
  tags: tags.optional(),
  credentials,
});

export const updateBmcBody = z.strictObject({
  name: z.string().min(1).max(128).optional(),
  address: z.string().min(1).max(253).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  cipherSuite: cipherSuite.optional(),
  privilege: z.enum(PRIVILEGES).optional(),
  tags: tags.optional().describe('Replaces the whole set.'),
});

export const rotateCredentialsBody = z.strictObject({
  mode: z.enum(['set-on-bmc', 'already-changed']).describe('Change the password on the BMC, or only verify a change made elsewhere.'),
  credentials,
});

export const powerActionBody = z.strictObject({ action: z.enum(POWER_ACTIONS) });

export const bootDeviceBody = z.strictObject({
  device: z.enum(BOOT_DEVICES),
  persistent: z.boolean().optional().describe('Every boot rather than the next only (default false).'),
  efi: z.boolean().optional().describe('EFI boot (default false).'),
});

export const identifyBody = z
  .strictObject({
    seconds: z.number().int().min(1).max(255).optional(),
    force: z.literal(true).optional(),
    off: z.literal(true).optional(),
  })
  .describe('One of seconds, force or off; 15 seconds when empty.');

export const solCaptureBody = z.strictObject({
  seconds: z.number().int().min(1).max(MAX_SOL_CAPTURE_SECONDS).describe(`Capture length, 1-${MAX_SOL_CAPTURE_SECONDS} seconds.`),
});

export const fruQuery = z.strictObject({
  fruId: z.coerce.number().int().min(0).max(254).optional().describe('FRU device id (default 0).'),
});

export const selQuery = pageQuery;

export const maxAgeQuery = z.strictObject({
  maxAge: z.coerce
    .number()
    .min(0)
    .max(300)
    .optional()
    .describe('Oldest answer accepted, in seconds: 0 asks the BMC now; absent, an answer up to 1 s old may come from the cache. An action on the BMC clears it.'),
});

export const fleetTarget = z
  .strictObject({
    ids: z.array(z.string().regex(ID, 'not a valid id')).min(1).max(1000).optional(),
    tags: tags.min(1).optional(),
  })
  .refine((t) => (t.ids === undefined) !== (t.tags === undefined), { message: 'give exactly one of ids or tags' })
  .describe('Which BMCs: exactly one of ids or tags.');

export const fleetReadBody = z.strictObject({ target: fleetTarget });
export const fleetPowerBody = z.strictObject({ target: fleetTarget, action: z.enum(POWER_ACTIONS) });
export const fleetReadJobBody = z.strictObject({ target: fleetTarget, read: z.enum(['powerStatus', 'sensors']).describe('What to read from each BMC.') });

export const jobListQuery = pageQuery.extend({
  state: z.enum(JOB_STATES).optional().describe('Only jobs in this state.'),
  kind: z.enum(JOB_KINDS).optional().describe('Only jobs of this kind.'),
});

const isoDateTime = z.iso.datetime({ offset: true });

const auditFilter = {
  from: isoDateTime.optional().describe('At or after (ISO 8601).'),
  to: isoDateTime.optional().describe('Before (ISO 8601).'),
  actor: z.string().min(1).max(256).optional(),
  target: z.string().min(1).max(256).optional().describe('e.g. `bmc:<id>`.'),
  action: z.string().min(1).max(128).optional().describe('e.g. `bmc.power.set`.'),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
};

export const auditQuery = pageQuery.extend(auditFilter);
export const auditExportQuery = z.strictObject({ ...auditFilter, format: z.enum(['jsonl', 'csv', 'bundle']).default('jsonl').describe('bundle: a JSON document that `npx bmc-audit verify` checks offline (docs/audit.md).') });

export const createApiKeyBody = z.strictObject({
  name: z.string().min(1).max(128),
  role: z.enum(ROLES),
  expiresAt: isoDateTime.optional().describe('Within 365 days. Omitted: 90 days from now (every key expires).'),
  scope: z
    .strictObject({
      tags: z.array(z.string()).max(32).optional().describe('Only BMCs carrying at least one of these tags; others are 404 to the key.'),
      operations: z.array(z.string()).max(16).optional().describe('Only these permissions of the role (e.g. `bmc:read`); others are 403.'),
    })
    .optional()
    .describe('Narrows the key within its role (docs/keys-and-limits.md); omit for the whole role.'),
});

export const accessQuery = pageQuery.extend({
  bmcId: z.string().regex(ID, 'not a valid id').optional().describe('Reads of this BMC.'),
  from: isoDateTime.optional().describe('At or after (ISO 8601).'),
  to: isoDateTime.optional().describe('Before (ISO 8601).'),
});

export const tenantSettingsBody = z
  .strictObject({
    readAudit: z.enum(READ_AUDIT_MODES).optional().describe('What successful reads leave behind: none, sampled or all.'),
    readAuditIntervalSeconds: z.number().int().min(60).max(86_400).optional().describe('Sampling interval of `sampled`, in seconds.'),
    rawCommands: z.boolean().optional().describe('Whether admins may send raw IPMI commands (default false).'),
  })
  .refine((b) => b.readAudit !== undefined || b.readAuditIntervalSeconds !== undefined || b.rawCommands !== undefined, { message: 'give readAudit, readAuditIntervalSeconds or rawCommands' });
