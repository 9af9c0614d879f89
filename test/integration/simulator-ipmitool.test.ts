/**
 * ipmitool (lanplus, cipher suites 3 and 17) against the simulator, as against a real BMC.
 * The password travels in IPMI_PASSWORD with -E, never in argv.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type BmcHandle, type Fleet } from '../../lambdas/simulator/index.ts';
import { ipmitoolRun } from '../support/ipmitool.ts';

const PASSWORD = 'ipmitool-sim-pw';
let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({ count: 2, password: PASSWORD, timing: { powerOnMs: 100, powerOffMs: 50, cycleOffMs: 50, selEraseMs: 20, bootLogLineMs: 2 }, seed: 21 });
});

afterAll(async () => {
  await fleet?.stop();
});

function ipmitool(b: BmcHandle, suite: number, args: string[], password = PASSWORD) {
  return ipmitoolRun({ host: b.host, port: b.port, username: 'admin', password }, args, { cipherSuite: suite, requestTimeoutS: 1, requestRetries: 3 });
}

async function ok(b: BmcHandle, suite: number, args: string[]): Promise<string> {
  const r = await ipmitool(b, suite, args);
  expect(r.code, `ipmitool ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

describe.each([3, 17])('ipmitool -I lanplus -C %i', (suite) => {
  const bmc = () => fleet.bmc(suite === 3 ? 0 : 1);

  it('reads and controls chassis power', async () => {
    expect(await ok(bmc(), suite, ['chassis', 'power', 'status'])).toContain('Chassis Power is on');
    expect(await ok(bmc(), suite, ['chassis', 'power', 'off'])).toContain('Down/Off');
    await until(() => bmc().power === 'off');
    expect(await ok(bmc(), suite, ['chassis', 'power', 'status'])).toContain('Chassis Power is off');
    await ok(bmc(), suite, ['chassis', 'power', 'on']);
    await until(() => bmc().power === 'on');
    expect(await ok(bmc(), suite, ['chassis', 'status'])).toMatch(/System Power\s+: on/);
  });

  it('sets the boot device', async () => {
    expect(await ok(bmc(), suite, ['chassis', 'bootdev', 'pxe'])).toContain('Set Boot Device to pxe');
    expect(bmc().bootDevice).toMatchObject({ valid: true, device: 'pxe' });
    expect(await ok(bmc(), suite, ['chassis', 'bootparam', 'get', '5'])).toContain('Force PXE');
  });

  it('lists SDRs and sensors with converted values and thresholds', async () => {
    bmc().setSensor('DIMM Temp', 44.5);
    const elist = await ok(bmc(), suite, ['sdr', 'elist']);
    expect(elist).toMatch(/DIMM Temp\s+\| 05h \| ok\s+\| 32\.1 \| 44\.50 degrees C/);
    expect(elist).toMatch(/PSU1 Status\s+\| 40h \| ok .*Presence detected/);
    expect(elist.trim().split('\n').length).toBeGreaterThanOrEqual(20);
    const list = await ok(bmc(), suite, ['sensor', 'list']);
    expect(list).toMatch(/CPU1 Temp\s+\|[^|]+\| degrees C\s+\| ok\s+\| na\s+\| na\s+\| na\s+\| 85\.000\s+\| 95\.000\s+\| 100\.000/);
    expect(list).toMatch(/P12V\s+\| 12\.\d+\s+\| Volts/);
    bmc().setSensor('DIMM Temp', null);
  });

  it('lists SEL entries from a threshold crossing', async () => {
    bmc().pushOverThreshold('Exhaust Temp', 'ucr');
    const sel = await ok(bmc(), suite, ['sel', 'elist']);
    expect(sel).toMatch(/Temperature Exhaust Temp \| Upper Critical going high \| Asserted/);
    bmc().setSensor('Exhaust Temp', null);
  });

  it('prints the FRU with this BMC serials', async () => {
    const fru = await ok(bmc(), suite, ['fru', 'print', '0']);
    expect(fru).toMatch(new RegExp(`Product Serial\\s+: ${bmc().identity.serial}`));
    expect(fru).toMatch(/Board Mfg\s+: Simulated Systems/);
    expect(fru).toMatch(/Chassis Type\s+: Rack Mount Chassis/);
  });

  it('lists the cipher suites of the channel', async () => {
    const out = await ok(bmc(), suite, ['channel', 'getciphers', 'ipmi']);
    const ids = out.trim().split('\n').slice(1).map((l) => Number(l.trim().split(/\s+/)[0]));
    expect(ids).toEqual([0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17]);
  });

  it('is refused with a wrong password', async () => {
    const r = await ipmitool(bmc(), suite, ['chassis', 'power', 'status'], 'wrong-password');
    expect(r.code).not.toBe(0);
    expect(r.stdout).not.toContain('Chassis Power');
  });
});

describe('ipmitool against a suite17Only BMC', () => {
  it('works with -C 17 and fails with -C 3', async () => {
    const b = fleet.bmc(0);
    fleet.inject(0, { quirks: { suite17Only: true } });
    try {
      expect(await ok(b, 17, ['mc', 'info'])).toContain('Manufacturer ID           : 32473');
      expect((await ipmitool(b, 3, ['mc', 'info'])).code).not.toBe(0);
    } finally {
      fleet.heal(0);
    }
  });
});

describe('ipmitool sol activate', () => {
  it('shows the console boot log, echoes typed input and exits on ~.', async () => {
    const b = fleet.bmc(1);
    const cmd = `ipmitool -I lanplus -H ${b.host} -p ${b.port} -U admin -E -C 17 sol activate`;
    // ipmitool wants a terminal for SOL; script(1) gives it one.
    const child = spawn('script', ['-qfc', cmd, '/dev/null'], { env: { ...process.env, IPMI_PASSWORD: PASSWORD } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(() => out.includes('login: '));
      expect(b.solActive).toBe(true);
      child.stdin.write('hello\r');
      await until(() => out.includes('hello\r\n'));
      child.stdin.write('~.');
      await exited;
      expect(out).toContain('Linux version 6.1.0-sim-amd64');
      await until(() => !b.solActive);
    } finally {
      child.kill();
    }
  });
});
