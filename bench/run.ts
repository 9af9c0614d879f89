/**
 * `npm run bench [-- --quick] [-- --profile]`: fleet-scale speed of the library and CLI,
 * each scenario measured in the same run as the reference clients on the same BMCs.
 *
 *   a. sensor sweep of N ipmi_sim BMCs (127.0.1.1-N:623): bmc sweep and the library call vs
 *      FreeIPMI ipmi-sensors (warm SDR cache) and ipmitool `sensor list` host after host, with
 *      the CPU time of each client and of the ipmi_sim processes answering it;
 *   b. power status of the same BMCs vs FreeIPMI ipmipower --stat (and ipmitool);
 *   c. 1,000 simulated BMCs (bmc-sim in its own process): power status and sensor sweep,
 *      wall time, CPU time and peak RSS of the client (a process of its own);
 *   d. one command on an open session vs a bare loopback UDP round trip;
 *   f. a sweep of simulated BMCs that answer 2 ms late (a routed management network's latency
 *      rather than loopback's), pipelining on and off: what the adaptive default buys there;
 *   e. Lambda bundle sizes and cold init (bench/bundles.ts);
 *   g. the API under a platform's load: autocannon against the local server of `npm start`
 *      with 8 simulated BMCs, and the API's own overhead on a single-BMC read (bench/api-load.ts,
 *      which also runs alone: `node --import tsx bench/api-load.ts [--quick]`);
 *   h. durable jobs on 1,000 simulated BMCs over dynalite with the in-process worker (bench/jobs.ts);
 *   i. full operations (open, power, sensors, SEL, FRU, close) on 200 simulated BMCs at 0 % and
 *      20 % loss each way, default settings: successes, p50, p99 (bench/loss.ts).
 *
 * Loopback only; every child process is ended on exit; every step has a time limit.
 * Writes bench/results.md. Benchmarks are never run as tests.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectFleet, powerStatus, runFleet, SessionPool, UdpTransport, type FleetOptions, type FleetResult, type FleetTarget } from '../lambdas/ipmi/index.ts';
import { sweepSensors, type SweepOptions } from '../lambdas/ipmi/fleet/sweep.ts';
import { SdrCache } from '../lambdas/ipmi/sdr-cache/index.ts';
import type { ClientResult } from './fleet-client.ts';
import { startIpmiSimFleet, type IpmiSimFleet } from './ipmi-sim-fleet.ts';
import { commandRoundTrip, udpRoundTrip } from './latency.ts';
import { freeIpmiConfig, ipmiSensors, ipmipowerStat, ipmitoolSequential, type PeerRun, type PeerTarget } from './peers.ts';
import { installCleanup, killAll, run } from './processes.ts';
import { formatSummary, summariseFile } from './profile-summary.ts';
import { goal, markdownTable, mb, median, ms, textTable, us, type Row } from './report.ts';
import { startSimFleet, type SimFleet } from './sim-fleet.ts';
import { startFleet } from '../lambdas/simulator/index.ts';
import { run as apiLoad } from './api-load.ts';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const BMC_CLI = fileURLToPath(new URL('../bin/bmc.mjs', import.meta.url));
const FLEET_CLIENT = join(BENCH_DIR, 'fleet-client.ts');

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const PROFILE = argv.includes('--profile');
const CONFIG = {
  ipmiSims: QUICK ? 10 : 40,
  simulated: QUICK ? 200 : 1000,
  reps: QUICK ? 2 : 9,
  latencySamples: QUICK ? 200 : 1000,
  stepTimeoutMs: QUICK ? 60_000 : 180_000,
};

const rows: Row[] = [];
const notes: string[] = [];
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

function add(row: Row): void {
  rows.push(row);
  log(`${row.scenario} / ${row.client}: ${row.value}${row.ratio ? ` (${row.ratio})` : ''}`);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

interface Repeated<T> {
  wallMs: number;
  /** This process's CPU time per run (in-process library calls; child processes are not included). */
  cpuMs: number;
  /** CPU time per run of the BMCs' side, when `bmcCpuMs` was given. */
  bmcCpuMs: number;
  last: T;
  all: T[];
}

