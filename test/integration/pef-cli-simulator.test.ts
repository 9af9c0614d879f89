/**
 * `bmc pef` (info, status, filter list|set, policy list|set) against the simulator, with
 * ipmitool `pef ...` and FreeIPMI `ipmi-pef-config --checkout` reading the same BMC: the event
 * filter table (IPMI v2.0 Table 30-2, parameter 6) and the alert policy table (Table 30-9,
 * parameter 9) that we write are what they read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bmcCli } from '../support/bmc-cli.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { ipmitoolRun, parseIpmitoolRows } from '../support/ipmitool.ts';
import { freeipmi, FreeIpmiError } from '../support/freeipmi.ts';

const PASSWORD = 'pef-sim-pw';
let fleet: Fleet;

beforeAll(async () => {
  fleet = await startFleet({ count: 1, password: PASSWORD, seed: 30 });
});

afterAll(async () => {
  await fleet?.stop();
});

const target = () => ({ host: fleet.bmc(0).host, port: fleet.bmc(0).port, username: 'admin', password: PASSWORD });

async function ipmitool(args: string[]): Promise<string> {
  const r = await ipmitoolRun(target(), args, { cipherSuite: 3, requestTimeoutS: 1, requestRetries: 3 });
  expect(r.code, `ipmitool ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** ipmi-pef-config exits 1 when some optional field was unreadable; its sections are still printed. */
async function pefConfig(sections: string[]): Promise<string> {
  const args = ['-D', 'LAN_2_0', '--checkout', ...sections.map((s) => `--section=${s}`)];
  try {
    return await freeipmi('ipmi-pef-config', target(), args);
  } catch (e) {
    if (e instanceof FreeIpmiError && e.exitCode === 1 && e.stdout.length > 0) return e.stdout;
    throw e;
  }
}

const cli = bmcCli(target);
const bmc = cli.run;
const json = cli.json;

/** One `ipmi-pef-config` section as a map of field -> value. */
function section(text: string, name: string): Map<string, string> {
  const body = new RegExp(`Section ${name}\\n([\\s\\S]*?)EndSection`).exec(text)?.[1] ?? '';
  return new Map(
    body
      .split('\n')
      .filter((l) => l.trim() && !l.trim().startsWith('#'))
      .map((l) => {
        const [k, ...v] = l.trim().split(/\s+/);
        return [k!, v.join(' ')] as const;
      }),
  );
}

interface FilterJson {
  id: number;
  enabled: boolean;
  configurable: boolean;
  actions: string[];
  policyNumber: number;
  severity: string;
  generatorId: number | null;
  sensorType: number | null;
  sensorNumber: number | null;
  eventTrigger: number | null;
  offsetMask: number;
  eventData: string;
}

interface PolicyJson {
  id: number;
  policyNumber: number;
  enabled: boolean;
  rule: string;
  channel: number;
  destination: number;
  alertStringKey: number;
}

