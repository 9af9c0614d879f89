import { describe, expect, it } from 'vitest';
import { fromHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { GetDeviceGuid } from '../../lambdas/ipmi/commands/app/get-device-guid.ts';
import { formatFirmwareRevision, formatIpmiVersion, GetDeviceId } from '../../lambdas/ipmi/commands/app/get-device-id.ts';
import { GetSelfTestResults } from '../../lambdas/ipmi/commands/app/get-self-test-results.ts';
import { GetSystemGuid } from '../../lambdas/ipmi/commands/app/get-system-guid.ts';
import { parseGuid } from '../../lambdas/ipmi/commands/app/guid.ts';
import { MalformedError, TruncatedError } from '../../lambdas/ipmi/errors.ts';

describe('Get Device ID (IPMI v2.0 20.1, Table 20-2)', () => {
  it('is App netFn 06h command 01h with no request data', () => {
    expect([GetDeviceId.netFn, GetDeviceId.cmd]).toEqual([0x06, 0x01]);
    expect(GetDeviceId.encode(undefined)).toEqual(new Uint8Array());
  });

  it('decodes every field of a full 15-byte response', () => {
    // id 20h; rev 81h (SDRs, rev 1); fw 82h 16h (update in progress, 2.16); IPMI 02h (2.0);
    // support 9Fh; mfg 001291h (4753); product 0F02h; aux 01 02 03 04.
    const id = GetDeviceId.decode(fromHex('20 81 82 16 02 9f 91 12 00 02 0f 01 02 03 04'));
    expect(id).toMatchObject({
      deviceId: 0x20,
      deviceRevision: 1,
      providesDeviceSdrs: true,
      deviceAvailable: false,
      firmwareMajor: 2,
      firmwareMinorBcd: 0x16,
      ipmiVersionMajor: 2,
      ipmiVersionMinor: 0,
      manufacturerId: 4753,
      productId: 0x0f02,
      additionalSupport: ['Sensor Device', 'SDR Repository Device', 'SEL Device', 'FRU Inventory Device', 'IPMB Event Receiver', 'Chassis Device'],
    });
    expect(id.auxFirmwareRevision).toEqual(Uint8Array.of(1, 2, 3, 4));
    expect(formatFirmwareRevision(id)).toBe('2.16');
    expect(formatIpmiVersion(id)).toBe('2.0');
  });

  it('accepts the 11 mandatory bytes without aux revision and masks reserved manufacturer bits 23:20', () => {
    const id = GetDeviceId.decode(fromHex('01 00 01 05 51 00 a2 02 f0 00 00'));
    expect(id.auxFirmwareRevision).toBeNull();
    expect(id.manufacturerId).toBe(0x0002a2);
    expect(formatFirmwareRevision(id)).toBe('1.05');
    expect(formatIpmiVersion(id)).toBe('1.5');
    expect(id.deviceAvailable).toBe(true);
  });

  it('rejects a short response naming the needed and actual length', () => {
    const err = (() => {
      try {
        GetDeviceId.decode(fromHex('20 81 02 16 02 9f 91 12 00 02'));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(TruncatedError);
    expect((err as TruncatedError).message).toMatch(/Get Device ID response.*need 11 bytes, have 10/);
  });
});

describe('GUIDs (20.8 Table 20-10, 22.14) printed as ipmitool 1.8.19 prints them', () => {
  it('Get Device GUID is App 08h, Get System GUID App 37h; both want 16 bytes', () => {
    expect([GetDeviceGuid.netFn, GetDeviceGuid.cmd, GetSystemGuid.cmd]).toEqual([0x06, 0x08, 0x37]);
    const sixteen = fromHex('00112233445566778899aabbccddeeff');
    expect(GetSystemGuid.decode(sixteen)).toEqual(sixteen);
    expect(() => GetDeviceGuid.decode(sixteen.subarray(0, 15))).toThrow(TruncatedError);
  });

  it('decodes the IPMI byte order (everything LS byte first) when only that has a valid version', () => {
    // RFC text 12345678-9abc-1def-8123-456789abcdef, time 1-based? version nibble 1 in IPMI order.
    // IPMI order: node reversed, clock LE, time_hi LE, time_mid LE, time_low LE.
    const raw = fromHex('ef cd ab 89 67 45 23 81 ef 1d bc 9a 78 56 34 12');
    const g = parseGuid(raw, 'ipmi');
    expect(g.text).toBe('12345678-9abc-1def-8123-456789abcdef');
    expect(g.version).toBe(1);
  });

  it('auto-detects SMBIOS order for a random (version 4) GUID, as ipmitool prefers SMBIOS', () => {
    const raw = fromHex('33 22 11 00 55 44 77 46 88 99 aa bb cc dd ee ff');
    const g = parseGuid(raw);
    expect(g.encoding).toBe('smbios');
    expect(g.text).toBe('00112233-4455-4677-8899-aabbccddeeff');
    expect(g.version).toBe(4);
  });

  it('prefers a version-1 GUID whose timestamp is plausible, whatever the precedence', () => {
    // RFC 4122 order, version 1, time fields for 2005: time_low 0x6ba7b810 mid 0x9dad hi 0x11d1 (the RFC's DNS namespace).
    const raw = fromHex('6b a7 b8 10 9d ad 11 d1 80 b4 00 c0 4f d4 30 c8');
    const g = parseGuid(raw, 'auto', new Date('2025-01-01T00:00:00Z'));
    expect(g.encoding).toBe('rfc4122');
    expect(g.text).toBe('6ba7b810-9dad-11d1-80b4-00c04fd430c8');
    expect(g.timestamp?.getUTCFullYear()).toBe(1998);
  });

  it('dumps upper-case hex when no byte order gives a valid version', () => {
    // Version nibbles: RFC byte 6 = 6, SMBIOS byte 7 = 7, IPMI byte 9 = 9: none is 1-5.
    const raw = fromHex('00112233445566778899aabbccddeeff');
    const g = parseGuid(raw);
    expect(g.encoding).toBe('dump');
    expect(g.text).toBe('00112233445566778899AABBCCDDEEFF');
  });

  it('rejects a GUID that is not 16 bytes', () => {
    expect(() => parseGuid(new Uint8Array(15))).toThrow(MalformedError);
  });
});

describe('Get Self Test Results (20.4, Table 20-5)', () => {
  it('is App 04h and decodes 55h as passed', () => {
    expect([GetSelfTestResults.netFn, GetSelfTestResults.cmd]).toEqual([0x06, 0x04]);
    expect(GetSelfTestResults.decode(fromHex('55 00'))).toEqual({ status: 'passed', code: 0x55, detail: 0, failures: [] });
  });

  it('names the failed devices of a 57h result from byte 3', () => {
    const r = GetSelfTestResults.decode(fromHex('57 c1'));
    expect(r.status).toBe('device-error');
    expect(r.failures).toEqual(['cannot access SEL device', 'cannot access SDR repository', 'controller operational firmware corrupted']);
  });

  it('classifies 56h, 58h and device-specific codes', () => {
    expect(GetSelfTestResults.decode(fromHex('56 00')).status).toBe('not-implemented');
    expect(GetSelfTestResults.decode(fromHex('58 12'))).toMatchObject({ status: 'fatal-hardware-error', detail: 0x12 });
    expect(GetSelfTestResults.decode(fromHex('60 01')).status).toBe('device-specific');
  });

  it('rejects a one-byte response', () => {
    expect(() => GetSelfTestResults.decode(fromHex('55'))).toThrow(/Get Self Test Results response: truncated at result detail/);
  });
});
