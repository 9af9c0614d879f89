/** Requests and responses of the webhook routes (routes/webhooks.ts). */
import { z } from 'zod';
import { MONITOR_EVENT_KINDS } from '../../../core/monitoring/model.ts';
import { DELIVERY_STATES } from '../../../core/monitoring/webhooks/model.ts';
import { MAX_DESCRIPTION_LENGTH } from '../../../core/monitoring/webhooks/service.ts';
import { MAX_URL_LENGTH } from '../../../core/monitoring/webhooks/url-policy.ts';
import { pageQuery } from './requests.ts';

const time = z.string().describe('ISO 8601 date-time (UTC).');

export const createWebhookBody = z.strictObject({
  url: z.string().max(MAX_URL_LENGTH).describe('Absolute https URL (http and loopback only in local mode); its host may not resolve to loopback, link-local or private addresses unless the operator allows them.'),
  description: z.string().max(MAX_DESCRIPTION_LENGTH).nullable().optional().describe(`At most ${MAX_DESCRIPTION_LENGTH} characters.`),
  events: z.array(z.enum(MONITOR_EVENT_KINDS)).min(1).max(MONITOR_EVENT_KINDS.length).nullable().optional().describe('Event kinds to receive; absent for every kind.'),
});

export const deliveriesQuery = pageQuery.extend({
  state: z.enum(DELIVERY_STATES).optional().describe('Only deliveries in this state, most recently changed first.'),
});

export const webhook = z.object({
  id: z.string(),
  tenantId: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.enum(MONITOR_EVENT_KINDS)).nullable(),
  createdAt: time,
  createdBy: z.string(),
});

export const createdWebhook = z.object({ webhook, signingKey: z.string().describe('The key deliveries are signed with, shown in this answer only.') });

export const delivery = z.object({
  id: z.string(),
  tenantId: z.string(),
  webhookId: z.string(),
  eventId: z.string(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: time.nullable(),
  createdAt: time,
  updatedAt: time,
});

export const deletedWebhook = z.object({ id: z.string() });