describe('bmc pef against the simulator, ipmitool and ipmi-pef-config as references', { timeout: 120_000 }, () => {
  it('pef info and pef status carry what ipmitool pef info / pef status print', async () => {
    const info = await json<{ version: string; actions: string[]; filterCount: number; policyCount: number; control: { enabled: boolean; eventMessages: boolean } }>(['pef', 'info']);
    // " 0x51 | 8 | 8 | GUID | Alert,Power-off,Reset,Power-cycle"
    const [version, filters, policies, , actions] = parseIpmitoolRows(await ipmitool(['pef', 'info']))[0]!;
    expect(version).toBe('0x51');
    expect(info.version).toBe('1.5');
    expect(info.filterCount).toBe(Number(filters));
    expect(info.policyCount).toBe(Number(policies));
    expect(info.actions.join(',')).toBe(actions!.toLowerCase());
    expect(info.control).toMatchObject({ enabled: true, eventMessages: true });

    const status = await json<{ lastRecordId: number | null; lastSoftwareProcessedId: number | null; lastBmcProcessedId: number | null }>(['pef', 'status']);
    // " Unspecified | 0xffff | 0xffff | 0x0000 | PEF,PEF event messages | Alert"
    const [, lastRecord, lastSw, lastBmc] = parseIpmitoolRows(await ipmitool(['pef', 'status']))[0]!;
    const id = (v: number | null) => `0x${(v ?? 0xffff).toString(16).padStart(4, '0')}`;
    expect([id(status.lastRecordId), id(status.lastSoftwareProcessedId), id(status.lastBmcProcessedId)]).toEqual([lastRecord, lastSw, lastBmc]);
  });

  it('pef filter list --json has every entry ipmitool pef filter list shows, enabled and type alike', async () => {
    const ours = await json<FilterJson[]>(['pef', 'filter', 'list']);
    const theirs = parseIpmitoolRows(await ipmitool(['pef', 'filter', 'list']));
    expect(ours.map((f) => f.id)).toEqual(theirs.map((r) => Number(r[0])));
    for (const f of ours) {
      const row = theirs.find((r) => Number(r[0]) === f.id)!;
      expect(row[1]).toBe(`${f.enabled ? 'enabled' : 'disabled'}, ${f.configurable ? 'configurable' : 'pre-configured'}`);
    }
    expect(ours[0]).toMatchObject({ id: 1, enabled: true, configurable: false, actions: ['alert'], policyNumber: 1, severity: 'critical', sensorType: null });
  });

  it('a filter set by us is what ipmitool and ipmi-pef-config read back', async () => {
    const set = await json<FilterJson>(['pef', 'filter', 'set', '3', '--enable', '--action', 'alert,power-off', '--policy', '2', '--severity', 'non-critical', '--sensor-type', '0x04', '--sensor', '0x30', '--event-trigger', '0x01', '--offset-mask', '0x0080']);
    expect(set).toEqual({ id: 3, enabled: true, configurable: true, actions: ['alert', 'power-off'], policyNumber: 2, severity: 'non-critical', generatorId: null, sensorType: 4, sensorNumber: 0x30, eventTrigger: 1, offsetMask: 0x80, eventData: '000000000000000000' });
    const row = parseIpmitoolRows(await ipmitool(['pef', 'filter', 'list'])).find((r) => r[0] === '3')!;
    // id | state | sensor type | sensor | severity | trigger | ... | actions | policy
    expect(row.slice(0, 2)).toEqual(['3', 'enabled, configurable']);
    expect(row).toContain('Fan');
    expect(row).toContain('Alert,Power-off');
    expect(row.at(-1)).toBe('2');
    const free = section(await pefConfig(['Event_Filter_3']), 'Event_Filter_3');
    expect(Object.fromEntries(free)).toMatchObject({
      Filter_Type: 'Software_Configurable',
      Enable_Filter: 'Yes',
      Event_Filter_Action_Alert: 'Yes',
      Event_Filter_Action_Power_Off: 'Yes',
      Event_Filter_Action_Reset: 'No',
      Alert_Policy_Number: '2',
      Event_Severity: 'Non_Critical',
      Generator_Id_Byte_1: '0xFF',
      Sensor_Number: '0x30',
      Event_Trigger: '0x01',
      Event_Data1_Offset_Mask: '0x80',
    });
    expect((await json<FilterJson[]>(['pef', 'filter', 'list']))[2]).toEqual(set);

    const off = await json<FilterJson>(['pef', 'filter', 'set', '3', '--disable']);
    expect(off).toEqual({ ...set, enabled: false });
    expect(section(await pefConfig(['Event_Filter_3']), 'Event_Filter_3').get('Enable_Filter')).toBe('No');
  });

  it('bad filter changes get one clear line and change nothing', async () => {
    const before = await json<FilterJson[]>(['pef', 'filter', 'list']);
    const cases: [string[], RegExp][] = [
      [['pef', 'filter', 'set', '4', '--action', 'diagnostic-interrupt'], /^bmc: PEF action diagnostic-interrupt is not supported by this BMC\n$/],
      [['pef', 'filter', 'set', '1', '--severity', 'monitor'], /^bmc: event filter 1 is pre-configured by the manufacturer: only --enable\/--disable may change it\n$/],
      [['pef', 'filter', 'set', '9', '--enable'], /^bmc: event filter must be 1-8, got 9\n$/],
      [['pef', 'filter', 'set', '4', '--severity', 'dire'], /^bmc: --severity: one of unspecified, /],
      [['pef', 'filter', 'set', '4', '--action', 'explode'], /^bmc: --action: PEF action must be one of alert, /],
      [['pef', 'filter', 'set', '4'], /^bmc: pef filter set: nothing to change\n$/],
    ];
    for (const [args, message] of cases) {
      const r = await bmc(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect(await json<FilterJson[]>(['pef', 'filter', 'list'])).toEqual(before);
    // Only enabling or disabling a pre-configured filter is allowed.
    expect((await json<FilterJson>(['pef', 'filter', 'set', '1', '--disable'])).enabled).toBe(false);
    expect((await json<FilterJson>(['pef', 'filter', 'set', '1', '--enable'])).enabled).toBe(true);
  });

  it('pef policy list and set match ipmitool pef policy list and ipmi-pef-config', async () => {
    const ours = await json<PolicyJson[]>(['pef', 'policy', 'list']);
    const theirs = parseIpmitoolRows(await ipmitool(['pef', 'policy', 'list']));
    expect(ours.map((p) => p.id)).toEqual(theirs.map((r) => Number(r[0])));
    const RULES: Record<string, string> = { 'match-always': 'Match-always', 'try-next-entry': 'Try-next-entry', 'try-next-set': 'Try-next-set', 'try-next-channel': 'Try-next-channel', 'try-next-destination': 'Try-next-destination' };
    for (const p of ours) {
      // id | policy number | enabled | rule | channel | medium | ...
      const row = theirs.find((r) => Number(r[0]) === p.id)!;
      expect(row.slice(0, 5)).toEqual([String(p.id), String(p.policyNumber), p.enabled ? 'enabled' : 'disabled', RULES[p.rule], String(p.channel)]);
    }

    const set = await json<PolicyJson>(['pef', 'policy', 'set', '2', '--enable', '--policy-number', '2', '--rule', 'try-next-set', '--channel', '1', '--destination', '3']);
    expect(set).toEqual({ id: 2, policyNumber: 2, enabled: true, rule: 'try-next-set', channel: 1, destination: 3, alertStringKey: 0 });
    const row = parseIpmitoolRows(await ipmitool(['pef', 'policy', 'list'])).find((r) => r[0] === '2')!;
    expect(row.slice(0, 5)).toEqual(['2', '2', 'enabled', 'Try-next-set', '1']);
    const free = Object.fromEntries(section(await pefConfig(['Alert_Policy_2']), 'Alert_Policy_2'));
    expect(free).toMatchObject({ Policy_Type: 'Do_Not_Proceed_Any_More_Entries', Policy_Enabled: 'Yes', Policy_Number: '2', Destination_Selector: '3', Channel_Number: '1' });

    const before = await json<PolicyJson[]>(['pef', 'policy', 'list']);
    for (const args of [['pef', 'policy', 'set', '9', '--enable'], ['pef', 'policy', 'set', '2', '--rule', 'sometimes'], ['pef', 'policy', 'set', '2', '--destination', '16']]) {
      const r = await bmc(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect(await json<PolicyJson[]>(['pef', 'policy', 'list'])).toEqual(before);
  });
});
