import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { ConfidentialityAlgorithm, IntegrityAlgorithm } from '../../lambdas/ipmi/crypto/cipher-suites.ts';
import { IntegrityError, MalformedError, TruncatedError } from '../../lambdas/ipmi/errors.ts';
import { decodeLanMessage, encodeLanMessage, requestMessage, responseMessage } from '../../lambdas/ipmi/rmcp/lan-message.ts';
import { decodePresencePong, encodePresencePing, encodePresencePong } from '../../lambdas/ipmi/rmcp/rmcp.ts';
import { decodeV15, encodeV15, encodeV2, openV2Payload, parseV2Header, PayloadType, type FrameKeys } from '../../lambdas/ipmi/rmcp/session-frame.ts';
import { SequenceWindow } from '../../lambdas/ipmi/session/sequence-window.ts';
import {
  decodeOpenSessionRequest,
  decodeOpenSessionResponse,
  decodeRakp1,
  decodeRakp2,
  encodeOpenSessionRequest,
  encodeOpenSessionResponse,
  encodeRakp1,
  encodeRakp2,
} from '../../lambdas/ipmi/session/rakp-messages.ts';

describe('IPMI LAN messages (13.8)', () => {
  it('encodes Get Device ID exactly as ipmitool sends it (rqSeq 1)', () => {
    // rsAddr 20, NetFn 06 << 2, chk, rqAddr 81, rqSeq 1 << 2, cmd 01, chk
    expect(toHex(requestMessage(0x06, 0x01, 1, new Uint8Array()))).toBe('2018c88104017a');
  });

  it('decodes a response and checks both checksums', () => {
    const req = decodeLanMessage(requestMessage(0x06, 0x01, 5, new Uint8Array()));
    const rsp = responseMessage(req, 0x00, fromHex('0003'));
    const m = decodeLanMessage(rsp);
    expect(m).toMatchObject({ targetAddr: 0x81, netFn: 0x07, sourceAddr: 0x20, rqSeq: 5, cmd: 1 });
    expect(toHex(m.body)).toBe('000003');
    const bad = rsp.slice();
    bad[bad.length - 2] = bad[bad.length - 2]! ^ 1;
    expect(() => decodeLanMessage(bad)).toThrow(MalformedError);
    const badHeader = rsp.slice();
    badHeader[1] = badHeader[1]! ^ 4;
    expect(() => decodeLanMessage(badHeader)).toThrow(/header checksum/);
    expect(() => decodeLanMessage(rsp.subarray(0, 6))).toThrow(TruncatedError);
  });

  it('round-trips arbitrary LUNs and bodies', () => {
    const m = { targetAddr: 0x20, netFn: 0x0a, targetLun: 2, sourceAddr: 0x81, rqSeq: 63, sourceLun: 1, cmd: 0x23, body: fromHex('00000000ffff') };
    expect(decodeLanMessage(encodeLanMessage(m))).toEqual(m);
  });
});

describe('ASF presence ping/pong (13.2)', () => {
  it('encodes the ping of ASF 2.0 3.2.4.3', () => {
    expect(toHex(encodePresencePing(0x11))).toBe('0600ff06000011be80110000');
  });
  it('decodes a pong and reports IPMI support', () => {
    expect(decodePresencePong(encodePresencePong(0x11))).toMatchObject({ tag: 0x11, ipmiSupported: true, iana: 4542 });
    expect(() => decodePresencePong(encodePresencePing(1))).toThrow(MalformedError);
  });
});

describe('IPMI v1.5 session wrapper (13.6)', () => {
  it('wraps a pre-session request with auth type none', () => {
    const msg = requestMessage(0x06, 0x38, 0, fromHex('8e04'));
    expect(toHex(encodeV15(0, 0, msg))).toBe('0600ff07' + '00' + '00000000' + '00000000' + '09' + '20' + '18c8' + '81' + '00' + '38' + '8e04' + 'b5');
    expect(decodeV15(encodeV15(0, 0, msg)).message).toEqual(msg);
  });
});

const keysFor = (integrity: IntegrityAlgorithm, confidentiality: ConfidentialityAlgorithm): FrameKeys => ({
  integrity,
  confidentiality,
  k1: fromHex('a0dd9f02370ab5747974984d1ec1d10661a879fa'),
  k2: fromHex('4c38a46e33093f854fac0f00ad20cbda73b18ced'),
  password: new TextEncoder().encode('secret'),
});

