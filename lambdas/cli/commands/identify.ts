import { Option, type Command as Program } from 'commander';
import { identify, type IdentifyRequest, type IdentifyResult } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';

function describe(r: IdentifyResult): string {
  switch (r.mode) {
    case 'default':
      return 'Chassis identify interval: default (15 seconds)\n';
    case 'force':
      return 'Chassis identify interval: indefinite\n';
    case 'off':
      return 'Chassis identify interval: off\n';
    case 'interval':
      return `Chassis identify interval: ${r.seconds} seconds\n`;
  }
}

function toRequest(o: { seconds?: string; force?: boolean; off?: boolean }): IdentifyRequest {
  if (o.force) return { force: true };
  if (o.off) return { off: true };
  if (o.seconds !== undefined) {
    if (!/^\d+$/.test(o.seconds) || Number(o.seconds) > 255) throw new UsageError(`--seconds: expected 0-255, got "${o.seconds}"`);
    return { seconds: Number(o.seconds) };
  }
  return {};
}

export function registerIdentify(program: Program, ctx: CommandContext): void {
  program
    .command('identify')
    .description('blink the chassis identify light (default 15 s)')
    .addOption(new Option('--seconds <n>', 'identify for N seconds (0-255)').conflicts(['force', 'off']))
    .addOption(new Option('--force', 'identify on indefinitely').conflicts(['off']))
    .addOption(new Option('--off', 'turn identify off'))
    .action(async (options: { seconds?: string; force?: boolean; off?: boolean }) => {
      const req = toRequest(options);
      const r = await ctx.bmc((s) => identify(s, req));
      ctx.emit(() => describe(r), () => ({ identify: r.mode, seconds: r.seconds }));
    });
}
