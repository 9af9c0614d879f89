import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { chassisBmc, FakeBmc } from './cli-fake-bmc.ts';
import { harness } from './cli-harness.ts';

describe('bmc options as ipmitool users type them', () => {
  it('takes -H -p -U -C -L (ipmitool privilege names) like the long forms', async () => {
    const { bmc } = chassisBmc({ power: true });
    const r = await harness(bmc)('-H', '10.0.0.5', '-p', '6230', '-U', 'ops', '-C', '3', '-L', 'OPERATOR', '-E', 'power', 'status');
    expect(r.code).toBe(0);
    expect(r.connects).toEqual([{ host: '10.0.0.5', port: 6230, username: 'ops', password: 'pw-from-env', privilege: 'operator', lan: 'auto', cipherSuite: 3 }]);
    expect((await harness(bmc)('-H', 'h', '-L', 'ADMINISTRATOR', 'power', 'status')).connects[0]).toMatchObject({ privilege: 'admin' });
  });

  it('reads the password from the first line of the -f file, over the environment', async () => {
    const { bmc } = chassisBmc();
    const r = await harness(bmc, { IPMI_PASSWORD: 'from-env' }, { '/pw': 'from-file\nignored\n' })('-H', 'h', '-f', '/pw', 'power', 'status');
    expect(r.code).toBe(0);
    expect(r.connects[0]?.password).toBe('from-file');
    const missing = await harness(bmc)('-H', 'h', '-f', '/nope', 'power', 'status');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^bmc: --password-file: cannot read \/nope/);
    expect(missing.connects).toEqual([]);
  });

  it('requires --host: one line on stderr, exit 2, nothing sent (no silent localhost)', async () => {
    const { bmc } = chassisBmc();
    const r = await harness(bmc)('power', 'status');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bmc: --host is required: name the BMC with -H HOST (or a range, e.g. -H 10.0.0.[1-4])\n');
    expect(r.connects).toEqual([]);
  });

  it('prints the version with --version and -V', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await harness(new FakeBmc())(flag);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${packageJson.version}\n`);
    }
  });

  it('selects IPMI v1.5 with --lan 1.5 --auth md5, and with ipmitool -I lan', async () => {
    const { bmc } = chassisBmc();
    expect((await harness(bmc)('-H', 'h', '--lan', '1.5', '--auth', 'md5', 'power', 'status')).connects[0]).toMatchObject({ lan: '1.5', auth: 'md5' });
    expect((await harness(bmc)('-H', 'h', '-I', 'lan', 'power', 'status')).connects[0]).toMatchObject({ lan: '1.5' });
    expect((await harness(bmc)('-H', 'h', '-I', 'lanplus', 'power', 'status')).connects[0]).toMatchObject({ lan: '2.0' });
  });

  it.each([
    [['-H', 'h', '--lan', '3', 'power', 'status'], /Allowed choices are auto, 2.0, 1.5/],
    [['-H', 'h', '--auth', 'md2', 'power', 'status'], /Allowed choices are none, password, md5/],
    [['-H', 'h', '--lan', '2.0', '--auth', 'md5', 'power', 'status'], /--auth: applies to IPMI v1.5 sessions/],
    [['-H', 'h', '-I', 'serial', 'power', 'status'], /-I: expected lan or lanplus/],
    [['-H', 'h[1-', 'power', 'status'], /--host: unclosed/],
    [['-H', 'h[1-2]', 'info'], /--host names 2 hosts; this command takes one/],
    [['-H', 'h', 'raw', '0x06'], /missing required argument 'cmd'/],
    [['-H', 'h', 'raw', '0x06', '0x100'], /raw: CMD must be one hex byte/],
    [['-H', 'h', 'raw', '0x07', '0x01'], /raw: NetFn must be an even request NetFn/],
    [['-H', 'h', 'raw', '6', '1', ...Array<string>(249).fill('00')], /raw: at most 248 data bytes/],
  ])('%j is a usage error with one line and nothing sent', async (argv, message) => {
    const bmc = new FakeBmc();
    const r = await harness(bmc)(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(bmc.requests).toEqual([]);
  });
});

describe('bmc raw', () => {
  const deviceId = () => new FakeBmc().on(0x06, 0x01, () => [0x20, 0x81, 0x02, 0x10, 0x02, 0xbf]);

  it('sends the bytes as given and prints the data as ipmitool does, or {"completionCode","data"} in hex', async () => {
    const bmc = deviceId();
    const human = await harness(bmc)('-H', 'h', 'raw', '0x06', '01');
    expect(human.stdout).toBe(' 20 81 02 10 02 bf\n');
    const machine = await harness(bmc)('-H', 'h', '--json', 'raw', '6', '0x1', 'AB', '0x0c');
    expect(JSON.parse(machine.stdout)).toEqual({ completionCode: 0, data: '20810210' + '02bf' });
    expect(bmc.requests.at(-1)).toEqual({ netFn: 6, cmd: 1, data: [0xab, 0x0c] });
  });

  it('a non-zero completion code is printed with --json and exits 1 with one line naming it', async () => {
    const r = await harness(new FakeBmc())('-H', 'h', '--json', 'raw', '0x06', '0x99');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ completionCode: 0xc1, data: '' });
    expect(r.stderr).toMatch(/^bmc: raw: NetFn 0x06 command 0x99: .*completion code 0xc1/);
  });
});

describe('power status and sensors over a host range', () => {
  it('asks every BMC of the range and prints one JSON line each; an unreachable one is a line and exit 1', async () => {
    const on = chassisBmc({ power: true }).bmc;
    const off = chassisBmc({ power: false }).bmc;
    const r = await harness((o) => (o.port === 6231 ? off : on))('--json', '-H', '127.0.0.1:[6230-6232],unreachable', 'power', 'status');
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.sort((a, b) => String(a.host).localeCompare(String(b.host)))).toEqual([
      { host: '127.0.0.1:6230', ok: true, power: 'on' },
      { host: '127.0.0.1:6231', ok: true, power: 'off' },
      { host: '127.0.0.1:6232', ok: true, power: 'on' },
      { host: 'unreachable', ok: false, error: expect.stringMatching(/Get Channel Authentication Capabilities/) },
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('bmc: power status: 1 of 4 BMCs failed\n');
  });

  it('prefixes each human line with its host', async () => {
    const r = await harness(chassisBmc({ power: true }).bmc)('-H', '10.0.0.[1-2]', 'power', 'status');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['10.0.0.1: Chassis Power is on', '10.0.0.2: Chassis Power is on']);
  });

  it('refuses power actions over a range: one host at a time', async () => {
    const { bmc } = chassisBmc();
    const r = await harness(bmc)('-H', '10.0.0.[1-2]', 'power', 'off');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--host names 2 hosts; this command takes one/);
    expect(bmc.requests).toEqual([]);
  });
});
