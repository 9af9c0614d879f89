/**
 * WebhookTransport over Node's fetch: one POST, no redirects followed (a redirect could aim the
 * request at an address the URL policy refused), aborted after the timeout. The response body
 * is discarded unread beyond what closing the connection needs.
 */
import type { WebhookTransport } from '../../core/monitoring/webhooks/model.ts';

export class FetchWebhookTransport implements WebhookTransport {
  async post(url: string, headers: Readonly<Record<string, string>>, body: string, timeoutMs: number): Promise<number> {
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) throw new Error(`timeout after ${timeoutMs} ms`);
      throw new Error('connection failed');
    }
    await res.body?.cancel().catch(() => undefined);
    return res.status;
  }
}
