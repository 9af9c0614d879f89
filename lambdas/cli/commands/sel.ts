import type { Command as Program } from 'commander';
import { selClear, selInfo, selList, type SelEntry, type SelInfoResult } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { keyValue, table } from '../format.ts';

function formatInfo(i: SelInfoResult): string {
  return keyValue([
    ['Version', i.version],
    ['Entries', String(i.entries)],
    ['Free Space', `${i.freeBytes} bytes`],
    ['Last Add Time', i.lastAddition ?? 'unspecified'],
    ['Last Del Time', i.lastErase ?? 'unspecified'],
    ['Overflow', i.overflow ? 'true' : 'false'],
    [
      'Supported Cmds',
      [i.supports.delete && "'Delete'", i.supports.partialAdd && "'Partial Add'", i.supports.reserve && "'Reserve'", i.supports.allocationInfo && "'Get Alloc Info'"]
        .filter((x): x is string => typeof x === 'string')
        .join(' ') || 'none',
    ],
  ]);
}

/** `ipmitool sel elist` columns. */
function formatList(entries: readonly SelEntry[]): string {
  if (entries.length === 0) return 'SEL has no entries\n';
  return table(
    ['ID', 'Time', 'Sensor', 'Event', 'Direction'],
    entries.map((e) => [e.id.toString(16).padStart(4, ' '), e.timestamp ?? 'Pre-Init', `${e.sensorType} #0x${e.sensorNumber.toString(16).padStart(2, '0')}`, e.event, e.direction === 'asserted' ? 'Asserted' : 'Deasserted']),
  );
}

export function registerSel(program: Program, ctx: CommandContext): void {
  program
    .command('sel')
    .description('System Event Log: sel info | sel list | sel clear')
    .argument('<action>', 'info, list or clear')
    .action(async (action: string) => {
      switch (action) {
        case 'info': {
          const info = await ctx.bmc((s) => selInfo(s));
          ctx.emit(() => formatInfo(info), () => info);
          return;
        }
        case 'list': {
          const entries = await ctx.bmc((s) => selList(s));
          ctx.emit(() => formatList(entries), () => entries);
          return;
        }
        case 'clear': {
          await ctx.bmc((s) => selClear(s));
          ctx.emit(() => 'Clearing SEL: done\n', () => ({ cleared: true }));
          return;
        }
        default:
          throw new UsageError(`sel: unknown action "${action}" (expected info, list or clear)`);
      }
    });
}
