import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, getDeviceInfo, powerStatus, readSensors } from '../../lambdas/ipmi/index.ts';
import { openSession15 } from '../../lambdas/ipmi/session/open-session15.ts';
import type { Session15 } from '../../lambdas/ipmi/session/session15.ts';
import { sessionsHeldBesidesIpmitool } from '../support/ipmi-sim-sessions.ts';
import { ipmitool, parseIpmitoolFields } from '../support/ipmitool.ts';
import { useIpmiSim } from '../support/use-ipmi-sim.ts';

const sim = useIpmiSim({ solConsole: false, v15AuthNone: true });

const AUTHS = [
  { ours: 'none', theirs: 'NONE' },
  { ours: 'password', theirs: 'PASSWORD' },
  { ours: 'md5', theirs: 'MD5' },
] as const;

let open: Session15 | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

describe('IPMI v1.5 sessions against ipmi_sim, with ipmitool -I lan as the reference', () => {
  for (const { ours, theirs } of AUTHS) {
    it(`auth ${ours}: reads the device id, power and sensors ipmitool reads`, async () => {
      const bmc = sim();
      const s = (open = await openSession15({ host: bmc.host, port: bmc.port, username: bmc.username, password: bmc.password, auth: ours }));
      expect(s.authType).toBe({ none: 0, password: 4, md5: 2 }[ours]);
      const info = await getDeviceInfo(s);
      const mc = parseIpmitoolFields(await ipmitool(bmc, ['mc', 'info'], { lan15: theirs }));
      expect(String(info.deviceId)).toBe(mc.get('Device ID'));
      expect(info.firmwareRevision).toBe(mc.get('Firmware Revision'));
      expect(info.manufacturerName).toBe(mc.get('Manufacturer Name'));
      const power = parseIpmitoolFields(await ipmitool(bmc, ['chassis', 'status'], { lan15: theirs }));
      expect(await powerStatus(s)).toBe(power.get('System Power'));
      const sensors = await readSensors(s);
      const listed = (await ipmitool(bmc, ['sensor'], { lan15: theirs })).split('\n').filter(Boolean).map((l) => l.split('|')[0]!.trim());
      expect(sensors.map((x) => x.name).sort()).toEqual([...listed].sort());
      await s.close();
      expect(s.closeConfirmed).toBe(true);
      expect(s.drops).toMatchObject({ integrity: 0, replay: 0 });
    });
  }

  it('chooses MD5 when not told, the strongest type the channel offers', async () => {
    const bmc = sim();
    const s = (open = await openSession15({ host: bmc.host, port: bmc.port, username: bmc.username, password: bmc.password }));
    expect(s.authType).toBe(2);
  });

  it('refuses a wrong password with a typed error and leaves no session behind', async () => {
    const bmc = sim();
    for (const auth of ['md5', 'password'] as const) {
      const err = await openSession15({ host: bmc.host, port: bmc.port, username: bmc.username, password: 'not-the-password', auth, timeoutMs: 200, retries: 1, deadlineMs: 3000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthenticationError);
    }
    expect(await sessionsHeldBesidesIpmitool(bmc)).toBe(0);
  });
});
