/**
 * Proves the ipmi_sim fixture and the reference-client runners: ipmitool and FreeIPMI,
 * which this project did not write, read back exactly the sensors, SEL, FRU and chassis
 * behaviour described in test/fixtures/ipmi-sim/README.md. Other suites compare the
 * library against these same values.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { freeipmi } from '../support/freeipmi.ts';
import { BOOT_LOG, startIpmiSim, type IpmiSimHandle } from '../support/ipmi-sim.ts';
import { useIpmiSim } from '../support/use-ipmi-sim.ts';
import { ipmitool, ipmitoolSolCapture, IpmitoolError, parseIpmitoolFields } from '../support/ipmitool.ts';

/** Rows of a `a | b | c` table, cells trimmed. */
function table(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.includes('|'))
    .map((l) => l.split('|').map((c) => c.trim()));
}

function rowNamed(rows: string[][], name: string, column = 0): string[] {
  const row = rows.find((r) => r[column] === name);
  if (!row) throw new Error(`no row "${name}" in:\n${rows.map((r) => r.join(' | ')).join('\n')}`);
  return row;
}

/** "Key : value" lines (ipmitool mc info, fru print) with values as printed. */
const fields = (text: string): Map<string, string> => parseIpmitoolFields(text, { trim: false });

const ipmiSim = useIpmiSim();
let bmc: IpmiSimHandle;
beforeAll(() => {
  bmc = ipmiSim();
});

