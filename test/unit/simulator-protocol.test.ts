/**
 * The simulator's RMCP+ engine (IPMI v2.0 sections 13.14-13.32) driven packet by packet,
 * with a minimal console written from the library's codecs: handshake status codes,
 * retransmissions, privilege, sequence-number replay, integrity, session limits and
 * timeouts, and a fuzz run of hostile datagrams that must never throw.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cipherSuite, type CipherSuite } from '../../lambdas/ipmi/crypto/cipher-suites.ts';
import { passwordKey } from '../../lambdas/ipmi/crypto/hmac.ts';
import { deriveK1K2, rakp3AuthCode, sessionIntegrityKey, type RakpParams } from '../../lambdas/ipmi/crypto/rakp.ts';
import { decodeLanMessage, requestMessage } from '../../lambdas/ipmi/rmcp/lan-message.ts';
import { decodePresencePong, encodePresencePing } from '../../lambdas/ipmi/rmcp/rmcp.ts';
import { decodeV15, encodeV15, encodeV2, openV2Payload, parseV2Header, PayloadType, type FrameKeys } from '../../lambdas/ipmi/rmcp/session-frame.ts';
import {
  decodeOpenSessionResponse,
  decodeRakp2,
  decodeRakp4,
  encodeOpenSessionRequest,
  encodeRakp1,
  encodeRakp3,
} from '../../lambdas/ipmi/session/rakp-messages.ts';
import { Bmc, compileUsers } from '../../lambdas/simulator/bmc/bmc.ts';
import { makeIdentity } from '../../lambdas/simulator/bmc/identity.ts';
import { DEFAULT_PROFILE } from '../../lambdas/simulator/bmc/profile.ts';
import { DEFAULT_TIMING, type Faults } from '../../lambdas/simulator/options.ts';
import { seededRng } from '../../lambdas/simulator/rng.ts';
import { BmcServer } from '../../lambdas/simulator/rmcp/bmc-server.ts';

const PEER = { address: '127.0.0.1', port: 40000 };
const enc = new TextEncoder();

function newServer(faults: Faults = {}): { server: BmcServer; sent: Uint8Array[] } {
  const bmc = new Bmc({
    identity: makeIdentity(1, 0),
    profile: DEFAULT_PROFILE,
    users: compileUsers([
      { name: 'admin', password: 'secret', privilege: 'admin' },
      { name: 'viewer', password: 'look', privilege: 'user' },
    ]),
    timing: DEFAULT_TIMING,
    faults,
    poweredOn: true,
  });
  const sent: Uint8Array[] = [];
  return { server: new BmcServer(bmc, '127.0.0.1', 623, (p) => sent.push(p), seededRng(3)), sent };
}

/** Sends one datagram and returns the single answer, if any. */
function exchange(t: { server: BmcServer; sent: Uint8Array[] }, packet: Uint8Array): Uint8Array | undefined {
  t.sent.length = 0;
  t.server.receive(packet, PEER);
  return t.sent.at(-1);
}

interface Established {
  bmcSessionId: number;
  keys: FrameKeys;
  seq: number;
  rqSeq: number;
}

interface HandshakeOptions {
  suite?: CipherSuite;
  user?: string;
  password?: string;
  role?: number;
  tag?: number;
  consoleSessionId?: number;
}

