/**
 * Scenario i: full operations under packet loss. N simulated BMCs in this process, one full
 * operation each (open, power status, sensors with their SDR read, SEL, FRU, close), through
 * `runFleet` on default settings (time-outs, retries, deadline) with 20 operations at a time:
 * first on a clean network, then with 20 % of packets lost each way. (All 200 at once in one
 * process would time the two cores' share of each operation rather than the operation: every
 * p50 would be the whole run's time.) Reports how many succeeded, p50 and p99 of
 * an operation, and the packets each operation cost as the BMCs counted them (at 0 % loss,
 * the exchanges of one operation).
 *
 *   node --import tsx bench/loss.ts [--count N]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { collectFleet, powerStatus, readFru, readSensors, runFleet, selList, type FleetResult, type FleetTarget, type Session } from '../lambdas/ipmi/index.ts';
import { forgetBmcHints } from '../lambdas/ipmi/session/bmc-hints.ts';
import { startFleet, type Fleet } from '../lambdas/simulator/index.ts';
import { ms, type Row } from './report.ts';

const PASSWORD = 'bench-loss';
const LOSS_PERCENTS = [0, 20] as const;
/** Operations at a time. */
const WINDOW = 20;
/** SEL entries per BMC, so that the SEL read is more than its header. */
const SEL_EVENTS = 20;

async function fullOperation(s: Session) {
  const power = await powerStatus(s);
  const sensors = await readSensors(s);
  const sel = await selList(s);
  const fru = await readFru(s);
  return { power, sensors: sensors.length, sel: sel.length, fruBytes: fru.sizeBytes };
}

/** The value at fraction `q` of the sorted samples (nearest rank). */
function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

interface LossRun {
  results: FleetResult<Awaited<ReturnType<typeof fullOperation>>>[];
  wallMs: number;
  /** Packets the BMCs received and sent per operation (after the network's drops). */
  packetsIn: number;
  packetsOut: number;
  /** In-session commands per operation, from the BMCs' journals. */
  commands: number;
  dropped: number;
}

async function lossRun(n: number, lossPercent: number): Promise<LossRun> {
  // Each run starts from what a new process knows: no measured round trips, no learned limits.
  forgetBmcHints();
  let fleet: Fleet | undefined;
  try {
    fleet = await startFleet({ count: n, password: PASSWORD, seed: 20 + lossPercent });
    const bmcs = Array.from({ length: n }, (_, i) => fleet!.bmc(i));
    for (const b of bmcs) b.addSelEvents(SEL_EVENTS, { sensorType: 0x02, sensorNumber: 0x10, eventType: 0x01, deassertion: false, data: [0x52, 0x00, 0x00] });
    const journals = bmcs.map((b) => b.recordCommands());
    // Faults after setup, so that only the measured operations meet them.
    fleet.inject('all', { lossPercent });
    const targets: FleetTarget[] = bmcs.map((b) => ({ host: b.host, port: b.port }));
    const before = bmcs.map((b) => b.stats);
    const started = performance.now();
    const results = await collectFleet(runFleet(targets, fullOperation, { username: 'admin', password: PASSWORD, concurrency: WINDOW }));
    const wallMs = performance.now() - started;
    const after = bmcs.map((b) => b.stats);
    const sum = (f: (i: number) => number) => bmcs.reduce((t, _, i) => t + f(i), 0);
    return {
      results,
      wallMs,
      packetsIn: sum((i) => after[i]!.received - before[i]!.received) / n,
      packetsOut: sum((i) => after[i]!.answered - before[i]!.answered) / n,
      commands: sum((i) => journals[i]!.entries.length) / n,
      dropped: sum((i) => after[i]!.net.droppedIn - before[i]!.net.droppedIn + after[i]!.net.droppedOut - before[i]!.net.droppedOut),
    };
  } finally {
    await fleet?.stop();
  }
}

export async function run(options: { count?: number; log?: (line: string) => void } = {}): Promise<Row[]> {
  const n = options.count ?? 200;
  const log = options.log ?? (() => undefined);
  const rows: Row[] = [];
  for (const lossPercent of LOSS_PERCENTS) {
    log(`i. ${n} full operations at ${lossPercent} % loss each way`);
    const r = await lossRun(n, lossPercent);
    const ok = r.results.filter((x) => x.ok);
    const sorted = r.results.map((x) => x.ms).sort((a, b) => a - b);
    const firstError = r.results.find((x) => !x.ok);
    rows.push({
      scenario: `i. ${n} full operations (open, power, sensors, SEL, FRU, close), simulator`,
      client: `library runFleet, default settings, ${WINDOW} at a time, ${lossPercent} % loss each way`,
      value: `p50 ${ms(percentile(sorted, 0.5))}, p99 ${ms(percentile(sorted, 0.99))}`,
      goal: lossPercent === 0 ? `${ok.length}/${n} succeeded (baseline)` : `${ok.length === n ? 'met' : 'MISSED'}: ${ok.length}/${n} succeeded`,
      notes:
        `all done in ${ms(r.wallMs)}; per operation the BMC received ${r.packetsIn.toFixed(1)} packets (${r.commands.toFixed(1)} in-session commands) and sent ${r.packetsOut.toFixed(1)}` +
        `${r.dropped ? `; ${r.dropped} packets dropped in all` : ''}; client and BMCs share this process` +
        (firstError && !firstError.ok ? `; first error: ${firstError.error.message}` : ''),
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { count: { type: 'string' } } });
  const count = values.count !== undefined ? Number(values.count) : undefined;
  if (count !== undefined && !(Number.isInteger(count) && count > 0)) {
    console.error('usage: node --import tsx bench/loss.ts [--count N]');
    process.exit(2);
  }
  const loadBefore = loadavg()[0]!;
  for (const row of await run({ ...(count !== undefined ? { count } : {}), log: (line) => process.stderr.write(`bench: ${line}\n`) })) console.log(`${row.client}: ${row.value}; ${row.goal}; ${row.notes}`);
  // Client and BMCs share this process and the machine's cores: other work inflates every time.
  console.log(`1-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after`);
}
