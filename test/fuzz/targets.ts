/**
 * Everything a BMC's (or a client's) bytes reach, as fuzz targets: every decoder, the library's
 * repository and inventory reads over answers a hostile BMC makes up, the client session's
 * receive path, and the simulator's server before and inside a session. Each target turns
 * inputs into outcomes; only the library's typed errors (IpmiError) may come out.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command, IpmiRequester } from '../../lambdas/ipmi/commands/command.ts';
import { ConfidentialityAlgorithm, IntegrityAlgorithm, cipherSuite } from '../../lambdas/ipmi/crypto/cipher-suites.ts';
import { CompletionCodeError, TimeoutError } from '../../lambdas/ipmi/errors.ts';
import { decodeFruInventory } from '../../lambdas/ipmi/fru/inventory.ts';
import { readFru } from '../../lambdas/ipmi/ops/fru.ts';
import { readSensors } from '../../lambdas/ipmi/ops/sensors.ts';
import { readSdrRepository } from '../../lambdas/ipmi/ops/sdr.ts';
import { selList } from '../../lambdas/ipmi/ops/sel.ts';
import { parseCipherSuiteRecords } from '../../lambdas/ipmi/commands/app/get-channel-cipher-suites.ts';
import { decodeLanMessage, requestMessage, responseMessage } from '../../lambdas/ipmi/rmcp/lan-message.ts';
import { decodePresencePong, encodePresencePing, encodePresencePong } from '../../lambdas/ipmi/rmcp/rmcp.ts';
import { decodeV15, encodeV15, encodeV2, openV2Payload, parseV2Header, PayloadType, type FrameKeys } from '../../lambdas/ipmi/rmcp/session-frame.ts';
import { decodeSdrRecord } from '../../lambdas/ipmi/sdr/decode.ts';
import { decodeSelRecord } from '../../lambdas/ipmi/sel/record.ts';
import {
  decodeOpenSessionRequest,
  decodeOpenSessionResponse,
  decodeRakp1,
  decodeRakp2,
  decodeRakp3,
  decodeRakp4,
  encodeOpenSessionRequest,
  encodeOpenSessionResponse,
  encodeRakp1,
  encodeRakp2,
  encodeRakp3,
} from '../../lambdas/ipmi/session/rakp-messages.ts';
import { Session } from '../../lambdas/ipmi/session/session.ts';
import { decodeSolPacket } from '../../lambdas/ipmi/sol/sol-packet.ts';
import { UdpTransport } from '../../lambdas/ipmi/transport/udp-transport.ts';
import { Bmc, compileUsers } from '../../lambdas/simulator/bmc/bmc.ts';
import { makeIdentity } from '../../lambdas/simulator/bmc/identity.ts';
import { DEFAULT_PROFILE } from '../../lambdas/simulator/bmc/profile.ts';
import { findCommand } from '../../lambdas/simulator/commands/index.ts';
import { DEFAULT_TIMING } from '../../lambdas/simulator/options.ts';
import { BmcServer } from '../../lambdas/simulator/rmcp/bmc-server.ts';
import { encodeSystemEventRecord } from '../../lambdas/simulator/bmc/sel-log.ts';
import { seededRng } from '../../lambdas/simulator/rng.ts';
import { buildFruImage, STANDARD_FRU } from '../support/fru-image.ts';
import { compactRecord, eventOnlyRecord, fruLocatorRecord, fullRecord, mcLocatorRecord } from '../unit/sdr-fixtures.ts';
import { record, type Fuzzer, type Outcome } from './mutate.ts';

export interface FuzzTarget {
  readonly name: string;
  /** Inputs at scale 1 (the runner's default scale reaches 10^6 in all). */
  readonly inputs: number;
  run(f: Fuzzer, count: number, outcome: Outcome): Promise<void>;
}

const keys = (): FrameKeys => ({
  integrity: IntegrityAlgorithm.hmacSha1_96,
  confidentiality: ConfidentialityAlgorithm.aesCbc128,
  k1: new Uint8Array(20).fill(1),
  k2: new Uint8Array(20).fill(2),
  password: new TextEncoder().encode('pw'),
});

/** A pure decoder: each input decoded once. */
function decoder(name: string, inputs: number, decode: (b: Uint8Array) => unknown, samples: () => Uint8Array[], maxRandom = 96): FuzzTarget {
  return {
    name,
    inputs,
    async run(f, count, outcome) {
      for (const input of f.corpus(samples(), count, maxRandom)) {
        try {
          decode(input);
          record(outcome, input);
        } catch (e) {
          record(outcome, input, e);
        }
      }
    },
  };
}

