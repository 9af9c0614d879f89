/**
 * DCMI power management (DCMI v1.5 section 6.6; NetFn Group Extension 2Ch, every request
 * and response data starting with the group extension identification DCh):
 * Get Power Reading (6.6.1, cmd 02h), Get Power Limit (6.6.2, cmd 03h), Set Power Limit
 * (6.6.3, cmd 04h), Activate/Deactivate Power Limit (6.6.4, cmd 05h).
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { InvalidArgumentError, MalformedError } from '../../errors.ts';
import type { Command } from '../command.ts';

/** NetFn Group Extension (IPMI v2.0 Table 5-1). */
export const GROUP_EXTENSION = 0x2c;
/** DCMI's group extension identification (DCMI v1.5 Table 6-1). */
export const DCMI_GROUP = 0xdc;

function openDcmi(data: Uint8Array, what: string): ByteReader {
  const r = new ByteReader(data, what);
  const group = r.u8('group extension identification');
  if (group !== DCMI_GROUP) throw new MalformedError(what, `group extension ${group.toString(16)}h, expected DCh`);
  return r;
}

export interface PowerReading {
  readonly current: number;
  readonly minimum: number;
  readonly maximum: number;
  readonly average: number;
  /** IPMI timestamp (seconds since 1970) of the reading. */
  readonly timestamp: number;
  /** Statistics reporting time period, ms. */
  readonly periodMs: number;
  /** Byte 18 [6]: power measurement active. */
  readonly active: boolean;
}

/** Request: DCh, mode (01h system power statistics), mode attributes, reserved. */
export const GetPowerReading: Command<void, PowerReading> & { encodeResponse(p: PowerReading): Uint8Array } = {
  name: 'DCMI Get Power Reading',
  netFn: GROUP_EXTENSION,
  cmd: 0x02,
  encode: () => Uint8Array.of(DCMI_GROUP, 0x01, 0x00, 0x00),
  decode(data) {
    const r = openDcmi(data, 'DCMI Get Power Reading response');
    return {
      current: r.u16le('current power'),
      minimum: r.u16le('minimum power'),
      maximum: r.u16le('maximum power'),
      average: r.u16le('average power'),
      timestamp: r.u32le('timestamp'),
      periodMs: r.u32le('statistics reporting time period'),
      active: (r.u8('power reading state') & 0x40) !== 0,
    };
  },
  encodeResponse: (p) =>
    new ByteWriter(18).u8(DCMI_GROUP).u16le(p.current).u16le(p.minimum).u16le(p.maximum).u16le(p.average).u32le(p.timestamp).u32le(p.periodMs).u8(p.active ? 0x40 : 0).finish(),
};

/** Exception actions, Table 6-14: what the BMC does when the limit cannot be held. */
export const EXCEPTION_ACTIONS = { none: 0x00, 'power-off': 0x01, 'log-sel': 0x11 } as const;
export type ExceptionAction = keyof typeof EXCEPTION_ACTIONS;

export interface PowerLimit {
  readonly exceptionAction: ExceptionAction;
  /** Watts. */
  readonly limit: number;
  /** Correction time limit, ms. */
  readonly correctionMs: number;
  /** Statistics sampling period, s. */
  readonly samplingSeconds: number;
}

function actionName(code: number): ExceptionAction {
  return (Object.keys(EXCEPTION_ACTIONS) as ExceptionAction[]).find((k) => EXCEPTION_ACTIONS[k] === code) ?? 'none';
}

/** Get Power Limit; completion code 80h means no limit is active (the values are still the stored ones). */
export const GetPowerLimit: Command<void, PowerLimit> & { encodeResponse(p: PowerLimit): Uint8Array } = {
  name: 'DCMI Get Power Limit',
  netFn: GROUP_EXTENSION,
  cmd: 0x03,
  completionCodes: { 0x80: 'no active power limit' },
  encode: () => Uint8Array.of(DCMI_GROUP, 0x00, 0x00),
  decode(data) {
    const r = openDcmi(data, 'DCMI Get Power Limit response');
    r.skip(2);
    const exceptionAction = actionName(r.u8('exception actions'));
    const limit = r.u16le('power limit');
    const correctionMs = r.u32le('correction time limit');
    r.skip(2);
    return { exceptionAction, limit, correctionMs, samplingSeconds: r.u16le('statistics sampling period') };
  },
  encodeResponse: (p) =>
    new ByteWriter(14).u8(DCMI_GROUP).u16le(0).u8(EXCEPTION_ACTIONS[p.exceptionAction]).u16le(p.limit).u32le(p.correctionMs).u16le(0).u16le(p.samplingSeconds).finish(),
};

export const SetPowerLimit: Command<PowerLimit, void> & { decodeRequest(data: Uint8Array): PowerLimit } = {
  name: 'DCMI Set Power Limit',
  netFn: GROUP_EXTENSION,
  cmd: 0x04,
  completionCodes: { 0x84: 'power limit out of range', 0x85: 'correction time out of range', 0x89: 'statistics reporting period out of range' },
  encode(p) {
    if (!Number.isInteger(p.limit) || p.limit < 1 || p.limit > 0xffff) throw new InvalidArgumentError(`power limit must be 1-65535 W, got ${p.limit}`);
    if (!Number.isInteger(p.correctionMs) || p.correctionMs < 0 || p.correctionMs > 0xffffffff) throw new InvalidArgumentError('correction time: 0-4294967295 ms');
    if (!Number.isInteger(p.samplingSeconds) || p.samplingSeconds < 0 || p.samplingSeconds > 0xffff) throw new InvalidArgumentError('sampling period: 0-65535 s');
    return new ByteWriter(15).u8(DCMI_GROUP).u24le(0).u8(EXCEPTION_ACTIONS[p.exceptionAction]).u16le(p.limit).u32le(p.correctionMs).u16le(0).u16le(p.samplingSeconds).finish();
  },
  decode(data) {
    openDcmi(data, 'DCMI Set Power Limit response');
  },
  decodeRequest(data) {
    const r = openDcmi(data, 'DCMI Set Power Limit request');
    r.skip(3);
    const exceptionAction = actionName(r.u8('exception actions'));
    const limit = r.u16le('power limit');
    const correctionMs = r.u32le('correction time limit');
    r.skip(2);
    return { exceptionAction, limit, correctionMs, samplingSeconds: r.u16le('statistics sampling period') };
  },
};

export const ActivatePowerLimit: Command<boolean, void> & { decodeRequest(data: Uint8Array): boolean } = {
  name: 'DCMI Activate/Deactivate Power Limit',
  netFn: GROUP_EXTENSION,
  cmd: 0x05,
  encode: (activate) => Uint8Array.of(DCMI_GROUP, activate ? 0x01 : 0x00, 0x00, 0x00),
  decode(data) {
    openDcmi(data, 'DCMI Activate Power Limit response');
  },
  decodeRequest: (data) => openDcmi(data, 'DCMI Activate Power Limit request').u8('activation') === 0x01,
};

/** The one-byte answer of DCMI commands that return nothing else. */
export const DCMI_ACK = Uint8Array.of(DCMI_GROUP);
