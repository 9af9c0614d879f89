import type { Command as Program } from 'commander';
import type { SensorJson } from '../../ipmi/sensors/types.ts';
import type { CommandContext } from '../context.ts';
import { table } from '../format.ts';
import { readSensors } from '../../ipmi/ops/sensors.ts';

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

export function registerSensors(program: Program, ctx: CommandContext): void {
  program
    .command('sensors')
    .description('every sensor with reading, unit, status and thresholds')
    .action(async () => {
      const sensors = await ctx.bmc((s) => readSensors(s));
      ctx.emit(() => formatSensors(sensors), () => sensors);
    });
}
