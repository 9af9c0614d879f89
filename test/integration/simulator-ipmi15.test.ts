/**
 * IPMI v1.5 sessions in the simulator (quirk `ipmi15`, IPMI v2.0 sections 6.12, 22.13 and
 * 22.16-22.17): ipmitool `-I lan` with auth types none, straight password and MD5, the `bmc`
 * CLI and library over v1.5, the automatic fall back to v1.5 on a BMC without RMCP+, and the
 * session rules (AuthCode on every packet, sequence numbers, replays) checked on the wire with
 * a hand-driven console built from the library's codecs.
 */
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActivateSession,
  codesEqual,
  decodeLanMessage,
  decodeV15,
  encodeV15,
  GetChannelAuthCapabilities,
  GetDeviceId,
  GetSessionChallenge,
  requestMessage,
  v15AuthCode,
  v15PasswordKey,
  V15_AUTH_TYPES,
  type LanMessage,
} from '../../lambdas/ipmi/protocol.ts';
import { openLanSession, openSession15, powerStatus, sharedTransport } from '../../lambdas/ipmi/index.ts';
import { sessionlessCall } from '../../lambdas/ipmi/session/sessionless.ts';
import { startFleet, type Fleet } from '../../lambdas/simulator/index.ts';
import { bmcCli } from '../support/bmc-cli.ts';
import { ipmitoolRun } from '../support/ipmitool.ts';

const PASSWORD = 'v15-sim-pw';
let both: Fleet;
let only: Fleet;

beforeAll(async () => {
  [both, only] = await Promise.all([
    startFleet({ count: 1, password: PASSWORD, seed: 151, faults: { quirks: { ipmi15: 'also' } } }),
    startFleet({ count: 1, password: PASSWORD, seed: 152, faults: { quirks: { ipmi15: 'only' } } }),
  ]);
});

afterAll(async () => {
  await Promise.all([both?.stop(), only?.stop()]);
});

const target = (f: Fleet, password = PASSWORD) => ({ host: f.bmc(0).host, port: f.bmc(0).port, username: 'admin', password });

describe('a BMC offering RMCP+ and IPMI v1.5', { timeout: 120_000 }, () => {
  for (const [ours, theirs] of [['none', 'NONE'], ['password', 'PASSWORD'], ['md5', 'MD5']] as const) {
    it(`ipmitool -I lan -A ${theirs} and bmc --lan 1.5 --auth ${ours} read the same power state and device ID`, async () => {
      const power = await ipmitoolRun(target(both), ['chassis', 'power', 'status'], { lan15: theirs, requestTimeoutS: 1 });
      expect(power).toEqual({ code: 0, stdout: 'Chassis Power is on\n', stderr: '' });
      const raw = await ipmitoolRun(target(both), ['raw', '0x06', '0x01'], { lan15: theirs, requestTimeoutS: 1 });
      expect(raw.code, raw.stderr).toBe(0);
      const cli = bmcCli(() => target(both));
      expect(await cli.json(['--lan', '1.5', '--auth', ours, 'power', 'status'])).toEqual({ power: 'on' });
      expect(await cli.json(['--lan', '1.5', '--auth', ours, 'raw', '0x06', '0x01'])).toEqual({ completionCode: 0, data: raw.stdout.trim().split(/\s+/).join('') });
    });
  }

  it('Get Channel Authentication Capabilities offers v1.5 none, MD5 and straight password beside IPMI v2.0', async () => {
    const caps = await sessionlessCall(sharedTransport(), both.bmc(0).host, both.bmc(0).port, GetChannelAuthCapabilities, { privilege: 4 }, { timeoutMs: 1000, retries: 2 });
    expect(caps).toMatchObject({ ipmiV20: true, supportsV15: true, supportsV20: true, authTypes: { none: true, md2: false, md5: true, password: true, oem: false } });
    expect((await ipmitoolRun(target(both), ['chassis', 'power', 'status'], { requestTimeoutS: 1 })).code).toBe(0);
  });

  it('the library closes its v1.5 session: the BMC holds none afterwards', async () => {
    const s = await openSession15({ ...target(both), auth: 'md5' });
    expect(both.bmc(0).activeSessions).toBe(1);
    expect(await powerStatus(s)).toBe('on');
    await s.close();
    expect(s.closeConfirmed).toBe(true);
    expect(both.bmc(0).activeSessions).toBe(0);
  });
});

describe('a BMC with IPMI v1.5 only', { timeout: 120_000 }, () => {
  it('says it has no IPMI v2.0; RMCP+ clients get nothing, ipmitool -I lan works', async () => {
    const caps = await sessionlessCall(sharedTransport(), only.bmc(0).host, only.bmc(0).port, GetChannelAuthCapabilities, { privilege: 4 }, { timeoutMs: 1000, retries: 2 });
    expect(caps).toMatchObject({ ipmiV20: false, supportsV20: false, authTypes: { none: true, md5: true, password: true } });
    const lanplus = await ipmitoolRun(target(only), ['chassis', 'power', 'status'], { requestTimeoutS: 1, requestRetries: 1 });
    expect(lanplus.code).not.toBe(0);
    expect((await ipmitoolRun(target(only), ['chassis', 'power', 'status'], { lan15: 'MD5', requestTimeoutS: 1 })).stdout).toBe('Chassis Power is on\n');
  });

  it('our client falls back to v1.5 by itself (library and CLI); --lan 2.0 is refused in one line', async () => {
    const s = await openLanSession(target(only));
    try {
      expect(s.constructor.name).toBe('Session15');
      expect(await powerStatus(s)).toBe('on');
    } finally {
      await s.close();
    }
    const cli = bmcCli(() => target(only));
    expect(await cli.json(['power', 'status'])).toEqual({ power: 'on' });
    const refused = await cli.run(['--lan', '2.0', 'power', 'status']);
    expect(refused.code).toBe(1);
    expect(refused.err.trim().split('\n')).toHaveLength(1);
  });
});