/** Open Session + RAKP 1-4 as a console does; returns statuses for failures. */
function handshake(t: { server: BmcServer; sent: Uint8Array[] }, o: HandshakeOptions = {}): Established | { stage: string; status: number } {
  const suite = o.suite ?? cipherSuite(17)!;
  const tag = o.tag ?? 7;
  const consoleSessionId = o.consoleSessionId ?? 0xa1a2a3a4;
  const open = decodeOpenSessionResponse(
    parseV2Header(exchange(t, encodeV2({ payloadType: PayloadType.openSessionRequest, sessionId: 0, sequence: 0, payload: encodeOpenSessionRequest({ tag, privilege: 4, consoleSessionId, auth: suite.auth, integrity: suite.integrity, confidentiality: suite.confidentiality }) }))!).rawPayload,
  );
  if (open.status !== 0) return { stage: 'open', status: open.status };
  const username = enc.encode(o.user ?? 'admin');
  const role = o.role ?? 0x14;
  const consoleRandom = new Uint8Array(randomBytes(16));
  const rakp2 = decodeRakp2(parseV2Header(exchange(t, encodeV2({ payloadType: PayloadType.rakp1, sessionId: 0, sequence: 0, payload: encodeRakp1({ tag, bmcSessionId: open.bmcSessionId, consoleRandom, role, username }) }))!).rawPayload);
  if (rakp2.status !== 0) return { stage: 'rakp2', status: rakp2.status };
  const password = enc.encode(o.password ?? 'secret');
  const p: RakpParams = { auth: suite.auth, consoleSessionId, bmcSessionId: open.bmcSessionId, consoleRandom, bmcRandom: rakp2.bmcRandom, bmcGuid: rakp2.bmcGuid, role, username };
  const kuid = passwordKey(password);
  const rakp4 = decodeRakp4(parseV2Header(exchange(t, encodeV2({ payloadType: PayloadType.rakp3, sessionId: 0, sequence: 0, payload: encodeRakp3({ tag, status: 0, bmcSessionId: open.bmcSessionId, authCode: rakp3AuthCode(p, kuid) }) }))!).rawPayload);
  if (rakp4.status !== 0) return { stage: 'rakp4', status: rakp4.status };
  const { k1, k2 } = deriveK1K2(suite.auth, sessionIntegrityKey(p, kuid));
  return { bmcSessionId: open.bmcSessionId, keys: { integrity: suite.integrity, confidentiality: suite.confidentiality, k1, k2, password }, seq: 0, rqSeq: 0 };
}

function established(x: ReturnType<typeof handshake>): Established {
  if ('stage' in x) throw new Error(`handshake failed at ${x.stage} with status ${x.status}`);
  return x;
}

function requestPacket(s: Established, netFn: number, cmd: number, data: number[] = []): Uint8Array {
  s.seq++;
  s.rqSeq = (s.rqSeq + 1) & 0x3f;
  return encodeV2({ payloadType: PayloadType.ipmi, sessionId: s.bmcSessionId, sequence: s.seq, payload: requestMessage(netFn, cmd, s.rqSeq, Uint8Array.from(data)) }, s.keys);
}

function answer(s: Established, packet: Uint8Array | undefined): { cc: number; data: Uint8Array } {
  if (!packet) throw new Error('no answer');
  const msg = decodeLanMessage(openV2Payload(packet, parseV2Header(packet), s.keys));
  return { cc: msg.body[0]!, data: msg.body.subarray(1) };
}

function call(t: { server: BmcServer; sent: Uint8Array[] }, s: Established, netFn: number, cmd: number, data: number[] = []) {
  return answer(s, exchange(t, requestPacket(s, netFn, cmd, data)));
}

describe('pre-session messages', () => {
  it('answers an ASF presence ping with a pong that says IPMI is supported (13.2.3)', () => {
    const t = newServer();
    const pong = decodePresencePong(exchange(t, encodePresencePing(0x42))!);
    expect(pong).toMatchObject({ tag: 0x42, ipmiSupported: true });
  });

  it('answers Get Channel Authentication Capabilities in a v1.5 wrapper, and refuses other commands with D4h', () => {
    const t = newServer();
    const caps = decodeLanMessage(decodeV15(exchange(t, encodeV15(0, 0, requestMessage(0x06, 0x38, 1, Uint8Array.of(0x8e, 0x04))))!).message);
    expect([...caps.body]).toEqual([0x00, 0x01, 0x80, 0x04, 0x02, 0, 0, 0, 0]);
    const denied = decodeLanMessage(decodeV15(exchange(t, encodeV15(0, 0, requestMessage(0x00, 0x02, 2, Uint8Array.of(0x00))))!).message);
    expect(denied.body[0]).toBe(0xd4);
    expect(t.server.bmc.poweredOn).toBe(true);
  });
});