/**
 * Runs `fn` `reps` times: the median wall time, CPU time per run of this process and (with
 * `bmcCpuMs`) of the processes answering, every result and the last.
 */
async function repeat<T>(reps: number, fn: () => Promise<T>, bmcCpuMs?: () => number): Promise<Repeated<T>> {
  const times: number[] = [];
  const all: T[] = [];
  const cpu = process.cpuUsage();
  const bmcBefore = bmcCpuMs?.() ?? NaN;
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    all.push(await fn());
    times.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  return { wallMs: median(times), cpuMs: (used.user + used.system) / 1000 / reps, bmcCpuMs: ((bmcCpuMs?.() ?? NaN) - bmcBefore) / reps, last: all.at(-1)!, all };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
/** "client CPU 80 ms, ipmi_sim CPU 60 ms per sweep": where a run's time went on the shared cores. */
const cpuNote = (clientMs: number, bmcMs: number, what = 'sweep') =>
  `client CPU ${ms(clientMs)}${Number.isFinite(bmcMs) ? `, ipmi_sim CPU ${ms(bmcMs)}` : ''} per ${what}`;

const ratio = (ours: number, peer: number, peerName: string) => `${(ours / peer).toFixed(2)} x ${peerName}`;
/** The fleet goals are stated for 1,000 BMCs; a --quick run with fewer only shows them. */
const fleetGoal = (n: number, ok: number, wallMs: number, limitS: number) =>
  n !== 1000 ? `(goal at 1,000: < ${limitS} s)` : complete(ok, n, wallMs < limitS * 1000, `< ${limitS} s`);
/** A speed goal counts only when every BMC answered. */
const complete = (ok: number, n: number, met: boolean, text: string) => (ok === n ? goal(met, text) : `INVALID: ${n - ok} of ${n} BMCs failed`);
const failures = (rs: readonly { ok: boolean; error?: Error }[]) => {
  const first = rs.find((r) => !r.ok)?.error;
  return first ? `; first error: ${first.message}` : '';
};
const range = (r?: [number, number]) => (r ? (r[0] === r[1] ? `${r[0]}` : `${r[0]}-${r[1]}`) : '?');

// ---- a, b: ipmi_sim ----

interface IpmiSimContext {
  n: number;
  fleet: IpmiSimFleet;
  targets: FleetTarget[];
  fleetOptions: FleetOptions;
  peer: PeerTarget;
  /** FreeIPMI config file. */
  config: string;
}

async function ipmiSimScenarios(): Promise<void> {
  const n = CONFIG.ipmiSims;
  log(`starting ${n} ipmi_sim BMCs on 127.0.1.1-${n}:623`);
  let fleet: IpmiSimFleet | undefined;
  try {
    fleet = await startIpmiSimFleet(n);
    const { username, password, port, hosts } = fleet;
    const peer: PeerTarget = { hosts, username, password, dir: fleet.dir };
    const ctx: IpmiSimContext = {
      n,
      fleet,
      targets: hosts.map((host) => ({ host, port })),
      // Suite 3 as FreeIPMI and ipmitool use; ipmi_sim's opensesspriv behaviour is auto-detected.
      fleetOptions: { username, password, cipherSuite: 3, timeoutMs: 1_000, retries: 3 },
      peer,
      config: await freeIpmiConfig(peer),
    };
    const freeMs = await freeIpmiSweep(ctx);
    const libMs = await librarySweeps(ctx, freeMs);
    await cliSweeps(ctx, freeMs);
    const tool = await ipmitoolSequential(peer, ['sensor', 'list'], CONFIG.stepTimeoutMs * 2);
    add({ ...peerRow(sweepScenario(n), 'ipmitool sensor list, host after host', tool.wallMs, tool, n), ratio: `library = ${(libMs / tool.wallMs).toFixed(3)} x ipmitool` });
    await powerScenario(ctx);

    // d (ipmi_sim part): one command on an open session.
    const lat = await commandRoundTrip(CONFIG.latencySamples, { host: hosts[0]!, port, ...ctx.fleetOptions });
    add({ scenario: 'd. latency, one command', client: 'Get Device ID on an open session, ipmi_sim', value: `${us(lat.medianUs)} median`, notes: `p95 ${us(lat.p95Us)}, ${lat.samples} samples` });
  } finally {
    await fleet?.stop();
  }
}

const sweepScenario = (n: number) => `a. sensor sweep, ${n} ipmi_sim`;

/** FreeIPMI with a warm SDR cache (one run first fills it); returns its median wall time. */
async function freeIpmiSweep({ n, peer, config, fleet }: IpmiSimContext): Promise<number> {
  await ipmiSensors(peer, config, CONFIG.stepTimeoutMs);
  const free = await repeat(CONFIG.reps, () => ipmiSensors(peer, config, CONFIG.stepTimeoutMs), fleet.cpuMs);
  const row = peerRow(sweepScenario(n), 'FreeIPMI ipmi-sensors (warm SDR cache, thresholds)', free.wallMs, free.last, n);
  add({ ...row, notes: `${row.notes}; ${cpuNote(mean(free.all.map((r) => r.cpuMs)), free.bmcCpuMs)}` });
  return free.wallMs;
}

/**
 * The library call with new sessions per sweep (the default: adaptive pipelining), the same
 * with one request at a time, and with sessions kept open; returns the first's median.
 */
async function librarySweeps({ n, targets, fleetOptions, fleet }: IpmiSimContext, freeMs: number): Promise<number> {
  // One sweep fills the shared in-memory SDR cache (and what the library learns per BMC), then the measured ones.
  const cache = new SdrCache();
  const fresh = (extra: SweepOptions = fleetOptions) => () => collectFleet(sweepSensors(targets, { ...extra, cache }));
  await fresh()();
  const lib = await repeat(CONFIG.reps, fresh(), fleet.cpuMs);
  sweepRow(n, 'library sweepSensors, new sessions (default: adaptive pipelining)', lib, freeMs);
  const serial = { ...fleetOptions, maxInFlight: 1 };
  await fresh(serial)();
  sweepRow(n, 'library sweepSensors, new sessions, one request at a time (maxInFlight 1)', await repeat(CONFIG.reps, fresh(serial), fleet.cpuMs), freeMs);

  // Sessions kept open between sweeps (SessionPool), as a warm Lambda or a daemon would.
  const transport = new UdpTransport({ receiveBufferSize: 8 * 1024 * 1024 });
  const pool = new SessionPool({ idleMs: 30_000 });
  try {
    const pooled = () => collectFleet(sweepSensors(targets, { ...fleetOptions, cache, pool, transport }));
    await pooled();
    sweepRow(n, 'library sweepSensors, sessions kept open (SessionPool)', await repeat(CONFIG.reps, pooled, fleet.cpuMs), freeMs);
  } finally {
    await pool.close();
    await transport.close();
  }
  return lib.wallMs;
}

/** A row for repeated library sweeps: ratio to FreeIPMI, the goal, sensors per BMC and where the CPU went. */
function sweepRow(n: number, client: string, r: Repeated<FleetResult<unknown[]>[]>, freeMs: number): void {
  const ok = r.last.filter((x) => x.ok);
  const sensors = ok.map((x) => (x.ok ? x.value.length : 0));
  add({
    scenario: sweepScenario(n),
    client,
    value: ms(r.wallMs),
    ratio: ratio(r.wallMs, freeMs, 'FreeIPMI'),
    goal: complete(ok.length, n, r.wallMs <= 0.5 * freeMs, '<= 0.5 x FreeIPMI'),
    notes: `${ok.length}/${n} BMCs, ${sensors.length ? range([Math.min(...sensors), Math.max(...sensors)]) : 'no'} sensors each; ${cpuNote(r.cpuMs, r.bmcCpuMs)}${failures(r.last)}`,
  });
}

const okLines = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('{') && (JSON.parse(l) as { ok: boolean }).ok).length;

