/**
 * Configuring a BMC against the simulator, with ipmitool and FreeIPMI as the clients whose
 * acceptance proves the answers are ones real tools read, and the `bmc` CLI's --json shapes
 * carrying the same values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lambdas/cli/main.ts';
import { defaultConnect, type CliIo } from '../../lambdas/cli/context.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { openSession, listUsers, setUser, lanSummary, type Session } from '../../lambdas/ipmi/index.ts';
import { ipmitoolRun } from '../support/ipmitool.ts';
import { freeipmi, FreeIpmiError, type FreeIpmiTool } from '../support/freeipmi.ts';

/**
 * A FreeIPMI --checkout prints every section it could read and exits 1 when some field was
 * not (the simulator leaves optional fields unsupported): its output is what is compared.
 */
async function checkout(tool: FreeIpmiTool, args: string[]): Promise<string> {
  try {
    return await freeipmi(tool, target(), args);
  } catch (e) {
    if (e instanceof FreeIpmiError && e.exitCode === 1 && e.stdout.length > 0) return e.stdout;
    throw e;
  }
}

const PASSWORD = 'cfg-sim-pw-15';
let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({ count: 1, password: PASSWORD, seed: 15 });
});

afterAll(async () => {
  await fleet?.stop();
});

const target = () => ({ host: fleet.bmc(0).host, port: fleet.bmc(0).port, username: 'admin', password: PASSWORD });