const DECODERS_PER_COMMAND = 2500;

/** Every command file's response decoder under lambdas/ipmi/commands, found on disk. */
async function commandDecoders(): Promise<Command<unknown, unknown>[]> {
  const root = fileURLToPath(new URL('../../lambdas/ipmi/commands/', import.meta.url));
  const found: Command<unknown, unknown>[] = [];
  for (const netfn of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(`${root}${netfn.name}`).filter((x) => x.endsWith('.ts'))) {
      const mod = (await import(`${root}${netfn.name}/${file}`)) as Record<string, unknown>;
      for (const value of Object.values(mod)) {
        const cmd = value as Partial<Command<unknown, unknown>>;
        if (typeof cmd?.decode === 'function' && typeof cmd.name === 'string' && typeof cmd.cmd === 'number') found.push(cmd as Command<unknown, unknown>);
      }
    }
  }
  return found;
}

/**
 * A requester whose answers are made up from the input: per call a completion code byte
 * (a quarter of them non-zero, C5h and CAh included), a length and that many data bytes.
 * When the input runs out the BMC is silent (a TimeoutError).
 */
function hostileRequester(input: Uint8Array): IpmiRequester {
  let at = 0;
  const answer = (name: string) => {
    if (at >= input.length) throw new TimeoutError(name, 'fuzz', 1, 1);
    const code = input[at++]!;
    const cc = code < 0xc0 ? 0 : code;
    const len = (input[at++] ?? 0) % 40;
    const data = input.subarray(at, at + len);
    at += len;
    return { cc, data };
  };
  return {
    async call<Req, Res>(command: Command<Req, Res>, req: Req): Promise<Res> {
      command.encode(req);
      const { cc, data } = answer(command.name);
      if (cc !== 0) throw new CompletionCodeError(command.name, cc, command.completionCodes);
      return command.decode(data);
    },
    async raw(_netFn, cmd) {
      const { cc, data } = answer(`raw ${cmd}`);
      return { completionCode: cc, data };
    },
  };
}

/** Valid repository and inventory contents that plausible answers are cut from. */
const SAMPLE_RECORDS = [fullRecord(), compactRecord(), eventOnlyRecord(), fruLocatorRecord(), mcLocatorRecord()];
const SAMPLE_FRU = buildFruImage(STANDARD_FRU);
const SAMPLE_EVENT = encodeSystemEventRecord(1, 0x6000_0000, { sensorType: 1, sensorNumber: 1, eventType: 1, deassertion: false, data: [0x57, 0x40, 0x45] });

/**
 * A BMC that mostly answers as a real one would (lengths and fields that fit the request, slices
 * of valid records at the asked offset) and decides from the input where it lies: counts, next
 * IDs, short or long answers, completion codes (C5h and CAh included), flipped bits.
 */
function plausibleRequester(input: Uint8Array): IpmiRequester {
  let at = 0;
  const next = () => input[at++ % Math.max(1, input.length)] ?? 0;
  const shape = (cmd: number, req: Uint8Array): Uint8Array => {
    switch (cmd) {
      case 0x20: // Get SDR Repository Info
      case 0x40: // Get SEL Info
        return Uint8Array.of(0x51, next() % 24, 0, 0xff, 0xff, 1, 2, 3, 4, 1, 2, 3, 4, next());
      case 0x23: {
        // Get SDR: next ID, then the asked bytes of a sample record
        const record = SAMPLE_RECORDS[next() % SAMPLE_RECORDS.length]!;
        const [offset, count] = [req[4]!, req[5]!];
        const id = next() < 200 ? ((req[2]! | (req[3]! << 8)) + 1) & 0xffff : 0xffff;
        const body = record.subarray(Math.min(offset, record.length), count === 0xff ? record.length : Math.min(record.length, offset + Math.min(count, next())));
        return Uint8Array.of(id & 0xff, id >> 8, ...body);
      }
      case 0x43: {
        const id = next() < 220 ? ((req[2]! | (req[3]! << 8)) + 1) & 0xffff : 0xffff;
        return Uint8Array.of(id & 0xff, id >> 8, ...SAMPLE_EVENT);
      }
      case 0x10:
        return Uint8Array.of(next(), next() % 4, next() & 1);
      case 0x11: {
        const [offset, count] = [req[1]! | (req[2]! << 8), req[3]!];
        const bytes = SAMPLE_FRU.subarray(Math.min(offset, SAMPLE_FRU.length), Math.min(SAMPLE_FRU.length, offset + Math.min(count, next() < 128 ? count : next())));
        return Uint8Array.of(bytes.length, ...bytes);
      }
      default:
        return Uint8Array.of(next(), next());
    }
  };
  return {
    async call<Req, Res>(command: Command<Req, Res>, req: Req): Promise<Res> {
      const request = command.encode(req);
      if (at > input.length * 4) throw new TimeoutError(command.name, 'fuzz', 1, 1);
      const roll = next();
      if (roll >= 0xf0) throw new CompletionCodeError(command.name, [0xc5, 0xca, 0xc7, 0x81, 0xcb, 0xff, 0xc0, 0xd5][roll & 7]!, command.completionCodes);
      const data = shape(command.cmd, request);
      if (roll < 0x10 && data.length) {
        const i = next() % data.length;
        data[i] = data[i]! ^ (1 << (next() & 7));
      }
      return command.decode(roll >= 0xe8 ? data.subarray(0, next() % (data.length + 1)) : data);
    },
    async raw() {
      return { completionCode: 0xc1, data: new Uint8Array() };
    },
  };
}