/**
 * `bmc sweep` as shipped (bin/bmc.mjs runs its esbuild bundle), a new process per run with a
 * warm disk SDR cache; and what any new process costs before it sends anything.
 */
async function cliSweeps({ n, fleet }: IpmiSimContext, freeMs: number): Promise<void> {
  const scenario = sweepScenario(n);
  const hostsFile = join(fleet.dir, 'hosts.txt');
  await writeFile(hostsFile, fleet.hosts.map((h) => `${h}:${fleet.port}`).join('\n') + '\n');
  const cliArgs = ['--json', '--cipher-suite', '3', '--timeout', '1000', 'sweep', '--hosts', hostsFile, '--concurrency', '64'];
  const cliEnv = { ...process.env, IPMI_PASSWORD: fleet.password, BMC_SDR_CACHE_DIR: join(fleet.dir, 'bmc-sdr-cache') };
  const once = () => run(process.execPath, [BMC_CLI, ...cliArgs], { timeoutMs: CONFIG.stepTimeoutMs, env: cliEnv });
  await once(); // builds the bundle if a source changed, fills the disk cache
  const r = await repeat(CONFIG.reps, once, fleet.cpuMs);
  const ok = okLines(r.last.stdout);
  add({
    scenario,
    client: 'bmc sweep CLI (new process: start-up, new sessions, warm disk cache)',
    value: ms(r.wallMs),
    ratio: ratio(r.wallMs, freeMs, 'FreeIPMI'),
    goal: complete(ok, n, r.wallMs <= 0.5 * freeMs, '<= 0.5 x FreeIPMI'),
    notes: `${ok}/${n} BMCs; ${cpuNote(mean(r.all.map((x) => x.cpuMs)), r.bmcCpuMs)}`,
  });
  const startup = await repeat(CONFIG.reps, () => run(process.execPath, [BMC_CLI, '--help'], { timeoutMs: 60_000 }));
  add({ scenario, client: 'bmc --help (CLI start-up alone)', value: ms(startup.wallMs), notes: `part of the CLI row; CPU ${ms(mean(startup.all.map((x) => x.cpuMs)))}` });
  const node = await repeat(CONFIG.reps, () => run(process.execPath, ['-e', '0'], { timeoutMs: 60_000 }));
  add({ scenario, client: 'node -e 0 (Node.js start-up: the floor of any CLI row)', value: ms(node.wallMs), ratio: ratio(node.wallMs, freeMs, 'FreeIPMI'), notes: 'a new Node.js process that does nothing' });
}

