import { ByteReader, ByteWriter } from '../codec/bytes.ts';
import { IntegrityError, MalformedError } from '../errors.ts';
import { aesEncryptedLength, sessionCipher, type AesCbc128 } from '../crypto/aes.ts';
import { ConfidentialityAlgorithm, IntegrityAlgorithm } from '../crypto/cipher-suites.ts';
import { codesEqual } from '../crypto/hmac.ts';
import { IntegrityKey, integrityCodeLength } from '../crypto/integrity-key.ts';
import { RmcpClass, RMCP_HEADER_LENGTH, readRmcpHeader, writeRmcpHeader } from './rmcp.ts';

/** Session header authentication type / format, section 13.6 Table 13-8. */
export const AuthType = { none: 0x00, md2: 0x01, md5: 0x02, password: 0x04, oem: 0x05, rmcpPlus: 0x06 } as const;

/** RMCP+ payload types, section 13.27.3 Table 13-16. */
export const PayloadType = {
  ipmi: 0x00,
  sol: 0x01,
  oemExplicit: 0x02,
  openSessionRequest: 0x10,
  openSessionResponse: 0x11,
  rakp1: 0x12,
  rakp2: 0x13,
  rakp3: 0x14,
  rakp4: 0x15,
} as const;

/** Largest payload accepted from the wire; anything larger is hostile (IPMI messages are far smaller). */
export const MAX_PAYLOAD = 1024;

/** The keys a session frames with once RAKP is done. */
export interface FrameKeys {
  integrity: IntegrityAlgorithm;
  confidentiality: ConfidentialityAlgorithm;
  k1: Uint8Array;
  k2: Uint8Array;
  /** Needed only by MD5-128 integrity, which hashes the password itself. */
  password: Uint8Array;
}

export interface V2Frame {
  payloadType: number;
  sessionId: number;
  sequence: number;
  /** Plaintext payload. */
  payload: Uint8Array;
  /** Set only for OEM explicit payloads. */
  oem?: { iana: number; payloadId: number };
}

/**
 * Per-key state kept for the life of a session's keys: the AES round keys and the HMAC pad
 * blocks, prepared once rather than per packet. Held weakly, so keys that are dropped take it
 * with them; wipeFrameKeys zeroes it.
 */
interface FrameCrypto {
  cipher: AesCbc128 | undefined;
  integrity: IntegrityKey;
}

const frameCrypto = new WeakMap<FrameKeys, FrameCrypto>();

function cryptoOf(keys: FrameKeys): FrameCrypto {
  let c = frameCrypto.get(keys);
  if (!c) {
    c = {
      cipher: keys.confidentiality === ConfidentialityAlgorithm.aesCbc128 ? sessionCipher(keys.k2) : undefined,
      integrity: new IntegrityKey(keys.integrity, keys.k1, keys.password),
    };
    frameCrypto.set(keys, c);
  }
  return c;
}

/** Zeroes a session's keys and everything derived from them (call once the session is closed). */
export function wipeFrameKeys(keys: FrameKeys): void {
  const c = frameCrypto.get(keys);
  c?.cipher?.wipe();
  c?.integrity.wipe();
  frameCrypto.delete(keys);
  keys.k1.fill(0);
  keys.k2.fill(0);
}

/** Session header length up to and including the payload length field (13.6, Figure 13-4). */
function headerLength(payloadType: number): number {
  return RMCP_HEADER_LENGTH + 2 + ((payloadType & 0x3f) === PayloadType.oemExplicit ? 6 : 0) + 10;
}

/**
 * Encodes an IPMI v2.0 RMCP+ packet (13.6, Figure 13-4 and 13.28). With keys, the payload
 * is encrypted when the suite has confidentiality and the trailer carries the integrity
 * AuthCode when it has integrity; without keys (or session id 0), the packet is plain.
 * The packet is sized up front and written once: the payload is encrypted in place and
 * the AuthCode written behind it.
 */
