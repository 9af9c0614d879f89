/**
 * One simulated BMC's protocol engine: classifies each datagram (ASF, IPMI v1.5, RMCP+),
 * runs session setup, verifies integrity, decrypts and checks the sequence window of every
 * in-session packet, dispatches IPMI requests to the command table and frames the answers
 * with the session's keys. Anything hostile or malformed is counted and dropped; nothing a
 * client sends can throw out of receive().
 */
import {
  ASF_IANA,
  ByteReader,
  CloseSession,
  decodeLanMessage,
  decodeV15,
  encodePresencePong,
  encodeV15,
  encodeV2,
  openInSession,
  parseV2Header,
  PayloadType,
  peekKind,
  readRmcpHeader,
  responseMessage,
  toHex,
  type LanMessage,
  type V2Header,
} from '../../ipmi/protocol.ts';
import { IpmiError } from '../../ipmi/index.ts';
import type { Bmc } from '../bmc/bmc.ts';
import { findCommand } from '../commands/index.ts';
import { SOL_PAYLOAD_SIZE } from '../commands/app.ts';
import { CC, type CommandContext, type Reply, type ServerControls } from '../commands/registry.ts';
import { DEFAULT_SESSION_LIMIT } from '../options.ts';
import type { Rng } from '../rng.ts';
import * as handshake from './handshake.ts';
import { SessionTable, type Peer, type SimSession } from './sim-session.ts';
import type { CommandJournal } from './command-journal.ts';
import { SolChannel } from './sol-channel.ts';
import { activateSession, authentic, isActivateSession, isSessionChallenge, rmcpPlusOffered, sessionChallenge, v15Offered, v15Packet } from './v15-session.ts';

/** Datagrams larger than this are hostile: RMCP+ packets here are a few hundred bytes at most. */
export const MAX_DATAGRAM = 2048;

export type Transmit = (packet: Uint8Array, peer: Peer) => void;

export interface ServerStats {
  received: number;
  answered: number;
  malformed: number;
  unknownSession: number;
  integrity: number;
  replay: number;
  oversized: number;
  unsupported: number;
  /** Handler errors turned into a completion code (should stay 0). */
  handlerErrors: number;
  /** Requests dropped because an earlier one was still being worked on (quirk oneRequestAtATime). */
  busy: number;
}

