import type { Command as Program } from 'commander';
import type { SensorJson } from '../../ipmi/sensors/types.ts';
import { parsePort, withBmc, type CommandContext } from '../context.ts';
import { OutcomeError, UsageError } from '../errors.ts';
import { readSensors } from '../../ipmi/ops/sensors.ts';

export interface SweepTarget {
  host: string;
  port: number;
  /** The line as written, used as the "host" of the result. */
  label: string;
}

export type SweepResult = { host: string; ok: true; sensors: SensorJson[] } | { host: string; ok: false; error: string };

/** One `host[:port]` per line; blank lines and `#` comments are skipped; IPv6 as `[addr]:port`. */
export function parseHostsFile(text: string, defaultPort: number): SweepTarget[] {
  const targets: SweepTarget[] = [];
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.replace(/#.*/, '').trim();
    if (line === '') return;
    const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(line) ?? /^([^:\s]+)(?::(\d+))?$/.exec(line);
    if (!m) throw new UsageError(`hosts file line ${i + 1}: expected host[:port], got "${line}"`);
    const port = m[2] === undefined ? defaultPort : parsePort(m[2], `hosts file line ${i + 1} port`);
    targets.push({ host: m[1]!, port, label: line });
  });
  return targets;
}

/** Runs `work` over `items` with at most `limit` in flight, calling `done` as each finishes. */
async function eachLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, done: (r: R) => void): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      done(await work(item));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function registerSweep(program: Program, ctx: CommandContext): void {
  program
    .command('sweep')
    .description('sensors of every BMC in FILE, concurrently (one JSON line per BMC with --json)')
    .requiredOption('--hosts <file>', 'one host[:port] per line')
    .option('--concurrency <n>', 'BMCs in flight at once (1-256)', '32')
    .action(async (options: { hosts: string; concurrency: string }) => {
      if (!/^\d+$/.test(options.concurrency) || Number(options.concurrency) < 1 || Number(options.concurrency) > 256) {
        throw new UsageError(`--concurrency: expected 1-256, got "${options.concurrency}"`);
      }
      const g = ctx.globals();
      let text: string;
      try {
        text = await ctx.io.readFile(options.hosts);
      } catch (err) {
        throw new UsageError(`--hosts: cannot read ${options.hosts}: ${(err as Error).message}`);
      }
      const targets = parseHostsFile(text, g.port);
      if (targets.length === 0) throw new UsageError(`--hosts: ${options.hosts} lists no hosts`);

      let failed = 0;
      await eachLimited(
        targets,
        Number(options.concurrency),
        async (t): Promise<SweepResult> => {
          try {
            // An unreachable BMC is a result line, not a failed sweep.
            const sensors = await withBmc(ctx.io, t, g, (s) => readSensors(s));
            return { host: t.label, ok: true, sensors };
          } catch (err) {
            return { host: t.label, ok: false, error: err instanceof Error ? err.message : String(err) };
          }
        },
        (r) => {
          if (!r.ok) failed++;
          if (g.json) ctx.io.stdout(JSON.stringify(r) + '\n');
          else if (r.ok) ctx.io.stdout(`${r.host}: ok, ${r.sensors.length} sensors, ${r.sensors.filter((s) => s.status !== 'ok' && s.status !== 'ns').length} not ok\n`);
          else ctx.io.stdout(`${r.host}: error: ${r.error}\n`);
        },
      );
      if (failed > 0) throw new OutcomeError(`sweep: ${failed} of ${targets.length} BMCs failed`);
    });
}
