/**
 * Sensors and SDRs against OpenIPMI's ipmi_sim (test/fixtures/ipmi-sim/bmc.emu), compared
 * value by value with what ipmitool prints for the same BMC (`sensor list`, `sdr elist`).
 * ipmitool runs with -E: the password travels in IPMI_PASSWORD, never in argv.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../lambdas/ipmi/index.ts';
import { readSdrRepository, type SdrRepository } from '../../lambdas/ipmi/ops/sdr.ts';
import { readSensors, type SensorJson } from '../../lambdas/ipmi/ops/sensors.ts';
import type { ThresholdName } from '../../lambdas/ipmi/sdr/types.ts';
import type { IpmiSimHandle } from '../support/ipmi-sim.ts';
import { useIpmiSimSession } from '../support/use-ipmi-sim.ts';
import { ipmitool as runIpmitool } from '../support/ipmitool.ts';

const ipmitool = (bmc: IpmiSimHandle, ...args: string[]): Promise<string> => runIpmitool(bmc, args);

const columns = (line: string) => line.split('|').map((c) => c.trim());
const lines = (text: string) => text.split('\n').filter((l) => l.includes('|'));

/** `ipmitool sensor list`: name | value | units | status | lnr | lcr | lnc | unc | ucr | unr. */
interface IpmitoolSensor {
  name: string;
  value: string;
  units: string;
  status: string;
  thresholds: Record<ThresholdName, string>;
}

function parseSensorList(text: string): IpmitoolSensor[] {
  return lines(text).map((l) => {
    const [name, value, units, status, lnr, lcr, lnc, unc, ucr, unr] = columns(l) as [string, ...string[]];
    return { name, value: value!, units: units!, status: status!, thresholds: { lnr: lnr!, lcr: lcr!, lnc: lnc!, unc: unc!, ucr: ucr!, unr: unr! } };
  });
}

/** ipmitool prints analog values with %.3f; compare at that precision. */
const f3 = (v: number) => v.toFixed(3);

describe('sensors against ipmi_sim, compared with ipmitool', () => {
  let bmc: IpmiSimHandle;
  let s: Session;
  let repo: SdrRepository;
  let sensors: SensorJson[];

  const ipmiSim = useIpmiSimSession();
  beforeAll(async () => {
    ({ sim: bmc, session: s } = ipmiSim());
    repo = await readSdrRepository(s);
    sensors = await readSensors(s, { sdrs: repo });
  });

  it('reads every SDR record, named as `ipmitool sdr elist all` names them', async () => {
    expect(repo.invalid).toEqual([]);
    expect(repo.records).toHaveLength(repo.info.recordCount);
    const named = repo.records.filter((r) => r.kind !== 'other').map((r) => ('name' in r ? r.name : ''));
    const listed = lines(await ipmitool(bmc, 'sdr', 'elist', 'all')).map((l) => columns(l)[0]);
    expect(named).toEqual(listed);
    expect(repo.records.map((r) => r.kind)).toContain('event-only');
    expect(repo.records.map((r) => r.kind)).toContain('fru-locator');
    expect(repo.records.map((r) => r.kind)).toContain('mc-locator');
  });

  it('reads the same bytes with small partial reads (offset + reservation, 33.12)', async () => {
    const small = await readSdrRepository(s, { maxReadBytes: 7 });
    expect(small.raw).toEqual(repo.raw);
    expect(small.info.lastAddTimestamp).toBe(repo.info.lastAddTimestamp);
  });

  it('matches `ipmitool sensor list`: names, readings, units, status and thresholds', async () => {
    const theirs = parseSensorList(await ipmitool(bmc, 'sensor', 'list'));
    expect(sensors.map((x) => x.name)).toEqual(theirs.map((t) => t.name));
    for (const [i, t] of theirs.entries()) {
      const ours = sensors[i]!;
      const ctx = `sensor ${t.name}`;
      if (t.units === 'discrete') {
        expect(ours.reading, ctx).toBeNull();
        expect(ours.status, ctx).toBe(t.value === 'na' ? 'ns' : 'ok');
        continue;
      }
      expect(ours.reading === null ? 'na' : f3(ours.reading), ctx).toBe(t.value);
      expect(ours.unit ?? '', ctx).toBe(t.units);
      expect(ours.status, ctx).toBe(t.status === 'na' ? 'ns' : t.status);
      for (const name of ['lnr', 'lcr', 'lnc', 'unc', 'ucr', 'unr'] as const) {
        const v = ours.thresholds[name];
        expect(v === undefined ? 'na' : f3(v), `${ctx} ${name}`).toBe(t.thresholds[name]);
      }
    }
  });

  it('matches `ipmitool sdr elist` numbers, status and discrete states', async () => {
    const elist = lines(await ipmitool(bmc, 'sdr', 'elist', 'full')).concat(lines(await ipmitool(bmc, 'sdr', 'elist', 'compact')));
    const byName = new Map(elist.map((l) => [columns(l)[0], columns(l)]));
    for (const ours of sensors) {
      const [, number, status, , text] = byName.get(ours.name)!;
      expect(number, ours.name).toBe(`${ours.number.toString(16).toUpperCase().padStart(2, '0')}h`);
      expect(status, ours.name).toBe(ours.status);
      if (ours.unit === null) expect(ours.states.join(', '), ours.name).toBe(text);
      else {
        // "%.*f" with 0 or 2 decimals, then the unit; compare the number at that precision.
        const [value, ...unit] = text!.split(' ');
        expect(Number(value), ours.name).toBeCloseTo(ours.reading!, 2);
        expect(unit.join(' '), ours.name).toBe(ours.unit);
      }
    }
  });

  it('reports the fixture values, so agreeing with ipmitool by accident still fails', () => {
    const get = (name: string) => sensors.find((x) => x.name === name)!;
    expect(get('CPU1 Temp')).toMatchObject({ number: 0x10, type: 'Temperature', reading: 45, unit: 'degrees C', status: 'ok' });
    expect(get('CPU1 Temp').thresholds).toEqual({ lcr: 5, lnc: 10, unc: 85, ucr: 95, unr: 105 });
    expect(get('Inlet Temp')).toMatchObject({ reading: 25, thresholds: { lcr: 0, lnc: 5, unc: 40, ucr: 45 } });
    expect(get('P12V')).toMatchObject({ reading: 11.97, unit: 'Volts', thresholds: { lcr: 10.458, unc: 13.041 } });
    expect(get('P-12V')).toMatchObject({ reading: -12, thresholds: { lcr: -12.8, ucr: -10.8 } });
    expect(get('VBAT')).toMatchObject({ reading: 3, thresholds: { lcr: 2, lnc: 2.3 } });
    expect(get('FAN1')).toMatchObject({ reading: 8400, unit: 'RPM', thresholds: { lcr: 1500, lnc: 2400 } });
    expect(get('FAN2').reading).toBeCloseTo(5000, 9);
    expect(get('PSU1 Current')).toMatchObject({ reading: 30, unit: 'Amps' });
    expect(get('PSU1 Power')).toMatchObject({ reading: 400, unit: 'Watts', type: 'Other', thresholds: { unc: 784, ucr: 900 } });
    expect(get('PSU2 Status')).toMatchObject({ type: 'Power Supply', status: 'ok', states: ['Presence detected', 'Failure detected'] });
    expect(get('PSU Redundancy').states).toEqual(['Redundancy Lost']);
    expect(get('ACPI State').states).toEqual(['S0/G0: working']);
    expect(get('CPU1 Prochot').states).toEqual(['State Deasserted']);
    expect(sensors.find((x) => x.name === 'POST Progress')).toBeUndefined(); // event-only: no reading
  });
});