export class BmcServer implements ServerControls {
  readonly sessions: SessionTable;
  readonly stats: ServerStats = { received: 0, answered: 0, malformed: 0, unknownSession: 0, integrity: 0, replay: 0, oversized: 0, unsupported: 0, handlerErrors: 0, busy: 0 };
  private sol: { session: SimSession; channel: SolChannel } | undefined;
  /** When set, every in-session command and session-table change is recorded (tests). */
  journal: CommandJournal | undefined;
  /** Answers being worked on (Timing.requestMs), sent when their time is up. */
  private readonly working = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    readonly bmc: Bmc,
    readonly address: string,
    public port: number,
    private readonly transmit: Transmit,
    private readonly random: Rng,
  ) {
    this.sessions = new SessionTable(() => this.sessionLimit);
  }

  get sessionLimit(): number {
    return this.bmc.faults.sessionLimit ?? DEFAULT_SESSION_LIMIT;
  }

  get solBusy(): boolean {
    return this.sol !== undefined;
  }

  receive(buf: Uint8Array, peer: Peer): void {
    this.stats.received++;
    if (buf.length > MAX_DATAGRAM) {
      this.stats.oversized++;
      return;
    }
    try {
      switch (peekKind(buf)) {
        case 'asf':
          return this.asf(buf, peer);
        case 'v15':
          return this.v15(buf, peer);
        case 'v2':
          return this.v2(buf, peer);
        default:
          this.stats.malformed++;
      }
    } catch (e) {
      // Decoders throw typed errors on hostile input; anything else is a bug worth counting too.
      if (e instanceof IpmiError || e instanceof RangeError) this.stats.malformed++;
      else this.stats.handlerErrors++;
    }
  }

  private send(packet: Uint8Array, peer: Peer): void {
    this.stats.answered++;
    this.transmit(packet, peer);
  }

  /** ASF Presence Ping (ASF 2.0 3.2.4.3, IPMI 13.2.3) -> Presence Pong. */
  private asf(buf: Uint8Array, peer: Peer): void {
    const r = new ByteReader(buf, 'ASF message');
    readRmcpHeader(r);
    const iana = r.u32be('IANA');
    const type = r.u8('message type');
    const tag = r.u8('message tag');
    if (iana !== ASF_IANA || type !== 0x80) {
      this.stats.unsupported++;
      return;
    }
    this.send(encodePresencePong(tag), peer);
  }

  /**
   * IPMI v1.5 framing (13.6): pre-session commands outside any session; with the quirk
   * `ipmi15`, also Get Session Challenge, Activate Session and v1.5 sessions (v15-session.ts).
   */
  private v15(buf: Uint8Array, peer: Peer): void {
    const f = decodeV15(buf);
    if (f.sessionId === 0) {
      if (f.authType !== 0) {
        this.stats.unsupported++;
        return;
      }
      const msg = decodeLanMessage(f.message);
      if (msg.netFn & 1) return;
      const reply = isSessionChallenge(msg) && v15Offered(this.bmc) ? sessionChallenge(this.handshakeContext(), peer, msg.body) : this.preSession(msg);
      if (reply) this.send(encodeV15(0, 0, responseMessage(msg, reply.cc, reply.data)), peer);
      this.journal?.sessions(this.sessions.size, this.sessions.activeCount);
      return;
    }
    const s = this.sessions.get(f.sessionId);
    if (!s?.v15) {
      this.stats.unknownSession++;
      return;
    }
    if (!authentic(s, f)) {
      this.stats.integrity++;
      return;
    }
    const msg = decodeLanMessage(f.message);
    // Activate Session comes with sequence number 0 under the temporary session ID (22.17);
    // a retransmitted one gets the answer already sent.
    if (f.sequence === 0 && isActivateSession(msg) && !(msg.netFn & 1)) {
      if (s.phase === 'active') {
        if (s.v15.activated) this.send(v15Packet(s, 0, s.v15.activated), peer);
        return;
      }
      const reply = activateSession(s, msg.body, this.random);
      const response = responseMessage(msg, reply.cc, reply.data);
      this.send(v15Packet(s, 0, response), peer);
      if (reply.cc === CC.ok) s.v15.activated = response;
      else this.sessions.remove(s);
      this.journal?.sessions(this.sessions.size, this.sessions.activeCount);
      return;
    }
    if (s.phase !== 'active') {
      this.stats.unknownSession++;
      return;
    }
    if (!s.window.accept(f.sequence)) {
      this.stats.replay++;
      return;
    }
    s.lastActivity = Date.now();
    this.request(s, msg, peer);
  }

  private handshakeContext(): handshake.HandshakeContext {
    return { bmc: this.bmc, sessions: this.sessions, random: this.random };
  }

  private preSession(msg: LanMessage): Reply | undefined {
    if (msg.netFn & 1) return undefined;
    const entry = findCommand(msg.netFn, msg.cmd);
    if (!entry?.preSession) return { cc: CC.insufficientPrivilege };
    return this.run(entry.handler, { bmc: this.bmc, session: undefined, server: this }, msg.body);
  }

  private v2(buf: Uint8Array, peer: Peer): void {
    // A v1.5-only BMC does not know auth type 6 (RMCP+).
    if (!rmcpPlusOffered(this.bmc)) {
      this.stats.unsupported++;
      return;
    }
    const h = parseV2Header(buf);
    if (h.sessionId === 0) return this.setup(h, peer);
    const s = this.sessions.get(h.sessionId);
    if (!s || s.phase !== 'active' || !s.keys) {
      this.stats.unknownSession++;
      return;
    }
    const payload = openInSession(buf, h, s.keys, s.window);
    if (typeof payload === 'string') {
      this.stats[payload]++;
      return;
    }
    s.lastActivity = Date.now();
    if (h.payloadType === PayloadType.ipmi) return this.request(s, decodeLanMessage(payload), peer);
    if (h.payloadType === PayloadType.sol && this.sol?.session === s) return this.sol.channel.receive(payload);
    this.stats.unsupported++;
  }

  /** Session ID 0: Open Session, RAKP 1 and 3, and unauthenticated pre-session IPMI requests. */
  private setup(h: V2Header, peer: Peer): void {
    if (h.encrypted || h.authenticated) {
      this.stats.unsupported++;
      return;
    }
    const ctx = this.handshakeContext();
    let type: number;
    let answer: Uint8Array | undefined;
    switch (h.payloadType) {
      case PayloadType.openSessionRequest:
        type = PayloadType.openSessionResponse;
        answer = handshake.openSession(ctx, peer, h.rawPayload);
        break;
      case PayloadType.rakp1:
        type = PayloadType.rakp2;
        answer = handshake.rakp1(ctx, h.rawPayload);
        break;
      case PayloadType.rakp3:
        type = PayloadType.rakp4;
        answer = handshake.rakp3(ctx, h.rawPayload);
        break;
      case PayloadType.ipmi: {
        const msg = decodeLanMessage(h.rawPayload);
        const reply = this.preSession(msg);
        type = PayloadType.ipmi;
        answer = reply && responseMessage(msg, reply.cc, reply.data);
        break;
      }
      default:
        this.stats.unsupported++;
        return;
    }
    if (answer) this.send(encodeV2({ payloadType: type, sessionId: 0, sequence: 0, payload: answer }), peer);
    this.journal?.sessions(this.sessions.size, this.sessions.activeCount);
  }

  private run(handler: (ctx: CommandContext, data: Uint8Array) => Reply, ctx: CommandContext, body: Uint8Array): Reply {
    try {
      return handler(ctx, body);
    } catch (e) {
      // A request too short for a field the handler reads is a length error, not a crash.
      if (e instanceof IpmiError) return { cc: CC.requestLength };
      this.stats.handlerErrors++;
      return { cc: 0xff };
    }
  }

  /** An in-session IPMI request: privilege check, dispatch, and duplicate suppression. */
  private request(s: SimSession, msg: LanMessage, peer: Peer): void {
    if (msg.netFn & 1) {
      this.stats.unsupported++;
      return;
    }
    if (this.bmc.faults.quirks?.oneRequestAtATime && this.working.size > 0) {
      this.stats.busy++;
      return;
    }
    const now = Date.now();
    const key = `${msg.rqSeq}:${msg.netFn}:${msg.cmd}:${msg.targetLun}:${toHex(msg.body)}`;
    const again = s.recall(key, now);
    this.journal?.command({
      at: now,
      netFn: msg.netFn,
      cmd: msg.cmd,
      bmcSessionId: s.bmcSessionId,
      rqSeq: msg.rqSeq,
      duplicate: again !== undefined,
      sessions: this.sessions.size,
      activeSessions: this.sessions.activeCount,
    });
    if (again) return this.sendPayload(s, PayloadType.ipmi, again, peer);
    const entry = findCommand(msg.netFn, msg.cmd);
    let reply: Reply;
    if (msg.targetLun !== 0) reply = { cc: 0xc2 };
    else if (!entry) reply = { cc: CC.invalidCommand };
    else if (s.privilege < entry.privilege) reply = { cc: CC.insufficientPrivilege };
    else if (this.bmc.faults.nodeBusy && !(msg.netFn === CloseSession.netFn && msg.cmd === CloseSession.cmd)) reply = { cc: CC.nodeBusy };
    else reply = this.run(entry.handler, { bmc: this.bmc, session: s, server: this }, msg.body);
    const response = responseMessage(msg, reply.cc, reply.data);
    s.remember(key, response, now);
    const answer = () => {
      this.sendPayload(s, PayloadType.ipmi, response, peer);
      reply.after?.();
    };
    const ms = this.bmc.timing.requestMs;
    if (ms <= 0) return answer();
    const t = setTimeout(() => {
      this.working.delete(t);
      answer();
    }, ms);
    this.working.add(t);
  }

  private sendPayload(s: SimSession, payloadType: number, payload: Uint8Array, peer: Peer = s.peer): void {
    if (s.v15) {
      // v1.5 sessions carry IPMI messages only (no payload types, hence no SOL).
      if (payloadType === PayloadType.ipmi) this.send(v15Packet(s, s.nextSeq(), payload), peer);
      return;
    }
    if (!s.keys) return;
    this.send(encodeV2({ payloadType, sessionId: s.consoleSessionId, sequence: s.nextSeq(), payload }, s.keys), peer);
  }

  closeSession(s: SimSession): void {
    if (this.sol?.session === s) this.stopSol();
    this.sessions.remove(s);
  }

  startSol(s: SimSession): void {
    this.stopSol();
    const channel = new SolChannel(this.bmc.console, (p) => this.sendPayload(s, PayloadType.sol, p), () => this.bmc.timing.solRetryMs, SOL_PAYLOAD_SIZE);
    this.sol = { session: s, channel };
    s.solActive = true;
    channel.start();
  }

  stopSol(): void {
    if (!this.sol) return;
    this.sol.channel.stop();
    this.sol.session.solActive = false;
    this.sol = undefined;
  }

  get solStats(): SolChannel['stats'] | undefined {
    return this.sol?.channel.stats;
  }

  /** Housekeeping: expire idle sessions (6.12.15), let sensors raise events. */
  tick(now = Date.now()): void {
    const gone = this.sessions.expire(now, this.bmc.timing.sessionTimeoutMs, this.bmc.timing.handshakeTimeoutMs);
    if (this.sol && gone.includes(this.sol.session)) this.stopSol();
    this.bmc.tick(now);
  }

  stop(): void {
    for (const t of this.working) clearTimeout(t);
    this.working.clear();
    this.stopSol();
    for (const s of [...this.sessions.all()]) this.sessions.remove(s);
    this.bmc.stop();
  }
}