describe('RMCP+ session packets (13.6, 13.28)', () => {
  const payload = requestMessage(0x06, 0x01, 3, new Uint8Array());
  const frame = { payloadType: PayloadType.ipmi, sessionId: 0x0502, sequence: 7, payload };

  it('sends plain packets outside a session', () => {
    const pkt = encodeV2({ ...frame, sessionId: 0 });
    expect(toHex(pkt.subarray(0, 16))).toBe('0600ff070600' + '00000000' + '07000000' + '0700');
    const h = parseV2Header(pkt);
    expect(h).toMatchObject({ encrypted: false, authenticated: false, payloadType: 0, sessionId: 0, sequence: 7 });
  });

  for (const [name, integ, conf] of [
    ['HMAC-SHA1-96 + AES', IntegrityAlgorithm.hmacSha1_96, ConfidentialityAlgorithm.aesCbc128],
    ['HMAC-SHA256-128', IntegrityAlgorithm.hmacSha256_128, ConfidentialityAlgorithm.none],
    ['HMAC-MD5-128 + AES', IntegrityAlgorithm.hmacMd5_128, ConfidentialityAlgorithm.aesCbc128],
    ['MD5-128', IntegrityAlgorithm.md5_128, ConfidentialityAlgorithm.none],
  ] as const) {
    it(`${name}: round-trips, pads AuthType..NextHeader to 4 bytes, and rejects any flipped bit`, () => {
      const keys = keysFor(integ, conf);
      const pkt = encodeV2(frame, keys);
      const h = parseV2Header(pkt);
      expect(h.authenticated).toBe(true);
      expect(h.encrypted).toBe(conf !== 0);
      const codeLength = integ === IntegrityAlgorithm.hmacSha1_96 ? 12 : 16;
      expect((pkt.length - 4 - codeLength) % 4).toBe(0);
      expect(pkt[pkt.length - codeLength - 1]).toBe(0x07);
      expect(openV2Payload(pkt, h, keys)).toEqual(payload);
      for (const at of [5, 10, 14, 20, pkt.length - 1]) {
        const bad = pkt.slice();
        bad[at] = bad[at]! ^ 0x01;
        expect(() => openV2Payload(bad, parseV2Header(bad), keys)).toThrow();
      }
    });
  }

  it('rejects unauthenticated or unencrypted packets in a protected session', () => {
    const keys = keysFor(IntegrityAlgorithm.hmacSha1_96, ConfidentialityAlgorithm.aesCbc128);
    const plain = encodeV2(frame);
    expect(() => openV2Payload(plain, parseV2Header(plain), keys)).toThrow(IntegrityError);
    const integOnly = encodeV2(frame, { ...keys, confidentiality: 0 });
    expect(() => openV2Payload(integOnly, parseV2Header(integOnly), keys)).toThrow(IntegrityError);
  });

  it('rejects oversized and truncated headers with typed errors', () => {
    const pkt = encodeV2({ ...frame, sessionId: 0 });
    const huge = pkt.slice();
    huge[14] = 0xff;
    huge[15] = 0xff;
    expect(() => parseV2Header(huge)).toThrow(MalformedError);
    expect(() => parseV2Header(pkt.subarray(0, 12))).toThrow(TruncatedError);
    const lying = pkt.slice(0, pkt.length - 1);
    expect(() => parseV2Header(lying)).toThrow(TruncatedError);
  });
});

describe('Open Session and RAKP messages (13.17-13.21)', () => {
  it('round-trips Open Session request/response', () => {
    const req = { tag: 9, privilege: 4, consoleSessionId: 0xa0a2a3a4, auth: 1, integrity: 1, confidentiality: 1 };
    const bytes = encodeOpenSessionRequest(req);
    expect(toHex(bytes)).toBe('09040000a4a3a2a0' + '0000000801000000' + '0100000801000000' + '0200000801000000');
    expect(decodeOpenSessionRequest(bytes)).toEqual(req);
    const rsp = { tag: 9, status: 0, privilege: 4, consoleSessionId: 1, bmcSessionId: 2, auth: 3, integrity: 4, confidentiality: 1 };
    expect(decodeOpenSessionResponse(encodeOpenSessionResponse(rsp))).toEqual(rsp);
  });

  it('decodes a short error response without reading past it', () => {
    const r = decodeOpenSessionResponse(fromHex('091100000100000000'));
    expect(r.status).toBe(0x11);
  });

  it('round-trips RAKP 1 and 2 and refuses overlong user names', () => {
    const m1 = { tag: 1, bmcSessionId: 0x502, consoleRandom: new Uint8Array(16).fill(1), role: 0x14, username: new TextEncoder().encode('admin') };
    expect(decodeRakp1(encodeRakp1(m1))).toEqual(m1);
    const overlong = encodeRakp1(m1);
    overlong[27] = 17;
    expect(() => decodeRakp1(overlong)).toThrow(MalformedError);
    const m2 = { tag: 1, status: 0, consoleSessionId: 7, bmcRandom: new Uint8Array(16).fill(2), bmcGuid: new Uint8Array(16).fill(3), authCode: new Uint8Array(20).fill(4) };
    expect(decodeRakp2(encodeRakp2(m2))).toEqual(m2);
    expect(() => decodeRakp2(encodeRakp2(m2).subarray(0, 30))).toThrow(TruncatedError);
  });
});

describe('inbound sequence window (6.12.13)', () => {
  it('accepts new numbers, rejects replays, zero and numbers older than the window', () => {
    const w = new SequenceWindow();
    expect(w.accept(0)).toBe(false);
    expect(w.accept(10)).toBe(true);
    expect(w.accept(10)).toBe(false); // replay
    expect(w.accept(12)).toBe(true);
    expect(w.accept(11)).toBe(true); // late but unseen
    expect(w.accept(11)).toBe(false);
    expect(w.accept(100)).toBe(true);
    expect(w.accept(68)).toBe(false); // 32 behind
    expect(w.accept(69)).toBe(true);
  });
  it('handles 32-bit wrap-around', () => {
    const w = new SequenceWindow();
    expect(w.accept(0xfffffffe)).toBe(true);
    expect(w.accept(0xffffffff)).toBe(true);
    expect(w.accept(1)).toBe(true);
    expect(w.accept(0xfffffffe)).toBe(false);
  });
});
