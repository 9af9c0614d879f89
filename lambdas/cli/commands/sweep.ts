import type { Command as Program } from 'commander';
import { sweepSensors, type FleetTarget, type SensorJson } from '../../ipmi/index.ts';
import { defaultConnect, type CommandContext } from '../context.ts';
import { parseHostPort, type HostTarget } from '../host-range.ts';
import { OutcomeError, UsageError } from '../errors.ts';
import { cliSdrCache, NO_SDR_CACHE_HELP } from './sensors.ts';

export type SweepTarget = HostTarget;

export type SweepResult = { host: string; ok: true; sensors: SensorJson[] } | { host: string; ok: false; error: string };

/** One `host[:port]` per line; blank lines and `#` comments are skipped; IPv6 as `[addr]:port`. */
export function parseHostsFile(text: string, defaultPort: number): SweepTarget[] {
  const targets: SweepTarget[] = [];
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = rawLine.replace(/#.*/, '').trim();
    if (line === '') return;
    targets.push(parseHostPort(line, defaultPort, `hosts file line ${i + 1}`));
  });
  return targets;
}

export function registerSweep(program: Program, ctx: CommandContext): void {
  program
    .command('sweep')
    .description('sensors of every BMC in FILE, concurrently (one JSON line per BMC with --json)')
    .requiredOption('--hosts <file>', 'one host[:port] per line')
    .option('--concurrency <n>', 'BMCs in flight at once (1-256; FreeIPMI fans out to 64 too)', '64')
    .option('--no-sdr-cache', NO_SDR_CACHE_HELP)
    .action(async (options: { hosts: string; concurrency: string; sdrCache: boolean }) => {
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
      // The fleet engine hands back the target object it was given: map it to its line.
      const labels = new Map<FleetTarget, string>(targets.map((t) => [{ host: t.host, port: t.port }, t.label]));
      const cache = cliSdrCache(ctx.io.env, options.sdrCache);
      const sweep = sweepSensors([...labels.keys()], {
        ...g.session,
        concurrency: Number(options.concurrency),
        ...(cache ? { cache } : {}),
        // An injected connect (tests: a BMC in memory) opens the sessions; the real one is left to
        // the fleet engine, whose withSession also bounds each BMC's work by the deadline.
        // IPMI v1.5 sessions are opened by the CLI's connect too (the fleet engine speaks RMCP+).
        ...((ctx.io.connect !== defaultConnect || g.session.lan === '1.5') && { connect: (o) => ctx.io.connect({ ...g.session, ...o }) }),
      });
      for await (const r of sweep) {
        // An unreachable BMC is a result line, not a failed sweep.
        const host = labels.get(r.target) ?? `${r.target.host}:${r.target.port ?? g.port}`;
        const line: SweepResult = r.ok ? { host, ok: true, sensors: r.value } : { host, ok: false, error: r.error.message };
        if (!line.ok) failed++;
        if (g.json) ctx.io.stdout(JSON.stringify(line) + '\n');
        else if (line.ok) ctx.io.stdout(`${line.host}: ok, ${line.sensors.length} sensors, ${line.sensors.filter((s) => s.status !== 'ok' && s.status !== 'ns').length} not ok\n`);
        else ctx.io.stdout(`${line.host}: error: ${line.error}\n`);
      }
      if (failed > 0) throw new OutcomeError(`sweep: ${failed} of ${targets.length} BMCs failed`);
    });
}
