import type { Command as Program } from 'commander';
import { defaultSdrCacheDir, FileSdrStore, getSdrs, readSensors, SdrCache, type SensorJson } from '../../ipmi/index.ts';
import type { BmcSession, CliIo, CommandContext } from '../context.ts';
import { overHosts } from '../host-fleet.ts';
import { table } from '../format.ts';

const THRESHOLD_ORDER = ['lnr', 'lcr', 'lnc', 'unc', 'ucr', 'unr'] as const;

function cell(n: number | undefined): string {
  return n === undefined ? 'na' : String(Number(n.toFixed(3)));
}

/** `ipmitool sensor` columns: name, reading, unit, status, then the six thresholds. */
export function formatSensors(sensors: readonly SensorJson[]): string {
  const rows = sensors.map((s) => [
    s.name,
    s.reading === null ? (s.states.length > 0 ? s.states.join(', ') : 'na') : cell(s.reading),
    s.unit ?? (s.states.length > 0 ? 'discrete' : ''),
    s.status,
    ...THRESHOLD_ORDER.map((t) => cell(s.thresholds[t])),
  ]);
  return table(['Name', 'Reading', 'Unit', 'Status', 'LNR', 'LCR', 'LNC', 'UNC', 'UCR', 'UNR'], rows);
}

/**
 * The CLI's SDR cache: decoded repositories in memory for this run, backed by one JSON file
 * per firmware/repository state in the user's cache directory (defaultSdrCacheDir), so the
 * next `bmc sensors` or `bmc sweep` skips the repository read. Undefined with --no-sdr-cache.
 */
export function cliSdrCache(env: CliIo['env'], enabled: boolean): SdrCache | undefined {
  if (!enabled) return undefined;
  const dir = defaultSdrCacheDir(env);
  return new SdrCache(dir ? { store: new FileSdrStore(dir) } : {});
}

export const NO_SDR_CACHE_HELP = 'read the SDR repository from the BMC without the on-disk cache';

export function registerSensors(program: Program, ctx: CommandContext): void {
  program
    .command('sensors')
    .description('every sensor with reading, unit, status and thresholds')
    .option('--no-sdr-cache', NO_SDR_CACHE_HELP)
    .action(async (options: { sdrCache: boolean }) => {
      const cache = cliSdrCache(ctx.io.env, options.sdrCache);
      const read = async (s: BmcSession) => readSensors(s, cache ? { sdrs: await getSdrs(s, cache) } : {});
      if (ctx.targets().length > 1) {
        await overHosts(ctx, 'sensors', read, { human: formatSensors, json: (sensors) => ({ sensors }) });
        return;
      }
      const sensors = await ctx.bmc(read);
      ctx.emit(() => formatSensors(sensors), () => sensors);
    });
}