describe('sensor state changes on ipmi_sim, compared with ipmitool', () => {
  let bmc: IpmiSimHandle;
  let s: Session;
  let repo: SdrRepository;

  const ipmiSim = useIpmiSimSession();
  beforeAll(async () => {
    ({ sim: bmc, session: s } = ipmiSim());
    repo = await readSdrRepository(s);
  });

  const listed = async (name: string) => parseSensorList(await ipmitool(bmc, 'sensor', 'list')).find((t) => t.name === name)!;
  const ours = async (name: string) => (await readSensors(s, { sdrs: repo })).find((x) => x.name === name)!;

  it.each([
    [0x60, 'cr'], // 96 >= UCR 95
    [0x56, 'nc'], // 86 >= UNC 85
    [0x6a, 'nr'], // 106 >= UNR 105
    [0x04, 'cr'], // 4 <= LCR 5
  ])('CPU1 Temp raw %s gives status %s', async (raw, status) => {
    await bmc.exec(`sensor_set_value 0x20 0 0x10 ${raw} 0`);
    const [mine, theirs] = [await ours('CPU1 Temp'), await listed('CPU1 Temp')];
    expect(mine.status).toBe(status);
    expect(mine.status).toBe(theirs.status);
    expect(f3(mine.reading!)).toBe(theirs.value);
  });

  it('reports ns with no reading when scanning is disabled, as ipmitool does', async () => {
    await bmc.exec('sensor_set_event_support 0x20 0 0x20 enable no-scanning per-state 000000000000000 000000000000000 000000000000000 000000000000000');
    const [mine, theirs] = [await ours('P12V'), await listed('P12V')];
    expect(mine).toMatchObject({ reading: null, status: 'ns' });
    expect(theirs).toMatchObject({ value: 'na', status: 'na' });
  });

  it('follows discrete state changes', async () => {
    await bmc.exec('sensor_set_bit 0x20 0 0x60 0 1 0');
    await bmc.exec('sensor_set_bit 0x20 0 0x60 6 0 0');
    expect((await ours('DIMM A1')).states).toEqual(['Correctable ECC']);
  });
});
