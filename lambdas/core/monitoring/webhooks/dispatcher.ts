/**
 * Delivers monitoring events to the tenants' webhooks. Each (event, webhook) pair is a durable
 * delivery record first, then an attempt: a crash between the two leaves a pending record that
 * the sweep picks up. Failed attempts back off exponentially until `maxAttempts`, then the
 * delivery is `failed`, visible and re-drivable through the API. Tenants are served side by
 * side, each by at most `perTenantConcurrency` requests of at most `timeoutMs`, so a receiver
 * that hangs holds its own tenant's slots and nobody else's.
 */
import { noTelemetry, type Clock, type IdGenerator, type Telemetry } from '../../ports.ts';
import type { TenantId } from '../../types.ts';
import type { MonitorEvent } from '../model.ts';
import type { EventPublisher } from '../publisher.ts';
import type { Delivery, StoredWebhook, WebhookStore, WebhookTransport } from './model.ts';
import { DELIVERY_ID_HEADER, EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign } from './signature.ts';

export interface DispatcherOptions {
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly perTenantConcurrency?: number;
}

export const DISPATCH_DEFAULTS = { timeoutMs: 5_000, maxAttempts: 8, backoffMs: 30_000, maxBackoffMs: 6 * 3_600_000, perTenantConcurrency: 4 } as const;

/** Runs `fn` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

function groupByTenant<T extends { tenantId: TenantId }>(items: readonly T[]): T[][] {
  const m = new Map<TenantId, T[]>();
  for (const i of items) m.set(i.tenantId, [...(m.get(i.tenantId) ?? []), i]);
  return [...m.values()];
}

/** The body a receiver gets: the event as the events API shows it. */
export function eventBody(e: MonitorEvent): string {
  return JSON.stringify({ id: e.id, tenantId: e.tenantId, time: e.time, kind: e.kind, severity: e.severity, message: e.message, bmcId: e.bmcId, detail: e.detail });
}

export class WebhookDispatcher implements EventPublisher {
  private readonly o: Required<DispatcherOptions>;

  constructor(
    private readonly store: WebhookStore,
    private readonly transport: WebhookTransport,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    options: DispatcherOptions = {},
    /** Hears of each delivery that ends `failed` (the alarm's metric in Lambda). */
    private readonly telemetry: Telemetry = noTelemetry,
  ) {
    this.o = { ...DISPATCH_DEFAULTS, ...options };
  }

  async publish(events: readonly MonitorEvent[]): Promise<void> {
    await Promise.all(
      groupByTenant(events).map(async (tenantEvents) => {
        const hooks = await this.store.list(tenantEvents[0]!.tenantId);
        const deliveries: Delivery[] = [];
        for (const e of tenantEvents) for (const h of hooks) if (h.events === null || h.events.includes(e.kind)) deliveries.push(await this.record(h, e.id, eventBody(e)));
        await this.attemptAll(deliveries);
      }),
    );
  }

  /** Attempts every pending delivery that is due (the worker's schedule and `npm start`'s timer call this). */
  async sweep(limit = 200): Promise<number> {
    const due = await this.store.listDue(this.clock.now().toISOString(), limit);
    await Promise.all(groupByTenant(due).map((list) => this.attemptAll(list)));
    return due.length;
  }

  /** A new pending delivery of `body` to `hook`, durable before any attempt. */
  async record(hook: StoredWebhook, eventId: string, body: string): Promise<Delivery> {
    const now = this.clock.now().toISOString();
    const d: Delivery = { tenantId: hook.tenantId, id: this.ids.next(), webhookId: hook.id, eventId, body, state: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, createdAt: now, updatedAt: now };
    await this.store.putDelivery(d);
    return d;
  }

  /** Makes a failed delivery pending again with a fresh set of attempts, and attempts it. */
  async redrive(d: Delivery): Promise<Delivery> {
    const now = this.clock.now().toISOString();
    const fresh: Delivery = { ...d, state: 'pending', attempts: 0, nextAttemptAt: now, updatedAt: now };
    if (!(await this.store.updateDelivery(fresh, d.attempts))) return (await this.store.getDelivery(d.tenantId, d.id)) ?? d;
    return this.attempt(fresh);
  }

  private attemptAll(deliveries: readonly Delivery[]): Promise<void> {
    return eachLimited(deliveries, this.o.perTenantConcurrency, async (d) => void (await this.attempt(d)));
  }

  /**
   * One attempt: claim it (attempts + 1, due again after a lease, so a crash mid-request is
   * retried and two sweeps never send the same attempt), send, then record the outcome.
   */
  async attempt(d: Delivery): Promise<Delivery> {
    const start = this.clock.now();
    const claimed: Delivery = { ...d, attempts: d.attempts + 1, nextAttemptAt: new Date(start.getTime() + 2 * this.o.timeoutMs).toISOString(), updatedAt: start.toISOString() };
    if (d.state !== 'pending' || !(await this.store.updateDelivery(claimed, d.attempts))) return d;
    const hook = await this.store.get(d.tenantId, d.webhookId);
    const error = hook ? await this.send(hook, claimed, start) : 'webhook deleted';
    const now = this.clock.now();
    const done: Delivery =
      error === null
        ? { ...claimed, state: 'delivered', nextAttemptAt: null, lastError: null, updatedAt: now.toISOString() }
        : !hook || claimed.attempts >= this.o.maxAttempts
          ? { ...claimed, state: 'failed', nextAttemptAt: null, lastError: error, updatedAt: now.toISOString() }
          : { ...claimed, lastError: error, nextAttemptAt: new Date(now.getTime() + this.backoff(claimed.attempts)).toISOString(), updatedAt: now.toISOString() };
    if ((await this.store.updateDelivery(done, claimed.attempts)) && done.state === 'failed') this.telemetry.webhookDeliveryFailed?.();
    return done;
  }

  private backoff(attempts: number): number {
    return Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (attempts - 1));
  }

  /** Null on a 2xx answer, else why it failed (no response body: it is the receiver's text). */
  private async send(hook: StoredWebhook, d: Delivery, at: Date): Promise<string | null> {
    const timestamp = Math.floor(at.getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'bmc-control-plane-webhooks/1',
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: sign(hook.secret, timestamp, d.body),
      [EVENT_ID_HEADER]: d.eventId,
      [DELIVERY_ID_HEADER]: d.id,
    };
    try {
      const status = await this.transport.post(hook.url, headers, d.body, this.o.timeoutMs);
      return status >= 200 && status < 300 ? null : `HTTP ${status}`;
    } catch (e) {
      return e instanceof Error ? e.message : 'request failed';
    }
  }
}
