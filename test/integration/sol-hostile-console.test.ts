/**
 * A chatty, hostile console captured through the real API: REST and GraphQL over the real HTTP
 * server, the job path (DynamoDB job store on dynalite, the in-process queue, the JobWorker of
 * `npm start`) and the IPMI gateway over real RMCP+ to a simulated BMC whose host floods its
 * serial console with escape sequences and control bytes. The capture stops at its cap, says so,
 * closes the console, and its display text carries none of the hostile bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IpmiGateway } from '../../lambdas/adapters/ipmi/gateway.ts';
import { InProcessJobQueue } from '../../lambdas/adapters/local/in-process-job-queue.ts';
import { createMemoryCore } from '../../lambdas/adapters/memory/index.ts';
import { apiKeyAuthenticator } from '../../lambdas/api/authenticate.ts';
import { createGraphQLServer } from '../../lambdas/api/graphql/server.ts';
import { createApiApp } from '../../lambdas/api/http/app.ts';
import { listen, type RunningServer } from '../../lambdas/api/http/node-server.ts';
import { silentLogger } from '../../lambdas/api/logger.ts';
import { MAX_SOL_CAPTURE_BYTES } from '../../lambdas/core/bmc-data.ts';
import { createServices, type CoreServices } from '../../lambdas/core/index.ts';
import type { Caller } from '../../lambdas/core/types.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { useEmbeddedJobStore } from '../support/embedded-job-store.ts';

/** One screenful of a hostile host: screen clear, a window title, colours, NUL padding, a bidi override, HTML, CR without LF. */
const HOSTILE = '\x1b[2J\x1b[H\x1b]0;owned\x07\x1b[31mERROR\x1b[0m <script>alert(1)</script>\x00\x00\u202eevil\r overwrite\r\n';

const jobStore = useEmbeddedJobStore('hostile-sol-jobs');
let fleet: Fleet;
let gateway: IpmiGateway;
let services: CoreServices;
let queue: InProcessJobQueue;
let server: RunningServer;
let graphql: ReturnType<typeof createGraphQLServer>;
let url: string;
let operator = '';
let bmcId = '';

const admin: Caller = { principal: { tenantId: 'tenant-sol', role: 'admin', actor: 'test' }, requestId: 'setup', source: 'test' };

beforeAll(async () => {
  fleet = await startFleet({ count: 1, password: 'sol-pw', seed: 23 });
  gateway = new IpmiGateway({ minActionIntervalMs: 0, timeoutMs: 1000, retries: 2 });
  queue = new InProcessJobQueue({ retryDelayMs: 20 });
  services = createServices({ ...createMemoryCore(), gateway, jobs: { store: jobStore(), queue } });
  const worker = services.jobWorker({ owner: 'sol-worker', cancelCheckMs: 0 });
  queue.attach((m) => worker.handle(m));
  graphql = createGraphQLServer(silentLogger);
  await graphql.start();
  server = await listen(createApiApp({ services, graphql, authenticate: apiKeyAuthenticator(services), logger: silentLogger }), '127.0.0.1', 0);
  url = `http://127.0.0.1:${server.port}`;
  const { host, port } = fleet.bmc(0);
  bmcId = (await services.bmcs.register(admin, { name: 'chatty', address: host, port, credentials: { username: 'admin', password: 'sol-pw' } })).id;
  operator = (await services.apiKeys.create(admin, { name: 'op', role: 'operator' })).key;
}, 60_000);

afterAll(async () => {
  queue?.close();
  await server?.close();
  await graphql?.stop();
  await gateway?.close();
  await fleet?.stop();
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'x-api-key': operator, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, location: res.headers.get('location'), body: (await res.json()) as Record<string, unknown> };
}

interface Capture {
  output: string;
  raw: string;
  bytes: number;
  truncated: boolean;
  droppedBytes: number;
  seconds: number;
}

describe('a console that floods hostile text', () => {
  it('is capped, reported as truncated, closed at the cap, and cleaned for display; the raw bytes stay intact', async () => {
    const bmc = fleet.bmc(0);
    bmc.chattyConsole(HOSTILE);
    try {
      // Asked for four minutes: the cap, not the clock, ends it.
      const started = await call('POST', `/v1/bmcs/${bmcId}/sol/capture`, { seconds: 240 });
      expect(started.status).toBe(202);
      expect(started.location).toBe(`/v1/jobs/${String(started.body['id'])}`);
      await queue.drained();
      const job = await call('GET', started.location as string);
      expect(job.body).toMatchObject({ state: 'succeeded', progress: { total: 1, done: 1, succeeded: 1, failed: 0 } });
      const tasks = await call('GET', `${started.location as string}/tasks`);
      const capture = (tasks.body['items'] as { result: Capture }[])[0]?.result as Capture;

      expect(capture).toMatchObject({ bytes: MAX_SOL_CAPTURE_BYTES, truncated: true, seconds: 240 });
      const raw = Buffer.from(capture.raw, 'base64');
      expect(raw.length).toBe(MAX_SOL_CAPTURE_BYTES);
      // The raw bytes are the console's, hostile bytes included.
      expect(raw.includes(Buffer.from('\x1b]0;owned\x07'))).toBe(true);
      // What the BMC printed that the capture kept or counted as dropped is accounted for.
      expect(capture.bytes + capture.droppedBytes).toBeLessThanOrEqual(bmc.consoleBytesPrinted);

      // Display text: no escape, no control byte but LF and tab; bidi shown; HTML is text, not markup (escaping is the viewer's job).
      const controls = [...capture.output].filter((ch) => {
        const c = ch.codePointAt(0) as number;
        return (c < 0x20 && ch !== '\n' && ch !== '\t') || (c >= 0x7f && c <= 0x9f);
      });
      expect(controls).toEqual([]);
      expect(capture.output).not.toContain('owned');
      expect(capture.output).toContain('ERROR <script>alert(1)</script>\ufffdevil\n overwrite\n');

      // The console was given back at the cap: the SOL payload is deactivated (the BMC allows one).
      expect(bmc.solActive).toBe(false);

      // GraphQL reads the same result as a SolCaptureResult.
      const gql = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'x-api-key': operator, 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ job(id: "${String(started.body['id'])}") { kind tasks { nodes { result { ... on SolCaptureResult { bytes truncated raw } } } } } }` }),
      });
      const answer = (await gql.json()) as { data: { job: { kind: string; tasks: { nodes: { result: { bytes: number; truncated: boolean; raw: string } }[] } } } };
      expect(answer.data.job.kind).toBe('bmc.sol');
      expect(answer.data.job.tasks.nodes[0]?.result).toEqual({ bytes: MAX_SOL_CAPTURE_BYTES, truncated: true, raw: capture.raw });
    } finally {
      bmc.chattyConsole(null);
    }
  }, 60_000);
});
