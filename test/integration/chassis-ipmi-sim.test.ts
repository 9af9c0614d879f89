import { beforeAll, describe, expect, it } from 'vitest';
import { GetChassisStatus } from '../../lambdas/ipmi/commands/chassis/get-chassis-status.ts';
import { CompletionCodeError, type Session } from '../../lambdas/ipmi/index.ts';
import { getBootDevice, setBootDevice } from '../../lambdas/ipmi/ops/boot.ts';
import { identify } from '../../lambdas/ipmi/ops/identify.ts';
import { powerAction, powerStatus } from '../../lambdas/ipmi/ops/power.ts';
import type { IpmiSimHandle } from '../support/ipmi-sim.ts';
import { useIpmiSimSession } from '../support/use-ipmi-sim.ts';
import { ipmitool, parseIpmitoolFields, setChassisPower, stickChassisPower } from './chassis-sim-support.ts';

let sim: IpmiSimHandle;
let s: Session;

const ipmiSim = useIpmiSimSession({ solConsole: false });
beforeAll(() => {
  ({ sim, session: s } = ipmiSim());
});

describe('power against ipmi_sim', () => {
  it('status agrees with `ipmitool chassis status` and `power status`', async () => {
    await setChassisPower(sim, true);
    const status = await s.call(GetChassisStatus, undefined);
    const theirs = parseIpmitoolFields(await ipmitool(sim, 'chassis', 'status'));
    expect(status.powerOn ? 'on' : 'off').toBe(theirs.get('System Power'));
    expect(status.restorePolicy).toBe(theirs.get('Power Restore Policy'));
    expect(status.powerOverload ? 'true' : 'false').toBe(theirs.get('Power Overload'));
    expect(status.intrusion ? 'active' : 'inactive').toBe(theirs.get('Chassis Intrusion'));
    expect(await powerStatus(s)).toBe('on');
    expect(await ipmitool(sim, 'power', 'status')).toBe('Chassis Power is on\n');
  });

  it('off then on are confirmed by re-reading, and the chassis really changed', async () => {
    await setChassisPower(sim, true);
    const off = await powerAction(s, 'off');
    expect(off).toMatchObject({ state: 'off', verified: true });
    expect((await sim.chassis()).power).toBe('off');
    expect(await ipmitool(sim, 'power', 'status')).toBe('Chassis Power is off\n');

    const on = await powerAction(s, 'on');
    expect(on).toMatchObject({ state: 'on', verified: true });
    expect((await sim.chassis()).power).toBe('on');
  });

  it('cycle ends on (ipmi_sim powers back on after a second)', async () => {
    await setChassisPower(sim, true);
    const r = await powerAction(s, 'cycle');
    expect(r).toMatchObject({ expected: 'on', state: 'on', verified: true });
  });

  it('reports unconfirmed, not success, when the chassis accepts but never changes', async () => {
    await setChassisPower(sim, false);
    await stickChassisPower(sim, true);
    try {
      const r = await powerAction(s, 'on', { delaysMs: [50, 100, 200] });
      expect(r).toMatchObject({ expected: 'on', state: 'off', verified: false, checks: 3 });
    } finally {
      await stickChassisPower(sim, false);
    }
  });

  it('diag is refused by ipmi_sim with a typed completion-code error', async () => {
    const err = await powerAction(s, 'diag').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CompletionCodeError);
    expect(err).toMatchObject({ command: 'Chassis Control', code: 0xcc });
  });
});

describe('boot device against ipmi_sim', () => {
  it.each([
    ['pxe', 'Force PXE'],
    ['cdrom', 'Force Boot from CD/DVD'],
    ['bios', 'Force Boot into BIOS Setup'],
    ['none', 'No override'],
  ] as const)('bootdev %s is what `ipmitool chassis bootparam get 5` reads back', async (device, ipmitoolText) => {
    await setBootDevice(s, device);
    const flags = await getBootDevice(s);
    expect(flags.device).toBe(device);
    const text = await ipmitool(sim, 'chassis', 'bootparam', 'get', '5');
    expect(text).toContain(`Boot Device Selector : ${ipmitoolText}`);
    // The data bytes ipmitool shows are the ones we decoded.
    const data = /Boot parameter data: ([0-9a-f]+)/.exec(text)![1]!;
    expect(Buffer.from(flags.raw).toString('hex')).toBe(data);
  });

  it('a boot device set by ipmitool is read back by the library', async () => {
    await ipmitool(sim, 'chassis', 'bootdev', 'cdrom');
    expect((await getBootDevice(s)).device).toBe('cdrom');
    expect((await sim.chassis()).boot).toBe('cdrom');
  });
});

describe('identify against ipmi_sim', () => {
  it('sends interval, force and off as ipmitool does (same chassis_control arguments)', async () => {
    await identify(s, { seconds: 9 });
    expect((await sim.chassis()).identify).toBe('9 0');
    await ipmitool(sim, 'chassis', 'identify', '9');
    expect((await sim.chassis()).identify).toBe('9 0');

    await identify(s, { force: true });
    expect((await sim.chassis()).identify).toBe('0 1');
    await ipmitool(sim, 'chassis', 'identify', 'force');
    expect((await sim.chassis()).identify).toBe('0 1');

    await identify(s, { off: true });
    expect((await sim.chassis()).identify).toBe('0 0');
    await identify(s);
    expect((await sim.chassis()).identify).toBe('15 0');
  });
});
