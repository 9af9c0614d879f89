/**
 * WebhookTransport over node:http(s), pinned to checked addresses. The URL policy checked the
 * name when the webhook was created, but a name can point elsewhere later (DNS rebinding: a
 * receiver's name changed to 169.254.169.254). So each delivery resolves the name once, checks
 * every address it got against the same policy, and connects to the first of them: the socket's
 * lookup answers with that address, while the Host header and TLS SNI keep the name, so the
 * certificate is still checked against it. No redirects are followed (one could aim the request
 * at a refused address); the response body is never read. Errors name the rule that refused,
 * never the address a name resolved to.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { HostResolver, WebhookTransport } from '../../core/monitoring/webhooks/model.ts';
import { refusedClass, type UrlPolicy } from '../../core/monitoring/webhooks/url-policy.ts';

/** Every address of a name, through the system resolver (what getaddrinfo answers). */
export const systemResolver: HostResolver = async (host) => (await dnsLookup(host, { all: true })).map((a) => a.address);

/** A lookup that answers every query with `address`: the socket connects there and nowhere else. */
function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as LookupFunction;
}

export class PinnedWebhookTransport implements WebhookTransport {
  constructor(
    private readonly policy: UrlPolicy,
    private readonly resolve: HostResolver = systemResolver,
  ) {}

  async post(url: string, headers: Readonly<Record<string, string>>, body: string, timeoutMs: number): Promise<number> {
    const target = new URL(url);
    if (target.protocol !== 'https:' && !(this.policy.allowHttp && target.protocol === 'http:')) throw new Error(`refused: ${target.protocol} is not allowed`);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : await this.resolve(host).catch(() => []);
    if (addresses.length === 0) throw new Error('host name does not resolve');
    const refused = refusedClass(addresses, this.policy);
    if (refused) throw new Error(`refused: the host resolves to a ${refused} address, which webhooks may not call`);
    const options: RequestOptions = {
      method: 'POST',
      host,
      ...(target.port && { port: Number(target.port) }),
      path: `${target.pathname}${target.search}`,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(addresses[0]!),
      agent: false,
    };
    return new Promise<number>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const onResponse = (res: IncomingMessage) => {
        finish(() => resolve(res.statusCode ?? 0));
        res.destroy();
        req.destroy();
      };
      const req: ClientRequest = target.protocol === 'https:' ? httpsRequest({ ...options, ...(isIP(host) === 0 && { servername: host }) }, onResponse) : httpRequest(options, onResponse);
      const timer = setTimeout(() => {
        finish(() => reject(new Error(`timeout after ${timeoutMs} ms`)));
        req.destroy();
      }, timeoutMs);
      req.on('error', () => finish(() => reject(new Error('connection failed'))));
      req.end(body);
    });
  }
}
