import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortedError,
  AuthenticationError,
  CompletionCodeError,
  InsufficientPrivilegeError,
  InvalidArgumentError,
  openSession,
  TimeoutError,
  UdpTransport,
  withSession,
} from '../../lambdas/ipmi/index.ts';
import { encodeV2, PayloadType } from '../../lambdas/ipmi/rmcp/session-frame.ts';
import { requestMessage } from '../../lambdas/ipmi/rmcp/lan-message.ts';
import type { IpmiSimHandle } from '../support/ipmi-sim.ts';
import { sessionTarget, useIpmiSim } from '../support/use-ipmi-sim.ts';
import { freeUdpPort } from '../support/ports.ts';
import { solCapture } from '../../lambdas/ipmi/sol/sol-console.ts';

/** RMCP+ sessions against OpenIPMI's ipmi_sim: a BMC this project did not write. */
describe('RMCP+ sessions with ipmi_sim', () => {
  const sim = useIpmiSim();
  let bmc: IpmiSimHandle;
  let transport: UdpTransport;
  const target = () => ({ ...sessionTarget(bmc), transport, timeoutMs: 400, retries: 2 });

  beforeAll(() => {
    bmc = sim();
    transport = new UdpTransport();
  });
  afterAll(async () => {
    await transport?.close();
  });

  for (const suite of [0, 1, 2, 3]) {
    it(`opens cipher suite ${suite}, sends Get Device ID and closes`, async () => {
      const s = await openSession({ ...target(), cipherSuite: suite });
      expect(s.cipherSuite).toBe(suite);
      const res = await s.raw(0x06, 0x01, new Uint8Array());
      expect(res.completionCode).toBe(0);
      expect(res.data.length).toBeGreaterThanOrEqual(11);
      await s.close();
      expect(s.isClosed).toBe(true);
      // The BMC forgot the session: a packet with its old ID is not answered.
      expect(transport.sessionCount).toBe(0);
    });
  }

  it('negotiates the strongest suite ipmi_sim offers (3) without being told', async () => {
    await withSession(target(), async (s) => {
      expect(s.cipherSuite).toBe(3);
      expect(s.privilege).toBe(4);
    });
  });

  it('says the password is wrong when the RAKP 2 HMAC does not verify', async () => {
    const err = await openSession({ ...target(), password: 'not-the-password', cipherSuite: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(String(err)).toMatch(/RAKP 2 HMAC invalid: the password is wrong/);
  });

  it('reports an unknown user name as an authentication failure', async () => {
    const err = await openSession({ ...target(), username: 'nobody', cipherSuite: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(String(err)).toMatch(/unknown user/);
  });

  it('a user-privilege session may read but a chassis control is refused with InsufficientPrivilegeError (D4h)', async () => {
    await withSession({ ...target(), ...bmc.user, privilege: 'user', cipherSuite: 3 }, async (s) => {
      expect(s.privilege).toBe(2);
      expect((await s.raw(0x06, 0x01, new Uint8Array())).completionCode).toBe(0);
      const chassisControl = { name: 'Chassis Control', netFn: 0x00, cmd: 0x02, encode: () => Uint8Array.from([0x01]), decode: () => undefined };
      const err = await s.call(chassisControl, undefined).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InsufficientPrivilegeError);
      expect(String(err)).toMatch(/Chassis Control: insufficient privilege \(session privilege user\)/);
    });
  });

  it('maps completion codes to a named, typed error (Get SDR of a missing record: CBh)', async () => {
    await withSession(target(), async (s) => {
      const raw = await s.raw(0x0a, 0x23, Uint8Array.from([0, 0, 0xfe, 0xff, 0, 5]));
      expect(raw.completionCode).not.toBe(0);
      const err = await s
        .call({ name: 'Get SDR', netFn: 0x0a, cmd: 0x23, encode: () => Uint8Array.from([0, 0, 0xfe, 0xff, 0, 5]), decode: () => 0 }, undefined)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CompletionCodeError);
      expect(String(err)).toMatch(/^CompletionCodeError: Get SDR: .*completion code 0x/);
    });
  });

  it('many sessions share one socket and answer concurrently', async () => {
    const sessions = await Promise.all(Array.from({ length: 4 }, () => openSession({ ...target(), cipherSuite: 3 })));
    const ids = new Set(sessions.map((s) => s.consoleSessionId));
    expect(ids.size).toBe(4);
    const results = await Promise.all(sessions.flatMap((s) => [1, 2, 3].map(() => s.raw(0x06, 0x01, new Uint8Array()))));
    expect(results.every((r) => r.completionCode === 0)).toBe(true);
    await Promise.all(sessions.map((s) => s.close()));
  });

  it('drops a replayed packet and a forged one without disturbing the session', async () => {
    const s = await openSession({ ...target(), cipherSuite: 3 });
    // Forge a packet "from the BMC" to our session from another socket: wrong keys, dropped.
    const forger = new UdpTransport();
    forger.send(bmc.host, bmc.port, encodeV2({ payloadType: PayloadType.ipmi, sessionId: s.bmcSessionId, sequence: 99, payload: requestMessage(6, 1, 1, new Uint8Array()) }));
    const res = await s.raw(0x06, 0x01, new Uint8Array());
    expect(res.completionCode).toBe(0);
    await forger.close();
    await s.close();
  });

  it('aborts a call with AbortSignal and still closes the session', async () => {
    const s = await openSession({ ...target(), cipherSuite: 3 });
    const ac = new AbortController();
    ac.abort(new Error('operator cancelled'));
    await expect(s.raw(0x06, 0x01, new Uint8Array(), { signal: ac.signal })).rejects.toBeInstanceOf(AbortedError);
    await s.close();
  });

  it('times out with a TimeoutError that names the command and the attempts', async () => {
    const port = await freeUdpPort();
    const err = await openSession({ ...target(), port, cipherSuite: 3, timeoutMs: 50, retries: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(String(err)).toMatch(/Open Session: no response from 127\.0\.0\.1:\d+ after 2 attempt/);
  });

  it('rejects bad arguments before sending anything', async () => {
    await expect(openSession({ ...target(), cipherSuite: 4 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(openSession({ ...target(), username: 'x'.repeat(17) })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(openSession({ ...target(), password: 'x'.repeat(21) })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('relays SOL both ways: our input reaches the serial port and its echo comes back', async () => {
    await withSession(target(), async (s) => {
      const out = await solCapture(s, { seconds: 1.5, input: 'root\r' });
      expect(new TextDecoder().decode(out)).toContain('root');
      expect(bmc.sol?.received()).toContain('root\r');
    });
  });
});

describe('RMCP presence ping', () => {
  const sim = useIpmiSim();
  it('ipmi_sim answers an ASF presence ping with IPMI supported; a closed port times out', async () => {
    const { presencePing } = await import('../../lambdas/ipmi/index.ts');
    const pong = await presencePing(sim().host, sim().port, { timeoutMs: 500 });
    expect(pong.ipmiSupported).toBe(true);
    await expect(presencePing('127.0.0.1', await freeUdpPort(), { timeoutMs: 50, retries: 0 })).rejects.toBeInstanceOf(TimeoutError);
  });
});
