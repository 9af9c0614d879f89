/**
 * One RMCP+ session as the BMC sees it (IPMI v2.0 sections 13.14-13.23 and 6.12): the
 * handshake state with the messages already sent (so retransmitted requests get the same
 * answer instead of a new session), then the keys, privilege, sequence numbers and a
 * short memory of answered requests (so a retransmitted command is not executed twice).
 */
import { SequenceWindow, wipe, wipeFrameKeys, type CipherSuite, type FrameKeys } from '../../ipmi/protocol.ts';
import type { BmcUser } from '../bmc/bmc.ts';

export interface Peer {
  address: string;
  port: number;
}

export type SessionPhase = 'opened' | 'rakp2-sent' | 'active' | 'challenged';

/** What an IPMI v1.5 session has instead of RMCP+ keys (22.16-22.17). */
export interface V15SessionState {
  authType: number;
  /** The user's password, 16 bytes zero padded: the AuthCode key. */
  key: Uint8Array;
  challenge: Uint8Array;
  /** The Activate Session answer, sent again for a retransmitted request. */
  activated: Uint8Array | undefined;
}

interface AnsweredRequest {
  key: string;
  response: Uint8Array;
  at: number;
}

/** How long a retransmitted request is answered from memory rather than executed again. */
const DUPLICATE_WINDOW_MS = 10_000;
const REMEMBERED = 8;

export class SimSession {
  phase: SessionPhase = 'opened';
  lastActivity = Date.now();
  /** Open Session request tag and the response sent for it. */
  openTag = 0;
  openResponse: Uint8Array = new Uint8Array(0);
  /** Privilege of the Open Session response ("maximum privilege"), what opensesspriv BMCs hash. */
  openPrivilege = 0;
  consoleRandom: Uint8Array | undefined;
  bmcRandom: Uint8Array | undefined;
  /** Role byte the RAKP HMACs are computed with. */
  hashRole = 0;
  user: BmcUser | undefined;
  rakp2: Uint8Array | undefined;
  rakp3AuthCode: Uint8Array | undefined;
  rakp4: Uint8Array | undefined;
  keys: FrameKeys | undefined;
  /** Highest privilege this session may take (RAKP 1 role, capped by the user). */
  maxPrivilege = 0;
  /** Current privilege; sessions start at User level (22.18). */
  privilege = 0;
  readonly window = new SequenceWindow();
  private outSeq = 0;
  private answered: AnsweredRequest[] = [];
  solActive = false;
  /** Set for IPMI v1.5 sessions, which have no RMCP+ keys. */
  v15: V15SessionState | undefined;

  constructor(
    readonly bmcSessionId: number,
    readonly consoleSessionId: number,
    readonly peer: Peer,
    readonly suite: CipherSuite,
  ) {}

  /** Outbound session sequence number; starts at 1, skips 0 on wrap (6.12.13). */
  nextSeq(): number {
    this.outSeq = (this.outSeq + 1) >>> 0;
    if (this.outSeq === 0) this.outSeq = 1;
    return this.outSeq;
  }

  /** The first outbound number is the one the console chose in Activate Session (22.17). */
  startOutboundAt(seq: number): void {
    this.outSeq = (seq - 1) >>> 0;
  }

  /** The response already sent for an identical request (same rqSeq, command and data), if recent. */
  recall(key: string, now: number): Uint8Array | undefined {
    return this.answered.find((a) => a.key === key && now - a.at < DUPLICATE_WINDOW_MS)?.response;
  }

  remember(key: string, response: Uint8Array, now: number): void {
    this.answered = this.answered.filter((a) => a.key !== key);
    this.answered.push({ key, response, at: now });
    if (this.answered.length > REMEMBERED) this.answered.shift();
  }

  /** Forgets key material (noble-ciphers' habit, also in the client's session). */
  destroy(): void {
    if (this.keys) wipeFrameKeys(this.keys);
    wipe(this.consoleRandom, this.bmcRandom, this.v15?.key);
    this.keys = undefined;
    this.v15 = undefined;
    this.answered = [];
  }
}

export class SessionTable {
  private readonly byId = new Map<number, SimSession>();

  constructor(private readonly limit: () => number) {}

  get size(): number {
    return this.byId.size;
  }

  get full(): boolean {
    return this.byId.size >= this.limit();
  }

  get(bmcSessionId: number): SimSession | undefined {
    return this.byId.get(bmcSessionId);
  }

  /** A half-open session for this console's retransmitted Open Session request. */
  findOpening(peer: Peer, consoleSessionId: number, tag: number): SimSession | undefined {
    for (const s of this.byId.values()) {
      if (s.phase === 'opened' && s.consoleSessionId === consoleSessionId && s.openTag === tag && s.peer.address === peer.address && s.peer.port === peer.port) return s;
    }
    return undefined;
  }

  /** Creates a session with a fresh non-zero managed-system session ID, or undefined when full. */
  create(consoleSessionId: number, peer: Peer, suite: CipherSuite, random: () => number): SimSession | undefined {
    if (this.full) return undefined;
    let id = 0;
    while (id === 0 || this.byId.has(id)) id = Math.floor(random() * 0xffffffff) >>> 0;
    const s = new SimSession(id, consoleSessionId, peer, suite);
    this.byId.set(id, s);
    return s;
  }

  remove(s: SimSession): void {
    if (this.byId.get(s.bmcSessionId) === s) this.byId.delete(s.bmcSessionId);
    s.destroy();
  }

  /** Closes sessions idle past their timeout; returns the ones removed. */
  expire(now: number, activeTimeoutMs: number, handshakeTimeoutMs: number): SimSession[] {
    const gone: SimSession[] = [];
    for (const s of this.byId.values()) {
      const limit = s.phase === 'active' ? activeTimeoutMs : handshakeTimeoutMs;
      if (now - s.lastActivity > limit) gone.push(s);
    }
    for (const s of gone) this.remove(s);
    return gone;
  }

  all(): IterableIterator<SimSession> {
    return this.byId.values();
  }

  get activeCount(): number {
    let n = 0;
    for (const s of this.byId.values()) if (s.phase === 'active') n++;
    return n;
  }
}