/** b: power status of the same BMCs, FreeIPMI ipmipower vs the library vs ipmitool. */
async function powerScenario({ n, targets, fleetOptions, peer, config, fleet }: IpmiSimContext): Promise<void> {
  const scenario = `b. power status, ${n} ipmi_sim`;
  await ipmipowerStat(peer, config, CONFIG.stepTimeoutMs);
  const ipmipower = await repeat(CONFIG.reps, () => ipmipowerStat(peer, config, CONFIG.stepTimeoutMs), fleet.cpuMs);
  const row = peerRow(scenario, 'FreeIPMI ipmipower --stat', ipmipower.wallMs, ipmipower.last, n);
  add({ ...row, notes: `${row.notes}; ${cpuNote(mean(ipmipower.all.map((r) => r.cpuMs)), ipmipower.bmcCpuMs, 'run')}` });
  const power = () => collectFleet(runFleet(targets, (s) => powerStatus(s), fleetOptions));
  await power();
  const ours = await repeat(CONFIG.reps, power, fleet.cpuMs);
  const ok = ours.last.filter((r) => r.ok).length;
  add({
    scenario,
    client: 'library runFleet + powerStatus',
    value: ms(ours.wallMs),
    ratio: ratio(ours.wallMs, ipmipower.wallMs, 'ipmipower'),
    goal: complete(ok, n, true, 'every BMC answered'),
    notes: `${ok}/${n} BMCs; ${cpuNote(ours.cpuMs, ours.bmcCpuMs, 'run')}${failures(ours.last)}`,
  });
  const tool = await ipmitoolSequential(peer, ['chassis', 'power', 'status'], CONFIG.stepTimeoutMs);
  add(peerRow(scenario, 'ipmitool chassis power status, host after host', tool.wallMs, tool, n));
}

