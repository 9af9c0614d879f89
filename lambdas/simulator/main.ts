/**
 * `npx bmc-sim [--host 127.0.0.1] [--port 6230] [--count N] [--hosts 127.0.1.1-127.0.1.N]`
 * (lambdas/simulator/README.md). The admin password comes from BMC_SIM_PASSWORD (default "admin"),
 * never from argv. Prints `ready` once every BMC listens; stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { expandHosts, startFleet, type Fleet } from './fleet.ts';
import { SCENARIO_KINDS, type ScenarioSpec } from './scenarios/index.ts';

const USAGE = 'usage: bmc-sim [--host ADDR] [--port PORT] [--count N] [--hosts A.B.C.D-A.B.C.E] [--seed N] [--scenario INDEX:KIND]... [--empty-sel]';

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`--${name} must be an integer ${min}-${max}, got "${value}"`);
  return n;
}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: () => Promise<string>;
}

function processIo(): Io {
  return {
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
    env: process.env,
    stopSignal: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      }),
  };
}

/** Parses argv, starts the fleet and returns it (used by tests); rejects with a one-line error on bad input. */
export async function startFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<Fleet> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      count: { type: 'string' },
      hosts: { type: 'string' },
      seed: { type: 'string' },
      scenario: { type: 'string', multiple: true },
      'empty-sel': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) throw new UsageHelp();
  const port = integer('port', values.port, 6230, 0, 65535);
  const seed = integer('seed', values.seed, 1, 0, 0x7fffffff);
  // Unset or empty: the documented default.
  const password = env.BMC_SIM_PASSWORD || 'admin';
  const story = { selHistory: !values['empty-sel'], scenarios: parseScenarios(values.scenario ?? []) };
  if (values.hosts) {
    const hosts = expandHosts(values.hosts);
    if (hosts.length === 0) throw new RangeError('--hosts names no address');
    const count = values.count === undefined ? undefined : integer('count', values.count, hosts.length, 1, 65535);
    return startFleet({ hosts, basePort: port, password, seed, ...story, ...(count !== undefined ? { count } : {}) });
  }
  const count = integer('count', values.count, 1, 1, 65535);
  return startFleet({ host: values.host ?? '127.0.0.1', basePort: port, count, password, seed, ...story });
}

/** `--scenario INDEX:KIND` (repeatable): a failure scenario with its defaults on BMC INDEX (0-based). */
function parseScenarios(args: readonly string[]): Record<number, ScenarioSpec[]> {
  const out: Record<number, ScenarioSpec[]> = {};
  for (const arg of args) {
    const m = /^(\d+):([a-z-]+)$/.exec(arg);
    const kind = SCENARIO_KINDS.find((k) => k === m?.[2]);
    if (!m || !kind) throw new RangeError(`--scenario must be INDEX:KIND with KIND one of ${SCENARIO_KINDS.join(', ')}, got "${arg}"`);
    (out[Number(m[1])] ??= []).push({ kind });
  }
  return out;
}

class UsageHelp extends Error {}

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let fleet: Fleet;
  try {
    fleet = await startFromArgs(argv, io.env);
  } catch (e) {
    if (e instanceof UsageHelp) {
      io.out(USAGE);
      return 0;
    }
    io.err(`bmc-sim: ${(e as Error).message}`);
    io.err(USAGE);
    process.exitCode = 2;
    return 2;
  }
  const first = fleet.bmc(0);
  const last = fleet.bmc(fleet.size - 1);
  io.err(`bmc-sim: ${fleet.size} BMC(s) from ${first.address} to ${last.address}, user admin`);
  io.out('ready');
  const signal = await io.stopSignal();
  await fleet.stop();
  io.err(`bmc-sim: stopped (${signal})`);
  return 0;
}
