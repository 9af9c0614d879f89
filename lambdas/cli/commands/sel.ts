import type { Command as Program } from 'commander';
import { selAdd, selClear, selInfo, selList, selTime, setSelTime, type SelEntry, type SelInfoResult } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { keyValue, table } from '../format.ts';
import { intArg } from './config-args.ts';

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
    .description('System Event Log: sel info | sel list | sel clear | sel add | sel time get|set TIME')
    .argument('<action>', 'info, list, clear, add or time')
    .argument('[args...]', 'time: get, or set ISO-8601|now')
    .option('--sensor-type <n>', 'add: sensor type (e.g. 0x01 temperature)')
    .option('--sensor <n>', 'add: sensor number')
    .option('--event-type <n>', 'add: event/reading type code (0x01 threshold, 0x6f sensor-specific)', '0x6f')
    .option('--data <bytes>', 'add: event data 1-3, comma separated (e.g. 0x01,0xff,0xff)', '0x00,0xff,0xff')
    .option('--deassert', 'add: a deassertion event')
    .action(async (action: string, args: string[], o: { sensorType?: string; sensor?: string; eventType: string; data: string; deassert?: boolean }) => {
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
        case 'add': {
          if (o.sensorType === undefined || o.sensor === undefined) throw new UsageError('sel add: --sensor-type and --sensor are required');
          const event = {
            sensorType: intArg('--sensor-type', o.sensorType, 0, 255),
            sensorNumber: intArg('--sensor', o.sensor, 0, 255),
            eventType: intArg('--event-type', o.eventType, 0, 0x7f),
            eventData: o.data.split(',').map((b, i) => intArg(`--data byte ${i + 1}`, b, 0, 255)),
            deassertion: o.deassert === true,
          };
          if (event.eventData.length > 3) throw new UsageError('--data: at most 3 bytes');
          const id = await ctx.bmc((s) => selAdd(s, event));
          ctx.emit(() => `Added SEL entry 0x${id.toString(16).padStart(4, '0')}\n`, () => ({ id }));
          return;
        }
        case 'time': {
          const [sub, value] = args;
          if (sub === 'get' || sub === undefined) {
            const t = await ctx.bmc((s) => selTime(s));
            ctx.emit(() => `${t.time ?? 'unspecified'}\n`, () => t);
            return;
          }
          if (sub !== 'set' || value === undefined) throw new UsageError('sel time: expected "get" or "set ISO-8601|now"');
          const when = value === 'now' ? new Date() : new Date(value);
          if (Number.isNaN(when.getTime()) || (value !== 'now' && !/^\d{4}-\d{2}-\d{2}T/.test(value))) throw new UsageError(`sel time set: "${value}" is not an ISO 8601 time or "now"`);
          await ctx.bmc((s) => setSelTime(s, when));
          ctx.emit(() => `SEL time set to ${when.toISOString()}\n`, () => ({ time: when.toISOString() }));
          return;
        }
        default:
          throw new UsageError(`sel: unknown action "${action}" (expected info, list, clear, add or time)`);
      }
    });
}
