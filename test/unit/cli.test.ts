import { describe, expect, it } from 'vitest';
import { parseHostsFile } from '../../lambdas/cli/commands/sweep.ts';
import { cc, chassisBmc } from './cli-fake-bmc.ts';
import { harness } from './cli-harness.ts';
import { fullRecord, repositoryBmc } from './sdr-fixtures.ts';

describe('bmc global options', () => {
  it('reads the password from IPMI_PASSWORD and passes host, port, user, privilege, suite, timeout, retries', async () => {
    const { bmc } = chassisBmc({ power: true });
    const r = await harness(bmc)('--host', '10.0.0.5', '--port', '6230', '--user', 'ops', '--privilege', 'operator', '--cipher-suite', '3', '--timeout', '1500', '--retries', '2', 'power', 'status');
    expect(r.code).toBe(0);
    expect(r.connects).toEqual([
      { host: '10.0.0.5', port: 6230, username: 'ops', password: 'pw-from-env', privilege: 'operator', lan: 'auto', cipherSuite: 3, timeoutMs: 1500, retries: 2 },
    ]);
    expect(bmc.closed).toBe(true);
  });

  it('takes the password from the variable named by --password-env', async () => {
    const { bmc } = chassisBmc();
    const r = await harness(bmc, { OTHER: 's3cret' })('-H', '127.0.0.9', '--password-env', 'OTHER', 'power', 'status');
    expect(r.code).toBe(0);
    expect(r.connects[0]?.password).toBe('s3cret');
  });

  it('fails with one stderr line and exit 2 when the password variable is missing, without connecting', async () => {
    const { bmc } = chassisBmc();
    const r = await harness(bmc, {})('-H', '127.0.0.9', 'power', 'status');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bmc: password: environment variable IPMI_PASSWORD is not set (set it, or name another with --password-env, or give a file with -f)\n');
    expect(r.connects).toEqual([]);
  });

  it('has no --password option: a password on argv is refused', async () => {
    const { bmc } = chassisBmc();
    const r = await harness(bmc)('-H', '127.0.0.9', '--password', 'oops', 'power', 'status');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--password'/);
    expect(r.connects).toEqual([]);
  });

  it.each([
    [['--port', '70000', 'info'], /--port: must be 1-65535/],
    [['--port', 'abc', 'info'], /--port: expected an integer/],
    [['--privilege', 'root', 'info'], /must be one of user, operator, admin/],
    [['--timeout', '-5', 'info'], /--timeout/],
    [['power', 'explode'], /power: unknown action "explode"/],
    [['power', 'on', '--wait', '0'], /--wait: expected 1-600 seconds/],
    [['bootdev', 'usb'], /bootdev: unknown device "usb"/],
    [['identify', '--seconds', '300'], /--seconds: expected 0-255/],
    [['identify', '--force', '--off'], /cannot be used with/],
    [['sel', 'wipe'], /sel: unknown action "wipe"/],
    [['fru', '--id', 'x'], /--id: expected 0-254/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('%j is a usage error (exit 2, one line on stderr)', async (argv, message) => {
    const { bmc } = chassisBmc();
    const r = await harness(bmc)(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(bmc.requests).toEqual([]);
  });

  it('prints help on --help with exit 0', async () => {
    const { bmc } = chassisBmc();
    const r = await harness(bmc)('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--password-env <var>/);
    expect(r.stdout).toMatch(/never from the command line/);
  });
});

describe('bmc power', () => {
  it('power status --json is {"power":"on"|"off"}', async () => {
    const { bmc } = chassisBmc({ power: true });
    const r = await harness(bmc)('-H', '127.0.0.9', '--json', 'power', 'status');
    expect(JSON.parse(r.stdout)).toEqual({ power: 'on' });
    const off = await harness(chassisBmc({ power: false }).bmc)('-H', '127.0.0.9', 'power', 'status');
    expect(off.stdout).toBe('Chassis Power is off\n');
  });

  it('power on reports the confirmed state', async () => {
    const { bmc } = chassisBmc({ power: false });
    const r = await harness(bmc)('-H', '127.0.0.9', '--json', 'power', 'on');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ action: 'on', power: 'on', verified: true, checks: 1 });
    expect(bmc.sent(0x00, 0x02)).toEqual([[0x01]]);
  });

  it('power --no-verify does not re-read', async () => {
    const { bmc } = chassisBmc({ power: false });
    const r = await harness(bmc)('-H', '127.0.0.9', 'power', 'off', '--no-verify');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Chassis Power Control: Down/Off\n');
    expect(bmc.sent(0x00, 0x01)).toEqual([]);
  });

  it('a refused Chassis Control is exit 1 with the completion code on stderr', async () => {
    const { bmc } = chassisBmc();
    bmc.on(0x00, 0x02, () => cc(0xd5));
    const r = await harness(bmc)('-H', '127.0.0.9', 'power', 'cycle');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('bmc: Chassis Control: Command not supported in present state (completion code 0xd5)\n');
    expect(bmc.closed).toBe(true);
  });
});

describe('bmc bootdev, identify, info', () => {
  it('bootdev pxe --persistent --efi sets the flags and prints ipmitool text', async () => {
    const { bmc, state } = chassisBmc();
    const r = await harness(bmc)('-H', '127.0.0.9', 'bootdev', 'pxe', '--persistent', '--efi');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Set Boot Device to pxe\n');
    expect(state.bootFlags).toEqual([0xe0, 0x04, 0, 0, 0]);
    const shown = await harness(bmc)('-H', '127.0.0.9', '--json', 'bootdev');
    expect(JSON.parse(shown.stdout)).toEqual({ bootdev: 'pxe', valid: true, persistent: true, efi: true });
  });

  it('identify variants', async () => {
    const { bmc, state } = chassisBmc();
    const bound = harness(bmc);
    const run = (...argv: string[]) => bound('-H', '127.0.0.9', ...argv);
    expect((await run('identify')).stdout).toBe('Chassis identify interval: default (15 seconds)\n');
    expect((await run('identify', '--seconds', '30')).stdout).toBe('Chassis identify interval: 30 seconds\n');
    expect(JSON.parse((await run('--json', 'identify', '--force')).stdout)).toEqual({ identify: 'force', seconds: null });
    expect((await run('identify', '--off')).stdout).toBe('Chassis identify interval: off\n');
    expect(state.identify).toEqual([[], [30], [0, 1], [0]]);
  });

  it('info prints an ipmitool-style block and JSON with the GUID', async () => {
    const { bmc } = chassisBmc();
    const human = await harness(bmc)('-H', '127.0.0.9', 'info');
    expect(human.stdout).toContain('Firmware Revision         : 2.16\n');
    expect(human.stdout).toContain('Manufacturer Name         : MontaVista Software, Inc.\n');
    expect(human.stdout).toContain('System GUID               : 00112233-4455-4677-8899-aabbccddeeff\n');
    const machine = JSON.parse((await harness(bmc)('-H', '127.0.0.9', '--json', 'info')).stdout) as Record<string, unknown>;
    expect(machine).toMatchObject({ firmwareRevision: '2.16', manufacturerId: 4753, guid: '00112233-4455-4677-8899-aabbccddeeff' });
  });

  it('never prints the password, even on failure', async () => {
    const { bmc } = chassisBmc();
    bmc.on(0x06, 0x01, () => cc(0xd4));
    const r = await harness(bmc, { IPMI_PASSWORD: 'hunter2-very-secret' })('-H', '127.0.0.9', '--json', 'info');
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toContain('hunter2');
  });
});

describe('bmc sweep', () => {
  it('parses host[:port] lines, comments and IPv6', () => {
    expect(parseHostsFile('10.0.0.1\n# c\n\n10.0.0.2:6231  # rack 2\n[::1]:7000\n', 623)).toEqual([
      { host: '10.0.0.1', port: 623, label: '10.0.0.1' },
      { host: '10.0.0.2', port: 6231, label: '10.0.0.2:6231' },
      { host: '::1', port: 7000, label: '[::1]:7000' },
    ]);
    expect(() => parseHostsFile('a b c', 623)).toThrow(/line 1/);
    expect(() => parseHostsFile('h:99999', 623)).toThrow(/port: must be 1-65535/);
  });

  it('sweeps every host through the connect seam: one JSON line each, an unreachable BMC is a line, exit 1', async () => {
    // One temperature sensor (Table 43-1) reading 42 with all six thresholds (35.9).
    const bmc = repositoryBmc({ records: [fullRecord()] })
      .on(0x04, 0x2d, () => [0x2a, 0xc0, 0x00])
      .on(0x04, 0x27, () => [0x3f, 10, 5, 0, 85, 95, 105]);
    // Loopback only: a broken seam would send real packets to these.
    const hosts = '127.0.9.1\n127.0.9.2:6231  # rack 2\nunreachable\n';
    const r = await harness(bmc, { IPMI_PASSWORD: 'pw-from-env' }, { '/hosts': hosts })('--json', '--user', 'ops', '--cipher-suite', '3', 'sweep', '--hosts', '/hosts', '--no-sdr-cache');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('bmc: sweep: 1 of 3 BMCs failed\n');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { host: string; ok: boolean; sensors?: unknown[]; error?: string });
    expect(lines.map((l) => l.host).sort()).toEqual(['127.0.9.1', '127.0.9.2:6231', 'unreachable']);
    for (const line of lines.filter((l) => l.host !== 'unreachable')) {
      expect(line).toMatchObject({ ok: true, sensors: [{ name: 'CPU Temp', number: 0x30, reading: 42, unit: 'degrees C', status: 'ok', thresholds: { lnr: 0, lcr: 5, lnc: 10, unc: 85, ucr: 95, unr: 105 } }] });
    }
    expect(lines.find((l) => l.host === 'unreachable')).toMatchObject({ ok: false, error: expect.stringMatching(/Get Channel Authentication Capabilities/) });
    // The global options reach each session as they are: the password as the environment gave it.
    expect(r.connects.map((o) => [o.host, o.port]).sort()).toEqual([['127.0.9.1', 623], ['127.0.9.2', 6231], ['unreachable', 623]]);
    for (const o of r.connects) expect(o).toMatchObject({ username: 'ops', password: 'pw-from-env', cipherSuite: 3, privilege: 'admin' });
    expect(bmc.closed).toBe(true);
  });

  it('an unreadable hosts file is a usage error', async () => {
    const { bmc } = chassisBmc();
    const r = await harness(bmc)('sweep', '--hosts', '/nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--hosts: cannot read \/nope/);
  });
});
