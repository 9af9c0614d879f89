import { createSocket, type Socket } from 'node:dgram';
import { lookup as dnsLookup, type LookupOneOptions } from 'node:dns';
import { isIP, isIPv6 } from 'node:net';
import { randomInt } from 'node:crypto';
import { TransportError } from '../errors.ts';
import { PayloadType, peekKind } from '../rmcp/session-frame.ts';

export type DatagramHandler = (buf: Uint8Array) => void;

export interface UdpTransportOptions {
  /** Local address to bind (default: any). */
  bindAddress?: string;
  /** Socket receive buffer size; large fleets want more than the OS default. */
  receiveBufferSize?: number;
  /** Keep the process alive while open (default false: an idle transport never holds Node open). */
  ref?: boolean;
}

const key = (host: string, port: number) => `${host}|${port}`;

/**
 * One UDP socket (per address family) carrying every session to every BMC. Datagrams are
 * routed by remote address and port plus the remote-console session ID they carry (section
 * 13.6: packets from the BMC carry our session ID); pre-session traffic (IPMI v1.5, ASF,
 * RMCP+ with session ID 0) goes to the sessionless handlers of that remote.
 */
export class UdpTransport {
  private readonly sockets = new Map<'udp4' | 'udp6', Socket>();
  private readonly sessions = new Map<string, DatagramHandler>();
  private readonly sessionless = new Map<string, Set<DatagramHandler>>();
  private readonly consoleIds = new Set<number>();
  private closed = false;
  /** Datagrams that matched nothing or could not be classified (hostile, late or stray). */
  dropped = 0;

  constructor(private readonly options: UdpTransportOptions = {}) {}

  private socketFor(host: string): Socket {
    if (this.closed) throw new TransportError('transport is closed');
    // Sessions hold IP literals, and only IPv6 literals contain a colon: no regex per packet.
    const family = host.includes(':') && isIPv6(host) ? 'udp6' : 'udp4';
    let s = this.sockets.get(family);
    if (s) return s;
    s = createSocket({ type: family, lookup: literalLookup, ...(this.options.receiveBufferSize ? { recvBufferSize: this.options.receiveBufferSize } : {}) });
    s.on('message', (msg, rinfo) => this.route(msg, rinfo.address, rinfo.port));
    // Socket errors (e.g. ICMP port unreachable surfaced on some platforms) must not crash the process;
    // requests time out and report instead.
    s.on('error', () => undefined);
    s.bind({ port: 0, ...(this.options.bindAddress ? { address: this.options.bindAddress } : {}) });
    if (!this.options.ref) s.unref();
    this.sockets.set(family, s);
    return s;
  }

  /**
   * Sends one datagram. No completion callback: dgram then sends synchronously without a
   * request object per packet; a failed send surfaces as a socket 'error' (ignored above)
   * and the request times out and retransmits as after a loss.
   */
  send(host: string, port: number, buf: Uint8Array): void {
    this.socketFor(host).send(buf, port, host);
  }

  /** A fresh non-zero remote-console session ID unique within this transport. */
  allocateConsoleSessionId(): number {
    for (;;) {
      const id = randomInt(1, 0xffffffff);
      if (!this.consoleIds.has(id)) {
        this.consoleIds.add(id);
        return id;
      }
    }
  }

  releaseConsoleSessionId(id: number): void {
    this.consoleIds.delete(id);
  }

  onSession(host: string, port: number, consoleSessionId: number, handler: DatagramHandler): () => void {
    const k = `${key(host, port)}|${consoleSessionId}`;
    this.sessions.set(k, handler);
    return () => {
      if (this.sessions.get(k) === handler) this.sessions.delete(k);
      this.consoleIds.delete(consoleSessionId);
    };
  }

  onSessionless(host: string, port: number, handler: DatagramHandler): () => void {
    const k = key(host, port);
    let set = this.sessionless.get(k);
    if (!set) this.sessionless.set(k, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0) this.sessionless.delete(k);
    };
  }

  private route(msg: Buffer, host: string, port: number): void {
    const buf = new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength);
    const kind = peekKind(buf);
    if (kind === 'v2') {
      const sid = consoleSessionIdOf(buf);
      if (sid !== undefined) {
        const h = this.sessions.get(`${key(host, port)}|${sid}`);
        if (h) return safely(h, buf);
        this.dropped++;
        return;
      }
    } else if (kind === 'unknown') {
      this.dropped++;
      return;
    }
    const set = this.sessionless.get(key(host, port));
    if (!set || set.size === 0) {
      this.dropped++;
      return;
    }
    for (const h of [...set]) safely(h, buf);
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.sockets.values()];
    this.sockets.clear();
    await Promise.all(all.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/**
 * dgram resolves the address of every send; sessions already hold IP literals, so answer those
 * at once instead of going through dns.lookup per packet (measurable in fleet sweeps).
 */
export function literalLookup(hostname: string, options: LookupOneOptions, callback: (err: NodeJS.ErrnoException | null, address: string, family: number) => void): void {
  const family = isIP(hostname);
  if (family !== 0) callback(null, hostname, family);
  else dnsLookup(hostname, options, callback);
}

function safely(h: DatagramHandler, buf: Uint8Array): void {
  try {
    h(buf);
  } catch {
    // Handlers validate their own input; a throw here is a hostile packet and is dropped.
  }
}

/**
 * The remote-console session ID of an RMCP+ packet from a BMC: the session header's ID, or
 * for session-setup responses (which travel with session ID 0) the ID inside the payload
 * (13.18, 13.21, 13.23: bytes 4-7). Undefined for sessionless payloads.
 */
function consoleSessionIdOf(buf: Uint8Array): number | undefined {
  const pt = buf[5];
  if (pt === undefined) return undefined;
  const payloadType = pt & 0x3f;
  const hdr = payloadType === PayloadType.oemExplicit ? 12 : 6;
  if (buf.length < hdr + 10) return undefined;
  const sid = readU32(buf, hdr);
  if (sid !== 0) return sid;
  if (payloadType === PayloadType.openSessionResponse || payloadType === PayloadType.rakp2 || payloadType === PayloadType.rakp4) {
    const payloadAt = hdr + 10;
    if (buf.length < payloadAt + 8) return undefined;
    return readU32(buf, payloadAt + 4);
  }
  return undefined;
}

function readU32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

let shared: UdpTransport | undefined;

/** The process-wide transport used when a caller does not pass its own. */
export function sharedTransport(): UdpTransport {
  shared ??= new UdpTransport();
  return shared;
}
