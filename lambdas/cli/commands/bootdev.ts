import type { Command as Program } from 'commander';
import { getBootDevice, setBootDevice, SETTABLE_BOOT_DEVICES, type BootDevice, type BootFlags } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { keyValue, yesNo } from '../format.ts';

function describeFlags(f: BootFlags): string {
  return keyValue([
    ['Boot Device', f.device],
    ['Boot Flags Valid', yesNo(f.valid)],
    ['Persistent', yesNo(f.persistent)],
    ['EFI', yesNo(f.efi)],
  ]);
}

export function registerBootdev(program: Program, ctx: CommandContext): void {
  program
    .command('bootdev')
    .description('set the next boot device; without a device, show the current boot flags')
    .argument('[device]', SETTABLE_BOOT_DEVICES.join('|'))
    .option('--persistent', 'apply to all future boots, not only the next')
    .option('--efi', 'request an EFI boot')
    .action(async (device: string | undefined, options: { persistent?: boolean; efi?: boolean }) => {
      if (device === undefined) {
        if (options.persistent || options.efi) throw new UsageError('bootdev: --persistent and --efi need a device');
        const flags = await ctx.bmc((s) => getBootDevice(s));
        ctx.emit(() => describeFlags(flags), () => ({ bootdev: flags.device, valid: flags.valid, persistent: flags.persistent, efi: flags.efi }));
        return;
      }
      if (!(SETTABLE_BOOT_DEVICES as readonly string[]).includes(device)) {
        throw new UsageError(`bootdev: unknown device "${device}" (expected ${SETTABLE_BOOT_DEVICES.join(', ')})`);
      }
      const persistent = options.persistent === true;
      const efi = options.efi === true;
      await ctx.bmc((s) => setBootDevice(s, device as BootDevice, { persistent, efi }));
      ctx.emit(() => `Set Boot Device to ${device}\n`, () => ({ bootdev: device, persistent, efi }));
    });
}