describe('session establishment (13.17-13.23)', () => {
  it('establishes every supported cipher suite and answers Get Device ID inside it', () => {
    for (const id of [0, 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17]) {
      const t = newServer();
      const s = established(handshake(t, { suite: cipherSuite(id)! }));
      const res = call(t, s, 0x06, 0x01);
      expect(res.cc, `suite ${id}`).toBe(0);
      expect(res.data[6]! | (res.data[7]! << 8) | (res.data[8]! << 16)).toBe(32473);
    }
  });

  it('rejects a wrong password in RAKP 4 with status 0Fh and frees the slot', () => {
    const t = newServer();
    expect(handshake(t, { password: 'guess' })).toEqual({ stage: 'rakp4', status: 0x0f });
    expect(t.server.sessions.size).toBe(0);
  });

  it('rejects an unknown user with 0Dh and a role above the user limit with 0Ah', () => {
    expect(handshake(newServer(), { user: 'mallory' })).toEqual({ stage: 'rakp2', status: 0x0d });
    expect(handshake(newServer(), { user: 'viewer', password: 'look', role: 0x14 })).toEqual({ stage: 'rakp2', status: 0x0a });
    expect(handshake(newServer(), { role: 0x16 })).toEqual({ stage: 'rakp2', status: 0x09 });
    // Username/privilege lookup (bit 4 clear) finds the user whose limit allows the role.
    expect('bmcSessionId' in handshake(newServer(), { user: 'viewer', password: 'look', role: 0x02 })).toBe(true);
  });

  it('answers algorithm mismatches with the specific status, and only suite 17 under suite17Only', () => {
    const t = newServer({ quirks: { suite17Only: true } });
    expect(handshake(t, { suite: cipherSuite(3)! })).toEqual({ stage: 'open', status: 0x04 });
    expect('bmcSessionId' in handshake(t, { suite: cipherSuite(17)! })).toBe(true);
    const t3 = newServer({ quirks: { suite3Only: true } });
    expect(handshake(t3, { suite: cipherSuite(16)! })).toEqual({ stage: 'open', status: 0x04 });
  });

  it('answers a retransmitted Open Session with the same session instead of a new one', () => {
    const t = newServer();
    const req = encodeV2({ payloadType: PayloadType.openSessionRequest, sessionId: 0, sequence: 0, payload: encodeOpenSessionRequest({ tag: 1, privilege: 4, consoleSessionId: 99, auth: 3, integrity: 4, confidentiality: 1 }) });
    const a = decodeOpenSessionResponse(parseV2Header(exchange(t, req)!).rawPayload);
    const b = decodeOpenSessionResponse(parseV2Header(exchange(t, req)!).rawPayload);
    expect(b.bmcSessionId).toBe(a.bmcSessionId);
    expect(t.server.sessions.size).toBe(1);
  });

  it('answers Open Session with 01h when the session table is full', () => {
    const t = newServer({ sessionLimit: 2 });
    established(handshake(t, { consoleSessionId: 1 }));
    established(handshake(t, { consoleSessionId: 2 }));
    expect(handshake(t, { consoleSessionId: 3 })).toEqual({ stage: 'open', status: 0x01 });
  });

  it('closes idle sessions after the timeout (60 s default)', () => {
    const t = newServer();
    established(handshake(t));
    t.server.tick(Date.now() + 59_000);
    expect(t.server.sessions.size).toBe(1);
    t.server.tick(Date.now() + 61_000);
    expect(t.server.sessions.size).toBe(0);
  });
});

