import { ByteReader, ByteWriter } from '../codec/bytes.ts';
import { MalformedError } from '../errors.ts';

/**
 * RMCP+ Open Session and RAKP message codecs, IPMI v2.0 sections 13.17-13.23. Both directions
 * are here so that the client and the simulator share one implementation of each format.
 */

export interface OpenSessionRequest {
  tag: number;
  /** Requested maximum privilege level (0 = highest the proposed algorithms allow). */
  privilege: number;
  consoleSessionId: number;
  auth: number;
  integrity: number;
  confidentiality: number;
}

export interface OpenSessionResponse {
  tag: number;
  status: number;
  privilege: number;
  consoleSessionId: number;
  bmcSessionId: number;
  auth: number;
  integrity: number;
  confidentiality: number;
}

/** One 8-byte algorithm payload (13.17 Tables 13-9 to 13-11): type, reserved, length 8, algorithm. */
function writeAlgorithm(w: ByteWriter, type: number, alg: number): void {
  w.u8(type).u16le(0).u8(0x08).u8(alg & 0x3f).zeros(3);
}

function readAlgorithm(r: ByteReader, type: number, name: string): number {
  const t = r.u8(`${name} payload type`);
  r.skip(2);
  const len = r.u8(`${name} payload length`);
  if (t !== type) throw new MalformedError(r.what, `${name} payload type ${t} (expected ${type})`);
  if (len !== 8) throw new MalformedError(r.what, `${name} payload length ${len} (expected 8)`);
  const alg = r.u8(`${name} algorithm`) & 0x3f;
  r.skip(3);
  return alg;
}

export function encodeOpenSessionRequest(m: OpenSessionRequest): Uint8Array {
  const w = new ByteWriter(32).u8(m.tag).u8(m.privilege & 0x0f).u16le(0).u32le(m.consoleSessionId);
  writeAlgorithm(w, 0x00, m.auth);
  writeAlgorithm(w, 0x01, m.integrity);
  writeAlgorithm(w, 0x02, m.confidentiality);
  return w.finish();
}

export function decodeOpenSessionRequest(buf: Uint8Array): OpenSessionRequest {
  const r = new ByteReader(buf, 'Open Session Request');
  const tag = r.u8('message tag');
  const privilege = r.u8('privilege') & 0x0f;
  r.skip(2);
  const consoleSessionId = r.u32le('remote console session ID');
  const auth = readAlgorithm(r, 0x00, 'authentication');
  const integrity = readAlgorithm(r, 0x01, 'integrity');
  const confidentiality = readAlgorithm(r, 0x02, 'confidentiality');
  return { tag, privilege, consoleSessionId, auth, integrity, confidentiality };
}

export function encodeOpenSessionResponse(m: OpenSessionResponse): Uint8Array {
  const w = new ByteWriter(36).u8(m.tag).u8(m.status).u8(m.privilege).u8(0).u32le(m.consoleSessionId);
  if (m.status !== 0) return w.finish();
  w.u32le(m.bmcSessionId);
  writeAlgorithm(w, 0x00, m.auth);
  writeAlgorithm(w, 0x01, m.integrity);
  writeAlgorithm(w, 0x02, m.confidentiality);
  return w.finish();
}

/** An error status response carries only tag, status, reserved and the console session ID. */
export function decodeOpenSessionResponse(buf: Uint8Array): OpenSessionResponse {
  const r = new ByteReader(buf, 'Open Session Response');
  const tag = r.u8('message tag');
  const status = r.u8('status code');
  const privilege = r.u8('maximum privilege') & 0x0f;
  r.skip(1);
  const consoleSessionId = r.u32le('remote console session ID');
  if (status !== 0) return { tag, status, privilege, consoleSessionId, bmcSessionId: 0, auth: 0, integrity: 0, confidentiality: 0 };
  const bmcSessionId = r.u32le('managed system session ID');
  const auth = readAlgorithm(r, 0x00, 'authentication');
  const integrity = readAlgorithm(r, 0x01, 'integrity');
  const confidentiality = readAlgorithm(r, 0x02, 'confidentiality');
  return { tag, status, privilege, consoleSessionId, bmcSessionId, auth, integrity, confidentiality };
}

export interface Rakp1 {
  tag: number;
  bmcSessionId: number;
  consoleRandom: Uint8Array;
  /** Whole role byte: privilege (bits 3:0) and name-only lookup (bit 4). */
  role: number;
  username: Uint8Array;
}