const OPS = [
  (s: IpmiRequester) => readSdrRepository(s, { bounds: { readRequests: 64 }, maxReservationRetries: 2 }),
  (s: IpmiRequester) => selList(s, { bounds: { readRequests: 64 }, last: 3 }),
  (s: IpmiRequester) => readFru(s, { bounds: { readRequests: 64, fruBytes: 2048 } }),
  (s: IpmiRequester) => readSensors(s, { bounds: { readRequests: 64 } }),
];

/** SDR, SEL, FRU and sensor reads over made-up answers, many at once (their busy and C5h waits overlap). */
const opsTarget: FuzzTarget = {
  name: 'SDR/SEL/FRU/sensor reads over hostile answers',
  inputs: 40_000,
  async run(f, count, outcome) {
    const batch = 1000;
    for (let done = 0; done < count; done += batch) {
      const inputs = Array.from({ length: Math.min(batch, count - done) }, () => f.randomBytes(600));
      await Promise.all(
        inputs.map((input, i) => {
          const n = done + i;
          const requester = n % 2 === 0 ? hostileRequester(input) : plausibleRequester(input);
          return OPS[(n >> 1) % OPS.length]!(requester).then(
            () => record(outcome, input),
            (e: unknown) => record(outcome, input, e),
          );
        }),
      );
    }
  },
};

const HOST = '127.0.0.1';
const PORT = 9;

/**
 * The client's receive path: packets routed by the transport to a session whose keys are
 * known, half of them well-framed (integrity and encryption right) around mutated IPMI
 * messages. Afterwards the session must still complete a request.
 */
const sessionTarget: FuzzTarget = {
  name: 'client session receive path',
  inputs: 120_000,
  async run(f, count, outcome) {
    const transport = new UdpTransport();
    const sent: Uint8Array[] = [];
    transport.send = (_host, _port, buf) => void sent.push(buf.slice());
    const k = keys();
    const consoleSessionId = 0x11223344;
    const session = new Session({ transport, host: HOST, port: PORT, consoleSessionId, bmcSessionId: 0x55667788, suite: cipherSuite(3)!, keys: k, privilege: 4, policy: { timeoutMs: 200, retries: 1 }, quirks: [], maxInFlight: 1 });
    const route = (transport as unknown as { route(msg: Buffer, host: string, port: number): void }).route.bind(transport);
    const responses = [responseMessage(decodeLanMessage(requestMessage(6, 1, 4, new Uint8Array())), 0, new Uint8Array(15)), responseMessage(decodeLanMessage(requestMessage(0x0a, 0x23, 9, new Uint8Array(6))), 0, new Uint8Array(30))];
    let sequence = 1;
    const frames = (payload: Uint8Array) => encodeV2({ payloadType: PayloadType.ipmi, sessionId: consoleSessionId, sequence: sequence++, payload }, k);
    const raw = [frames(responses[0]!), encodeV2({ payloadType: PayloadType.sol, sessionId: consoleSessionId, sequence: 3, payload: new Uint8Array(8) }, k)];
    for (let i = 0; i < count; i++) {
      const input = i % 2 === 0 ? frames(f.mutate(responses[f.randInt(responses.length)]!)) : f.mutate(raw[f.randInt(raw.length)]!);
      try {
        route(Buffer.from(input), HOST, PORT);
        record(outcome, input);
      } catch (e) {
        record(outcome, input, e);
      }
    }
    // Still working: a Get Device ID whose answer comes through the same path.
    const before = sent.length;
    const answer = session.call({ name: 'Get Device ID', netFn: 6, cmd: 1, encode: () => new Uint8Array(), decode: (d) => d.length }, undefined);
    for (let spins = 0; sent.length === before && spins < 100; spins++) await new Promise((resolve) => setImmediate(resolve));
    const request = decodeLanMessage(openV2Payload(sent.at(-1)!, parseV2Header(sent.at(-1)!), k));
    route(Buffer.from(frames(responseMessage(request, 0, new Uint8Array(11)))), HOST, PORT);
    try {
      if ((await answer) !== 11) throw new Error('session answered wrongly after fuzzing');
    } catch (e) {
      record(outcome, new Uint8Array(), e instanceof Error && e.name !== 'Error' ? e : new Error(`session broken after fuzzing: ${String(e)}`));
    }
  },
};

