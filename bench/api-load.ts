/**
 * The API under a platform's load (scenario g of `npm run bench`, or alone with
 * `node --import tsx bench/api-load.ts [--quick]`): the local server of `npm start` (startLocalApi:
 * dynalite, the encrypted credentials file, 8 simulated BMCs, the real IPMI gateway) loaded by
 * autocannon from a worker thread, so the load generator does not run on the server's event loop.
 *
 *   g1. 50 clients, `bmc { power }` of one BMC
 *   g2. 8 clients, `bmcs(first: 8) { power }`
 *   g3. 20 clients, `bmcs(first: 20) { id name }`, no BMC contact
 *   g4. power actions on a BMC, alone and while 50 clients read it
 *   g5. the API's own overhead on a single-BMC read: API p50 minus the library's p50
 *
 * Each row also counts what a request cost behind the API: DynamoDB operations per table (API
 * keys, BMCs, audit chains, access log, tenant settings), credential lookups, BMC round trips
 * and the Get Chassis Status commands the simulated BMCs received.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector/promises';
import autocannon, { type Result } from 'autocannon';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startLocalApi, type LocalApi } from '../lambdas/local/main.ts';
import { localConfig } from '../lambdas/local/config.ts';
import { openSession, powerStatus } from '../lambdas/ipmi/index.ts';
import { simulatorPassword } from '../lambdas/local/secret-files.ts';
import type { CommandJournal } from '../lambdas/simulator/index.ts';
import { goal, markdownTable, median, ms, textTable, type Row } from './report.ts';

export interface ApiLoadOptions {
  readonly quick?: boolean;
  /** Scenarios to run (e.g. ['g3']); all when absent. */
  readonly only?: readonly string[];
  readonly log?: (line: string) => void;
  /** Writes a V8 CPU profile of the server's thread during each measured load here (`--profile DIR`). */
  readonly profileDir?: string;
}

/** Profiles this thread (the server's; autocannon runs in a worker) while `work` runs. */
async function profiled<T>(dir: string | undefined, name: string, work: () => Promise<T>): Promise<T> {
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** DynamoDB operations per table and command, and credential lookups, as the server made them. */
class StoreCounter {
  readonly ops = new Map<string, number>();
  credentialGets = 0;

  attach(doc: DynamoDBDocumentClient, tables: Readonly<Record<string, string>>, credentials: { get: (...args: never[]) => Promise<unknown> }): void {
    const byName = new Map(Object.entries(tables).map(([k, v]) => [v, k]));
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { TableName?: string };
        const table = byName.get(input.TableName ?? '') ?? input.TableName ?? '?';
        const key = `${table} ${context.commandName?.replace(/Command$/, '')}`;
        this.ops.set(key, (this.ops.get(key) ?? 0) + 1);
        return next(args);
      },
      { step: 'initialize', name: 'benchCountOperations' },
    );
    const get = credentials.get.bind(credentials);
    credentials.get = (...args: never[]) => {
      this.credentialGets++;
      return get(...args);
    };
  }

  snapshot(): { ops: Map<string, number>; credentialGets: number } {
    return { ops: new Map(this.ops), credentialGets: this.credentialGets };
  }

  /** "apiKeys Get 0.01, bmcs Query 1.00, ..." per request since `before`. */
  perRequest(before: ReturnType<StoreCounter['snapshot']>, requests: number): string {
    const parts: string[] = [];
    for (const [key, n] of [...this.ops].sort()) {
      const d = n - (before.ops.get(key) ?? 0);
      if (d > 0) parts.push(`${key} ${(d / requests).toFixed(3)}`);
    }
    const creds = this.credentialGets - before.credentialGets;
    parts.push(`credential lookups ${(creds / requests).toFixed(3)}`);
    return parts.length === 1 ? `no DynamoDB operations; ${parts[0]}` : parts.join(', ');
  }
}

