import { describe, expect, it } from 'vitest';
import { getBootDevice, setBootDevice } from '../../lambdas/ipmi/ops/boot.ts';
import { getDeviceInfo, manufacturerName } from '../../lambdas/ipmi/ops/device.ts';
import { ForceIdentifyUnsupportedError, identify } from '../../lambdas/ipmi/ops/identify.ts';
import { powerAction, powerStatus } from '../../lambdas/ipmi/ops/power.ts';
import { CompletionCodeError, InvalidArgumentError, MalformedError, TimeoutError } from '../../lambdas/ipmi/errors.ts';
import { cc, chassisBmc } from './cli-fake-bmc.ts';

const noSleep = async () => {};

describe('power', () => {
  it('powerStatus reads bit 0 of Get Chassis Status', async () => {
    const { bmc } = chassisBmc({ power: true });
    expect(await powerStatus(bmc)).toBe('on');
  });

  it('power on sends Chassis Control 01h and verifies only once the BMC shows on', async () => {
    const { bmc } = chassisBmc({ power: false, lagReads: 2 });
    const waits: number[] = [];
    const r = await powerAction(bmc, 'on', { sleep: async (ms) => void waits.push(ms), delaysMs: [10, 20, 30, 40, 50] });
    expect(bmc.sent(0x00, 0x02)).toEqual([[0x01]]);
    expect(r).toMatchObject({ action: 'on', expected: 'on', state: 'on', verified: true, checks: 3 });
    expect(waits).toEqual([10, 20, 30]);
  });

  it('reports honestly when the state never arrives', async () => {
    const { bmc } = chassisBmc({ power: true, lagReads: 100 });
    const r = await powerAction(bmc, 'off', { sleep: noSleep, delaysMs: [1, 1, 1] });
    expect(r).toMatchObject({ state: 'on', verified: false, checks: 3 });
  });

  it("reports 'unknown' when the BMC cannot say, and keeps trying", async () => {
    const { bmc } = chassisBmc({ power: false });
    let reads = 0;
    bmc.on(0x00, 0x01, () => {
      reads++;
      if (reads < 3) return cc(0xc3);
      return [0x00, 0, 0];
    });
    const failing = await powerAction(bmc, 'on', { sleep: noSleep, delaysMs: [1, 1] });
    expect(failing).toMatchObject({ state: 'unknown', verified: false, checks: 2 });
    expect(failing.readError).toMatch(/Timeout while processing command/);
  });

  it('propagates transport timeouts of the status read as unknown, not as success', async () => {
    const { bmc } = chassisBmc({ power: false });
    const real = bmc.call.bind(bmc);
    bmc.call = (async (command, req, options) => {
      if (command.cmd === 0x01 && command.netFn === 0x00) throw new TimeoutError('Get Chassis Status', '127.0.0.1', 1000, 3);
      return real(command, req, options);
    }) as typeof bmc.call;
    const r = await powerAction(bmc, 'on', { sleep: noSleep, delaysMs: [1] });
    expect(r).toMatchObject({ state: 'unknown', verified: false });
  });

  it('cycle and reset are verified as on; soft and diag are not verified by default', async () => {
    const { bmc } = chassisBmc({ power: true });
    expect(await powerAction(bmc, 'cycle', { sleep: noSleep })).toMatchObject({ expected: 'on', verified: true });
    expect(await powerAction(bmc, 'reset', { sleep: noSleep })).toMatchObject({ expected: 'on', verified: true });
    expect(await powerAction(bmc, 'soft', { sleep: noSleep })).toMatchObject({ expected: 'off', verified: false, checks: 0 });
    expect(await powerAction(bmc, 'diag', { sleep: noSleep })).toMatchObject({ expected: null, verified: false, checks: 0 });
    expect(bmc.sent(0x00, 0x02)).toEqual([[0x02], [0x03], [0x05], [0x04]]);
  });

  it('maxWaitMs cuts the schedule to the budget, shortening the last wait', async () => {
    const { bmc } = chassisBmc({ power: false, lagReads: 100 });
    const waits: number[] = [];
    const r = await powerAction(bmc, 'on', { sleep: async (ms) => void waits.push(ms), delaysMs: [500, 1000, 2000, 4000], maxWaitMs: 2000 });
    expect(waits).toEqual([500, 1000, 500]);
    expect(r).toMatchObject({ verified: false, checks: 3, state: 'off' });
  });

  it('verify: false returns right after the BMC accepts', async () => {
    const { bmc } = chassisBmc({ power: false });
    expect(await powerAction(bmc, 'on', { verify: false })).toMatchObject({ state: 'unknown', verified: false, checks: 0 });
    expect(bmc.sent(0x00, 0x01)).toEqual([]);
  });

  it('rejects an unknown action before sending anything and surfaces a refused command', async () => {
    const { bmc } = chassisBmc();
    await expect(powerAction(bmc, 'explode' as 'on')).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(bmc.requests).toEqual([]);
    bmc.on(0x00, 0x02, () => cc(0xd5));
    await expect(powerAction(bmc, 'cycle')).rejects.toThrow(/Chassis Control: Command not supported in present state \(completion code 0xd5\)/);
  });
});