function simulatedBmc(): { bmc: Bmc; server: BmcServer } {
  const bmc = new Bmc({ identity: makeIdentity(7, 0), profile: DEFAULT_PROFILE, users: compileUsers([{ name: 'admin', password: 'admin' }]), timing: DEFAULT_TIMING, faults: {}, poweredOn: true });
  return { bmc, server: new BmcServer(bmc, HOST, 623, () => undefined, seededRng(7)) };
}

/** Feeds one packet to the server; a handler failing other than with a typed error is counted by the server. */
function feed(server: BmcServer, input: Uint8Array, outcome: Outcome): void {
  const before = server.stats.handlerErrors;
  try {
    server.receive(input, { address: HOST, port: 40_000 });
    record(outcome, input, server.stats.handlerErrors > before ? new Error('simulator command handler failed with an untyped error') : undefined);
  } catch (e) {
    record(outcome, input, e);
  }
}

/** The simulator's server before a session: presence ping, IPMI 1.5 requests, Open Session, RAKP 1 and 3. */
const serverSetupTarget: FuzzTarget = {
  name: 'simulator server, session setup',
  inputs: 100_000,
  async run(f, count, outcome) {
    const { bmc, server } = simulatedBmc();
    const open = encodeOpenSessionRequest({ tag: 1, privilege: 4, consoleSessionId: 0x0a0b0c0d, auth: 1, integrity: 1, confidentiality: 1 });
    const rakp1 = encodeRakp1({ tag: 2, bmcSessionId: 1, consoleRandom: new Uint8Array(16), role: 0x14, username: new TextEncoder().encode('admin') });
    const rakp3 = encodeRakp3({ tag: 3, status: 0, bmcSessionId: 1, authCode: new Uint8Array(20) });
    const samples = [
      encodePresencePing(1),
      encodeV15(0, 0, requestMessage(6, 0x38, 1, Uint8Array.of(0x8e, 4))),
      encodeV2({ payloadType: PayloadType.openSessionRequest, sessionId: 0, sequence: 0, payload: open }),
      encodeV2({ payloadType: PayloadType.rakp1, sessionId: 0, sequence: 0, payload: rakp1 }),
      encodeV2({ payloadType: PayloadType.rakp3, sessionId: 0, sequence: 0, payload: rakp3 }),
      encodeV2({ payloadType: PayloadType.ipmi, sessionId: 0, sequence: 0, payload: requestMessage(6, 0x54, 2, Uint8Array.of(0x0e, 0x80, 0)) }),
    ];
    for (const input of f.corpus(samples, count, 80)) feed(server, input, outcome);
    server.stop();
    bmc.stop();
  },
};

/** Registered simulator commands, found by asking the table for each NetFn and command. */
function simulatorCommands(): { netFn: number; cmd: number }[] {
  const out: { netFn: number; cmd: number }[] = [];
  for (const netFn of [0x00, 0x04, 0x06, 0x0a, 0x0c]) for (let cmd = 0; cmd < 256; cmd++) if (findCommand(netFn, cmd)) out.push({ netFn, cmd });
  return out;
}

/**
 * The simulator's server inside an admin session whose keys are known: well-framed packets
 * around mutated requests to every command it serves, so the fuzz reaches every handler.
 */