describe('ipmi_sim fixture through ipmitool', () => {
  it('mc info shows the configured device', async () => {
    const info = fields(await ipmitool(bmc, ['mc', 'info']));
    expect(info.get('Device ID')).toBe('32');
    expect(info.get('Device Revision')).toBe('3');
    expect(info.get('Firmware Revision')).toBe('2.15');
    expect(info.get('IPMI Version')).toBe('2.0');
    expect(info.get('Manufacturer ID')).toBe('343');
    expect(info.get('Manufacturer Name')).toBe('Intel Corporation');
    expect(info.get('Product ID')).toBe('165 (0x00a5)');
  });

  it('sdr elist all lists every record with its decoded reading or state', async () => {
    const rows = table(await ipmitool(bmc, ['sdr', 'elist', 'all']));
    const expected: [string, string, string, string, string][] = [
      ['CPU1 Temp', '10h', 'ok', '3.1', '45 degrees C'],
      ['Inlet Temp', '11h', 'ok', '55.1', '25 degrees C'],
      ['P12V', '20h', 'ok', '7.1', '11.97 Volts'],
      ['P-12V', '21h', 'ok', '7.1', '-12 Volts'],
      ['VBAT', '22h', 'ok', '7.1', '3 Volts'],
      ['FAN1', '30h', 'ok', '29.1', '8400 RPM'],
      ['FAN2', '31h', 'ok', '29.2', '5000 RPM'],
      ['PSU1 Current', '40h', 'ok', '10.1', '30 Amps'],
      ['PSU1 Power', '41h', 'ok', '10.1', '400 Watts'],
      ['PSU1 Status', '50h', 'ok', '10.1', 'Presence detected'],
      ['PSU2 Status', '51h', 'ok', '10.2', 'Presence detected, Failure detected'],
      ['Chassis Intru', '52h', 'ok', '23.1', 'General Chassis intrusion'],
      ['PSU Redundancy', '53h', 'ok', '19.1', 'Redundancy Lost'],
      ['ACPI State', '54h', 'ok', '7.1', 'S0/G0: working'],
      ['DIMM A1', '60h', 'ok', '32.1', 'Presence Detected'],
      ['CPU1 Prochot', '61h', 'ok', '3.1', 'State Deasserted'],
      ['POST Progress', '70h', 'ns', '34.1', 'Event-Only'],
      ['PSU1 FRU', '00h', 'ns', '10.1', 'Logical FRU @01h'],
      ['BMC', '00h', 'ok', '6.1', 'Dynamic MC @ 20h'],
    ];
    expect(rows).toEqual(expected);
  });

  it('sensor list shows the thresholds the SDRs carry', async () => {
    const rows = table(await ipmitool(bmc, ['sensor', 'list']));
    // name | reading | unit | status | lnr | lcr | lnc | unc | ucr | unr
    expect(rowNamed(rows, 'CPU1 Temp')).toEqual(['CPU1 Temp', '45.000', 'degrees C', 'ok', 'na', '5.000', '10.000', '85.000', '95.000', '105.000']);
    expect(rowNamed(rows, 'Inlet Temp')).toEqual(['Inlet Temp', '25.000', 'degrees C', 'ok', 'na', '0.000', '5.000', '40.000', '45.000', 'na']);
    expect(rowNamed(rows, 'P12V')).toEqual(['P12V', '11.970', 'Volts', 'ok', 'na', '10.458', '10.899', '13.041', '13.482', 'na']);
    expect(rowNamed(rows, 'P-12V')).toEqual(['P-12V', '-12.000', 'Volts', 'ok', 'na', '-12.800', '-12.600', '-11.400', '-10.800', 'na']);
    expect(rowNamed(rows, 'VBAT')).toEqual(['VBAT', '3.000', 'Volts', 'ok', 'na', '2.000', '2.300', 'na', 'na', 'na']);
    expect(rowNamed(rows, 'FAN1')).toEqual(['FAN1', '8400.000', 'RPM', 'ok', 'na', '1500.000', '2400.000', 'na', 'na', 'na']);
    expect(rowNamed(rows, 'FAN2').slice(0, 4)).toEqual(['FAN2', '5000.000', 'RPM', 'ok']);
    expect(rowNamed(rows, 'PSU1 Current').slice(0, 4)).toEqual(['PSU1 Current', '30.000', 'Amps', 'ok']);
    expect(rowNamed(rows, 'PSU1 Power')).toEqual(['PSU1 Power', '400.000', 'Watts', 'ok', 'na', 'na', 'na', '784.000', '900.000', 'na']);
    expect(rowNamed(rows, 'PSU2 Status').slice(0, 4)).toEqual(['PSU2 Status', '0x3', 'discrete', '0x0300']);
  });

  it('sel elist decodes all twelve entries', async () => {
    const rows = table(await ipmitool(bmc, ['sel', 'elist']));
    expect(rows).toHaveLength(12);
    // id | date | time | sensor | event | direction [| detail]; ipmi_sim stamps with its uptime.
    const events = rows.map((r) => (r.length === 3 ? [r[0], r[1], r[2]] : [r[0], r[3], r[4], r[5], r[6]].filter((c) => c !== undefined)));
    expect(events).toEqual([
      ['1', 'Temperature CPU1 Temp', 'Upper Non-critical going high', 'Asserted', 'Reading 86 > Threshold 85 degrees C'],
      ['2', 'Temperature CPU1 Temp', 'Upper Non-critical going high', 'Deasserted', 'Reading 80 < Threshold 85 degrees C'],
      ['3', 'Voltage P12V', 'Lower Critical going low', 'Asserted', 'Reading 10.40 < Threshold 10.46 Volts'],
      ['4', 'Fan FAN1', 'Lower Critical going low', 'Asserted', 'Reading 1200 < Threshold 1500 RPM'],
      ['5', 'Power Supply PSU2 Status', 'Failure detected', 'Asserted'],
      ['6', 'Power Unit PSU Redundancy', 'Redundancy Lost', 'Asserted'],
      ['7', 'Physical Security Chassis Intru', 'General Chassis intrusion', 'Asserted'],
      ['8', 'Physical Security Chassis Intru', 'General Chassis intrusion', 'Deasserted'],
      ['9', 'Memory DIMM A1', 'Correctable ECC', 'Asserted'],
      ['a', 'System Firmwares POST Progress', 'System boot initiated', 'Asserted'],
      ['b', 'OEM record c1', '000157', '010203040506'],
      ['c', 'OEM record e0', '101112131415161718191a1b1c'],
    ]);
    for (const r of rows.slice(0, 11)) expect(r[1]).toBe('Pre-Init');
  });

  it('fru print shows both FRU devices', async () => {
    const text = await ipmitool(bmc, ['fru', 'print']);
    const [builtin, psu] = text.split(/\n\s*\n/).filter((s) => s.trim().length > 0);
    const f0 = fields(builtin ?? '');
    expect(f0.get('FRU Device Description')).toBe('Builtin FRU Device (ID 0)');
    expect(f0.get('Chassis Type')).toBe('Rack Mount Chassis');
    expect(f0.get('Chassis Part Number')).toBe('CHS-1000');
    expect(f0.get('Board Mfg Date')).toBe('Wed Apr  5 06:07:00 2023 UTC');
    expect(f0.get('Board Mfg')).toBe('Acme Boards');
    expect(f0.get('Board Part Number')).toBe('PN-BRD-42');
    expect(f0.get('Product Manufacturer')).toBe('Acme Systems');
    expect(f0.get('Product Name')).toBe('Widget Server 9000');
    expect(f0.get('Product Serial')).toBe('SN-000123');
    expect(f0.get('Product Asset Tag')).toBe('ASSET-77');
    const f1 = fields(psu ?? '');
    expect(f1.get('FRU Device Description')).toBe('PSU1 FRU (ID 1)');
    expect(f1.get('Product Name')).toBe('PWS-800');
    expect(f1.get('Product Serial')).toBe('PSU1SN0001');
  });

  it('chassis power off/on reach chassis_control and read back', async () => {
    expect(await ipmitool(bmc, ['chassis', 'power', 'status'])).toContain('Chassis Power is on');
    expect(await ipmitool(bmc, ['chassis', 'power', 'off'])).toContain('Down/Off');
    expect(await ipmitool(bmc, ['chassis', 'power', 'status'])).toContain('Chassis Power is off');
    expect((await bmc.chassis()).power).toBe('off');
    expect(await ipmitool(bmc, ['chassis', 'power', 'on'])).toContain('Up/On');
    expect(await ipmitool(bmc, ['chassis', 'status'])).toMatch(/System Power\s+: on/);
    expect(await bmc.chassisLog()).toEqual(expect.arrayContaining(['set power 0', 'set power 1']));
  });

  it('chassis reset, soft and identify are passed on; diag is refused', async () => {
    await ipmitool(bmc, ['chassis', 'power', 'reset']);
    await ipmitool(bmc, ['chassis', 'identify', '10']);
    const log = await bmc.chassisLog();
    expect(log).toContain('set reset 1');
    expect(log).toContain('set identify 10 0');
    await expect(ipmitool(bmc, ['chassis', 'power', 'diag'])).rejects.toThrow(/Invalid data field in request/);
    await ipmitool(bmc, ['chassis', 'power', 'soft']);
    expect((await bmc.chassis()).power).toBe('off');
    await ipmitool(bmc, ['chassis', 'power', 'on']);
  });

  it('bootdev pxe is stored and read back as boot parameter 5', async () => {
    expect(await ipmitool(bmc, ['chassis', 'bootdev', 'pxe'])).toContain('Set Boot Device to pxe');
    expect((await bmc.chassis()).boot).toBe('pxe');
    const param = await ipmitool(bmc, ['chassis', 'bootparam', 'get', '5']);
    expect(param).toContain('Boot parameter data: 0004000000');
    expect(param).toContain('Boot Device Selector : Force PXE');
  });

  it('session privilege: a USER session cannot power off, an OPERATOR session can', async () => {
    const asUser = { ...bmc, ...bmc.user };
    const asOperator = { ...bmc, ...bmc.operator };
    expect(await ipmitool(asUser, ['chassis', 'power', 'status'], { privilege: 'user' })).toContain('Chassis Power is on');
    const denied = ipmitool(asUser, ['chassis', 'power', 'off'], { privilege: 'user' });
    await expect(denied).rejects.toBeInstanceOf(IpmitoolError);
    await expect(denied).rejects.toThrow(/Insufficient privilege/i);
    expect((await bmc.chassis()).power).toBe('on');
    expect(await ipmitool(asOperator, ['chassis', 'power', 'off'], { privilege: 'operator' })).toContain('Down/Off');
    await ipmitool(bmc, ['chassis', 'power', 'on']);
  });

  it('known ipmi_sim flaw: the per-user privilege limit is not enforced on RMCP+ sessions', async () => {
    // user 4 is limited to USER (ipmitool channel getaccess 1 4 says so), yet a session
    // that asks for ADMINISTRATOR gets it. Privilege-limit tests belong against the
    // project's simulator; this pins the behaviour so a fixed ipmi_sim is noticed.
    const asUser = { ...bmc, ...bmc.user };
    expect(await ipmitool(bmc, ['channel', 'getaccess', '1', '4'])).toMatch(/Privilege Level\s+: USER/);
    expect(await ipmitool(asUser, ['chassis', 'power', 'off'], { privilege: 'admin' })).toContain('Down/Off');
    await ipmitool(bmc, ['chassis', 'power', 'on']);
  });

  it('a wrong password is refused', async () => {
    await expect(ipmitool({ ...bmc, password: 'not-the-password' }, ['mc', 'info'])).rejects.toBeInstanceOf(IpmitoolError);
  });

  it('exec changes a live sensor reading', async () => {
    await bmc.exec('sensor_set_value 0x20 0 0x10 0x5a 0');
    try {
      const row = rowNamed(table(await ipmitool(bmc, ['sdr', 'elist'])), 'CPU1 Temp');
      expect(row[2]).toBe('unc');
      expect(row[4]).toBe('90 degrees C');
    } finally {
      await bmc.exec('sensor_set_value 0x20 0 0x10 0x2d 0');
    }
    expect(rowNamed(table(await ipmitool(bmc, ['sdr', 'elist'])), 'CPU1 Temp')[4]).toBe('45 degrees C');
    await expect(bmc.exec('sensor_set_value 0x20 0 0x99 0x01 0')).rejects.toThrow(/Unable to set sensor value/);
  });

  it('SOL carries the console both ways', async () => {
    const out = await ipmitoolSolCapture(bmc, { durationMs: 3_000, input: 'root\r' });
    expect(out).toContain('[SOL Session operational');
    expect(out).toContain(BOOT_LOG.split('\r\n')[1]!);
    expect(bmc.sol?.received()).toContain('root');
  });
});

