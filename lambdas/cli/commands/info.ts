import type { Command as Program } from 'commander';
import { getDeviceInfo, type DeviceInfo } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { keyValue, yesNo, type KeyValueRow } from '../format.ts';

/** `mc info` layout, plus the GUIDs (`mc guid`). */
export function formatDeviceInfo(d: DeviceInfo): string {
  const rows: KeyValueRow[] = [
    ['Device ID', String(d.deviceId)],
    ['Device Revision', String(d.deviceRevision)],
    ['Firmware Revision', d.firmwareRevision],
    ['IPMI Version', d.ipmiVersion],
    ['Manufacturer ID', String(d.manufacturerId)],
    ['Manufacturer Name', d.manufacturerName],
    ['Product ID', `${d.productId} (0x${d.productId.toString(16).padStart(4, '0')})`],
    ['Device Available', yesNo(d.deviceAvailable)],
    ['Provides Device SDRs', yesNo(d.providesDeviceSdrs)],
    ['Additional Device Support', d.additionalDeviceSupport],
  ];
  if (d.auxFirmwareRevision) rows.push(['Aux Firmware Rev Info', d.auxFirmwareRevision.match(/../g)!.map((b) => `0x${b}`)]);
  rows.push(['System GUID', d.systemGuid?.text ?? 'not available']);
  rows.push(['Device GUID', d.deviceGuid?.text ?? 'not available']);
  return keyValue(rows);
}

export function registerInfo(program: Program, ctx: CommandContext): void {
  program
    .command('info')
    .description('device id, firmware, manufacturer, GUID')
    .action(async () => {
      const info = await ctx.bmc((s) => getDeviceInfo(s));
      ctx.emit(() => formatDeviceInfo(info), () => info);
    });
}