async function ipmitool(args: string[], who = target()): Promise<string> {
  const r = await ipmitoolRun(who, args, { cipherSuite: 3, requestTimeoutS: 1, requestRetries: 3 });
  expect(r.code, `ipmitool ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

async function bmc(args: string[], env: Record<string, string> = {}, files: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    env: { IPMI_PASSWORD: PASSWORD, ...env },
    connect: defaultConnect,
    readFile: async (p) => {
      const f = files[p];
      if (f === undefined) throw new Error(`ENOENT: ${p}`);
      return f;
    },
  };
  const t = target();
  const code = await main(['--host', t.host, '--port', String(t.port), '--user', 'admin', ...args], io);
  return { code, out, err };
}

async function withSession<T>(fn: (s: Session) => Promise<T>): Promise<T> {
  const t = target();
  const s = await openSession({ host: t.host, port: t.port, username: t.username, password: t.password });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

describe('users', () => {
  it('creates a user with a 20-byte password that ipmitool then logs in as, and lists it as ipmitool does', async () => {
    const password = 'twenty-byte-password'; // 20 bytes: the 20-byte form of Set User Password
    const r = await bmc(['--json', 'user', 'set', '5', '--name', 'ops', '--new-password-file', '/pw', '--privilege-limit', 'operator', '--enable'], {}, { '/pw': `${password}\n` });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ id: 5, name: 'ops', enabled: true, privilege: 'operator' });

    const power = await ipmitoolRun({ ...target(), username: 'ops', password }, ['-L', 'OPERATOR', 'chassis', 'power', 'status'], { cipherSuite: 3, requestTimeoutS: 1 });
    expect(power.code, power.stderr).toBe(0);
    expect(power.stdout).toContain('Chassis Power is');

    const list = JSON.parse((await bmc(['--json', 'user', 'list'])).out) as { id: number; name: string; enabled: boolean; privilege: string }[];
    const reference = await ipmitool(['user', 'list', '1']);
    for (const u of list) {
      const line = reference.split('\n').find((l) => l.startsWith(`${u.id} `));
      expect(line, `ipmitool has user ${u.id}`).toBeDefined();
      expect(line).toContain(u.name);
      const privilege = { admin: 'ADMINISTRATOR', operator: 'OPERATOR', user: 'USER', callback: 'CALLBACK', oem: 'OEM', 'no-access': 'NO ACCESS' }[u.privilege];
      expect(line).toContain(privilege);
    }
    expect(list.find((u) => u.id === 2)).toEqual({ id: 2, name: 'admin', enabled: true, privilege: 'admin' });
  });

  it('a disabled user can no longer log in; a 21-byte password is refused before anything is sent', async () => {
    await withSession((s) => setUser(s, 6, { name: 'temp', password: 'temp-password', privilege: 'user', enabled: true }));
    const who = { ...target(), username: 'temp', password: 'temp-password' };
    expect((await ipmitoolRun(who, ['-L', 'USER', 'chassis', 'power', 'status'], { cipherSuite: 3, requestTimeoutS: 1, requestRetries: 1 })).code).toBe(0);
    await withSession((s) => setUser(s, 6, { enabled: false }));
    expect((await ipmitoolRun(who, ['-L', 'USER', 'chassis', 'power', 'status'], { cipherSuite: 3, requestTimeoutS: 1, requestRetries: 1 })).code).not.toBe(0);

    const before = await withSession((s) => listUsers(s));
    const r = await bmc(['user', 'set', '6', '--new-password-from-env', 'NEWPW'], { NEWPW: 'x'.repeat(21) });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^bmc: password: 1 to 20 bytes, got 21\n$/);
    expect(await withSession((s) => listUsers(s))).toEqual(before);
  });

  it('FreeIPMI bmc-config reads the user and LAN sections', async () => {
    const out = await checkout('bmc-config', ['-D', 'LAN_2_0', '--checkout', '--section=User2', '--section=Lan_Conf']);
    expect(out).toMatch(/Username\s+admin/);
    expect(out).toMatch(/IP_Address_Source\s+Static/);
    expect(out).toMatch(/IP_Address\s+127\.0\.0\.1/);
  });
});

describe('LAN', () => {
  it('lan print --json carries what ipmitool lan print shows', async () => {
    const r = await bmc(['--json', 'lan', 'print']);
    expect(r.code).toBe(0);
    const lan = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(lan)).toEqual(['ipSource', 'ipAddress', 'netmask', 'gateway', 'macAddress', 'vlanId']);
    const ref = await ipmitool(['lan', 'print', '1']);
    expect(ref).toMatch(new RegExp(`IP Address\\s+: ${String(lan.ipAddress).replace(/\./g, '\\.')}`));
    expect(ref).toMatch(new RegExp(`Subnet Mask\\s+: ${String(lan.netmask).replace(/\./g, '\\.')}`));
    expect(ref).toMatch(new RegExp(`MAC Address\\s+: ${String(lan.macAddress)}`));
    expect(ref).toMatch(/802\.1q VLAN ID\s+: Disabled/);
    expect(lan.vlanId).toBeNull();
    expect(lan.ipSource).toBe('static');
  });

  it('a VLAN change on the channel in use needs --confirm; VLAN 5000 and a gateway off the subnet change nothing', async () => {
    const before = await withSession((s) => lanSummary(s));
    const unconfirmed = await bmc(['lan', 'set', '--vlan', '100']);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.err).toMatch(/^bmc: changing vlanId of the channel in use can cut the BMC off .*confirm/);
    expect((await bmc(['lan', 'set', '--vlan', '5000', '--confirm'])).code).toBe(2);
    const offSubnet = await bmc(['lan', 'set', '--gateway', '10.0.0.1', '--confirm']);
    expect(offSubnet.code).toBe(2);
    expect(offSubnet.err).toMatch(/gateway 10\.0\.0\.1 is outside the subnet/);
    expect(await withSession((s) => lanSummary(s))).toEqual(before);

    const done = await bmc(['--json', 'lan', 'set', '--vlan', '100', '--confirm']);
    expect(done.code, done.err).toBe(0);
    expect(await ipmitool(['lan', 'print', '1'])).toMatch(/802\.1q VLAN ID\s+: 100/);
    expect(JSON.parse((await bmc(['--json', 'lan', 'print'])).out).vlanId).toBe(100);
    expect((await bmc(['lan', 'set', '--vlan', 'off', '--confirm'])).code).toBe(0);
  });

  it('alert destinations set by us are what ipmitool lan alert print and ipmi-pef-config read', async () => {
    const r = await bmc(['lan', 'alert', 'set', '1', '--ipaddr', '127.0.0.9', '--community-from-env', 'SITE_COMMUNITY'], { SITE_COMMUNITY: 'site-mon' });
    expect(r.code, r.err).toBe(0);
    const ref = await ipmitool(['lan', 'alert', 'print', '1', '1']);
    expect(ref).toMatch(/Alert IP Address\s+: 127\.0\.0\.9/);
    expect(ref).toMatch(/Destination Type\s+: PET Trap/);
    const ours = JSON.parse((await bmc(['--json', 'lan', 'alert', 'print'])).out) as { community: string; destinations: { destination: number; ipAddress: string }[] };
    expect(ours.community).toBe('site-mon');
    expect(ours.destinations.find((d) => d.destination === 1)?.ipAddress).toBe('127.0.0.9');
    const pef = await checkout('ipmi-pef-config', ['-D', 'LAN_2_0', '--checkout']);
    expect(pef).toMatch(/Community_String\s+site-mon/);
    expect(pef).toMatch(/Alert_IP_Address\s+127\.0\.0\.9/);
    expect(pef).toMatch(/Enable_PEF\s+Yes/);
    // A community string in argv is refused before anything reaches the BMC.
    const inArgv = await bmc(['lan', 'alert', 'set', '1', '--ipaddr', '127.0.0.9', '--community', 'leaked']);
    expect(inArgv.code).not.toBe(0);
    expect(JSON.parse((await bmc(['--json', 'lan', 'alert', 'print'])).out).community).toBe('site-mon');

    expect((await bmc(['lan', 'alert', 'test', '1'])).code).toBe(0);
    expect(fleet.bmc(0).bmc.alerts.at(-1)).toMatchObject({ destination: 1, ipAddress: '127.0.0.9' });
  });
});

describe('thresholds, DCMI, SEL, watchdog, reset', () => {
  it('a threshold set by us is read back by ipmitool sensor get; one outside the sensor range is refused', async () => {
    const r = await bmc(['--json', 'sensor', 'thresh', 'CPU1 Temp', '--ucr', '91']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).thresholds.ucr).toBe(91);
    expect(await ipmitool(['sensor', 'get', 'CPU1 Temp'])).toMatch(/Upper Critical\s+: 91\.000/);
    const bad = await bmc(['sensor', 'thresh', 'CPU1 Temp', '--ucr', '100000']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/outside the range of sensor "CPU1 Temp"/);
    expect(JSON.parse((await bmc(['--json', 'sensor', 'thresh', 'CPU1 Temp'])).out).thresholds.ucr).toBe(91);
  });

  it('dcmi power --json matches ipmitool dcmi power reading and ipmi-dcmi', async () => {
    const r = await bmc(['--json', 'dcmi', 'power']);
    expect(r.code, r.err).toBe(0);
    const p = JSON.parse(r.out) as Record<string, number>;
    expect(Object.keys(p)).toEqual(['current', 'minimum', 'maximum', 'average', 'periodSeconds']);
    const ref = await ipmitool(['dcmi', 'power', 'reading']);
    expect(ref).toMatch(new RegExp(`Minimum during sampling period:\\s+${p.minimum} Watts`));
    expect(ref).toMatch(new RegExp(`Maximum during sampling period:\\s+${p.maximum} Watts`));
    expect(ref).toMatch(new RegExp(`Average power reading over sample period:\\s+${p.average} Watts`));
    const free = await freeipmi('ipmi-dcmi', target(), ['-D', 'LAN_2_0', '--get-system-power-statistics']);
    const current = Number(/Current Power\s+: (\d+) Watts/.exec(free)?.[1]);
    expect(current).toBeGreaterThanOrEqual(p.minimum!);
    expect(current).toBeLessThanOrEqual(p.maximum!);
  });

  it('sel add writes an event that ipmitool sel elist shows; sel time set moves the SEL clock', async () => {
    const r = await bmc(['--json', 'sel', 'add', '--sensor-type', '0x05', '--sensor', '0x70', '--event-type', '0x6f', '--data', '0x00,0xff,0xff']);
    expect(r.code, r.err).toBe(0);
    const { id } = JSON.parse(r.out) as { id: number };
    const elist = await ipmitool(['sel', 'elist']);
    const line = elist.split('\n').find((l) => l.trim().startsWith(id.toString(16)));
    expect(line).toMatch(/Physical Security #0x70 \| General Chassis intrusion \| Asserted/);
    expect((await bmc(['sel', 'time', 'set', '2030-01-02T03:04:05Z'])).code).toBe(0);
    expect(JSON.parse((await bmc(['--json', 'sel', 'time', 'get'])).out).time).toMatch(/^2030-01-02T03:04/);
  });

  it('watchdog get reads what ipmitool mc watchdog get reads; mc reset needs --confirm', async () => {
    const w = JSON.parse((await bmc(['--json', 'watchdog', 'get'])).out) as { running: boolean; action: string };
    expect(w).toMatchObject({ running: false, action: 'none' });
    expect(await ipmitool(['mc', 'watchdog', 'get'])).toMatch(/Watchdog Timer Is:\s+Stopped/);
    const refused = await bmc(['mc', 'reset', 'warm']);
    expect(refused.code).toBe(2);
    expect(fleet.bmc(0).bmc.resets.warm).toBe(0);
    expect((await bmc(['mc', 'reset', 'warm', '--confirm'])).code).toBe(0);
    expect(fleet.bmc(0).bmc.resets.warm).toBe(1);
  });
});