const gqlBody = (query: string) => JSON.stringify({ query });
/** The exact body Apollo Server sends: JSON and a newline. */
const answer = (data: unknown) => `${JSON.stringify(data)}\n`;

export async function run(options: ApiLoadOptions = {}): Promise<Row[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(`bench api: ${line}\n`));
  const seconds = options.quick ? 3 : 6;
  const dataDir = await mkdtemp(join(tmpdir(), 'bmcp-bench-api-'));
  const counter = new StoreCounter();
  let api: LocalApi | undefined;
  const rows: Row[] = [];
  const want = (scenario: string) => !options.only || options.only.includes(scenario);
  try {
    const config = localConfig({ PORT: '0', DATA_DIR: dataDir, BMC_SIM_COUNT: '8', BMC_SIM_BASE_PORT: '0', LOG_LEVEL: 'error' });
    api = await startLocalApi(config, {
      onStores: (stores) => counter.attach(stores.documentClient, { apiKeys: 'bmcp-api-keys', bmcs: 'bmcp-bmcs', audit: 'bmcp-audit', tenants: 'bmcp-tenants', access: 'bmcp-access' }, stores.credentials),
    });
    const fleet = api.fleet;
    if (!fleet) throw new Error('the local server started without its simulated fleet');
    const headers = { 'content-type': 'application/json', 'x-api-key': api.adminKey };
    const graphql = async (query: string) => {
      const res = await fetch(api!.graphqlUrl, { method: 'POST', headers, body: gqlBody(query) });
      return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    };
    const list = await graphql('{ bmcs(first: 20) { nodes { id name } } }');
    const nodes = (list.data?.['bmcs'] as { nodes: { id: string; name: string }[] }).nodes;
    const target = nodes.find((n) => n.name === 'sim-01') ?? nodes[0]!;
    const targetIndex = Number(target.name.slice(4)) - 1;

    const journals = () => Array.from({ length: fleet.size }, (_, i) => fleet.bmc(i).recordCommands());
    const chassisCommands = (js: CommandJournal[]) => js.reduce((n, j) => n + j.of(0x00, 0x01).length, 0);
    const load = async (name: string, connections: number, query: string, expect?: string): Promise<{ result: Result; cost: string; roundTrips: number; commands: number }> => {
      // Warm up: sessions open, SDRs and code paths hot.
      await autocannon({ url: api!.graphqlUrl, connections, duration: 1, workers: 1, method: 'POST', headers, body: gqlBody(query) });
      const before = counter.snapshot();
      const loads = api!.services.readCache.loads;
      const js = journals();
      const cpu = process.cpuUsage();
      log(`${name}: ${connections} connections for ${seconds} s`);
      const result = await profiled(options.profileDir, name, () =>
        autocannon({ url: api!.graphqlUrl, connections, duration: seconds, workers: 1, method: 'POST', headers, body: gqlBody(query), ...(expect && { expectBody: expect }) }),
      );
      // CPU per request steadies a comparison on a shared machine, where req/s follows the load of others.
      const used = process.cpuUsage(cpu);
      const cpuPerRequest = (used.user + used.system) / 1000 / Math.max(1, result.requests.total);
      const cost = `${counter.perRequest(before, Math.max(1, result.requests.total))}; process CPU ${cpuPerRequest.toFixed(2)} ms (autocannon and BMCs included)`;
      return { result, cost, roundTrips: api!.services.readCache.loads - loads, commands: chassisCommands(js) };
    };
    const failures = (r: Result) => r.errors + r.timeouts + r.mismatches + r.non2xx;
    const clean = (r: Result, text: string, met: boolean) => (failures(r) === 0 && r.requests.total > 0 ? goal(met, text) : `INVALID: ${failures(r)} failed or unexpected answers`);

    // g1
    if (want('g1')) {
      const state = ((await graphql(`{ bmc(id: "${target.id}") { power { state } } }`)).data?.['bmc'] as { power: { state: string } }).power.state;
      const one = await load('g1', 50, `{ bmc(id: "${target.id}") { power { state } } }`, answer({ data: { bmc: { power: { state } } } }));
      rows.push({
        scenario: 'g1. 50 clients, bmc { power } of one BMC',
        client: 'API (npm start), autocannon',
        value: `${one.result.requests.average.toFixed(0)} req/s, p50 ${ms(one.result.latency.p50)}, p99 ${ms(one.result.latency.p99)}`,
        goal: clean(one.result, '>= 500 req/s, p99 < 150 ms', one.result.requests.average >= 500 && one.result.latency.p99 < 150),
        notes: `${one.roundTrips} BMC round trips, ${one.commands} Get Chassis Status for ${one.result.requests.total} requests; per request: ${one.cost}`,
      });

    }

    // g2
    if (want('g2')) {
      const eight = await load('g2', 8, '{ bmcs(first: 8) { nodes { power { state } } } }');
      const readsPerSecond = eight.result.requests.average * Math.min(8, nodes.length);
      rows.push({
        scenario: 'g2. 8 clients, bmcs(first: 8) { power }',
        client: 'API (npm start), autocannon',
        value: `${readsPerSecond.toFixed(0)} BMC reads/s (${eight.result.requests.average.toFixed(0)} req/s), p99 ${ms(eight.result.latency.p99)}`,
        goal: clean(eight.result, '>= 2,000 BMC reads/s, p99 < 250 ms', readsPerSecond >= 2000 && eight.result.latency.p99 < 250),
        notes: `${eight.roundTrips} BMC round trips, ${eight.commands} Get Chassis Status; per request: ${eight.cost}`,
      });

    }

    // g3
    if (want('g3')) {
      const listing = await load('g3', 20, '{ bmcs(first: 20) { nodes { id name } } }', answer(list));
      rows.push({
        scenario: 'g3. 20 clients, bmcs(first: 20) { id name }',
        client: 'API (npm start), autocannon',
        value: `${listing.result.requests.average.toFixed(0)} req/s, p50 ${ms(listing.result.latency.p50)}, p99 ${ms(listing.result.latency.p99)}`,
        goal: clean(listing.result, '>= 800 req/s', listing.result.requests.average >= 800),
        notes: `per request: ${listing.cost}`,
      });

    }

    // g4
    if (want('g4')) {
      const actions = options.quick ? 2 : 4;
      const act = async (n: number): Promise<{ ms: number[]; confirmed: boolean }> => {
        const times: number[] = [];
        let confirmed = true;
        for (let i = 0; i < n; i++) {
          const action = i % 2 === 0 ? 'OFF' : 'ON';
          const started = performance.now();
          const body = await graphql(`mutation { powerAction(input: { bmcId: "${target.id}", action: ${action} }) { power confirmed } }`);
          times.push(performance.now() - started);
          log(`  power ${action}: ${ms(times.at(-1)!)}${body.errors ? ` ${JSON.stringify(body.errors)}` : ''}`);
          const r = body.data?.['powerAction'] as { power: string; confirmed: boolean } | undefined;
          confirmed &&= r?.confirmed === true && r.power === action;
        }
        return { ms: times, confirmed };
      };
      log(`g4: ${actions} power actions alone`);
      const alone = await act(actions);
      const journal = fleet.bmc(targetIndex).recordCommands();
      log(`g4: ${actions} power actions while 50 clients read the BMC`);
      // The readers run for twice what the actions took alone (autocannon's stop() does not end a
      // run in worker threads), and the actions must end while they still run.
      const readSeconds = Math.ceil((2 * alone.ms.reduce((a, b) => a + b, 0)) / 1000) + 2;
      const readersStarted = performance.now();
      const readers = autocannon({ url: api.graphqlUrl, connections: 50, duration: readSeconds, workers: 1, method: 'POST', headers, body: gqlBody(`{ bmc(id: "${target.id}") { power { state } } }`) });
      await new Promise((r) => setTimeout(r, 1000));
      const loaded = await act(actions);
      const underLoad = performance.now() - readersStarted < readSeconds * 1000;
      const readerResult = await readers;
      const controls = journal.of(0x00, 0x02).map((e) => e.at);
      const gaps = controls.slice(1).map((t, i) => t - controls[i]!);
      const p99 = (xs: number[]) => Math.max(...xs);
      const ratio = p99(loaded.ms) / p99(alone.ms);
      rows.push({
        scenario: 'g4. power action while 50 clients read the BMC',
        client: 'API (npm start), autocannon readers',
        value: `action p99 ${ms(p99(loaded.ms))} loaded vs ${ms(p99(alone.ms))} alone (${ratio.toFixed(2)} x)`,
        goal: goal(underLoad && loaded.confirmed && alone.confirmed && ratio <= 1.2 && journal.peakActiveSessions <= 2 && gaps.every((g) => g >= 1000), 'confirmed, spacing and cap respected, p99 within 20 %'),
        notes: `${actions} actions each (p99 of so few is their maximum)${underLoad ? '' : '; INVALID: the readers stopped before the actions ended'}; all confirmed: ${loaded.confirmed && alone.confirmed}; Chassis Control gaps ${gaps.map((g) => ms(g)).join(', ') || 'n/a'} (minimum 1 s); peak sessions at the BMC ${journal.peakActiveSessions} (cap 2); readers meanwhile ${readerResult.requests.average.toFixed(0)} req/s, p99 ${ms(readerResult.latency.p99)}`,
      });

    }

    // g5
    if (want('g5')) {
      const host = fleet.bmc(targetIndex);
      const session = await openSession({ host: host.host, port: host.port, username: 'admin', password: await simulatorPassword(dataDir) });
      const library: number[] = [];
      try {
        for (let i = 0; i < 2000; i++) {
          const started = performance.now();
          await powerStatus(session);
          library.push(performance.now() - started);
        }
      } finally {
        await session.close();
    }
    log('g5: 1 client, bmc { power(maxAge: 0) }');
    const fresh = await load('g5', 1, `{ bmc(id: "${target.id}") { power(maxAge: 0) { state } } }`);
    const libraryP50 = median(library.slice(200));
    const overhead = fresh.result.latency.p50 - libraryP50;
    rows.push({
      scenario: 'g5. API overhead on a single-BMC read',
      client: 'API p50 minus library p50',
      value: `${overhead.toFixed(1)} ms (API p50 ${ms(fresh.result.latency.p50)}, mean ${fresh.result.latency.average.toFixed(2)} ms; library p50 ${libraryP50.toFixed(2)} ms)`,
      goal: clean(fresh.result, '< 5 ms', overhead < 5),
      notes: `1 client, sequential, maxAge 0 (every request a BMC round trip: ${fresh.commands} Get Chassis Status for ${fresh.result.requests.total} requests); autocannon reports whole milliseconds; per request: ${fresh.cost}`,
    });
    }
  } finally {
    await api?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? process.argv[onlyAt + 1]?.split(',') : undefined;
  const profileAt = process.argv.indexOf('--profile');
  const profileDir = profileAt > 0 ? process.argv[profileAt + 1] : undefined;
  const started = new Date();
  const loadBefore = loadavg()[0]!;
  const rows = await run({ quick, ...(only && { only }), ...(profileDir && { profileDir }) });
  const load = `1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after`;
  process.stdout.write(`\n${textTable(rows)}\n\n${load}\n`);
  const md = [
    '# API under load',
    '',
    `Written by \`node --import tsx bench/api-load.ts${quick ? ' --quick' : ''}\` on ${started.toISOString()}: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, loopback only.`,
    `Server, simulated BMCs and autocannon (a worker thread) share these cores; ${load}.`,
    '',
    markdownTable(rows),
    '',
  ].join('\n');
  // A partial run (--only) does not replace the recorded figures.
  if (!only) await writeFile(fileURLToPath(new URL('api-results.md', import.meta.url)), md);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
