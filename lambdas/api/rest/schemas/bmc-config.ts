/**
 * REST schemas of BMC configuration (routes/bmc-config.ts). They check shapes and bound sizes;
 * the limits of the IPMI fields (VLAN ids, byte lengths, ranges) are the core's to check
 * (lambdas/core/bmc-config-input.ts), so REST and GraphQL refuse the same input the same way.
 */
import { z } from 'zod';
import { BMC_USER_PRIVILEGES, POWER_LIMIT_EXCEPTION_ACTIONS } from '../../../core/bmc-config-data.ts';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const id = z.string().regex(ID, 'not a valid id').describe('BMC id.');
const int = z.number().int();
const privileges = BMC_USER_PRIVILEGES;
const exceptionActions = POWER_LIMIT_EXCEPTION_ACTIONS;
const text = (max: number) => z.string().max(max);

export const userParams = z.strictObject({ id, userId: z.coerce.number().int().describe('BMC user id.') });
export const sensorParams = z.strictObject({ id, name: text(64).describe('Sensor name as its SDR has it.') });

export const userBody = z.strictObject({
  name: text(64).optional().describe('At most 16 bytes.'),
  enabled: z.boolean().optional(),
  privilege: z.enum(privileges).optional(),
});

export const passwordBody = z.strictObject({ password: text(64).describe('1 to 20 bytes. Write-only: never returned, logged or audited.') });

export const lanBody = z.strictObject({
  ipSource: z.enum(['static', 'dhcp']).optional(),
  ipAddress: text(64).optional(),
  netmask: text(64).optional(),
  gateway: text(64).optional(),
  vlanId: int.nullable().optional().describe('1-4094; null turns VLAN tagging off.'),
  vlanPriority: int.optional(),
  confirm: z.boolean().optional().describe('Required (true) for a change of addressing or VLAN of the channel in use.'),
});

export const alertDestinationBody = z.strictObject({
  ipAddress: text(64),
  macAddress: text(64).optional(),
  useBackupGateway: z.boolean().optional(),
  acknowledge: z.boolean().optional(),
  timeoutSeconds: int.optional(),
  retries: int.optional(),
  community: text(64).optional().describe('The channel community string (at most 18 bytes); redacted in the audit log.'),
});
export const destinationParams = z.strictObject({ id, destination: z.coerce.number().int().describe('Alert destination 1-15.') });

export const pefBody = z.strictObject({ enabled: z.boolean() });

const thresholds = z.strictObject({ lnr: z.number(), lcr: z.number(), lnc: z.number(), unc: z.number(), ucr: z.number(), unr: z.number() }).partial();
export const thresholdsBody = z.strictObject({
  thresholds: thresholds.optional(),
  hysteresis: z.strictObject({ positive: z.number(), negative: z.number() }).optional(),
});

export const powerLimitBody = z.strictObject({
  limit: int.describe('Watts.'),
  correctionMs: int,
  samplingSeconds: int,
  exceptionAction: z.enum(exceptionActions).optional(),
  activate: z.boolean().optional(),
});

export const selEntryBody = z.strictObject({
  sensorType: int,
  sensorNumber: int,
  eventType: int.describe('Event/Reading Type Code (section 42.1).'),
  deassertion: z.boolean().optional(),
  eventData: z.array(int).max(8),
});

export const selTimeBody = z.strictObject({ time: text(64).describe('ISO 8601.') });

export const resetBody = z.strictObject({ kind: z.enum(['warm', 'cold']), confirm: z.boolean().describe('Must be true.') });

export const rawBody = z.strictObject({
  netFn: int.describe('Request NetFn (even, 0x00-0x3e).'),
  cmd: int,
  data: text(1024).optional().describe('Request data as hex bytes, e.g. "01 0a".'),
  lun: int.optional(),
});

const user = z.object({ id: int, name: z.string(), enabled: z.boolean(), privilege: z.enum(privileges), callbackOnly: z.boolean(), linkAuth: z.boolean(), ipmiMessaging: z.boolean() });
const lan = z.object({
  channel: int,
  ipSource: z.string(),
  ipAddress: z.string(),
  netmask: z.string(),
  gateway: z.string(),
  macAddress: z.string(),
  vlanId: int.nullable(),
  vlanPriority: int.nullable(),
  authTypeEnables: z.record(z.string(), z.array(z.string())).nullable(),
  cipherSuitePrivileges: z.array(z.object({ id: int, privilege: z.string() })).nullable(),
});
const destination = z.object({ destination: int, type: z.string(), acknowledge: z.boolean(), timeoutSeconds: int, retries: int, ipAddress: z.string(), macAddress: z.string(), useBackupGateway: z.boolean() });
const alertDestinations = z.object({ community: z.string().nullable().describe('Admins only; null for the other roles.'), destinations: z.array(destination) });
const pef = z.object({ control: z.object({ enabled: z.boolean(), eventMessages: z.boolean(), startupDelay: z.boolean(), alertStartupDelay: z.boolean() }), filters: z.array(z.record(z.string(), z.unknown())), policies: z.array(z.record(z.string(), z.unknown())) });
const thresholdConfig = z.object({
  sensor: z.string(),
  number: int,
  unit: z.string().nullable(),
  thresholds: thresholds,
  hysteresis: z.object({ positive: z.number(), negative: z.number() }).nullable(),
  settable: z.array(z.string()),
  hysteresisSettable: z.boolean(),
  range: z.object({ min: z.number(), max: z.number() }),
});
const powerLimit = z.object({ exceptionAction: z.enum(exceptionActions), limit: int, correctionMs: int, samplingSeconds: int, active: z.boolean() });
const selClock = z.object({ time: z.string().nullable() });
const changed = <T extends z.ZodType>(t: T) => z.object({ before: t, after: t });

export const responses = {
  users: z.array(user),
  userChange: changed(user),
  user,
  lan,
  lanChange: changed(lan),
  alertDestinations,
  alertDestinationsChange: changed(alertDestinations),
  pef,
  pefChange: changed(pef),
  thresholdConfig,
  thresholdChange: changed(thresholdConfig),
  dcmiPower: z.object({ current: z.number(), minimum: z.number(), maximum: z.number(), average: z.number(), periodSeconds: z.number() }),
  powerLimit,
  powerLimitChange: changed(powerLimit),
  selEntry: z.object({ recordId: int }),
  selClock,
  selClockChange: changed(selClock),
  watchdog: z.record(z.string(), z.unknown()),
  reset: z.object({ acknowledged: z.boolean() }),
  raw: z.object({ completionCode: int, data: z.string().describe('Response data as hex.') }),
};
