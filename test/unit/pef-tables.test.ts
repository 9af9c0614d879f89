/** The PEF pieces behind `bmc pef`: Get Last Processed Event ID (IPMI v2.0 30.5) and the names of Table 30-2's bytes. */
import { describe, expect, it } from 'vitest';
import { GetLastProcessedEventId } from '../../lambdas/ipmi/commands/sensor/pef-config.ts';
import { TruncatedError } from '../../lambdas/ipmi/errors.ts';
import { actionBits, actionNames, severityName } from '../../lambdas/ipmi/ops/pef.ts';

describe('Get Last Processed Event ID, 30.5', () => {
  it('response: timestamp, last record, last software and BMC processed IDs, least significant byte first', () => {
    const bytes = Uint8Array.of(0x78, 0x56, 0x34, 0x12, 0x0d, 0x00, 0xff, 0xff, 0x0c, 0x00);
    const e = GetLastProcessedEventId.decode(bytes);
    expect(e).toEqual({ lastAddTimestamp: 0x12345678, lastRecordId: 0x0d, lastSoftwareProcessedId: 0xffff, lastBmcProcessedId: 0x0c });
    expect(GetLastProcessedEventId.encodeResponse(e)).toEqual(bytes);
    expect(() => GetLastProcessedEventId.decode(bytes.subarray(0, 9))).toThrow(TruncatedError);
  });
});

describe('event filter action and severity names, Table 30-2 bytes 2 and 4', () => {
  it('action bits 0-6 map to names and back', () => {
    expect(actionNames(0x0b)).toEqual(['alert', 'power-off', 'power-cycle']);
    expect(actionBits(['alert', 'group-control'])).toBe(0x41);
    expect(() => actionBits(['explode'])).toThrow(/PEF action must be one of/);
  });

  it('severities are the PET values; others show as hex', () => {
    expect([0x00, 0x04, 0x08, 0x10, 0x20].map(severityName)).toEqual(['unspecified', 'ok', 'non-critical', 'critical', 'non-recoverable']);
    expect(severityName(0x03)).toBe('0x03');
  });
});
