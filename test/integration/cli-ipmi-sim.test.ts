/**
 * The real `bmc` binary (bin/bmc.mjs, spawned as an operator would run it) against ipmi_sim,
 * compared with ipmitool on the same BMC. The password reaches both only through the
 * environment.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort } from '../support/ports.ts';
import type { IpmiSimHandle } from '../support/ipmi-sim.ts';
import { useIpmiSim } from '../support/use-ipmi-sim.ts';
import { ipmitool, parseIpmitoolFields, setChassisPower, stickChassisPower } from './chassis-sim-support.ts';

const execFileP = promisify(execFile);
const BIN = join(import.meta.dirname, '../../bin/bmc.mjs');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let sim: IpmiSimHandle;

async function bmc(args: string[], env: Record<string, string | undefined> = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await execFileP(process.execPath, [BIN, '--host', sim.host, '--port', String(sim.port), ...args], {
      env: { ...process.env, IPMI_PASSWORD: sim.password, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const ipmiSim = useIpmiSim();
beforeAll(() => {
  sim = ipmiSim();
});

describe('bmc CLI against ipmi_sim', { timeout: 120_000 }, () => {
  it('info matches `ipmitool mc info` and `mc guid`', async () => {
    const r = await bmc(['info']);
    expect(r.code).toBe(0);
    const ours = parseIpmitoolFields(r.stdout);
    const theirs = parseIpmitoolFields(await ipmitool(sim, 'mc', 'info'));
    for (const label of ['Device ID', 'Device Revision', 'Firmware Revision', 'IPMI Version', 'Manufacturer ID', 'Manufacturer Name', 'Product ID', 'Device Available', 'Provides Device SDRs']) {
      expect(ours.get(label), label).toBe(theirs.get(label));
    }
    const json = JSON.parse((await bmc(['--json', 'info'])).stdout) as { guid: string; firmwareRevision: string };
    expect(json.firmwareRevision).toBe('2.15');
    expect(json.guid).toBe(parseIpmitoolFields(await ipmitool(sim, 'mc', 'guid')).get('System GUID'));
  });

  it('power status/off/on/cycle, confirmed and matching ipmitool', async () => {
    await setChassisPower(sim, true);
    expect(JSON.parse((await bmc(['--json', 'power', 'status'])).stdout)).toEqual({ power: 'on' });

    const off = await bmc(['--json', 'power', 'off']);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout)).toMatchObject({ action: 'off', power: 'off', verified: true });
    expect(await ipmitool(sim, 'power', 'status')).toBe('Chassis Power is off\n');
    expect((await bmc(['power', 'status'])).stdout).toBe('Chassis Power is off\n');

    const on = await bmc(['power', 'on']);
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(/^Chassis Power Control: Up\/On\nChassis Power is on \(confirmed/);
    expect(await ipmitool(sim, 'power', 'status')).toBe('Chassis Power is on\n');

    const cycle = await bmc(['--json', 'power', 'cycle']);
    expect(JSON.parse(cycle.stdout)).toMatchObject({ action: 'cycle', power: 'on', verified: true });
  });

  it('an accepted but unconfirmed power action exits non-zero with one stderr line', async () => {
    await setChassisPower(sim, false);
    await stickChassisPower(sim, true);
    try {
      // --wait bounds the re-read schedule; --json output still carries the honest state.
      const r = await bmc(['--json', 'power', 'on', '--wait', '3']);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ action: 'on', power: 'off', verified: false });
      expect(r.stderr).toMatch(/^bmc: power on: command accepted but power is off after \d+ checks, expected on\n$/);
    } finally {
      await stickChassisPower(sim, false);
    }
  });

  it('bootdev sets what `ipmitool chassis bootparam get 5` shows, and reads back', async () => {
    const r = await bmc(['bootdev', 'pxe']);
    expect(r).toMatchObject({ code: 0, stdout: 'Set Boot Device to pxe\n' });
    expect(await ipmitool(sim, 'chassis', 'bootparam', 'get', '5')).toContain('Boot Device Selector : Force PXE');
    await ipmitool(sim, 'chassis', 'bootdev', 'bios');
    expect(JSON.parse((await bmc(['--json', 'bootdev'])).stdout)).toMatchObject({ bootdev: 'bios' });
  });

  it('identify --seconds/--force/--off reach the chassis', async () => {
    expect((await bmc(['identify', '--seconds', '12'])).stdout).toBe('Chassis identify interval: 12 seconds\n');
    expect((await sim.chassis()).identify).toBe('12 0');
    expect(JSON.parse((await bmc(['--json', 'identify', '--force'])).stdout)).toEqual({ identify: 'force', seconds: null });
    expect((await sim.chassis()).identify).toBe('0 1');
    expect((await bmc(['identify', '--off'])).code).toBe(0);
    expect((await sim.chassis()).identify).toBe('0 0');
  });

  it('a wrong password is one clear stderr line and exit 1; the password never appears', async () => {
    const r = await bmc(['--timeout', '300', '--retries', '1', 'power', 'status'], { IPMI_PASSWORD: 'definitely-wrong-pw' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^bmc: /);
    expect(r.stdout + r.stderr).not.toContain('definitely-wrong-pw');
    expect(r.stdout + r.stderr).not.toContain(sim.password);
  });

  it('an unreachable BMC times out with exit 1', async () => {
    const port = await freeUdpPort();
    const r = await bmc(['--port', String(port), '--timeout', '200', '--retries', '1', 'power', 'status']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^bmc: .*no response/);
  });

  it('sweep prints one JSON line per BMC; the unreachable one is data and makes the exit non-zero', async () => {
    const dead = await freeUdpPort();
    const hosts = join(sim.dir, 'hosts.txt');
    await writeFile(hosts, `# fleet\n127.0.0.1:${sim.port}\n127.0.0.1:${dead}\n`);
    const r = await bmc(['--json', '--timeout', '300', '--retries', '1', 'sweep', '--hosts', hosts]);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { host: string; ok: boolean; sensors?: unknown[]; error?: string });
    expect(lines).toHaveLength(2);
    const good = lines.find((l) => l.host === `127.0.0.1:${sim.port}`);
    const bad = lines.find((l) => l.host === `127.0.0.1:${dead}`);
    expect(good).toMatchObject({ ok: true });
    expect(Array.isArray(good?.sensors)).toBe(true);
    expect(bad).toMatchObject({ ok: false });
    expect(bad?.error).toMatch(/no response/);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('bmc: sweep: 1 of 2 BMCs failed\n');
  });

  it('sol capture activates SOL on the BMC, ends cleanly and frees the payload for the next one', async () => {
    // Exit 0 means Activate Payload succeeded (a refusal is a typed error and exit 1).
    const first = await bmc(['sol', 'capture', '--seconds', '1']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    // Only one SOL session at a time: a second capture works only if the first deactivated.
    const second = await bmc(['--json', 'sol', 'capture', '--seconds', '1']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ seconds: 1 });
  });

  it('sol capture validates --seconds before connecting', async () => {
    const r = await bmc(['sol', 'capture', '--seconds', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bmc: --seconds: expected 1-3600, got "0"\n');
  });
});
