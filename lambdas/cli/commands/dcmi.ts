import type { Command as Program } from 'commander';
import { EXCEPTION_ACTIONS, powerLimit, powerReading, setPowerLimit, type ExceptionAction } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { keyValue } from '../format.ts';
import { intArg } from './config-args.ts';

export function registerDcmi(program: Program, ctx: CommandContext): void {
  const dcmi = program.command('dcmi').description('DCMI: dcmi power | dcmi limit [--set W ...]');
  dcmi
    .command('power')
    .description('power reading: current, minimum, maximum, average over the period')
    .action(async () => {
      const p = await ctx.bmc((s) => powerReading(s));
      ctx.emit(
        () =>
          keyValue([
            ['Instantaneous power reading', `${p.current} Watts`],
            ['Minimum during sampling period', `${p.minimum} Watts`],
            ['Maximum during sampling period', `${p.maximum} Watts`],
            ['Average power reading over sample period', `${p.average} Watts`],
            ['Sampling period', `${p.periodSeconds} Seconds`],
          ]),
        () => p,
      );
    });
  dcmi
    .command('limit')
    .description('read the power limit, or set it with --set')
    .option('--set <watts>', 'new power limit in watts')
    .option('--action <action>', `on exceeding: ${Object.keys(EXCEPTION_ACTIONS).join('|')}`, 'log-sel')
    .option('--correction-ms <ms>', 'correction time limit', '1000')
    .option('--sampling-seconds <s>', 'statistics sampling period', '60')
    .option('--activate', 'activate the limit')
    .option('--deactivate', 'deactivate the limit')
    .action(async (o: { set?: string; action: string; correctionMs: string; samplingSeconds: string; activate?: boolean; deactivate?: boolean }) => {
      if (!(o.action in EXCEPTION_ACTIONS)) throw new UsageError(`--action: one of ${Object.keys(EXCEPTION_ACTIONS).join(', ')}`);
      if (o.activate && o.deactivate) throw new UsageError('--activate and --deactivate: choose one');
      const activate = o.activate ? true : o.deactivate ? false : undefined;
      const l = await ctx.bmc(async (s) => {
        if (o.set === undefined && activate === undefined) return powerLimit(s);
        const current = await powerLimit(s);
        const limit = o.set === undefined ? current : { exceptionAction: o.action as ExceptionAction, limit: intArg('--set', o.set, 1, 65535), correctionMs: intArg('--correction-ms', o.correctionMs, 0, 0xffffffff), samplingSeconds: intArg('--sampling-seconds', o.samplingSeconds, 0, 65535) };
        return setPowerLimit(s, limit, activate);
      });
      ctx.emit(
        () => keyValue([['Power limit', `${l.limit} Watts`], ['Active', String(l.active)], ['Exception action', l.exceptionAction], ['Correction time', `${l.correctionMs} ms`], ['Sampling period', `${l.samplingSeconds} s`]]),
        () => l,
      );
    });
}