describe('in-session packets', () => {
  it('starts at User privilege: Chassis Control needs Set Session Privilege first (22.18)', () => {
    const t = newServer();
    const s = established(handshake(t));
    expect(call(t, s, 0x00, 0x02, [0x05]).cc).toBe(0xd4);
    expect(call(t, s, 0x06, 0x3b, [0x04])).toMatchObject({ cc: 0 });
    expect(call(t, s, 0x00, 0x02, [0x05]).cc).toBe(0);
    const user = established(handshake(t, { user: 'viewer', password: 'look', role: 0x12, consoleSessionId: 5 }));
    expect(call(t, user, 0x06, 0x3b, [0x04]).cc).toBe(0x81);
  });

  it('drops a replayed packet and a packet for an unknown session', () => {
    const t = newServer();
    const s = established(handshake(t));
    const packet = requestPacket(s, 0x06, 0x01);
    expect(exchange(t, packet)).toBeDefined();
    expect(exchange(t, packet)).toBeUndefined();
    expect(t.server.stats.replay).toBe(1);
    const other = { ...s, bmcSessionId: s.bmcSessionId ^ 1 };
    expect(exchange(t, requestPacket(other, 0x06, 0x01))).toBeUndefined();
    expect(t.server.stats.unknownSession).toBe(1);
  });

  it('drops a packet whose integrity code does not verify', () => {
    const t = newServer();
    const s = established(handshake(t));
    const packet = requestPacket(s, 0x06, 0x01);
    packet[packet.length - 1]! ^= 0x01;
    expect(exchange(t, packet)).toBeUndefined();
    expect(t.server.stats.integrity).toBe(1);
  });

  it('answers a retransmitted request from memory instead of running it twice', () => {
    const t = newServer();
    const s = established(handshake(t));
    const first = call(t, s, 0x0a, 0x22);
    // Same rqSeq and data with a new session sequence number: a retransmission.
    s.rqSeq = (s.rqSeq - 1) & 0x3f;
    const again = call(t, s, 0x0a, 0x22);
    expect([...again.data]).toEqual([...first.data]);
    expect(call(t, s, 0x0a, 0x22).data[0]).toBe(first.data[0]! + 1);
  });

  it('answers unknown commands with C1h and closes the session on Close Session', () => {
    const t = newServer();
    const s = established(handshake(t));
    expect(call(t, s, 0x06, 0x7f).cc).toBe(0xc1);
    const id = s.bmcSessionId;
    expect(call(t, s, 0x06, 0x3c, [id & 0xff, (id >> 8) & 0xff, (id >> 16) & 0xff, id >>> 24]).cc).toBe(0);
    expect(t.server.sessions.size).toBe(0);
  });

  it('drops oversized datagrams', () => {
    const t = newServer();
    expect(exchange(t, new Uint8Array(5000).fill(0x06))).toBeUndefined();
    expect(t.server.stats.oversized).toBe(1);
  });
});

describe('hostile input', () => {
  it('never throws on random datagrams or mutated valid packets, and still works afterwards', () => {
    const t = newServer();
    const rng = seededRng(42);
    const byte = () => Math.floor(rng() * 256);
    const s = established(handshake(t));
    const templates = [
      encodePresencePing(1),
      encodeV15(0, 0, requestMessage(0x06, 0x38, 1, Uint8Array.of(0x8e, 0x04))),
      encodeV2({ payloadType: PayloadType.openSessionRequest, sessionId: 0, sequence: 0, payload: encodeOpenSessionRequest({ tag: 1, privilege: 4, consoleSessionId: 5, auth: 3, integrity: 4, confidentiality: 1 }) }),
      encodeV2({ payloadType: PayloadType.rakp1, sessionId: 0, sequence: 0, payload: encodeRakp1({ tag: 1, bmcSessionId: s.bmcSessionId, consoleRandom: new Uint8Array(16), role: 0x14, username: enc.encode('admin') }) }),
      requestPacket(s, 0x0a, 0x23, [0, 0, 0, 0, 0, 0xff]),
      requestPacket(s, 0x06, 0x48, [1, 1, 0xc0, 0, 0, 0]),
    ];
    for (let i = 0; i < 20_000; i++) {
      let packet: Uint8Array;
      if (i % 3 === 0) {
        packet = Uint8Array.from({ length: Math.floor(rng() * 80) }, byte);
        if (i % 2 === 0 && packet.length > 4) packet.set([0x06, 0x00, 0xff, 0x07]);
      } else {
        packet = templates[i % templates.length]!.slice();
        const flips = 1 + Math.floor(rng() * 3);
        for (let f = 0; f < flips; f++) packet[Math.floor(rng() * packet.length)] = byte();
        if (i % 7 === 0) packet = packet.subarray(0, Math.floor(rng() * packet.length));
      }
      expect(() => t.server.receive(packet, PEER)).not.toThrow();
    }
    expect(t.server.stats.handlerErrors).toBe(0);
    expect(t.server.stats.malformed).toBeGreaterThan(1000);
    // The session established before the storm still works.
    expect(call(t, s, 0x06, 0x01).cc).toBe(0);
    // Half-open sessions opened by fuzzed Open Session requests expire and free their slots.
    t.server.tick(Date.now() + DEFAULT_TIMING.handshakeTimeoutMs + 1000);
    const again = established(handshake(t, { consoleSessionId: 77 }));
    expect(call(t, again, 0x06, 0x01).cc).toBe(0);
  });
});
