/**
 * node:http in front of the framework-agnostic API handler, for `npm start` and tests. Bodies
 * are read up to a limit (a larger one is refused without buffering it), headers are lowered,
 * and a request id is attached to every request.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiHandler } from './app.ts';
import { MAX_BODY_BYTES, pickRequestId, type ApiRequest } from './types.ts';

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function toApiRequest(req: IncomingMessage, body: string): ApiRequest {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = headersOf(req);
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: url.searchParams,
    headers,
    body,
    requestId: pickRequestId(headers['x-request-id'], randomUUID),
    source: `http ${req.socket.remoteAddress ?? 'unknown'}`,
  };
}

function send(res: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: string): void {
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body, 'utf8') });
  res.end(body);
}

export function requestListener(handler: ApiHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      let body: string;
      try {
        body = await readBody(req);
      } catch (e) {
        const tooLarge = e instanceof BodyTooLarge;
        const error = { code: 'BAD_USER_INPUT', message: tooLarge ? `body: larger than ${MAX_BODY_BYTES} bytes` : 'body: could not be read' };
        send(res, tooLarge ? 413 : 400, { 'content-type': 'application/json; charset=utf-8', connection: 'close' }, JSON.stringify({ error }));
        return;
      }
      const response = await handler(toApiRequest(req, body));
      send(res, response.status, response.headers, response.body);
    })().catch(() => {
      // The handler never throws; this guards against a socket that went away mid-response.
      if (!res.headersSent) send(res, 500, { 'content-type': 'application/json' }, '{"error":{"code":"INTERNAL","message":"internal error"}}');
      else res.destroy();
    });
  };
}

export interface RunningServer {
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(handler: ApiHandler, host: string, port: number): Promise<RunningServer> {
  const server = createServer(requestListener(handler));
  // Slow or idle clients must not hold sockets forever.
  server.requestTimeout = 60_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
