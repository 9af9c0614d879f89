/** Codecs of the BMC configuration commands, with the byte layouts of the IPMI v2.0 and DCMI v1.5 tables. */
import { describe, expect, it } from 'vitest';
import { GetUserAccess, SetUserAccess, SetUserName, SetUserPassword } from '../../lambdas/ipmi/commands/app/user-accounts.ts';
import { GetWatchdogTimer } from '../../lambdas/ipmi/commands/app/watchdog.ts';
import { GetPowerLimit, GetPowerReading, SetPowerLimit } from '../../lambdas/ipmi/commands/dcmi/power.ts';
import { AlertImmediate, decodeAlertPolicy, decodeEventFilter } from '../../lambdas/ipmi/commands/sensor/pef-config.ts';
import { SetSensorThresholds } from '../../lambdas/ipmi/commands/sensor/set-sensor-thresholds.ts';
import { AddSelEntry } from '../../lambdas/ipmi/commands/storage/sel-add.ts';
import { GetLanConfig } from '../../lambdas/ipmi/commands/transport/lan-config.ts';
import { DestinationAddressParam, LanParam } from '../../lambdas/ipmi/commands/transport/lan-parameters.ts';
import { InvalidArgumentError, MalformedError, TruncatedError } from '../../lambdas/ipmi/errors.ts';
import { disruptiveFields, validateLanChange, type LanSummary } from '../../lambdas/ipmi/ops/lan.ts';

describe('user accounts (22.26-22.30)', () => {
  it('Get User Access response, Table 22-29', () => {
    expect(GetUserAccess.decode(Uint8Array.of(0x0a, 0x42, 0x01, 0x34))).toEqual({
      maxUserIds: 10, enabledUserIds: 2, enableStatus: 'enabled', fixedNameUserIds: 1, callbackOnly: false, linkAuth: true, ipmiMessaging: true, privilegeLimit: 4,
    });
    expect(() => GetUserAccess.decode(Uint8Array.of(0x0a))).toThrow(TruncatedError);
  });

  it('Set User Access request, Table 22-28: change bits, user id, privilege limit', () => {
    expect(SetUserAccess.encode({ channel: 1, userId: 5, privilegeLimit: 3, flags: { callbackOnly: false, linkAuth: true, ipmiMessaging: true } })).toEqual(Uint8Array.of(0xb1, 0x05, 0x03));
    expect(() => SetUserAccess.encode({ channel: 1, userId: 5, privilegeLimit: 7 })).toThrow(InvalidArgumentError);
  });

  it('Set User Name request: user id and 16 NUL-padded bytes; 17 bytes refused', () => {
    const req = SetUserName.encode({ userId: 3, name: 'ops' });
    expect(req.length).toBe(17);
    expect([...req.subarray(0, 4)]).toEqual([3, 0x6f, 0x70, 0x73]);
    expect(() => SetUserName.encode({ userId: 3, name: 'x'.repeat(17) })).toThrow(InvalidArgumentError);
  });

  it('Set User Password, Table 22-31: 16- and 20-byte forms, enable/disable, 21 bytes refused', () => {
    const short = SetUserPassword.encode({ userId: 2, password: 'abc' });
    expect(short.length).toBe(18);
    expect([...short.subarray(0, 5)]).toEqual([0x02, 0x02, 0x61, 0x62, 0x63]);
    const long = SetUserPassword.encode({ userId: 2, password: 'x'.repeat(20) });
    expect(long.length).toBe(22);
    expect(long[0]).toBe(0x82);
    expect(SetUserPassword.encode({ userId: 4, operation: 'disable' })).toEqual(Uint8Array.of(0x04, 0x00));
    expect(() => SetUserPassword.encode({ userId: 2, password: 'x'.repeat(21) })).toThrow(/1 to 20 bytes, got 21/);
    expect(SetUserPassword.decodeRequest(long)).toMatchObject({ userId: 2, operation: 'set', size: 20 });
    expect(() => SetUserPassword.decodeRequest(Uint8Array.of(0x02, 0x02, 0x61))).toThrow(MalformedError);
  });
});

describe('LAN parameters (Table 23-4)', () => {
  it('parameter 20, VLAN ID: enable bit 7 of byte 2, 12-bit id; 5000 refused', () => {
    expect(LanParam.vlanId.encode(100)).toEqual(Uint8Array.of(0x64, 0x80));
    expect(LanParam.vlanId.decode(Uint8Array.of(0x64, 0x80))).toBe(100);
    expect(LanParam.vlanId.decode(Uint8Array.of(0x64, 0x00))).toBeNull();
    expect(() => LanParam.vlanId.encode(5000)).toThrow(InvalidArgumentError);
  });

  it('Get LAN Configuration Parameters: request bytes and response revision', () => {
    expect(GetLanConfig.encode({ channel: 1, parameter: 3 })).toEqual(Uint8Array.of(0x01, 0x03, 0x00, 0x00));
    expect(GetLanConfig.decode(Uint8Array.of(0x11, 10, 0, 0, 1))).toEqual({ revision: 0x11, data: Uint8Array.of(10, 0, 0, 1) });
    expect(LanParam.ipAddress.decode(Uint8Array.of(10, 0, 0, 1))).toBe('10.0.0.1');
    expect(() => LanParam.ipAddress.decode(Uint8Array.of(10, 0))).toThrow(TruncatedError);
    expect(() => LanParam.macAddress.decode(Uint8Array.of(1, 2, 3))).toThrow(TruncatedError);
  });

  it('parameter 19, destination address: selector, format, gateway, IP, MAC', () => {
    const bytes = DestinationAddressParam.encode({ destination: 1, useBackupGateway: false, ipAddress: '127.0.0.9', macAddress: '00:11:22:33:44:55' });
    expect(bytes).toEqual(Uint8Array.of(1, 0, 0, 127, 0, 0, 9, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55));
    expect(() => DestinationAddressParam.decode(bytes.subarray(0, 8))).toThrow(TruncatedError);
  });

  it('a gateway outside the subnet is refused; addressing changes are named for the guard', () => {
    const current: LanSummary = { ipSource: 'static', ipAddress: '10.1.0.5', netmask: '255.255.0.0', gateway: '10.1.0.1', macAddress: '00:00:00:00:00:01', vlanId: null };
    expect(() => validateLanChange(current, { gateway: '10.2.0.1' })).toThrow(/outside the subnet/);
    expect(() => validateLanChange(current, { netmask: '255.0.255.0' })).toThrow(/not a contiguous mask/);
    expect(() => validateLanChange(current, { ipAddress: '10.1.0.300' })).toThrow(/not an IPv4 address/);
    expect(disruptiveFields(current, { vlanId: 7, vlanPriority: 3 })).toEqual(['vlanId']);
    expect(disruptiveFields(current, { ipAddress: '10.1.0.5' })).toEqual([]);
  });
});