describe('boot device', () => {
  it('brackets the boot flags with set-in-progress and clears the BIOS ack, in ipmitool order', async () => {
    const { bmc, state } = chassisBmc();
    await setBootDevice(bmc, 'pxe', { persistent: true, efi: true });
    expect(bmc.sent(0x00, 0x08)).toEqual([[0x00, 0x01], [0x04, 0x01, 0x01], [0x05, 0xe0, 0x04, 0, 0, 0], [0x00, 0x02], [0x00, 0x00]]);
    expect(state.bootFlags).toEqual([0xe0, 0x04, 0, 0, 0]);
    expect(await getBootDevice(bmc)).toMatchObject({ device: 'pxe', persistent: true, efi: true, valid: true });
  });

  it('goes ahead without the bracket when the BMC refuses set-in-progress (ipmi_sim answers CCh)', async () => {
    const { bmc, state } = chassisBmc({ setInProgressSupported: false });
    await setBootDevice(bmc, 'cdrom');
    expect(bmc.sent(0x00, 0x08)).toEqual([[0x00, 0x01], [0x04, 0x01, 0x01], [0x05, 0x80, 0x14, 0, 0, 0]]);
    expect(state.bootFlags).toEqual([0x80, 0x14, 0, 0, 0]);
  });

  it('fails when the boot flags are refused, and still closes the bracket', async () => {
    const { bmc } = chassisBmc();
    bmc.on(0x00, 0x08, (d) => ((d[0]! & 0x7f) === 5 ? cc(0x82) : []));
    await expect(setBootDevice(bmc, 'disk')).rejects.toThrow(/Set System Boot Options: Attempt to write read-only parameter/);
    expect(bmc.sent(0x00, 0x08).at(-1)).toEqual([0x00, 0x00]);
  });

  it('rejects an answer for a different parameter', async () => {
    const { bmc } = chassisBmc();
    bmc.on(0x00, 0x09, () => [0x01, 0x04, 0x00, 0x00]);
    await expect(getBootDevice(bmc)).rejects.toBeInstanceOf(MalformedError);
  });
});

describe('identify', () => {
  it('maps seconds, off, force and default onto Chassis Identify', async () => {
    const { bmc, state } = chassisBmc();
    expect(await identify(bmc, { seconds: 42 })).toEqual({ mode: 'interval', seconds: 42 });
    expect(await identify(bmc, { off: true })).toEqual({ mode: 'off', seconds: 0 });
    expect(await identify(bmc, { force: true })).toEqual({ mode: 'force', seconds: null });
    expect(await identify(bmc)).toEqual({ mode: 'default', seconds: 15 });
    expect(state.identify).toEqual([[42], [0], [0, 1], []]);
  });

  it('explains a BMC that refuses Force Identify On', async () => {
    const { bmc } = chassisBmc();
    bmc.on(0x00, 0x04, (d) => (d.length > 1 ? cc(0xc7) : []));
    const err = await identify(bmc, { force: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForceIdentifyUnsupportedError);
    expect(err).toBeInstanceOf(CompletionCodeError);
    expect((err as Error).message).toMatch(/may not support Force Identify On/);
  });

  it('validates seconds before sending', async () => {
    const { bmc } = chassisBmc();
    await expect(identify(bmc, { seconds: 300 })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(bmc.requests).toEqual([]);
  });
});

describe('device info', () => {
  it('combines Device ID, firmware, manufacturer and GUIDs; a missing GUID command is null', async () => {
    const { bmc } = chassisBmc();
    const info = await getDeviceInfo(bmc);
    expect(info).toMatchObject({
      deviceId: 0x20,
      deviceRevision: 1,
      firmwareRevision: '2.16',
      ipmiVersion: '2.0',
      manufacturerId: 4753,
      manufacturerName: 'MontaVista Software, Inc.',
      productId: 0x0f02,
      auxFirmwareRevision: '01020304',
      deviceGuid: null,
      systemGuid: { text: '00112233-4455-4677-8899-aabbccddeeff', encoding: 'smbios' },
    });
  });

  it('names unknown manufacturers as ipmitool does', () => {
    expect(manufacturerName(0x1234)).toBe('Unknown (0x1234)');
    expect(manufacturerName(674)).toBe('Dell Inc.');
  });

  it('fails when Get Device ID itself fails', async () => {
    const { bmc } = chassisBmc();
    bmc.on(0x06, 0x01, () => cc(0xff));
    await expect(getDeviceInfo(bmc)).rejects.toThrow(/Get Device ID: Unspecified error/);
  });
});
