import {
  BootInfoAck,
  BootParameter,
  decodeBootFlags,
  encodeBootFlags,
  encodeClearBootInfoAck,
  encodeSetInProgress,
  assertParameter,
  type BootDevice,
  type BootFlags,
  type SetInProgressState,
} from '../commands/chassis/boot-options.ts';
import { GetSystemBootOptions } from '../commands/chassis/get-system-boot-options.ts';
import { SetSystemBootOptions } from '../commands/chassis/set-system-boot-options.ts';
import type { IpmiRequester } from '../commands/command.ts';
import { CompletionCodeError } from '../errors.ts';

export type { BootDevice, BootFlags } from '../commands/chassis/boot-options.ts';

/** The devices the CLI and API offer; the codec knows the rest of Table 28-14's selectors. */
export const SETTABLE_BOOT_DEVICES = ['pxe', 'disk', 'cdrom', 'bios', 'none'] as const satisfies readonly BootDevice[];

export interface SetBootDeviceOptions {
  persistent?: boolean;
  efi?: boolean;
}

/** Sends a boot option; a non-zero completion code becomes `false` when `tolerate` is set. */
async function setParameter(s: IpmiRequester, parameter: number, data: Uint8Array, tolerate: boolean): Promise<boolean> {
  try {
    await s.call(SetSystemBootOptions, { parameter, data });
    return true;
  } catch (err) {
    if (tolerate && err instanceof CompletionCodeError) return false;
    throw err;
  }
}

function setInProgress(s: IpmiRequester, state: SetInProgressState): Promise<boolean> {
  return setParameter(s, BootParameter.setInProgress, encodeSetInProgress(state), true);
}

/**
 * Sets the boot device the way ipmitool's `chassis bootdev` does (section 28.12/28.13):
 *  1. parameter 0 := set in progress. Optional in the spec and refused by some BMCs
 *     (ipmi_sim answers CCh); if refused the rest goes ahead without the bracket.
 *  2. parameter 4: clear the BIOS/POST boot-info acknowledgement so BIOS acts on new flags.
 *     A completion code here is tolerated, as ipmitool tolerates it.
 *  3. parameter 5 := boot flags (valid, persistent, EFI, device).
 *  4. parameter 0 := commit write (if 3 succeeded), then set complete, both best effort.
 * Only step 3 failing fails the operation; the bracket is always closed.
 */
export async function setBootDevice(s: IpmiRequester, device: BootDevice, options: SetBootDeviceOptions = {}): Promise<void> {
  const flags = encodeBootFlags({ device, persistent: options.persistent, efi: options.efi });
  const bracketed = await setInProgress(s, 'set-in-progress');
  try {
    await setParameter(s, BootParameter.bootInfoAcknowledge, encodeClearBootInfoAck(BootInfoAck.biosPost), true);
    await setParameter(s, BootParameter.bootFlags, flags, false);
    if (bracketed) await setInProgress(s, 'commit-write');
  } finally {
    if (bracketed) await setInProgress(s, 'set-complete').catch(() => false);
  }
}

/** Reads parameter 5 (boot flags). */
export async function getBootDevice(s: IpmiRequester): Promise<BootFlags> {
  const res = await s.call(GetSystemBootOptions, { parameter: BootParameter.bootFlags });
  assertParameter('Get System Boot Options response', BootParameter.bootFlags, res.parameter);
  return decodeBootFlags(res.data);
}