function peerRow(scenario: string, client: string, wallMs: number, r: PeerRun, n: number): Row {
  return {
    scenario,
    client,
    value: ms(wallMs),
    notes: [`${r.ok}/${n} BMCs`, r.sensors ? `${range(r.sensors)} sensor rows each` : '', r.error ?? ''].filter(Boolean).join(', '),
  };
}

// ---- c: 1,000 simulated BMCs ----

async function fleetClient(op: string, sim: SimFleet, hostsFile: string, profileDir?: string): Promise<ClientResult> {
  const args = [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), '--import', 'tsx', FLEET_CLIENT, op, hostsFile, String(sim.port)];
  const res = await run(process.execPath, args, { timeoutMs: CONFIG.stepTimeoutMs, env: { ...process.env, BENCH_BMC_PASSWORD: sim.password } });
  const line = res.stdout.split('\n').find((l) => l.startsWith('@@result '));
  if (!line) throw new Error(`fleet client ${op} failed (exit ${res.code}): ${res.stderr.trim().slice(-500)}`);
  return JSON.parse(line.slice('@@result '.length)) as ClientResult;
}

async function simulatorScenarios(): Promise<void> {
  const n = CONFIG.simulated;
  const port = 623;
  log(`starting ${n} simulated BMCs (bmc-sim, another process)`);
  let sim: SimFleet | undefined;
  let work: string | undefined;
  try {
    sim = await startSimFleet(n, port);
    work = await mkdtemp(join(tmpdir(), 'bench-fleet-'));
    const hostsFile = join(work, 'sim-hosts.txt');
    await writeFile(hostsFile, sim.hosts.join('\n') + '\n');
    const scenario = `c. ${n} simulated BMCs`;
    // The simulator's own JIT warm-up is not the client's cost: unmeasured runs first.
    await fleetClient('power', sim, hostsFile);
    const warmupFile = join(work, 'warmup-hosts.txt');
    await writeFile(warmupFile, sim.hosts.slice(0, Math.min(200, n)).join('\n') + '\n');
    await fleetClient('sweep', sim, warmupFile);

    let simCpu = sim.cpuMs();
    const power = await fleetClient('power', sim, hostsFile);
    const p = power.phases.power!;
    const powerSimCpu = sim.cpuMs() - simCpu;
    add({
      scenario,
      client: 'power status (library, own process)',
      value: ms(p.wallMs),
      goal: fleetGoal(n, p.ok, p.wallMs, 2),
      notes: `${p.ok}/${n} ok; client CPU ${ms(p.cpuUserMs + p.cpuSystemMs)}, peak RSS ${mb(power.maxRssMb)}; simulator CPU ${ms(powerSimCpu)} (whole client run)${p.errors.length ? `; ${p.errors.join('; ')}` : ''}`,
    });

    simCpu = sim.cpuMs();
    const sweep = await fleetClient('sweep', sim, hostsFile);
    const sweepSimCpu = sim.cpuMs() - simCpu;
    for (const [name, label] of [
      ['cold', 'sensor sweep, empty SDR cache'],
      ['warm', 'sensor sweep, warm SDR cache'],
      ['pooled', 'sensor sweep, warm cache, sessions kept open'],
    ] as const) {
      const s = sweep.phases[name]!;
      add({
        scenario,
        client: `${label} (library, own process)`,
        value: ms(s.wallMs),
        goal: fleetGoal(n, s.ok, s.wallMs, 5),
        notes: `${s.ok}/${n} ok, ${range(s.sensors)} sensors each; client CPU ${ms(s.cpuUserMs + s.cpuSystemMs)}${s.errors.length ? `; ${s.errors.join('; ')}` : ''}`,
      });
    }
    add({
      scenario,
      client: 'peak memory of the sweeping client',
      value: mb(sweep.maxRssMb),
      goal: n === 1000 ? goal(sweep.maxRssMb < 300, '< 300 MB') : '(goal at 1,000: < 300 MB)',
      notes: `SDR cache: ${sweep.cache?.misses ?? '?'} repository read(s), ${(sweep.cache?.memoryHits ?? 0) + (sweep.cache?.sharedReads ?? 0)} reuses; simulator CPU over the client run ${ms(sweepSimCpu)}`,
    });
    // Profiling slows the client down, so it is a run of its own, not one of the measured ones.
    if (PROFILE) {
      const profileDir = join(work, 'profile');
      await fleetClient('sweep', sim, hostsFile, profileDir);
      const files = (await readdir(profileDir)).filter((f) => f.endsWith('.cpuprofile'));
      // The main thread's profile is the biggest (tsx's loader thread writes a small one).
      const sized = await Promise.all(files.map(async (f) => ({ f, size: (await stat(join(profileDir, f))).size })));
      const biggest = sized.sort((a, b) => b.size - a.size)[0];
      if (biggest) notes.push(`CPU profile of the ${n}-BMC sweep client (node --cpu-prof):\n\n\`\`\`\n${formatSummary(await summariseFile(join(profileDir, biggest.f), 20))}\n\`\`\``);
    }

    const lat = await commandRoundTrip(CONFIG.latencySamples, { host: sim.hosts[0]!, port, username: sim.username, password: sim.password });
    add({ scenario: 'd. latency, one command', client: 'Get Device ID on an open session, simulator (suite 17)', value: `${us(lat.medianUs)} median`, notes: `p95 ${us(lat.p95Us)}, ${lat.samples} samples` });
  } finally {
    await sim?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  }
}

