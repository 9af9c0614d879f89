/**
 * `bmc power status` and `bmc sensors` over a FreeIPMI-style host range (-H '127.0.3.[1-4]')
 * of simulated BMCs on loopback addresses, through the real binary.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { freeUdpPort } from '../support/ports.ts';

const execFileP = promisify(execFile);
const BIN = join(import.meta.dirname, '../../bin/bmc.mjs');
const PASSWORD = 'range-secret';
const HOSTS = ['127.0.3.1', '127.0.3.2', '127.0.3.3', '127.0.3.4'];

let fleet: Fleet;
let port: number;
beforeAll(async () => {
  port = await freeUdpPort('127.0.3.1');
  fleet = await startFleet({ hosts: HOSTS, basePort: port, password: PASSWORD, seed: 11 });
});
afterAll(async () => {
  await fleet?.stop();
});

async function bmc(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileP(process.execPath, [BIN, '-p', String(port), '-U', 'admin', '-E', '--timeout', '300', '--retries', '1', ...args], {
      env: { ...process.env, IPMI_PASSWORD: PASSWORD },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const jsonLines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as { host: string; ok: boolean; power?: string; sensors?: { name: string }[]; error?: string });

describe('bmc over a host range of simulated BMCs', { timeout: 90_000 }, () => {
  it('power status: one JSON line per BMC, each with its own power state', async () => {
    fleet.bmcs[1]!.setPower('off');
    const r = await bmc(['-H', '127.0.3.[1-4]', '--json', 'power', 'status']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const lines = jsonLines(r.stdout).sort((a, b) => a.host.localeCompare(b.host));
    expect(lines).toEqual(HOSTS.map((host, i) => ({ host, ok: true, power: fleet.bmcs[i]!.power })));
    expect(lines.map((l) => l.power)).toEqual(['on', 'off', 'on', 'on']);
  });

  it('sensors: every BMC of the range, and an address with no BMC is a result line and exit 1', async () => {
    const r = await bmc(['-H', '127.0.3.[1-2,9]', '--json', 'sensors', '--no-sdr-cache']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('bmc: sensors: 1 of 3 BMCs failed\n');
    const lines = jsonLines(r.stdout).sort((a, b) => a.host.localeCompare(b.host));
    expect(lines.map((l) => [l.host, l.ok])).toEqual([['127.0.3.1', true], ['127.0.3.2', true], ['127.0.3.9', false]]);
    const single = await bmc(['-H', '127.0.3.1', '--json', 'sensors', '--no-sdr-cache']);
    const names = (JSON.parse(single.stdout) as { name: string }[]).map((s) => s.name);
    expect(names.length).toBeGreaterThan(0);
    expect(lines[0]!.sensors!.map((s) => s.name)).toEqual(names);
  });
});
