import { describe, expect, it } from 'vitest';
import { fromHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { decodeBootFlags, decodeSetInProgress, encodeBootFlags, encodeClearBootInfoAck, encodeSetInProgress } from '../../lambdas/ipmi/commands/chassis/boot-options.ts';
import { ChassisControl, ChassisControlAction } from '../../lambdas/ipmi/commands/chassis/chassis-control.ts';
import { ChassisIdentify } from '../../lambdas/ipmi/commands/chassis/chassis-identify.ts';
import { GetChassisStatus } from '../../lambdas/ipmi/commands/chassis/get-chassis-status.ts';
import { GetSystemBootOptions } from '../../lambdas/ipmi/commands/chassis/get-system-boot-options.ts';
import { SetSystemBootOptions } from '../../lambdas/ipmi/commands/chassis/set-system-boot-options.ts';
import type { BootDevice } from '../../lambdas/ipmi/commands/chassis/boot-options.ts';
import { InvalidArgumentError, TruncatedError } from '../../lambdas/ipmi/errors.ts';

describe('Get Chassis Status (IPMI v2.0 28.2, Table 28-3)', () => {
  it('is Chassis netFn 00h command 01h', () => {
    expect([GetChassisStatus.netFn, GetChassisStatus.cmd]).toEqual([0x00, 0x01]);
  });

  it('decodes the three mandatory bytes (as ipmi_sim sends them)', () => {
    const s = GetChassisStatus.decode(fromHex('01 00 00'));
    expect(s.powerOn).toBe(true);
    expect(s.restorePolicy).toBe('always-off');
    expect(s.identifyState).toBeNull();
    expect(s.frontPanel).toBeNull();
  });

  it('decodes every flag, the restore policy, identify state and optional byte 5', () => {
    // Byte 2 = 0101 1110: policy 10b always-on, control fault, fault, interlock, overload, power off.
    // Byte 3 = 1Fh all last events. Byte 4 = 0110 1111: identify supported, state 10b indefinite, all faults.
    const s = GetChassisStatus.decode(fromHex('5e 1f 6f a5'));
    expect(s).toMatchObject({
      powerOn: false,
      powerOverload: true,
      interlock: true,
      powerFault: true,
      powerControlFault: true,
      restorePolicy: 'always-on',
      lastPowerEvent: { acFailed: true, overload: true, interlock: true, fault: true, command: true },
      intrusion: true,
      frontPanelLockout: true,
      driveFault: true,
      coolingFault: true,
      identifyState: 'indefinite',
      frontPanel: { sleepDisableAllowed: true, diagDisableAllowed: false, resetDisableAllowed: true, powerDisableAllowed: false, sleepDisabled: false, diagDisabled: true, resetDisabled: false, powerDisabled: true },
    });
    expect(GetChassisStatus.decode(fromHex('20 00 00')).restorePolicy).toBe('previous');
    expect(GetChassisStatus.decode(fromHex('60 00 00')).restorePolicy).toBe('unknown');
  });

  it('rejects a two-byte response naming the shortfall', () => {
    expect(() => GetChassisStatus.decode(fromHex('01 00'))).toThrow(TruncatedError);
    expect(() => GetChassisStatus.decode(fromHex('01 00'))).toThrow(/need 3 bytes, have 2/);
  });
});

describe('Chassis Control (28.3, Table 28-4)', () => {
  it('encodes each action as byte 1 bits 3:0', () => {
    expect([ChassisControl.netFn, ChassisControl.cmd]).toEqual([0x00, 0x02]);
    expect([...ChassisControl.encode(ChassisControlAction.powerDown)]).toEqual([0x00]);
    expect([...ChassisControl.encode(ChassisControlAction.powerUp)]).toEqual([0x01]);
    expect([...ChassisControl.encode(ChassisControlAction.powerCycle)]).toEqual([0x02]);
    expect([...ChassisControl.encode(ChassisControlAction.hardReset)]).toEqual([0x03]);
    expect([...ChassisControl.encode(ChassisControlAction.diagnosticInterrupt)]).toEqual([0x04]);
    expect([...ChassisControl.encode(ChassisControlAction.softShutdown)]).toEqual([0x05]);
  });

  it('refuses reserved action codes before sending', () => {
    expect(() => ChassisControl.encode(6 as ChassisControlAction)).toThrow(InvalidArgumentError);
  });
});

describe('Chassis Identify (28.5, Table 28-6)', () => {
  it('sends nothing for the default, one byte for an interval, two for force on', () => {
    expect([ChassisIdentify.netFn, ChassisIdentify.cmd]).toEqual([0x00, 0x04]);
    expect([...ChassisIdentify.encode({ kind: 'default' })]).toEqual([]);
    expect([...ChassisIdentify.encode({ kind: 'interval', seconds: 30 })]).toEqual([30]);
    expect([...ChassisIdentify.encode({ kind: 'interval', seconds: 0 })]).toEqual([0]);
    expect([...ChassisIdentify.encode({ kind: 'force' })]).toEqual([0, 1]);
  });

  it('refuses intervals that do not fit a byte', () => {
    expect(() => ChassisIdentify.encode({ kind: 'interval', seconds: 256 })).toThrow(InvalidArgumentError);
    expect(() => ChassisIdentify.encode({ kind: 'interval', seconds: -1 })).toThrow(InvalidArgumentError);
    expect(() => ChassisIdentify.encode({ kind: 'interval', seconds: 1.5 })).toThrow(InvalidArgumentError);
  });
});

describe('System boot options (28.12 Table 28-13, 28.13 Table 28-14)', () => {
  it('Set System Boot Options puts the selector (bit 7 = invalid/locked) before the data', () => {
    expect([SetSystemBootOptions.netFn, SetSystemBootOptions.cmd]).toEqual([0x00, 0x08]);
    expect([...SetSystemBootOptions.encode({ parameter: 5, data: fromHex('80 04 00 00 00') })]).toEqual([0x05, 0x80, 0x04, 0, 0, 0]);
    expect([...SetSystemBootOptions.encode({ parameter: 5, markInvalid: true, data: new Uint8Array() })]).toEqual([0x85]);
    expect(() => SetSystemBootOptions.encode({ parameter: 128, data: new Uint8Array() })).toThrow(InvalidArgumentError);
    expect(SetSystemBootOptions.completionCodes?.[0x81]).toMatch(/set in progress/);
  });

  it('Get System Boot Options asks with selector, set and block, and splits the answer', () => {
    expect([GetSystemBootOptions.netFn, GetSystemBootOptions.cmd]).toEqual([0x00, 0x09]);
    expect([...GetSystemBootOptions.encode({ parameter: 5 })]).toEqual([5, 0, 0]);
    const r = GetSystemBootOptions.decode(fromHex('01 85 e0 14 00 00 00'));
    expect(r).toMatchObject({ version: 1, parameter: 5, invalid: true });
    expect([...r.data]).toEqual([0xe0, 0x14, 0, 0, 0]);
    expect(() => GetSystemBootOptions.decode(fromHex('01'))).toThrow(TruncatedError);
  });

  it.each<[BootDevice, number]>([
    ['none', 0x00],
    ['pxe', 0x04],
    ['disk', 0x08],
    ['cdrom', 0x14],
    ['bios', 0x18],
    ['floppy', 0x3c],
  ])('boot flags for %s put selector %s in data 2 bits 5:2 (as ipmitool)', (device, byte2) => {
    expect([...encodeBootFlags({ device })]).toEqual([0x80, byte2, 0, 0, 0]);
    expect(decodeBootFlags(encodeBootFlags({ device })).device).toBe(device);
  });

  it('sets persistent (bit 6) and EFI (bit 5) next to valid (bit 7)', () => {
    expect([...encodeBootFlags({ device: 'pxe', persistent: true, efi: true })]).toEqual([0xe0, 0x04, 0, 0, 0]);
    expect(decodeBootFlags(fromHex('e0 04 00 00 00'))).toMatchObject({ valid: true, persistent: true, efi: true, device: 'pxe' });
    expect(decodeBootFlags(fromHex('00 28 00 00 00'))).toMatchObject({ valid: false, persistent: false, efi: false, device: 'reserved', deviceCode: 0xa });
  });

  it('refuses an unknown device and short boot flags', () => {
    expect(() => encodeBootFlags({ device: 'usb' as BootDevice })).toThrow(InvalidArgumentError);
    expect(() => decodeBootFlags(fromHex('80 04 00'))).toThrow(/need 5 bytes, have 3/);
  });

  it('encodes set-in-progress states and the boot-info-ack clear mask', () => {
    expect([...encodeSetInProgress('set-complete')]).toEqual([0]);
    expect([...encodeSetInProgress('set-in-progress')]).toEqual([1]);
    expect([...encodeSetInProgress('commit-write')]).toEqual([2]);
    expect(decodeSetInProgress(fromHex('03'))).toBe('reserved');
    expect(decodeSetInProgress(fromHex('01'))).toBe('set-in-progress');
    expect([...encodeClearBootInfoAck(0x01)]).toEqual([0x01, 0x01]);
  });
});
