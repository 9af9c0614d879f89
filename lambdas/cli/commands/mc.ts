import type { Command as Program } from 'commander';
import { bmcReset, watchdogGet } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { keyValue } from '../format.ts';

export function registerMc(program: Program, ctx: CommandContext): void {
  program
    .command('watchdog')
    .description('watchdog get')
    .argument('<action>', 'get')
    .action(async (action: string) => {
      if (action !== 'get') throw new UsageError(`watchdog: unknown action "${action}" (expected get)`);
      const w = await ctx.bmc((s) => watchdogGet(s));
      ctx.emit(
        () => keyValue([['Timer Use', w.use], ['Timer Is', w.running ? 'Started/Running' : 'Stopped'], ['Logging', w.dontLog ? 'Off' : 'On'], ['Action', w.action], ['Pre-timeout interrupt', w.preTimeoutInterrupt], ['Pre-timeout interval', `${w.preTimeoutSeconds} seconds`], ['Initial Countdown', `${w.initialCountdown} sec`], ['Present Countdown', `${w.presentCountdown} sec`]]),
        () => w,
      );
    });
  program
    .command('mc')
    .description('mc reset warm|cold --confirm')
    .argument('<action>', 'reset')
    .argument('<kind>', 'warm or cold')
    .option('--confirm', 'the BMC restarts: sessions drop and it is unreachable for a while')
    .action(async (action: string, kind: string, o: { confirm?: boolean }) => {
      if (action !== 'reset') throw new UsageError(`mc: unknown action "${action}" (expected reset)`);
      if (kind !== 'warm' && kind !== 'cold') throw new UsageError(`mc reset: expected warm or cold, got "${kind}"`);
      if (!o.confirm) throw new UsageError(`mc reset ${kind}: the BMC will restart; add --confirm`);
      const r = await ctx.bmc((s) => bmcReset(s, kind));
      ctx.emit(() => `Sent ${kind} reset command to MC${r.acknowledged ? '' : ' (no answer: the BMC may have reset first)'}\n`, () => ({ reset: kind, acknowledged: r.acknowledged }));
    });
}