async function udpFloor(): Promise<void> {
  const echo = await udpRoundTrip(CONFIG.latencySamples);
  add({ scenario: 'd. latency, one command', client: 'bare UDP round trip (echo in this process)', value: `${us(echo.medianUs)} median`, notes: `p95 ${us(echo.p95Us)}, ${echo.samples} samples` });
}

// ---- f: latency-bound sweep ----

/**
 * 10 simulated BMCs whose answers leave 2 ms late, in this process: few enough BMCs that the
 * run waits on the network, not on the two cores (with 40 the simulator's CPU decides it).
 */
async function lanLatencyScenario(): Promise<void> {
  const n = 10;
  const sim = await startFleet({ count: n, password: 'bench-lan', faults: { delayMs: 2 }, seed: 7 });
  try {
    const targets = Array.from({ length: n }, (_, i) => ({ host: sim.bmc(i).host, port: sim.bmc(i).port }));
    const base: SweepOptions = { username: 'admin', password: 'bench-lan', timeoutMs: 1_000, retries: 3, cache: new SdrCache() };
    const scenario = `f. sensor sweep, ${n} simulated BMCs, replies 2 ms late`;
    const sweep = (o: SweepOptions) => () => collectFleet(sweepSensors(targets, o));
    await sweep(base)();
    const serial = { ...base, maxInFlight: 1 };
    await sweep(serial)();
    const one = await repeat(CONFIG.reps, sweep(serial));
    const auto = await repeat(CONFIG.reps, sweep(base));
    for (const [client, r, extra] of [
      ['library, new sessions, one request at a time (maxInFlight 1)', one, {}],
      ['library, new sessions, adaptive pipelining (default)', auto, { ratio: `${(auto.wallMs / one.wallMs).toFixed(2)} x one at a time` }],
    ] as const) {
      const ok = r.last.filter((x) => x.ok).length;
      add({ scenario, client, value: ms(r.wallMs), ...extra, notes: `${ok}/${n} BMCs; client and simulator share this process, CPU ${ms(r.cpuMs)} per sweep${failures(r.last)}` });
    }
  } finally {
    await sim.stop();
  }
}

