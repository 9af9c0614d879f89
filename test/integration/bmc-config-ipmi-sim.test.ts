/**
 * Configuring a BMC this project did not write: the `bmc` configuration commands against
 * OpenIPMI's ipmi_sim, with ipmitool reading the same BMC as the reference for every value it
 * can read. Where ipmi_sim does not implement something, the test says so and asserts that
 * `bmc` reports it in one line with the documented exit code:
 *
 * - Get Last Processed Event ID (`pef status`) and Alert Immediate (`lan alert test`): C1h.
 * - LAN alert destinations: ipmi_sim has none (parameter 17 is 0), so `lan alert set` is refused.
 * - Sensor hysteresis: ipmi_sim's SDRs say "readable", not settable.
 *
 * What ipmi_sim does implement, and how it differs from the project's simulator:
 * test/fixtures/ipmi-sim/README.md.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bmcCli } from '../support/bmc-cli.ts';
import { ipmitoolRun, parseIpmitoolFields, parseIpmitoolRows, type IpmitoolOptions } from '../support/ipmitool.ts';
import { useIpmiSim } from '../support/use-ipmi-sim.ts';

const sim = useIpmiSim({ solConsole: false });
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bmc-config-ipmi-sim-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const admin = () => ({ host: sim().host, port: sim().port, username: sim().username, password: sim().password });

/** ipmitool as admin over RMCP+ (cipher suite 3), or as someone else; fails the test on a non-zero exit. */
async function ipmitool(args: string[], who = admin(), options: IpmitoolOptions = {}): Promise<string> {
  const r = await ipmitoolRun(who, args, { requestTimeoutS: 1, requestRetries: 3, ...options });
  expect(r.code, `ipmitool ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

const cli = bmcCli(admin);
const bmc = cli.run;
const json = cli.json;

/** `ipmitool raw` prints " xx xx ..." lines; compare the bytes. */
const bytesOf = (text: string) => text.trim().split(/\s+/).filter(Boolean).join('');

interface UserJson {
  id: number;
  name: string;
  enabled: boolean;
  privilege: string;
}

describe('users', { timeout: 120_000 }, () => {
  it('user list --json names every user ipmitool user list shows, with the same privilege limit', async () => {
    const ours = await json<UserJson[]>(['user', 'list']);
    const theirs = (await ipmitool(['user', 'list', '1'])).split('\n').slice(1).filter(Boolean);
    expect(ours).toHaveLength(theirs.length);
    // ipmitool prints a limit of 0 (never set) as "Unknown (0x00)" and Fh as "NO ACCESS".
    const PRIVILEGE: Record<string, RegExp> = { admin: /ADMINISTRATOR$/, operator: /OPERATOR$/, user: /USER$/, callback: /CALLBACK$/, oem: /OEM$/, 'no-access': /(NO ACCESS|Unknown \(0x00\))$/ };
    for (const u of ours) {
      const line = theirs.find((l) => l.startsWith(`${u.id} `))!;
      expect(line, `ipmitool has user ${u.id}`).toBeDefined();
      expect(line.slice(4, 20).trim()).toBe(u.name);
      expect(line.trimEnd()).toMatch(PRIVILEGE[u.privilege]!);
    }
    expect(ours.slice(1, 4)).toEqual([
      { id: 2, name: sim().username, enabled: true, privilege: 'admin' },
      { id: 3, name: sim().operator.username, enabled: true, privilege: 'operator' },
      { id: 4, name: sim().user.username, enabled: true, privilege: 'user' },
    ]);
  });

  it('a user created by bmc user set (16-byte password from a file) logs in with ipmitool over RMCP+ and IPMI v1.5', async () => {
    const password = 'pw16-from-a-file';
    expect(Buffer.byteLength(password)).toBe(16);
    await writeFile(join(dir, 'pw16'), `${password}\n`, { mode: 0o600 });
    const r = await bmc(['--json', 'user', 'set', '5', '--name', 'onboard', '--new-password-file', join(dir, 'pw16'), '--privilege-limit', 'operator', '--enable']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual({ id: 5, name: 'onboard', enabled: true, privilege: 'operator' });
    expect((await ipmitool(['user', 'list', '1'])).split('\n').find((l) => l.startsWith('5 '))).toMatch(/^5\s+onboard\s+true\s+true\s+true\s+OPERATOR/);

    const who = { ...admin(), username: 'onboard', password };
    expect(await ipmitool(['-L', 'OPERATOR', 'chassis', 'power', 'status'], who)).toBe('Chassis Power is on\n');
    expect(await ipmitool(['-L', 'OPERATOR', 'chassis', 'power', 'status'], who, { lan15: 'MD5' })).toBe('Chassis Power is on\n');
    // The same login with a wrong password fails: the proof above is not a login that cannot fail.
    const wrong = await ipmitoolRun({ ...who, password: 'not-the-password' }, ['chassis', 'power', 'status'], { requestTimeoutS: 1, requestRetries: 1 });
    expect(wrong.code).not.toBe(0);
  });

  it('the 20-byte password form (from the environment) is taken as ipmitool\'s own 20-byte form is; 21 bytes are refused and change nothing', async () => {
    const password = 'twenty-byte-password';
    expect(Buffer.byteLength(password)).toBe(20);
    const r = await bmc(['--json', 'user', 'set', '6', '--name', 'ours20', '--new-password-from-env', 'NEW_BMC_PW', '--privilege-limit', 'admin', '--enable'], { NEW_BMC_PW: password });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // The reference: ipmitool sets user 7 the same way.
    for (const args of [['user', 'set', 'name', '7', 'theirs20'], ['user', 'set', 'password', '7', password, '20'], ['channel', 'setaccess', '1', '7', 'ipmi=on', 'privilege=4'], ['user', 'enable', '7']]) await ipmitool(args);
    // Set User Password's "test password" operation (22.30) accepts it for both.
    for (const id of ['6', '7']) expect(await ipmitool(['user', 'test', id, '20', password])).toBe('Success\n');
    // ipmi_sim keeps the first 16 bytes of a 20-byte password: an RMCP+ login works with those,
    // for our user exactly as for ipmitool's (the project's simulator keeps all 20:
    // test/integration/bmc-config-simulator.test.ts).
    for (const username of ['ours20', 'theirs20']) {
      expect(await ipmitool(['chassis', 'power', 'status'], { ...admin(), username, password: password.slice(0, 16) })).toBe('Chassis Power is on\n');
    }

    const before = await json<UserJson[]>(['user', 'list']);
    const tooLong = await bmc(['user', 'set', '6', '--new-password-from-env', 'NEW_BMC_PW'], { NEW_BMC_PW: `${password}x` });
    expect(tooLong).toEqual({ code: 2, out: '', err: 'bmc: password: 1 to 20 bytes, got 21\n' });
    expect(await json<UserJson[]>(['user', 'list'])).toEqual(before);
    expect(await ipmitool(['user', 'test', '6', '20', password])).toBe('Success\n');
  });
});

interface LanJson {
  ipSource: string;
  ipAddress: string;
  netmask: string;
  gateway: string;
  macAddress: string;
  vlanId: number | null;
}

/** `ipmitool lan print` in our --json shape. */
function lanFromIpmitool(text: string): LanJson {
  const f = parseIpmitoolFields(text);
  const vlan = f.get('802.1q VLAN ID')!;
  return {
    ipSource: f.get('IP Address Source')!.toLowerCase().replace(' address', ''),
    ipAddress: f.get('IP Address')!,
    netmask: f.get('Subnet Mask')!,
    gateway: f.get('Default Gateway IP')!,
    macAddress: f.get('MAC Address')!,
    vlanId: vlan === 'Disabled' ? null : Number(vlan),
  };
}

describe('LAN', { timeout: 120_000 }, () => {
  it('lan print --json equals what ipmitool lan print shows', async () => {
    const ours = await json<LanJson>(['lan', 'print']);
    expect(ours).toEqual(lanFromIpmitool(await ipmitool(['lan', 'print', '1'])));
    expect(ours.vlanId).toBeNull();
  });

  it('lan set of address, mask, gateway and VLAN needs --confirm; with it, ipmitool reads the new values', async () => {
    const before = await json<LanJson>(['lan', 'print']);
    const refused = await bmc(['lan', 'set', '--ipaddr', '127.0.0.7', '--netmask', '255.255.0.0', '--gateway', '127.0.0.1', '--vlan', '200']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^bmc: changing .* of the channel in use can cut the BMC off .*confirm.*\n$/);
    expect((await bmc(['lan', 'set', '--vlan', '5000', '--confirm'])).code).toBe(2);
    expect(await json<LanJson>(['lan', 'print'])).toEqual(before);

    const r = await json<{ before: LanJson; after: LanJson }>(['lan', 'set', '--ipaddr', '127.0.0.7', '--netmask', '255.255.0.0', '--gateway', '127.0.0.1', '--vlan', '200', '--confirm']);
    expect(r.before).toEqual(before);
    expect(r.after).toEqual({ ...before, ipAddress: '127.0.0.7', netmask: '255.255.0.0', gateway: '127.0.0.1', vlanId: 200 });
    const theirs = await ipmitool(['lan', 'print', '1']);
    expect(lanFromIpmitool(theirs)).toEqual(r.after);
    // Committed, not left pending: ipmi_sim discards writes that end without a commit.
    expect(parseIpmitoolFields(theirs).get('Set in Progress')).toBe('Set Complete');
  });
});

describe('PEF and alert destinations', { timeout: 120_000 }, () => {
  const ACTIONS: Record<string, string> = { alert: 'Alert', 'power-off': 'Power-off', reset: 'Reset', 'power-cycle': 'Power-cycle', oem: 'OEM-defined', 'diagnostic-interrupt': 'Diagnostic-interrupt' };

  it('pef info --json carries what ipmitool pef info prints', async () => {
    const ours = await json<{ version: string; actions: string[]; filterCount: number; policyCount: number }>(['pef', 'info']);
    // " 0x51 | event filter table size | alert policy table size | system GUID | actions"
    const [version, filters, policies, , actions] = parseIpmitoolRows(await ipmitool(['pef', 'info']))[0]!;
    expect([`0x${ours.version.split('.').reverse().join('')}`, String(ours.filterCount), String(ours.policyCount)]).toEqual([version, filters, policies]);
    expect(ours.actions.map((a) => ACTIONS[a]).join(',')).toBe(actions);
  });

  it('pef status: ipmi_sim lacks Get Last Processed Event ID (C1h); bmc says so in one line, exit 1, as ipmitool fails too', async () => {
    const r = await bmc(['pef', 'status']);
    expect(r).toEqual({ code: 1, out: '', err: 'bmc: Get Last Processed Event ID: Invalid command (completion code 0xc1)\n' });
    const theirs = await ipmitoolRun(admin(), ['pef', 'status'], { requestTimeoutS: 1 });
    expect(theirs.code).not.toBe(0);
    expect(theirs.stderr).toMatch(/Error c1/);
  });

  it('pef filter list and policy list match ipmitool; a filter and a policy set by us are what ipmitool reads back', async () => {
    const filters = await json<{ id: number; enabled: boolean; configurable: boolean }[]>(['pef', 'filter', 'list']);
    const theirFilters = parseIpmitoolRows(await ipmitool(['pef', 'filter', 'list']));
    expect(filters.map((f) => [String(f.id), `${f.enabled ? 'enabled' : 'disabled'}, ${f.configurable ? 'configurable' : 'pre-configured'}`])).toEqual(theirFilters.map((r) => r.slice(0, 2)));

    const f = await json<{ id: number; enabled: boolean; actions: string[]; policyNumber: number; severity: string }>(['pef', 'filter', 'set', '2', '--enable', '--action', 'alert', '--policy', '1', '--severity', 'critical']);
    expect(f).toMatchObject({ id: 2, enabled: true, actions: ['alert'], policyNumber: 1, severity: 'critical' });
    const row = parseIpmitoolRows(await ipmitool(['pef', 'filter', 'list'])).find((r) => r[0] === '2')!;
    expect(row[1]).toBe('enabled, configurable');
    expect(row).toContain('Critical');
    expect(row.slice(-2)).toEqual(['Alert', '1']);

    const p = await json<{ id: number; policyNumber: number; enabled: boolean; rule: string; channel: number }>(['pef', 'policy', 'set', '1', '--enable', '--policy-number', '1', '--rule', 'try-next-entry', '--channel', '1']);
    expect(p).toMatchObject({ id: 1, policyNumber: 1, enabled: true, rule: 'try-next-entry', channel: 1 });
    const policies = await json<{ id: number; policyNumber: number; enabled: boolean; channel: number }[]>(['pef', 'policy', 'list']);
    const theirPolicies = parseIpmitoolRows(await ipmitool(['pef', 'policy', 'list']));
    expect(policies.map((x) => [String(x.id), String(x.policyNumber), x.enabled ? 'enabled' : 'disabled', String(x.channel)])).toEqual(theirPolicies.map((r) => [r[0], r[1], r[2], r[4]]));
    expect(theirPolicies[0]!.slice(0, 5)).toEqual(['1', '1', 'enabled', 'Try-next-entry', '1']);
  });

  it('alert destinations: ipmi_sim has none; bmc lists none as ipmitool does and refuses to set one, changing nothing', async () => {
    expect(await json<{ community: string; destinations: unknown[] }>(['lan', 'alert', 'print'])).toEqual({ community: 'public', destinations: [] });
    expect((await ipmitool(['lan', 'alert', 'print', '1'])).trim()).toBe('');
    expect(parseIpmitoolFields(await ipmitool(['lan', 'print', '1'])).get('SNMP Community String')).toBe('public');

    const set = await bmc(['lan', 'alert', 'set', '1', '--ipaddr', '127.0.0.9', '--community-from-env', 'SITE_COMMUNITY'], { SITE_COMMUNITY: 'site-mon' });
    expect(set).toEqual({ code: 2, out: '', err: 'bmc: this BMC has no LAN alert destinations to set (parameter 17 is 0)\n' });
    expect(parseIpmitoolFields(await ipmitool(['lan', 'print', '1'])).get('SNMP Community String')).toBe('public');
    const theirs = await ipmitoolRun(admin(), ['lan', 'alert', 'set', '1', '1', 'ipaddr', '127.0.0.9'], { requestTimeoutS: 1 });
    expect(`${theirs.stdout}${theirs.stderr}`).toMatch(/Alert 1 is not a valid destination/);

    // Alert Immediate (30.7) is not implemented by ipmi_sim.
    expect(await bmc(['lan', 'alert', 'test', '1'])).toEqual({ code: 1, out: '', err: 'bmc: Alert Immediate: Invalid command (completion code 0xc1)\n' });
  });
});

describe('thresholds, SEL, raw', { timeout: 120_000 }, () => {
  it('a threshold set by bmc sensor thresh is what ipmitool sensor get reads; out of range or hysteresis is refused', async () => {
    const r = await json<{ thresholds: Record<string, number>; hysteresis: { positive: number; negative: number } }>(['sensor', 'thresh', 'P12V', '--ucr', '13.2']);
    // P12V is M=63, Rexp=-3 (fixture README): 13.2 V is raw 209.5, written as 210 = 13.230 V.
    expect(r.thresholds).toEqual({ lcr: 10.458, lnc: 10.899, unc: 13.041, ucr: 13.23 });
    const fields = parseIpmitoolFields(await ipmitool(['sensor', 'get', 'P12V']));
    expect(fields.get('Upper Critical')).toBe('13.230');
    expect(fields.get('Upper Non-Critical')).toBe('13.041');
    expect([Number(fields.get('Positive Hysteresis')), Number(fields.get('Negative Hysteresis'))]).toEqual([r.hysteresis.positive, r.hysteresis.negative]);

    const outside = await bmc(['sensor', 'thresh', 'P12V', '--ucr', '100']);
    expect(outside.code).toBe(2);
    expect(outside.err).toMatch(/^bmc: .*outside the range of sensor "P12V".*\n$/);
    const hysteresis = await bmc(['sensor', 'thresh', 'P12V', '--hysteresis', '4,4']);
    expect(hysteresis).toEqual({ code: 2, out: '', err: 'bmc: sensor "P12V": hysteresis is not settable (SDR: readable)\n' });
    expect(parseIpmitoolFields(await ipmitool(['sensor', 'get', 'P12V'])).get('Upper Critical')).toBe('13.230');
  });

  it('sel add writes an event that ipmitool sel list shows under the ID bmc returned', async () => {
    const { id } = await json<{ id: number }>(['sel', 'add', '--sensor-type', '0x05', '--sensor', '0x52', '--event-type', '0x6f', '--data', '0x00,0xff,0xff']);
    const line = parseIpmitoolRows(await ipmitool(['sel', 'list'])).find((r) => parseInt(r[0]!, 16) === id);
    expect(line, `ipmitool sel list has record ${id.toString(16)}`).toBeDefined();
    expect(line!.slice(-3)).toEqual(['Physical Security #0x52', 'General Chassis intrusion', 'Asserted']);
  });

  for (const [name, args] of [
    ['Get Device ID', ['0x06', '0x01']],
    ['Get Chassis Status', ['0x00', '0x01']],
    ['Get Sensor Hysteresis of P12V', ['0x04', '0x25', '0x20', '0xff']],
  ] as const) {
    it(`raw ${name}: the same bytes as ipmitool raw`, async () => {
      const theirs = bytesOf(await ipmitool(['raw', ...args]));
      expect(theirs).toMatch(/^([0-9a-f]{2})+$/);
      expect(await json<{ completionCode: number; data: string }>(['raw', ...args])).toEqual({ completionCode: 0, data: theirs });
    });
  }
});