export function encodeV2(frame: V2Frame, keys?: FrameKeys): Uint8Array {
  const encrypted = !!keys && frame.sessionId !== 0 && keys.confidentiality === ConfidentialityAlgorithm.aesCbc128;
  const authenticated = !!keys && frame.sessionId !== 0 && keys.integrity !== IntegrityAlgorithm.none;
  const payloadLength = encrypted ? aesEncryptedLength(frame.payload.length) : frame.payload.length;
  const header = headerLength(frame.payloadType);
  let total = header + payloadLength;
  let pad = 0;
  let codeLength = 0;
  if (authenticated) {
    // Integrity pad: 0xFF bytes so that AuthType..Next Header is a multiple of 4 (13.28.4).
    pad = (4 - ((total - RMCP_HEADER_LENGTH + 2) % 4)) % 4;
    codeLength = integrityCodeLength(keys.integrity);
    total += pad + 2 + codeLength;
  }
  const prepared = encrypted || authenticated ? cryptoOf(keys) : undefined;
  const w = new ByteWriter(total);
  writeRmcpHeader(w, RmcpClass.ipmi);
  w.u8(AuthType.rmcpPlus).u8((encrypted ? 0x80 : 0) | (authenticated ? 0x40 : 0) | (frame.payloadType & 0x3f));
  if ((frame.payloadType & 0x3f) === PayloadType.oemExplicit) {
    w.u32le(frame.oem?.iana ?? 0).u16le(frame.oem?.payloadId ?? 0);
  }
  w.u32le(frame.sessionId).u32le(frame.sequence).u16le(payloadLength);
  if (encrypted) prepared!.cipher!.encryptPayloadInto(frame.payload, w.region(payloadLength), 0);
  else w.bytes(frame.payload);
  if (!authenticated) return w.view();
  for (let i = 0; i < pad; i++) w.u8(0xff);
  w.u8(pad).u8(0x07);
  const code = w.region(codeLength);
  const packet = w.view();
  code.set(prepared!.integrity.code(packet.subarray(RMCP_HEADER_LENGTH, total - codeLength)));
  return packet;
}

/** The outer fields of a received RMCP+ packet, before integrity and decryption. */
export interface V2Header {
  encrypted: boolean;
  authenticated: boolean;
  payloadType: number;
  sessionId: number;
  sequence: number;
  oem?: { iana: number; payloadId: number };
  /** Raw payload (ciphertext when encrypted). */
  rawPayload: Uint8Array;
  /** Offset where the trailer (integrity pad) begins. */
  trailerOffset: number;
}

/** Parses the RMCP and RMCP+ session headers of `buf` (which must be an RMCP+ packet). */
export function parseV2Header(buf: Uint8Array): V2Header {
  const r = new ByteReader(buf, 'RMCP+ packet');
  const { cls } = readRmcpHeader(r);
  if (cls !== RmcpClass.ipmi) throw new MalformedError(r.what, `RMCP class ${cls} is not IPMI`);
  const authType = r.u8('auth type') & 0x0f;
  if (authType !== AuthType.rmcpPlus) throw new MalformedError(r.what, `auth type ${authType} is not RMCP+`);
  const pt = r.u8('payload type');
  const payloadType = pt & 0x3f;
  let oem: V2Header['oem'];
  if (payloadType === PayloadType.oemExplicit) oem = { iana: r.u32le('OEM IANA'), payloadId: r.u16le('OEM payload ID') };
  const sessionId = r.u32le('session ID');
  const sequence = r.u32le('session sequence number');
  const length = r.u16le('payload length');
  if (length > MAX_PAYLOAD) throw new MalformedError(r.what, `payload length ${length} exceeds ${MAX_PAYLOAD}`);
  const rawPayload = r.bytes(length, 'payload');
  return {
    encrypted: (pt & 0x80) !== 0,
    authenticated: (pt & 0x40) !== 0,
    payloadType,
    sessionId,
    sequence,
    ...(oem ? { oem } : {}),
    rawPayload,
    trailerOffset: r.offset,
  };
}

/**
 * Verifies the integrity trailer and decrypts the payload of a packet parsed by
 * parseV2Header, under the session's keys. A session with integrity rejects
 * unauthenticated packets; a session with confidentiality rejects unencrypted ones.
 */