// ---- e: bundles ----

interface BundleRow {
  handler: string;
  status: string;
  bytes?: number;
  gzipBytes?: number;
  error?: string;
  coldInit?: { importMs: number; firstInvokeMs: number; rssMb: number };
}

async function bundleScenario(): Promise<void> {
  const path = join(BENCH_DIR, 'bundles.ts');
  if (!existsSync(path)) {
    notes.push('e. bench/bundles.ts is not there yet; skipped.');
    return;
  }
  const mod = (await import(path)) as { run?: (o: { samples?: number; print?: boolean }) => Promise<BundleRow[]> };
  if (typeof mod.run !== 'function') {
    notes.push('e. bench/bundles.ts exports no run(); skipped.');
    return;
  }
  for (const b of await mod.run({ samples: QUICK ? 1 : 3, print: false })) {
    add({
      scenario: 'e. Lambda bundle',
      client: b.handler,
      value: b.bytes !== undefined ? `${(b.bytes / 1024).toFixed(0)} KiB (${((b.gzipBytes ?? 0) / 1024).toFixed(0)} KiB gz)` : b.status,
      notes: b.coldInit ? `cold init ${ms(b.coldInit.importMs + b.coldInit.firstInvokeMs)}, RSS ${mb(b.coldInit.rssMb)}` : (b.error ?? ''),
    });
  }
}

// ---- h: jobs ----

async function jobScenario(): Promise<void> {
  const { run: runJobs } = await import('./jobs.ts');
  for (const row of await runJobs({ count: QUICK ? 200 : 1000, log })) add(row);
}

// ---- main ----

async function step(name: string, fn: () => Promise<void>): Promise<void> {
  try {
    const t = await timed(fn);
    log(`${name} done in ${ms(t)}`);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    notes.push(`${name} failed: ${message.split('\n')[0]}`);
    log(`${name} failed: ${message}`);
  }
}

async function main(): Promise<void> {
  installCleanup();
  const started = new Date();
  const loadBefore = loadavg()[0]!;
  log(QUICK ? 'quick run' : 'full run (use -- --quick for a shorter one)');
  await step('a/b ipmi_sim', ipmiSimScenarios);
  await step('c simulator', simulatorScenarios);
  await step('d udp floor', udpFloor);
  await step('f lan latency', lanLatencyScenario);
  await step('e bundles', bundleScenario);
  await step('g api load', async () => {
    for (const row of await apiLoad({ quick: QUICK, log })) add(row);
  });
  await step('h jobs', jobScenario);
  await step('i loss', async () => {
    for (const row of await (await import('./loss.ts')).run({ count: QUICK ? 100 : 200, log })) add(row);
  });
  await killAll();

  const table = textTable(rows);
  process.stdout.write(`\n${table}\n`);
  for (const n of notes) process.stdout.write(`\n${n}\n`);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const loadAfter = loadavg()[0]!;
  // Both processes of every scenario share these cores; other work on the machine shows up in every figure.
  const busy = Math.max(loadBefore, loadAfter) > 1;
  const load = `1-minute load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after${busy ? ' (the machine was busy with other work: absolute times are inflated, ratios less so)' : ''}`;
  process.stdout.write(`\n${load}\n`);
  const md = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench${QUICK ? ' -- --quick' : ''}\` (bench/run.ts) on ${started.toISOString()}: ${cpus().length} x ${cpu}, Node ${process.version}, loopback only.`,
    'Wall times are medians of the repeated runs; every scenario ran its peers in the same run on the same BMCs.',
    `${load}.`,
    '',
    markdownTable(rows),
    '',
    ...notes.flatMap((n) => [n, '']),
  ].join('\n');
  await writeFile(join(BENCH_DIR, 'results.md'), md);
  log('wrote bench/results.md');
}

await main();
