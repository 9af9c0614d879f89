/**
 * `npm start`'s webhooks: the ports (the webhooks table, secrets sealed with the local key file,
 * a transport pinned to checked addresses) and the stand-in for the worker's scheduled sweep:
 * every `everyMs`, pending deliveries that are due are attempted
 * (lambdas/core/monitoring/webhooks/dispatcher.ts). Local mode allows http and loopback
 * receivers (docs/monitoring.md, "Webhooks").
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoWebhookStore } from '../adapters/dynamodb/webhook-store.ts';
import { PinnedWebhookTransport, systemResolver } from '../adapters/http/pinned-webhook-transport.ts';
import { FileSecretSealer } from '../adapters/local/file-secret-sealer.ts';
import type { WebhookPorts } from '../core/index.ts';
import type { WebhookDispatcher } from '../core/monitoring/webhooks/dispatcher.ts';
import type { UrlPolicy } from '../core/monitoring/webhooks/url-policy.ts';
import type { CursorCodec } from '../core/cursor-codec.ts';

export const LOCAL_URL_POLICY: UrlPolicy = { allowHttp: true, allowLoopback: true, allowPrivate: false };
export const WEBHOOK_SWEEP_EVERY_MS = 15_000;

export function localWebhookPorts(doc: DynamoDBDocumentClient, table: string, dataDir: string, cursors?: CursorCodec): WebhookPorts {
  const store = new DynamoWebhookStore(doc, table, new FileSecretSealer(dataDir), cursors);
  return { store, transport: new PinnedWebhookTransport(LOCAL_URL_POLICY, systemResolver), policy: LOCAL_URL_POLICY, resolve: systemResolver };
}

export function startWebhookSweep(dispatcher: WebhookDispatcher, onError: (e: unknown) => void, everyMs = WEBHOOK_SWEEP_EVERY_MS): { stop(): void } {
  const timer = setInterval(() => void dispatcher.sweep().catch(onError), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
