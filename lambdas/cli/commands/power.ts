import type { Command as Program } from 'commander';
import { POWER_ACTIONS, powerAction, powerStatus, type PowerAction, type PowerActionResult } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { OutcomeError, UsageError } from '../errors.ts';
import { overHosts } from '../host-fleet.ts';

/** ipmitool's names for each Chassis Control action. */
const CONTROL_NAMES: Readonly<Record<PowerAction, string>> = {
  on: 'Up/On',
  off: 'Down/Off',
  cycle: 'Cycle',
  reset: 'Reset',
  soft: 'Soft',
  diag: 'Diag',
};

function describeOutcome(r: PowerActionResult): string {
  const lines = [`Chassis Power Control: ${CONTROL_NAMES[r.action]}`];
  if (r.verified) lines.push(`Chassis Power is ${r.state} (confirmed after ${r.checks} check${r.checks === 1 ? '' : 's'})`);
  else if (r.checks > 0) lines.push(`Chassis Power is ${r.state} after ${r.checks} checks (expected ${r.expected})`);
  return lines.join('\n') + '\n';
}

export function registerPower(program: Program, ctx: CommandContext): void {
  program
    .command('power')
    .description('power status|on|off|cycle|reset|soft|diag')
    .argument('<action>', `status, ${POWER_ACTIONS.join(', ')}`)
    .option('--no-verify', 'do not re-read the power state after on/off/cycle/reset')
    .option('--wait <seconds>', 'how long to wait for the new power state (1-600)', '30')
    .action(async (action: string, options: { verify: boolean; wait: string }) => {
      if (action === 'status' && ctx.targets().length > 1) {
        await overHosts(ctx, 'power status', (s) => powerStatus(s), { human: (power) => `Chassis Power is ${power}\n`, json: (power) => ({ power }) });
        return;
      }
      if (action === 'status') {
        const power = await ctx.bmc((s) => powerStatus(s));
        ctx.emit(() => `Chassis Power is ${power}\n`, () => ({ power }));
        return;
      }
      if (!(POWER_ACTIONS as readonly string[]).includes(action)) {
        throw new UsageError(`power: unknown action "${action}" (expected status, ${POWER_ACTIONS.join(', ')})`);
      }
      if (!/^\d+$/.test(options.wait) || Number(options.wait) < 1 || Number(options.wait) > 600) {
        throw new UsageError(`--wait: expected 1-600 seconds, got "${options.wait}"`);
      }
      const maxWaitMs = Number(options.wait) * 1000;
      const r = await ctx.bmc((s) => powerAction(s, action as PowerAction, options.verify ? { maxWaitMs } : { verify: false }));
      ctx.emit(
        () => describeOutcome(r),
        () => ({ action: r.action, power: r.state, verified: r.verified, checks: r.checks }),
      );
      // Accepted but not confirmed is not success for a fencing tool (docs/architecture.md section 4).
      if (r.checks > 0 && !r.verified) {
        throw new OutcomeError(`power ${r.action}: command accepted but power is ${r.state} after ${r.checks} checks, expected ${r.expected}${r.readError ? ` (${r.readError})` : ''}`);
      }
    });
}
