/** Requests and responses of the monitoring routes (routes/monitoring.ts). */
import { z } from 'zod';
import { EVENT_SEVERITIES, MONITOR_EVENT_KINDS, PREDICTION_RISKS } from '../../../core/monitoring/model.ts';
import { BMC_HEALTH } from '../../../core/types.ts';
import { idParams, pageQuery } from './requests.ts';

const isoDateTime = z.iso.datetime({ offset: true });
const time = z.string().describe('ISO 8601 date-time (UTC).');
const sensorStatus = z.enum(['ok', 'nc', 'cr', 'nr', 'ns']);
const powerState = z.enum(['on', 'off', 'unknown']);
const repeated = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).max(16)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const eventsQuery = pageQuery.extend({
  kind: repeated(z.enum(MONITOR_EVENT_KINDS)).optional().describe('Any of these kinds (repeat the parameter).'),
  severity: repeated(z.enum(EVENT_SEVERITIES)).optional().describe('Any of these severities (repeat the parameter).'),
  bmcId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid id').optional().describe('Events of this BMC.'),
  from: isoDateTime.optional().describe('At or after (ISO 8601).'),
  to: isoDateTime.optional().describe('At or before (ISO 8601).'),
});

export const rangeQuery = z.strictObject({
  from: isoDateTime.optional().describe('At or after (ISO 8601); default 24 hours before `to`.'),
  to: isoDateTime.optional().describe('At or before (ISO 8601); default now.'),
});

export const pagedRangeQuery = pageQuery.extend(rangeQuery.shape);

export const sinceQuery = pageQuery.extend({ since: isoDateTime.describe('Health changed at or after (ISO 8601).') });

export const sensorParams = idParams.extend({ name: z.string().min(1).max(64).describe('Sensor name, as in the BMC\u2019s SDR.') });

const collect = z.strictObject({ power: z.boolean().optional(), sensors: z.boolean().optional(), sel: z.boolean().optional() });
export const policyBody = z.strictObject({
  enabled: z.boolean().optional(),
  rules: z
    .array(z.strictObject({ tag: z.string().nullable().optional(), intervalSeconds: z.number().int().optional(), collect: collect.optional() }))
    .max(20)
    .optional()
    .describe('Replaces every rule; each BMC follows the first rule whose tag it carries, a rule without a tag takes the rest.'),
  historyDays: z.number().int().optional().describe('Days history is kept (1-400).'),
});

export const event = z.object({
  id: z.string(),
  tenantId: z.string(),
  time,
  kind: z.enum(MONITOR_EVENT_KINDS),
  severity: z.enum(EVENT_SEVERITIES),
  message: z.string(),
  bmcId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const prediction = z.object({
  rule: z.string(),
  component: z.string(),
  risk: z.enum(PREDICTION_RISKS),
  reason: z.string(),
  evidence: z.array(z.string()),
  since: time,
  evaluatedAt: time,
});

export const sensorSample = z.object({ time, reading: z.number().nullable(), status: sensorStatus });
export const monitorSample = z.object({ time, power: powerState.nullable(), health: z.enum(BMC_HEALTH) });

export const monitorState = z.object({
  bmcId: z.string(),
  power: powerState.nullable(),
  health: z.enum(BMC_HEALTH),
  healthChangedAt: time.nullable(),
  reachable: z.boolean(),
  credentialsRejected: z.boolean(),
  sensors: z.array(z.object({ name: z.string(), status: sensorStatus })),
  sel: z.object({ mark: z.object({ id: z.number().int(), raw: z.string() }).nullable(), lastAddition: time.nullable(), lastErase: time.nullable() }).nullable(),
  predictions: z.array(prediction),
  updatedAt: time,
});

export const policy = z.object({
  tenantId: z.string(),
  enabled: z.boolean(),
  rules: z.array(z.object({ tag: z.string().nullable(), intervalSeconds: z.number().int(), collect: z.object({ power: z.boolean(), sensors: z.boolean(), sel: z.boolean() }) })),
  historyDays: z.number().int(),
  updatedAt: time.nullable(),
  updatedBy: z.string().nullable(),
});
