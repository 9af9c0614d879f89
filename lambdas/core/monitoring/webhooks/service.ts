/**
 * The admin surface of webhooks: create (the secret is shown once), list, test, delete, and the
 * deliveries with re-drive of failed ones. Every change is an audited event of the tenant chain;
 * parameters name the URL and never the secret. Another tenant's webhook is NOT_FOUND.
 */
import { randomBytes } from 'node:crypto';
import { badInput, conflict, notFound } from '../../errors.ts';
import type { Clock, IdGenerator } from '../../ports.ts';
import type { AuditService } from '../../services/audit-service.ts';
import { TENANT_CHAIN } from '../../services/audit-service.ts';
import { audited } from '../../services/audited.ts';
import type { Caller, Page, PageRequest } from '../../types.ts';
import { normalisePage } from '../../validation.ts';
import { MONITOR_EVENT_KINDS, type MonitorEventKind } from '../model.ts';
import type { WebhookDispatcher } from './dispatcher.ts';
import { DELIVERY_STATES, type Delivery, type DeliveryState, type HostResolver, type StoredWebhook, type Webhook, type WebhookStore } from './model.ts';
import { checkSecret, checkUrl, type UrlPolicy } from './url-policy.ts';

/** Webhooks per tenant: each event is one request per webhook. */
export const MAX_WEBHOOKS_PER_TENANT = 10;
export const MAX_DESCRIPTION_LENGTH = 200;

export interface CreateWebhookInput {
  readonly url: unknown;
  readonly description?: unknown;
  /** Event kinds to receive; absent or null for every kind. */
  readonly events?: unknown;
  /** A caller-chosen secret (16-256 printable characters); generated when absent. */
  readonly secret?: unknown;
}

export interface CreatedWebhook {
  readonly webhook: Webhook;
  /** Shown this once. */
  readonly secret: string;
}

/** A delivery as the API shows it: its state, without the body (that is the event). */
export type DeliveryView = Omit<Delivery, 'body'>;

export const publicWebhook = ({ secret: _secret, ...w }: StoredWebhook): Webhook => w;
export const deliveryView = ({ body: _body, ...d }: Delivery): DeliveryView => d;

function description(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string') throw badInput('description', 'must be a string');
  const text = raw.trim();
  if (text.length > MAX_DESCRIPTION_LENGTH) throw badInput('description', `must be at most ${MAX_DESCRIPTION_LENGTH} characters`);
  // Shown to admins in lists and consoles: no control characters.
  if (/\p{Cc}/u.test(text)) throw badInput('description', 'must not contain control characters');
  return text.length === 0 ? null : text;
}

function eventKinds(raw: unknown): MonitorEventKind[] | null {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw) || raw.length === 0) throw badInput('events', 'must be a non-empty list of event kinds, or absent for every kind');
  const known = new Set<string>(MONITOR_EVENT_KINDS);
  for (const k of raw) if (typeof k !== 'string' || !known.has(k)) throw badInput('events', `unknown event kind ${JSON.stringify(String(k).slice(0, 40))}; known: ${MONITOR_EVENT_KINDS.join(', ')}`);
  return [...new Set(raw as MonitorEventKind[])];
}

export class WebhookService {
  constructor(
    private readonly store: WebhookStore,
    private readonly dispatcher: WebhookDispatcher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly policy: UrlPolicy,
    private readonly resolve: HostResolver,
  ) {}

