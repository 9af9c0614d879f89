import { runFleetConnected, type FleetTarget } from '../ipmi/index.ts';
import type { BmcSession, CommandContext } from './context.ts';
import { OutcomeError } from './errors.ts';

/** BMCs worked on at once over a host range (FreeIPMI fans out to 64 as well). */
const RANGE_CONCURRENCY = 64;

/** What a fleet command prints per BMC. */
export interface PerHost<T> {
  /** Human lines for one BMC (each gets a "host: " prefix). */
  human(value: T): string;
  /** The JSON line's fields besides "host" and "ok". */
  json(value: T): Record<string, unknown>;
}

/**
 * Runs `work` on every BMC --host names, concurrently, printing one result per BMC as it
 * finishes: `host: ...` lines, or with --json one `{"host","ok",...}` line each (as `sweep`).
 * An unreachable BMC is a result, not the end of the run; any failure makes the exit code 1.
 */
export async function overHosts<T>(ctx: CommandContext, what: string, work: (s: BmcSession) => Promise<T>, print: PerHost<T>): Promise<void> {
  const g = ctx.globals();
  const targets = ctx.targets();
  const labels = new Map<FleetTarget, string>(targets.map((t) => [{ host: t.host, port: t.port }, t.label]));
  const connect = ctx.io.connect;
  let failed = 0;
  const run = runFleetConnected([...labels.keys()], (o) => connect({ ...g.session, ...o }), (s) => work(s), { ...g.session, concurrency: RANGE_CONCURRENCY });
  for await (const r of run) {
    const host = labels.get(r.target) ?? `${r.target.host}:${r.target.port ?? g.port}`;
    if (!r.ok) failed++;
    if (g.json) {
      ctx.io.stdout(JSON.stringify(r.ok ? { host, ok: true, ...print.json(r.value) } : { host, ok: false, error: r.error.message }) + '\n');
    } else if (r.ok) {
      ctx.io.stdout(print.human(r.value).replace(/\n$/, '').split('\n').map((line) => `${host}: ${line}\n`).join(''));
    } else {
      ctx.io.stdout(`${host}: error: ${r.error.message}\n`);
    }
  }
  if (failed > 0) throw new OutcomeError(`${what}: ${failed} of ${targets.length} BMCs failed`);
}
