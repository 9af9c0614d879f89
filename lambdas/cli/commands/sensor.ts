import type { Command as Program } from 'commander';
import { findThresholdSensor, readHysteresis, readSdrRepository, readThresholds, setHysteresis, setThresholds, THRESHOLD_NAMES, type Thresholds } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { keyValue } from '../format.ts';
import { intArg, numberArg } from './config-args.ts';

type ThresholdOptions = Partial<Record<(typeof THRESHOLD_NAMES)[number], string>> & { hysteresis?: string };

export function registerSensor(program: Program, ctx: CommandContext): void {
  const sensor = program.command('sensor').description('one sensor\'s thresholds: sensor thresh NAME|NUMBER [--ucr V ...] [--hysteresis P,N]');
  const thresh = sensor
    .command('thresh')
    .argument('<sensor>', 'sensor name or number')
    .option('--hysteresis <positive,negative>', 'set positive- and negative-going hysteresis (units)');
  for (const name of THRESHOLD_NAMES) thresh.option(`--${name} <value>`, `set the ${name} threshold (units)`);
  thresh.action(async (which: string, o: ThresholdOptions) => {
    const wanted: Thresholds = {};
    for (const name of THRESHOLD_NAMES) if (o[name] !== undefined) wanted[name] = numberArg(`--${name}`, o[name]);
    const hysteresis = o.hysteresis?.split(',').map((v, i) => numberArg(`--hysteresis ${i === 0 ? 'positive' : 'negative'}`, v));
    const key = /^(0x[0-9a-f]+|\d+)$/i.test(which) ? intArg('sensor', which, 0, 255) : which;
    const r = await ctx.bmc(async (s) => {
      const record = findThresholdSensor((await readSdrRepository(s)).records, key);
      if (Object.keys(wanted).length > 0) await setThresholds(s, record, wanted);
      if (hysteresis) await setHysteresis(s, record, { positive: hysteresis[0]!, negative: hysteresis[1] ?? hysteresis[0]! });
      return { sensor: record.name, number: record.key.number, thresholds: await readThresholds(s, record), hysteresis: await readHysteresis(s, record) };
    });
    ctx.emit(
      () => keyValue([['Sensor', `${r.sensor} (#0x${r.number.toString(16).padStart(2, '0')})`], ...THRESHOLD_NAMES.filter((n) => r.thresholds[n] !== undefined).map((n): [string, string] => [n.toUpperCase(), String(r.thresholds[n])]), ['Hysteresis', `+${r.hysteresis.positive} / -${r.hysteresis.negative}`]]),
      () => r,
    );
  });
}
