/** Webhooks of a tenant and their deliveries (docs/monitoring.md, "Webhooks"). */
import type { Page, PageRequest, TenantId } from '../../types.ts';
import type { MonitorEventKind } from '../model.ts';

export interface Webhook {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly url: string;
  /** What the admin wrote about it; null when nothing. */
  readonly description: string | null;
  /** The event kinds it receives; null for every kind. */
  readonly events: readonly MonitorEventKind[] | null;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** What the store keeps: the webhook and the secret it signs with, which no API returns after creation. */
export interface StoredWebhook extends Webhook {
  readonly secret: string;
}

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface Delivery {
  readonly tenantId: TenantId;
  readonly id: string;
  readonly webhookId: string;
  readonly eventId: string;
  /** The exact JSON body sent (the signature covers it). */
  readonly body: string;
  readonly state: DeliveryState;
  readonly attempts: number;
  /** When the next attempt is due (pending only). */
  readonly nextAttemptAt: string | null;
  /** Why the last attempt failed: `HTTP 503`, `timeout after 5000 ms`, `connection refused`. */
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface WebhookStore {
  put(webhook: StoredWebhook): Promise<void>;
  get(tenantId: TenantId, id: string): Promise<StoredWebhook | undefined>;
  list(tenantId: TenantId): Promise<StoredWebhook[]>;
  delete(tenantId: TenantId, id: string): Promise<boolean>;
  putDelivery(delivery: Delivery): Promise<void>;
  getDelivery(tenantId: TenantId, id: string): Promise<Delivery | undefined>;
  /** Replaces a delivery if it still has `expectedAttempts` attempts (one writer per attempt). */
  updateDelivery(delivery: Delivery, expectedAttempts: number): Promise<boolean>;
  /** Pending deliveries due at `now`, across tenants, oldest due first. */
  listDue(now: string, limit: number): Promise<Delivery[]>;
  listDeliveries(tenantId: TenantId, state: DeliveryState, limit: number): Promise<Delivery[]>;
  /** A page of the tenant's deliveries, most recently changed first when `state` is given, by id otherwise. */
  pageDeliveries(tenantId: TenantId, state: DeliveryState | null, page: PageRequest): Promise<Page<Delivery>>;
}

/**
 * Encrypts webhook signing secrets at rest. `context` names the webhook (`webhook/<tenant>/<id>`)
 * and is bound to the ciphertext, so a sealed secret copied onto another webhook fails to open.
 */
export interface SecretSealer {
  seal(plain: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}

/** One HTTP POST of a delivery; resolves with the status, rejects on network errors and timeouts. */
export interface WebhookTransport {
  post(url: string, headers: Readonly<Record<string, string>>, body: string, timeoutMs: number): Promise<number>;
}

/** Resolves a host name to all of its addresses (the URL policy checks each). */
export type HostResolver = (host: string) => Promise<readonly string[]>;