describe('ipmi_sim fixture through FreeIPMI', () => {
  it('ipmi-sensors reads the same values', async () => {
    const rows = table(await freeipmi('ipmi-sensors', bmc, []));
    const byName = (n: string) => rowNamed(rows, n, 1).slice(1);
    expect(byName('CPU1 Temp')).toEqual(['CPU1 Temp', 'Temperature', '45.00', 'C', "'OK'"]);
    expect(byName('Inlet Temp')).toEqual(['Inlet Temp', 'Temperature', '25.00', 'C', "'OK'"]);
    expect(byName('P12V')).toEqual(['P12V', 'Voltage', '11.97', 'V', "'OK'"]);
    expect(byName('P-12V')).toEqual(['P-12V', 'Voltage', '-12.00', 'V', "'OK'"]);
    expect(byName('VBAT')).toEqual(['VBAT', 'Voltage', '3.00', 'V', "'OK'"]);
    expect(byName('FAN1')).toEqual(['FAN1', 'Fan', '8400.00', 'RPM', "'OK'"]);
    expect(byName('FAN2')).toEqual(['FAN2', 'Fan', '5000.00', 'RPM', "'OK'"]);
    expect(byName('PSU1 Current')).toEqual(['PSU1 Current', 'Current', '30.00', 'A', "'OK'"]);
    expect(byName('PSU1 Power')).toEqual(['PSU1 Power', 'Other Units Based Sensor', '400.00', 'W', "'OK'"]);
    expect(byName('PSU2 Status')).toEqual(['PSU2 Status', 'Power Supply', 'N/A', 'N/A', "'Presence detected' 'Power Supply Failure detected'"]);
    expect(byName('ACPI State')).toEqual(['ACPI State', 'System ACPI Power State', 'N/A', 'N/A', "'S0/G0'"]);
  });

  it('ipmi-sensors reads thresholds', async () => {
    const rows = table(await freeipmi('ipmi-sensors', bmc, ['--output-sensor-thresholds', '--record-ids=1,3']));
    // ID | Name | Type | Reading | Units | LNR | LC | LNC | UNC | UC | UNR | Event
    expect(rowNamed(rows, 'CPU1 Temp', 1).slice(5, 11)).toEqual(['N/A', '5.00', '10.00', '85.00', '95.00', '105.00']);
    expect(rowNamed(rows, 'P12V', 1).slice(5, 11)).toEqual(['N/A', '10.46', '10.90', '13.04', '13.48', 'N/A']);
  });

  it('ipmi-sel decodes the entries', async () => {
    const rows = table(await freeipmi('ipmi-sel', bmc, ['--no-header-output']));
    expect(rows).toHaveLength(12);
    expect(rows[0]!.slice(3)).toEqual(['CPU1 Temp', 'Temperature', 'Upper Non-critical - going high ; Sensor Reading = 86.00 C ; Threshold = 85.00 C']);
    expect(rows[4]!.slice(3)).toEqual(['PSU2 Status', 'Power Supply', 'Power Supply Failure detected']);
    expect(rows[9]!.slice(3)).toEqual([
      'POST Progress',
      'System Firmware Progress',
      'System Firmware Progress ; Starting operating system boot process, e.g. calling Unsigned Int 19h',
    ]);
  });

  it('ipmi-fru reads the areas and the power supply multirecord', async () => {
    const text = await freeipmi('ipmi-fru', bmc, []);
    expect(text).toContain('FRU Chassis Type: Rack Mount Chassis');
    expect(text).toContain('FRU Board Manufacturer: Acme Boards');
    expect(text).toContain('FRU Product Name: Widget Server 9000');
    expect(text).toContain('FRU Power Supply Overall Capacity: 800 Watts');
    expect(text).toMatch(/PSU1 FRU[\s\S]*FRU Product Name: PWS-800/);
  });

  it('ipmipower --stat and bmc-info work', async () => {
    await ipmitool(bmc, ['chassis', 'power', 'on']);
    expect((await freeipmi('ipmipower', bmc, ['--stat'])).trim()).toBe(`${bmc.host}: on`);
    expect(await freeipmi('bmc-info', bmc, ['--get-device-id'])).toMatch(/Firmware Revision\s+: 2\.15/);
  });
});

// These start and stop instances by hand: what they test is the fixture's own start, stop and failure.
describe('harness isolation', () => {
  it('parallel instances get their own ports, passwords and state', async () => {
    const [a, b] = await Promise.all([startIpmiSim({ power: 'off' }), startIpmiSim({ solConsole: false })]);
    try {
      expect(new Set([a.port, b.port, bmc.port]).size).toBe(3);
      expect(a.password).not.toBe(b.password);
      expect(b.sol).toBeUndefined();
      expect(await ipmitool(a, ['chassis', 'power', 'status'])).toContain('off');
      expect(await ipmitool(b, ['chassis', 'power', 'status'])).toContain('on');
      await expect(ipmitool({ ...a, password: b.password }, ['mc', 'info'])).rejects.toBeInstanceOf(IpmitoolError);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    await expect(ipmitool(a, ['mc', 'info'], { timeoutMs: 5_000 })).rejects.toBeInstanceOf(IpmitoolError);
  });

  it('a broken fixture line is reported, not a silent hang', async () => {
    await expect(startIpmiSim({ extraCommands: ['sensor_set_value 0x20 0 0x10 zz 0'] })).rejects.toThrow(/Invalid value|zz/);
  });
});
