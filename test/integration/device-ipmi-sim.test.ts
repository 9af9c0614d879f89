import { beforeAll, describe, expect, it } from 'vitest';
import { GetSelfTestResults } from '../../lambdas/ipmi/commands/app/get-self-test-results.ts';
import { CompletionCodeError, type Session } from '../../lambdas/ipmi/index.ts';
import { getDeviceInfo } from '../../lambdas/ipmi/ops/device.ts';
import type { IpmiSimHandle } from '../support/ipmi-sim.ts';
import { useIpmiSimSession } from '../support/use-ipmi-sim.ts';
import { ipmitool, parseIpmitoolFields } from './chassis-sim-support.ts';

let sim: IpmiSimHandle;
let s: Session;

const ipmiSim = useIpmiSimSession({ solConsole: false });
beforeAll(() => {
  ({ sim, session: s } = ipmiSim());
});

describe('device info against ipmi_sim, compared with ipmitool', () => {
  it('matches `ipmitool mc info` field by field', async () => {
    const info = await getDeviceInfo(s);
    const mc = parseIpmitoolFields(await ipmitool(sim, 'mc', 'info'));
    expect(String(info.deviceId)).toBe(mc.get('Device ID'));
    expect(String(info.deviceRevision)).toBe(mc.get('Device Revision'));
    expect(info.firmwareRevision).toBe(mc.get('Firmware Revision'));
    expect(info.ipmiVersion).toBe(mc.get('IPMI Version'));
    expect(String(info.manufacturerId)).toBe(mc.get('Manufacturer ID'));
    expect(info.manufacturerName).toBe(mc.get('Manufacturer Name'));
    expect(`${info.productId} (0x${info.productId.toString(16).padStart(4, '0')})`).toBe(mc.get('Product ID'));
    expect(info.deviceAvailable ? 'yes' : 'no').toBe(mc.get('Device Available'));
    expect(info.providesDeviceSdrs ? 'yes' : 'no').toBe(mc.get('Provides Device SDRs'));
    // The fixture's mc_add values, so a decoder that agrees with ipmitool by accident still fails.
    expect(info).toMatchObject({ deviceId: 0x20, deviceRevision: 3, firmwareRevision: '2.15', manufacturerId: 343, manufacturerName: 'Intel Corporation', productId: 0xa5 });
  });

  it('lists the same additional device support as ipmitool', async () => {
    const text = await ipmitool(sim, 'mc', 'info');
    const block = text.split('Additional Device Support :\n')[1]!.split(/\n(?! {4})/)[0]!;
    const listed = block.split('\n').map((l) => l.trim()).filter(Boolean);
    expect((await getDeviceInfo(s)).additionalDeviceSupport).toEqual(listed);
  });

  it('prints the system GUID as `ipmitool mc guid` does', async () => {
    const info = await getDeviceInfo(s);
    const guid = parseIpmitoolFields(await ipmitool(sim, 'mc', 'guid'));
    expect(info.systemGuid?.text).toBe(guid.get('System GUID'));
    expect(info.guid).toBe(guid.get('System GUID'));
  });

  it('reports Get Self Test Results as a typed error naming the command where ipmi_sim lacks it, as ipmitool does', async () => {
    // ipmi_sim does not implement 20.4; both clients must see C1h (invalid command).
    const err = await s.call(GetSelfTestResults, undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CompletionCodeError);
    expect(err).toMatchObject({ command: 'Get Self Test Results', code: 0xc1 });
    const theirs = await ipmitool(sim, 'mc', 'selftest').catch((e: { stderr?: string }) => e.stderr ?? '');
    expect(theirs).toMatch(/Invalid command/);
  });
});