export function encodeRakp1(m: Rakp1): Uint8Array {
  if (m.consoleRandom.length !== 16) throw new RangeError('consoleRandom: expected 16 bytes');
  if (m.username.length > 16) throw new RangeError('username: at most 16 bytes');
  return new ByteWriter(44).u8(m.tag).zeros(3).u32le(m.bmcSessionId).bytes(m.consoleRandom)
    .u8(m.role).u16le(0).u8(m.username.length).bytes(m.username).finish();
}

export function decodeRakp1(buf: Uint8Array): Rakp1 {
  const r = new ByteReader(buf, 'RAKP Message 1');
  const tag = r.u8('message tag');
  r.skip(3);
  const bmcSessionId = r.u32le('managed system session ID');
  const consoleRandom = r.bytes(16, 'remote console random number').slice();
  const role = r.u8('requested role');
  r.skip(2);
  const len = r.u8('user name length');
  if (len > 16) throw new MalformedError(r.what, `user name length ${len} exceeds 16`);
  const username = r.bytes(len, 'user name').slice();
  return { tag, bmcSessionId, consoleRandom, role, username };
}

export interface Rakp2 {
  tag: number;
  status: number;
  consoleSessionId: number;
  bmcRandom: Uint8Array;
  bmcGuid: Uint8Array;
  authCode: Uint8Array;
}

export function encodeRakp2(m: Rakp2): Uint8Array {
  const w = new ByteWriter(60).u8(m.tag).u8(m.status).u16le(0).u32le(m.consoleSessionId);
  if (m.status !== 0) return w.finish();
  return w.bytes(m.bmcRandom).bytes(m.bmcGuid).bytes(m.authCode).finish();
}

export function decodeRakp2(buf: Uint8Array): Rakp2 {
  const r = new ByteReader(buf, 'RAKP Message 2');
  const tag = r.u8('message tag');
  const status = r.u8('status code');
  r.skip(2);
  const consoleSessionId = r.u32le('remote console session ID');
  if (status !== 0) return { tag, status, consoleSessionId, bmcRandom: new Uint8Array(16), bmcGuid: new Uint8Array(16), authCode: new Uint8Array(0) };
  const bmcRandom = r.bytes(16, 'managed system random number').slice();
  const bmcGuid = r.bytes(16, 'managed system GUID').slice();
  const authCode = r.rest().slice();
  return { tag, status, consoleSessionId, bmcRandom, bmcGuid, authCode };
}

export interface Rakp3 {
  tag: number;
  status: number;
  bmcSessionId: number;
  authCode: Uint8Array;
}

export function encodeRakp3(m: Rakp3): Uint8Array {
  return new ByteWriter(40).u8(m.tag).u8(m.status).u16le(0).u32le(m.bmcSessionId).bytes(m.authCode).finish();
}

export function decodeRakp3(buf: Uint8Array): Rakp3 {
  const r = new ByteReader(buf, 'RAKP Message 3');
  const tag = r.u8('message tag');
  const status = r.u8('status code');
  r.skip(2);
  const bmcSessionId = r.u32le('managed system session ID');
  return { tag, status, bmcSessionId, authCode: r.rest().slice() };
}

export interface Rakp4 {
  tag: number;
  status: number;
  consoleSessionId: number;
  icv: Uint8Array;
}

export function encodeRakp4(m: Rakp4): Uint8Array {
  return new ByteWriter(28).u8(m.tag).u8(m.status).u16le(0).u32le(m.consoleSessionId).bytes(m.icv).finish();
}

export function decodeRakp4(buf: Uint8Array): Rakp4 {
  const r = new ByteReader(buf, 'RAKP Message 4');
  const tag = r.u8('message tag');
  const status = r.u8('status code');
  r.skip(2);
  const consoleSessionId = r.u32le('remote console session ID');
  return { tag, status, consoleSessionId, icv: r.rest().slice() };
}

/** Privilege levels, section 6.8 / Table 22-... (1 callback, 2 user, 3 operator, 4 administrator, 5 OEM). */
export const Privilege = { callback: 1, user: 2, operator: 3, admin: 4, oem: 5 } as const;
export type PrivilegeName = 'user' | 'operator' | 'admin';

export function privilegeLevel(name: PrivilegeName): number {
  return Privilege[name];
}

export function privilegeName(level: number): string {
  return ['none', 'callback', 'user', 'operator', 'admin', 'oem'][level] ?? `level ${level}`;
}
