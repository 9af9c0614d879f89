/**
 * FreeIPMI (ipmi-sensors, ipmi-sel, ipmi-fru, ipmipower, bmc-info) against the simulator,
 * over IPMI 2.0 (driver LAN_2_0), cipher suites 3 and 17. Credentials go in a temporary
 * config file readable only by us, never in argv.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type BmcHandle, type Fleet } from '../../lambdas/simulator/index.ts';

const PASSWORD = 'freeipmi-sim-pw';
let fleet: Fleet;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sim-freeipmi-'));
  fleet = await startFleet({ count: 2, password: PASSWORD, timing: { powerOnMs: 100, powerOffMs: 50 }, seed: 31 });
});

afterAll(async () => {
  await fleet?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function configFile(password: string): string {
  const path = join(dir, `freeipmi-${Math.random().toString(36).slice(2)}.conf`);
  writeFileSync(path, `driver-type LAN_2_0\nusername admin\npassword ${password}\n`, { mode: 0o600 });
  return path;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function freeipmi(tool: string, b: BmcHandle, suite: number, args: string[], password = PASSWORD): Promise<Run> {
  const argv = [`--config-file=${configFile(password)}`, '-h', b.address, '-I', String(suite), '--session-timeout=2000', '--retransmission-timeout=250', ...args];
  return new Promise((resolve) => {
    execFile(tool, argv, { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

async function ok(tool: string, b: BmcHandle, suite: number, args: string[] = []): Promise<string> {
  const r = await freeipmi(tool, b, suite, args);
  expect(r.code, `${tool} ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

describe.each([3, 17])('FreeIPMI, cipher suite %i', (suite) => {
  const bmc = () => fleet.bmc(suite === 3 ? 0 : 1);
  const cache = () => [`--sdr-cache-directory=${dir}`];

  it('ipmi-sensors reads every sensor', async () => {
    bmc().setSensor('P5V', 5.12);
    const out = await ok('ipmi-sensors', bmc(), suite, cache());
    expect(out).toMatch(/P5V\s+\| Voltage\s+\| 5\.1\d\s+\| V\s+\| 'OK'/);
    expect(out).toMatch(/PSU2 Status\s+\| Power Supply\s+\| N\/A\s+\| N\/A\s+\| 'Presence detected'/);
    expect(out.trim().split('\n').length).toBeGreaterThanOrEqual(21);
    bmc().setSensor('P5V', null);
  });

  it('ipmi-sel lists events', async () => {
    bmc().setDiscrete('PSU1 Status', 0x02, true);
    const out = await ok('ipmi-sel', bmc(), suite, cache());
    expect(out).toMatch(/PSU1 Status\s+\| Power Supply\s+\| Power Supply Failure detected/);
    bmc().setDiscrete('PSU1 Status', 0x02, false);
  });

  it('ipmi-fru prints chassis, board and product areas', async () => {
    const out = await ok('ipmi-fru', bmc(), suite, cache());
    expect(out).toContain(`FRU Chassis Serial Number: ${bmc().identity.chassisSerial}`);
    expect(out).toContain(`FRU Board Serial Number: ${bmc().identity.boardSerial}`);
    expect(out).toContain(`FRU Product Serial Number: ${bmc().identity.serial}`);
  });

  it('ipmipower reads and changes power', async () => {
    expect(await ok('ipmipower', bmc(), suite, ['--stat'])).toContain(': on');
    expect(await ok('ipmipower', bmc(), suite, ['--off'])).toContain(': ok');
    for (let i = 0; i < 200 && bmc().power !== 'off'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await ok('ipmipower', bmc(), suite, ['--stat'])).toContain(': off');
    expect(await ok('ipmipower', bmc(), suite, ['--on'])).toContain(': ok');
    for (let i = 0; i < 200 && bmc().power !== 'on'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(bmc().power).toBe('on');
  });

  it('bmc-info shows the device identity and GUIDs', async () => {
    const out = await ok('bmc-info', bmc(), suite, ['--get-device-id']);
    expect(out).toMatch(/Manufacturer ID\s+: .*\(32473\)/);
    expect(out).toMatch(/Firmware Revision\s+: 2\.41/);
  });

  it('rejects a wrong password', async () => {
    const r = await freeipmi('ipmi-sensors', bmc(), suite, cache(), 'bad-password');
    expect(r.code).not.toBe(0);
    expect(r.stderr + r.stdout).toMatch(/password/i);
  });
});