describe('PEF (30), thresholds (35.8), SEL (31.6), watchdog (27.7)', () => {
  it('event filter (Table 30-2) and alert policy (Table 30-9) entries; short ones are typed errors', () => {
    const filter = Uint8Array.of(1, 0xc0, 0x01, 0x01, 0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(decodeEventFilter(filter)).toMatchObject({ id: 1, enabled: true, preconfigured: true, actions: 1, policyNumber: 1, severity: 0x10, offsetMask: 0xffff });
    expect(() => decodeEventFilter(filter.subarray(0, 12))).toThrow(TruncatedError);
    expect(decodeAlertPolicy(Uint8Array.of(1, 0x18, 0x11, 0x00))).toEqual({ id: 1, policyNumber: 1, enabled: true, policy: 0, channel: 1, destination: 1, alertStringKey: 0 });
    expect(AlertImmediate.encode({ channel: 1, destination: 2 })).toEqual(Uint8Array.of(0x01, 0x02));
  });

  it('Set Sensor Thresholds: mask then LNC, LCR, LNR, UNC, UCR, UNR', () => {
    expect(SetSensorThresholds.encode({ sensorNumber: 0x30, thresholds: { ucr: 0x5b } })).toEqual(Uint8Array.of(0x30, 0x10, 0, 0, 0, 0, 0x5b, 0));
    expect(() => SetSensorThresholds.encode({ sensorNumber: 0x30, thresholds: { ucr: 256 } })).toThrow(InvalidArgumentError);
  });

  it('Add SEL Entry takes 16 bytes and answers the record id', () => {
    expect(() => AddSelEntry.encode(new Uint8Array(15))).toThrow(InvalidArgumentError);
    expect(AddSelEntry.decode(Uint8Array.of(0x34, 0x12))).toBe(0x1234);
    expect(() => AddSelEntry.decode(Uint8Array.of(0x34))).toThrow(TruncatedError);
  });

  it('Get Watchdog Timer: countdowns in 100 ms units', () => {
    expect(GetWatchdogTimer.decode(Uint8Array.of(0x44, 0x01, 0x05, 0x00, 0x58, 0x02, 0x2c, 0x01))).toMatchObject({ use: 'sms-os', running: true, action: 'hard-reset', preTimeoutSeconds: 5, initialCountdown: 60, presentCountdown: 30 });
    expect(() => GetWatchdogTimer.decode(Uint8Array.of(0x44, 0x01, 0x05))).toThrow(TruncatedError);
  });
});

describe('DCMI v1.5 power (6.6)', () => {
  it('Get Power Reading: DCh, current, min, max, average, timestamp, period, state', () => {
    expect(GetPowerReading.encode()).toEqual(Uint8Array.of(0xdc, 0x01, 0x00, 0x00));
    const res = Uint8Array.of(0xdc, 200, 0, 150, 0, 250, 0, 180, 0, 0, 0, 0, 0, 0xe8, 0x03, 0, 0, 0x40);
    expect(GetPowerReading.decode(res)).toMatchObject({ current: 200, minimum: 150, maximum: 250, average: 180, periodMs: 1000, active: true });
    expect(() => GetPowerReading.decode(res.subarray(0, 9))).toThrow(TruncatedError);
    expect(() => GetPowerReading.decode(Uint8Array.of(0xdd, ...res.subarray(1)))).toThrow(MalformedError);
  });

  it('Set Power Limit request and Get Power Limit response agree', () => {
    const limit = { exceptionAction: 'log-sel' as const, limit: 400, correctionMs: 1000, samplingSeconds: 60 };
    const req = SetPowerLimit.encode(limit);
    expect([...req.subarray(0, 7)]).toEqual([0xdc, 0, 0, 0, 0x11, 0x90, 0x01]);
    expect(SetPowerLimit.decodeRequest(req)).toEqual(limit);
    expect(GetPowerLimit.decode(GetPowerLimit.encodeResponse(limit))).toEqual(limit);
    expect(() => SetPowerLimit.encode({ ...limit, limit: 0 })).toThrow(InvalidArgumentError);
  });
});
