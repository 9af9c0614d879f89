/**
 * `npm start`'s stand-in for the worker's scheduled webhook sweep: every `everyMs`, pending
 * deliveries that are due are attempted (lambdas/core/monitoring/webhooks/dispatcher.ts).
 * Local mode allows http and loopback receivers (docs/monitoring.md, "Webhooks").
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoWebhookStore } from '../adapters/dynamodb/webhook-store.ts';
import { FetchWebhookTransport } from '../adapters/http/webhook-transport.ts';
import { WebhookDispatcher } from '../core/monitoring/webhooks/dispatcher.ts';
import type { UrlPolicy } from '../core/monitoring/webhooks/url-policy.ts';
import type { Clock, IdGenerator } from '../core/ports.ts';

export const LOCAL_URL_POLICY: UrlPolicy = { allowHttp: true, allowLoopback: true, allowPrivate: false };
export const WEBHOOK_SWEEP_EVERY_MS = 15_000;

export function startWebhookSweep(
  doc: DynamoDBDocumentClient,
  table: string,
  env: { clock: Clock; ids: IdGenerator; onError: (e: unknown) => void },
  everyMs = WEBHOOK_SWEEP_EVERY_MS,
): { dispatcher: WebhookDispatcher; stop(): void } {
  const dispatcher = new WebhookDispatcher(new DynamoWebhookStore(doc, table), new FetchWebhookTransport(), env.clock, env.ids);
  const timer = setInterval(() => void dispatcher.sweep().catch(env.onError), everyMs);
  timer.unref();
  return { dispatcher, stop: () => clearInterval(timer) };
}