const serverSessionTarget: FuzzTarget = {
  name: 'simulator server, in-session commands',
  inputs: 150_000,
  async run(f, count, outcome) {
    const { bmc, server } = simulatedBmc();
    let k = keys();
    const peer = { address: HOST, port: 40_000 };
    const commands = simulatorCommands();
    const session = () => {
      const s = server.sessions.create(0x0a0b0c0d, peer, cipherSuite(3)!, seededRng(9))!;
      s.phase = 'active';
      // Fresh keys: a closed session wipes its own.
      s.keys = k = keys();
      s.maxPrivilege = s.privilege = 4;
      return s;
    };
    let s = session();
    let sequence = 1;
    for (let i = 0; i < count; i++) {
      // Close Session, a privilege change or an expiry may end it: start another.
      if (server.sessions.get(s.bmcSessionId) !== s) {
        s = session();
        sequence = 1;
      }
      s.privilege = 4;
      const c = commands[f.randInt(commands.length)]!;
      const message = f.mutate(requestMessage(c.netFn, c.cmd, i & 0x3f, f.randomBytes(24)));
      feed(server, encodeV2({ payloadType: PayloadType.ipmi, sessionId: s.bmcSessionId, sequence: sequence++, payload: message }, k), outcome);
    }
    server.stop();
    bmc.stop();
  },
};

export async function fuzzTargets(): Promise<FuzzTarget[]> {
  const k = keys();
  const commands = await commandDecoders();
  const commandTarget: FuzzTarget = {
    name: `command response decoders (${commands.length})`,
    inputs: DECODERS_PER_COMMAND * commands.length,
    async run(f, count, outcome) {
      for (let i = 0; i < count; i++) {
        const input = f.randomBytes(40);
        try {
          commands[i % commands.length]!.decode(input);
          record(outcome, input);
        } catch (e) {
          record(outcome, input, e);
        }
      }
    },
  };
  return [
    decoder('RMCP+ packets (header, integrity, decryption)', 120_000, (b) => openV2Payload(b, parseV2Header(b), k), () => [
      encodeV2({ payloadType: PayloadType.ipmi, sessionId: 5, sequence: 9, payload: requestMessage(6, 1, 1, new Uint8Array()) }, k),
      encodeV2({ payloadType: PayloadType.openSessionResponse, sessionId: 0, sequence: 0, payload: new Uint8Array(36) }),
      encodeV2({ payloadType: PayloadType.oemExplicit, sessionId: 7, sequence: 1, payload: new Uint8Array(8), oem: { iana: 4542, payloadId: 1 } }),
    ]),
    decoder('IPMI 1.5 packets', 40_000, decodeV15, () => [encodeV15(0, 0, requestMessage(6, 0x38, 3, Uint8Array.of(0x8e, 4)))]),
    decoder('LAN messages', 60_000, decodeLanMessage, () => [requestMessage(6, 1, 1, Uint8Array.of(1, 2, 3))], 40),
    decoder('presence pongs', 20_000, decodePresencePong, () => [encodePresencePong(3)], 40),
    decoder('Open Session requests and responses', 50_000, (b) => (b.length % 2 ? decodeOpenSessionRequest(b) : decodeOpenSessionResponse(b)), () => [
      encodeOpenSessionResponse({ tag: 1, status: 0, privilege: 4, consoleSessionId: 1, bmcSessionId: 2, auth: 1, integrity: 1, confidentiality: 1 }),
      encodeOpenSessionRequest({ tag: 1, privilege: 4, consoleSessionId: 1, auth: 1, integrity: 1, confidentiality: 1 }),
    ], 48),
    decoder('RAKP 1-4', 80_000, (b) => [decodeRakp1, decodeRakp2, decodeRakp3, decodeRakp4][b.length % 4]!(b), () => [
      encodeRakp2({ tag: 1, status: 0, consoleSessionId: 1, bmcRandom: new Uint8Array(16), bmcGuid: new Uint8Array(16), authCode: new Uint8Array(20) }),
      encodeRakp1({ tag: 2, bmcSessionId: 1, consoleRandom: new Uint8Array(16), role: 0x14, username: new TextEncoder().encode('admin') }),
    ], 64),
    decoder('cipher suite records', 30_000, parseCipherSuiteRecords, () => [Uint8Array.from([0xc0, 3, 1, 0x41, 0x81, 0xc1, 0x80, 1, 2, 3, 0x01])], 64),
    decoder('SOL packets', 30_000, decodeSolPacket, () => [], 32),
    decoder('SDR records', 100_000, decodeSdrRecord, () => [], 80),
    decoder('SEL records', 40_000, decodeSelRecord, () => [], 20),
    decoder('FRU inventories', 40_000, decodeFruInventory, () => [], 256),
    commandTarget,
    opsTarget,
    sessionTarget,
    serverSetupTarget,
    serverSessionTarget,
  ];
}
