/**
 * The admin surface of webhooks: create (the secret is shown once), list, test, delete, and the
 * deliveries that failed, with re-drive. Every change is an audited event of the tenant chain;
 * parameters name the URL and never the secret. Another tenant's webhook is NOT_FOUND.
 */
import { randomBytes } from 'node:crypto';
import { badInput, notFound } from '../../errors.ts';
import type { Clock, IdGenerator } from '../../ports.ts';
import type { AuditService } from '../../services/audit-service.ts';
import { TENANT_CHAIN } from '../../services/audit-service.ts';
import { audited } from '../../services/audited.ts';
import type { Caller } from '../../types.ts';
import type { WebhookDispatcher } from './dispatcher.ts';
import type { Delivery, DeliveryState, HostResolver, StoredWebhook, Webhook, WebhookStore } from './model.ts';
import { checkSecret, checkUrl, type UrlPolicy } from './url-policy.ts';

/** Webhooks per tenant: each event is one request per webhook. */
export const MAX_WEBHOOKS_PER_TENANT = 10;

export interface CreatedWebhook {
  readonly webhook: Webhook;
  /** Shown this once. */
  readonly secret: string;
}

export const publicWebhook = ({ secret: _secret, ...w }: StoredWebhook): Webhook => w;

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

  async create(caller: Caller, input: { url: unknown; secret?: unknown }): Promise<CreatedWebhook> {
    const subject = { action: 'webhook.create', target: TENANT_CHAIN, parameters: { url: typeof input?.url === 'string' ? input.url.slice(0, 200) : null } };
    await this.audit.authorize(caller, 'tenant:settings', subject);
    const tenantId = caller.principal.tenantId;
    return audited(this.audit, caller, {
      subject,
      apply: async () => {
        const url = await checkUrl(input?.url, this.policy, this.resolve);
        const secret = input?.secret === undefined || input.secret === null ? `whsec_${randomBytes(24).toString('base64url')}` : checkSecret(input.secret);
        if ((await this.store.list(tenantId)).length >= MAX_WEBHOOKS_PER_TENANT) throw badInput('url', `at most ${MAX_WEBHOOKS_PER_TENANT} webhooks per tenant`);
        const hook: StoredWebhook = { tenantId, id: this.ids.next(), url, secret, createdAt: this.clock.now().toISOString(), createdBy: caller.principal.actor };
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

  async deliveries(caller: Caller, state: DeliveryState, limit = 50): Promise<Delivery[]> {
    await this.audit.authorize(caller, 'tenant:settings', { action: 'webhook.deliveries', target: TENANT_CHAIN });
    return this.store.listDeliveries(caller.principal.tenantId, state, Math.max(1, Math.min(200, limit)));
  }

  async redrive(caller: Caller, deliveryId: string): Promise<Delivery> {
    const subject = { action: 'webhook.redrive', target: TENANT_CHAIN, parameters: { deliveryId: String(deliveryId) } };
    await this.audit.authorize(caller, 'tenant:settings', subject);
    return audited(this.audit, caller, {
      subject,
      apply: async () => {
        const d = await this.store.getDelivery(caller.principal.tenantId, String(deliveryId));
        if (!d) throw notFound('delivery', String(deliveryId));
        return this.dispatcher.redrive(d);
      },
    });
  }
}