export function openV2Payload(buf: Uint8Array, h: V2Header, keys: FrameKeys): Uint8Array {
  if (keys.integrity !== IntegrityAlgorithm.none) {
    if (!h.authenticated) throw new IntegrityError('unauthenticated packet in a session with integrity');
    const codeLength = integrityCodeLength(keys.integrity);
    const trailer = buf.length - h.trailerOffset;
    if (trailer < 2 + codeLength || trailer > 5 + codeLength) {
      throw new MalformedError('RMCP+ packet', `session trailer of ${trailer} bytes does not fit the integrity algorithm`);
    }
    const nextHeaderAt = buf.length - codeLength - 1;
    const padLength = buf[nextHeaderAt - 1]!;
    if (padLength !== trailer - 2 - codeLength) throw new MalformedError('RMCP+ packet', `integrity pad length ${padLength} does not match`);
    const expected = cryptoOf(keys).integrity.code(buf.subarray(RMCP_HEADER_LENGTH, buf.length - codeLength));
    if (!codesEqual(expected, buf.subarray(buf.length - codeLength))) throw new IntegrityError('AuthCode does not match');
  }
  if (keys.confidentiality === ConfidentialityAlgorithm.aesCbc128) {
    if (!h.encrypted) throw new IntegrityError('unencrypted payload in a session with confidentiality');
    return cryptoOf(keys).cipher!.decryptPayload(h.rawPayload);
  }
  return h.rawPayload;
}

/**
 * IPMI v1.5 session wrapper (13.6, Table 13-8): auth type, session sequence number, session
 * ID, the 16-byte AuthCode unless the auth type is NONE, then the message. With no `authCode`
 * the packet is NONE: pre-session commands and NONE sessions.
 */
export function encodeV15(sessionId: number, sequence: number, message: Uint8Array, auth?: { type: number; code: Uint8Array }): Uint8Array {
  if (message.length > 0xff) throw new MalformedError('IPMI v1.5 packet', `message of ${message.length} bytes exceeds 255`);
  const authType = auth?.type ?? AuthType.none;
  if (authType !== AuthType.none && auth?.code.length !== V15_AUTH_CODE_LENGTH) {
    throw new MalformedError('IPMI v1.5 packet', `auth code must be ${V15_AUTH_CODE_LENGTH} bytes`);
  }
  const w = new ByteWriter(14 + (authType === AuthType.none ? 0 : V15_AUTH_CODE_LENGTH) + message.length);
  writeRmcpHeader(w, RmcpClass.ipmi);
  w.u8(authType).u32le(sequence).u32le(sessionId);
  if (authType !== AuthType.none) w.bytes(auth!.code);
  return w.u8(message.length).bytes(message).finish();
}

/** Length of the v1.5 session header's AuthCode field when present (13.6). */
export const V15_AUTH_CODE_LENGTH = 16;

export interface V15Frame {
  authType: number;
  sequence: number;
  sessionId: number;
  /** The AuthCode field; empty for auth type NONE. */
  authCode: Uint8Array;
  message: Uint8Array;
}

export function decodeV15(buf: Uint8Array): V15Frame {
  const r = new ByteReader(buf, 'IPMI v1.5 packet');
  const { cls } = readRmcpHeader(r);
  if (cls !== RmcpClass.ipmi) throw new MalformedError(r.what, `RMCP class ${cls} is not IPMI`);
  const authType = r.u8('auth type') & 0x0f;
  if (authType === AuthType.rmcpPlus) throw new MalformedError(r.what, 'RMCP+ packet where v1.5 was expected');
  const sequence = r.u32le('session sequence number');
  const sessionId = r.u32le('session ID');
  const authCode = authType === AuthType.none ? new Uint8Array(0) : r.bytes(V15_AUTH_CODE_LENGTH, 'auth code');
  const length = r.u8('message length');
  const message = r.bytes(length, 'message');
  return { authType, sequence, sessionId, authCode, message };
}

/** Classifies a datagram cheaply, for demultiplexing: RMCP class, and for IPMI the auth type. */
export function peekKind(buf: Uint8Array): 'asf' | 'v15' | 'v2' | 'unknown' {
  if (buf.length < 5 || buf[0] !== 0x06) return 'unknown';
  const cls = buf[3]! & 0x1f;
  if (cls === RmcpClass.asf) return 'asf';
  if (cls !== RmcpClass.ipmi) return 'unknown';
  return (buf[4]! & 0x0f) === AuthType.rmcpPlus ? 'v2' : 'v15';
}