/**
 * A console driven by hand: one UDP socket, the library's codecs, and answers read in order.
 * Loopback keeps datagrams in order and the simulator answers in order, so "the next answer"
 * tells which request was answered and which was dropped.
 */
class HandConsole {
  private readonly socket: Socket = createSocket('udp4');
  private readonly inbox: Uint8Array[] = [];
  private wake: (() => void) | undefined;

  constructor(private readonly host: string, private readonly port: number) {
    this.socket.on('message', (m) => {
      this.inbox.push(new Uint8Array(m));
      this.wake?.();
    });
  }

  send(packet: Uint8Array): void {
    this.socket.send(packet, this.port, this.host);
  }

  async next(): Promise<Uint8Array> {
    while (this.inbox.length === 0) await new Promise<void>((r) => (this.wake = r));
    return this.inbox.shift()!;
  }

  close(): void {
    this.socket.close();
  }
}

describe('v1.5 session rules on the wire (22.16-22.17, 6.12)', { timeout: 60_000 }, () => {
  it('per-message MD5 AuthCodes both ways, sequence numbers from Activate Session, replays and forgeries dropped', async () => {
    const { host, port } = both.bmc(0);
    const c = new HandConsole(host, port);
    try {
      const key = v15PasswordKey(new TextEncoder().encode(PASSWORD));
      const md5 = V15_AUTH_TYPES.md5;
      let rqSeq = 0;
      const message = (netFn: number, cmd: number, data: Uint8Array) => requestMessage(netFn, cmd, (rqSeq = (rqSeq + 1) & 0x3f), data);
      const signed = (sessionId: number, sequence: number, msg: Uint8Array) => encodeV15(sessionId, sequence, msg, { type: md5, code: v15AuthCode({ authType: md5, key, sessionId, sequence, message: msg })! });
      const answer = async (): Promise<{ sequence: number; sessionId: number; msg: LanMessage }> => {
        const f = decodeV15(await c.next());
        // Every answer in the session carries the AuthCode of its own bytes.
        if (f.sessionId !== 0) expect(codesEqual(f.authCode, v15AuthCode({ authType: md5, key, sessionId: f.sessionId, sequence: f.sequence, message: f.message })!)).toBe(true);
        return { sequence: f.sequence, sessionId: f.sessionId, msg: decodeLanMessage(f.message) };
      };

      c.send(encodeV15(0, 0, message(GetSessionChallenge.netFn, GetSessionChallenge.cmd, GetSessionChallenge.encode({ authType: md5, username: new TextEncoder().encode('admin') }))));
      const challenge = GetSessionChallenge.decode((await answer()).msg.body.subarray(1));

      const outbound = 1000;
      c.send(signed(challenge.temporarySessionId, 0, message(ActivateSession.netFn, ActivateSession.cmd, ActivateSession.encode({ authType: md5, maxPrivilege: 4, challenge: challenge.challenge, initialOutboundSequence: outbound }))));
      const activation = await answer();
      expect(activation.msg.body[0]).toBe(0);
      const active = ActivateSession.decode(activation.msg.body.subarray(1));
      expect(active).toMatchObject({ authType: md5, sessionId: challenge.temporarySessionId, maxPrivilege: 4 });

      const id = active.sessionId;
      let seq = active.initialInboundSequence;
      const deviceId = () => signed(id, seq++, message(GetDeviceId.netFn, GetDeviceId.cmd, new Uint8Array(0)));
      const first = deviceId();
      c.send(first);
      const a1 = await answer();
      // The BMC numbers its packets from the console's initial outbound sequence number.
      expect([a1.sessionId, a1.sequence, a1.msg.body[0]]).toEqual([id, outbound, 0]);

      c.send(first); // a replay: same sequence number, same AuthCode
      const forged = deviceId().slice();
      forged[forged.length - 2]! ^= 0xff; // the message changed after signing: AuthCode wrong
      c.send(forged);
      const wrongKey = encodeV15(id, seq++, message(GetDeviceId.netFn, GetDeviceId.cmd, new Uint8Array(0)), { type: md5, code: new Uint8Array(16) });
      c.send(wrongKey);
      const plain = encodeV15(id, seq++, message(GetDeviceId.netFn, GetDeviceId.cmd, new Uint8Array(0))); // auth type none in an MD5 session
      c.send(plain);
      const good = deviceId();
      const goodRqSeq = rqSeq;
      c.send(good);
      // None of the four before it was answered: the next answer is the good request's.
      const a2 = await answer();
      expect([a2.sequence, a2.msg.rqSeq, a2.msg.body[0]]).toEqual([outbound + 1, goodRqSeq, 0]);
    } finally {
      c.close();
    }
  });
});
