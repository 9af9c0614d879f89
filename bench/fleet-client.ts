/**
 * The client side of the fleet-scale scenarios, run as its own process so that its wall
 * time, CPU time (process.cpuUsage) and peak RSS (getrusage high-water mark) are its own:
 *
 *   BENCH_BMC_PASSWORD=... node --import tsx bench/fleet-client.ts OP HOSTS_FILE PORT [CIPHER_SUITE]
 *
 * OP is `power` (power status of every BMC) or `sweep` (every sensor: with an empty SDR
 * cache, again with the cache it filled, then with sessions kept open between sweeps as a
 * warm Lambda would). Prints one `@@result {json}` line.
 */
import { readFile } from 'node:fs/promises';
import { collectFleet, powerStatus, runFleet, SessionPool, UdpTransport, type FleetOptions, type FleetResult } from '../lambdas/ipmi/index.ts';
import { sweepSensors } from '../lambdas/ipmi/fleet/sweep.ts';
import { SdrCache } from '../lambdas/ipmi/sdr-cache/index.ts';

export interface PhaseResult {
  wallMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  ok: number;
  failed: number;
  /** A few distinct error messages, for the report. */
  errors: string[];
  /** Sensors per BMC (sweeps only): min and max over the BMCs that answered. */
  sensors?: [number, number];
}

export interface ClientResult {
  op: string;
  phases: Record<string, PhaseResult>;
  /** Peak resident set size of the whole client process, MB. */
  maxRssMb: number;
  cache?: SdrCache['stats'];
}

async function phase<T>(work: () => Promise<FleetResult<T>[]>, count?: (v: T) => number): Promise<PhaseResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const results = await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const errors = [...new Set(results.flatMap((r) => (r.ok ? [] : [r.error.message])))].slice(0, 3);
  const counts = count ? results.flatMap((r) => (r.ok ? [count(r.value)] : [])) : [];
  return {
    wallMs,
    cpuUserMs: used.user / 1000,
    cpuSystemMs: used.system / 1000,
    ok: results.filter((r) => r.ok).length,
    failed: results.filter((r) => !r.ok).length,
    errors,
    ...(counts.length > 0 ? { sensors: [Math.min(...counts), Math.max(...counts)] as [number, number] } : {}),
  };
}

async function main(): Promise<void> {
  const [op, hostsFile, portText, suiteText] = process.argv.slice(2);
  const password = process.env.BENCH_BMC_PASSWORD;
  if (!op || !hostsFile || !portText || password === undefined) throw new Error('usage: fleet-client.ts power|sweep HOSTS_FILE PORT [CIPHER_SUITE] (password in BENCH_BMC_PASSWORD)');
  const port = Number(portText);
  const targets = (await readFile(hostsFile, 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((host) => ({ host: host.trim(), port }));
  const options: FleetOptions = {
    username: 'admin',
    password,
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 256),
    timeoutMs: 1_000,
    retries: 3,
    ...(suiteText ? { cipherSuite: Number(suiteText) } : {}),
  };
  const out: ClientResult = { op, phases: {}, maxRssMb: 0 };
  if (op === 'power') {
    out.phases.power = await phase(() => collectFleet(runFleet(targets, (s) => powerStatus(s), options)));
  } else if (op === 'sweep') {
    const cache = new SdrCache();
    const count = (v: unknown[]) => v.length;
    out.phases.cold = await phase(() => collectFleet(sweepSensors(targets, { ...options, cache })), count);
    out.phases.warm = await phase(() => collectFleet(sweepSensors(targets, { ...options, cache })), count);
    out.cache = { ...cache.stats };
    // A warm Lambda keeps sessions: one sweep opens them (not measured), the next reuses them.
    const transport = new UdpTransport({ receiveBufferSize: 8 * 1024 * 1024 });
    const pool = new SessionPool({ idleMs: 30_000 });
    try {
      await collectFleet(sweepSensors(targets, { ...options, cache, pool, transport }));
      out.phases.pooled = await phase(() => collectFleet(sweepSensors(targets, { ...options, cache, pool, transport })), count);
    } finally {
      await pool.close();
      await transport.close();
    }
  } else {
    throw new Error(`unknown op ${op}`);
  }
  out.maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`@@result ${JSON.stringify(out)}\n`);
}

await main();
