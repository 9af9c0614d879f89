import type { Command as Program } from 'commander';
import { readFru, type FruReadResult } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { keyValue, type KeyValueRow } from '../format.ts';

/** The `bmc fru --json` shape of docs/cli.md; an absent area is null. */
export function fruJson(f: FruReadResult) {
  return {
    chassis: f.chassis && { type: f.chassis.type, partNumber: f.chassis.partNumber, serial: f.chassis.serial, extra: [...f.chassis.extra] },
    board: f.board && {
      mfgDate: f.board.mfgDate,
      manufacturer: f.board.manufacturer,
      product: f.board.product,
      serial: f.board.serial,
      partNumber: f.board.partNumber,
      fileId: f.board.fileId,
      extra: [...f.board.extra],
    },
    product: f.product && {
      manufacturer: f.product.manufacturer,
      name: f.product.name,
      partNumber: f.product.partNumber,
      version: f.product.version,
      serial: f.product.serial,
      assetTag: f.product.assetTag,
      fileId: f.product.fileId,
      extra: [...f.product.extra],
    },
  };
}

/** `ipmitool fru print` labels. */
function formatFru(f: FruReadResult): string {
  const rows: KeyValueRow[] = [];
  const extras = (label: string, extra: readonly string[]) => extra.forEach((e) => rows.push([label, e]));
  if (f.chassis) {
    rows.push(['Chassis Type', f.chassis.type], ['Chassis Part Number', f.chassis.partNumber], ['Chassis Serial', f.chassis.serial]);
    extras('Chassis Extra', f.chassis.extra);
  }
  if (f.board) {
    rows.push(
      ['Board Mfg Date', f.board.mfgDate ?? 'unspecified'],
      ['Board Mfg', f.board.manufacturer],
      ['Board Product', f.board.product],
      ['Board Serial', f.board.serial],
      ['Board Part Number', f.board.partNumber],
    );
    extras('Board Extra', f.board.extra);
  }
  if (f.product) {
    rows.push(
      ['Product Manufacturer', f.product.manufacturer],
      ['Product Name', f.product.name],
      ['Product Part Number', f.product.partNumber],
      ['Product Version', f.product.version],
      ['Product Serial', f.product.serial],
      ['Product Asset Tag', f.product.assetTag],
    );
    extras('Product Extra', f.product.extra);
  }
  for (const p of f.problems) rows.push(['Warning', p.message]);
  return rows.length > 0 ? keyValue(rows) : 'FRU has no chassis, board or product area\n';
}

export function registerFru(program: Program, ctx: CommandContext): void {
  program
    .command('fru')
    .description('FRU inventory: chassis, board and product areas')
    .option('--id <n>', 'FRU device ID (0-254)', '0')
    .action(async (options: { id: string }) => {
      if (!/^\d+$/.test(options.id) || Number(options.id) > 254) throw new UsageError(`--id: expected 0-254, got "${options.id}"`);
      const fru = await ctx.bmc((s) => readFru(s, { id: Number(options.id) }));
      ctx.emit(() => formatFru(fru), () => fruJson(fru));
    });
}