  async create(caller: Caller, input: CreateWebhookInput): Promise<CreatedWebhook> {
    const subject = { action: 'webhook.create', target: TENANT_CHAIN, parameters: { url: typeof input?.url === 'string' ? input.url.slice(0, 200) : null } };
    await this.audit.authorize(caller, 'tenant:settings', subject);
    const tenantId = caller.principal.tenantId;
    return audited(this.audit, caller, {
      subject,
      apply: async () => {
        const url = await checkUrl(input?.url, this.policy, this.resolve);
        const about = description(input?.description);
        const events = eventKinds(input?.events);
        const secret = input?.secret === undefined || input.secret === null ? `whsec_${randomBytes(24).toString('base64url')}` : checkSecret(input.secret);
        if ((await this.store.list(tenantId)).length >= MAX_WEBHOOKS_PER_TENANT) throw badInput('url', `at most ${MAX_WEBHOOKS_PER_TENANT} webhooks per tenant`);
        const hook: StoredWebhook = { tenantId, id: this.ids.next(), url, description: about, events, secret, createdAt: this.clock.now().toISOString(), createdBy: caller.principal.actor };
        await this.store.put(hook);
        return { webhook: publicWebhook(hook), secret };
      },
      undo: async (r) => void (await this.store.delete(tenantId, r.webhook.id)),
    });
  }

  async list(caller: Caller): Promise<Webhook[]> {
    await this.audit.authorize(caller, 'tenant:settings', { action: 'webhook.list', target: TENANT_CHAIN });
    return (await this.store.list(caller.principal.tenantId)).map(publicWebhook);
  }

  async remove(caller: Caller, id: string): Promise<void> {
    const subject = { action: 'webhook.delete', target: TENANT_CHAIN, parameters: { webhookId: String(id) } };
    await this.audit.authorize(caller, 'tenant:settings', subject);
    await audited(this.audit, caller, {
      subject,
      apply: async () => {
        if (!(await this.store.delete(caller.principal.tenantId, String(id)))) throw notFound('webhook', String(id));
      },
    });
  }

  /** Sends a signed `webhook.test` ping now and returns its delivery (retried like any other when it fails). */
  async test(caller: Caller, id: string): Promise<Delivery> {
    const subject = { action: 'webhook.test', target: TENANT_CHAIN, parameters: { webhookId: String(id) } };
    await this.audit.authorize(caller, 'tenant:settings', subject);
    return audited(this.audit, caller, {
      subject,
      apply: async () => {
        const hook = await this.store.get(caller.principal.tenantId, String(id));
        if (!hook) throw notFound('webhook', String(id));
        const eventId = `test-${this.ids.next()}`;
        const body = JSON.stringify({ id: eventId, tenantId: hook.tenantId, time: this.clock.now().toISOString(), kind: 'webhook.test', severity: 'info', message: 'test delivery', bmcId: null, detail: {} });
        return this.dispatcher.attempt(await this.dispatcher.record(hook, eventId, body));
      },
    });
  }

  /** The tenant's deliveries, of one state (most recently changed first) or all. */
  async deliveries(caller: Caller, state: DeliveryState | null, page: PageRequest = {}): Promise<Page<Delivery>> {
    await this.audit.authorize(caller, 'tenant:settings', { action: 'webhook.deliveries', target: TENANT_CHAIN });
    if (state !== null && !DELIVERY_STATES.includes(state)) throw badInput('state', `must be one of ${DELIVERY_STATES.join(', ')}`);
    return this.store.pageDeliveries(caller.principal.tenantId, state, normalisePage(page));
  }

  /** Makes a failed delivery pending again with a fresh set of attempts, and attempts it now. */
  async redrive(caller: Caller, deliveryId: string): Promise<Delivery> {
    const subject = { action: 'webhook.redrive', target: TENANT_CHAIN, parameters: { deliveryId: String(deliveryId) } };
    await this.audit.authorize(caller, 'tenant:settings', subject);
    return audited(this.audit, caller, {
      subject,
      apply: async () => {
        const d = await this.store.getDelivery(caller.principal.tenantId, String(deliveryId));
        if (!d) throw notFound('delivery', String(deliveryId));
        if (d.state !== 'failed') throw conflict(`delivery ${d.id} is ${d.state}; only failed deliveries can be re-driven`);
        return this.dispatcher.redrive(d);
      },
    });
  }
}
