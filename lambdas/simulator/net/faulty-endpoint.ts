/**
 * The UDP socket of one simulated BMC, with the network faults injected between it and
 * the protocol engine: loss (both directions), delay with jitter, duplication and
 * reordering (outbound; duplication inbound too), and a switch that makes the BMC
 * unresponsive. Decisions come from a seeded PRNG so a run can be reproduced.
 */
import { createSocket, type Socket } from 'node:dgram';
import type { Faults } from '../options.ts';
import type { Rng } from '../rng.ts';
import type { Peer } from '../rmcp/sim-session.ts';
import { literalLookup } from '../../ipmi/protocol.ts';

/** Extra hold time of a reordered packet, beyond delay and jitter, so the next one overtakes it. */
const REORDER_HOLD_MS = 40;

export type PacketHandler = (packet: Uint8Array, peer: Peer) => void;

export interface EndpointStats {
  droppedIn: number;
  droppedOut: number;
  duplicated: number;
  reordered: number;
  socketErrors: number;
}

export class FaultyEndpoint {
  private socket: Socket | undefined;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  readonly stats: EndpointStats = { droppedIn: 0, droppedOut: 0, duplicated: 0, reordered: 0, socketErrors: 0 };

  constructor(
    readonly address: string,
    private readonly faults: () => Faults,
    private readonly rng: Rng,
  ) {}

  private chance(percent: number | undefined): boolean {
    return !!percent && percent > 0 && this.rng() * 100 < percent;
  }

  /** Binds (port 0 picks a free port) and returns the port bound. */
  listen(port: number, onPacket: PacketHandler): Promise<number> {
    // Replies go to IP literals: answer dgram's per-send lookup at once instead of a tick later.
    const socket = createSocket({ type: 'udp4', reuseAddr: false, lookup: literalLookup });
    this.socket = socket;
    socket.on('message', (msg, rinfo) => {
      const f = this.faults();
      if (f.unresponsive || this.chance(f.lossPercent)) {
        this.stats.droppedIn++;
        return;
      }
      const packet = new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength);
      const peer = { address: rinfo.address, port: rinfo.port };
      onPacket(packet, peer);
      if (this.chance(f.duplicatePercent)) {
        this.stats.duplicated++;
        onPacket(packet, peer);
      }
    });
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, this.address, () => {
        socket.off('error', reject);
        // After binding, socket errors (e.g. ICMP unreachable reports) must never crash the fleet.
        socket.on('error', () => this.stats.socketErrors++);
        resolve(socket.address().port);
      });
    });
  }

  send(packet: Uint8Array, peer: Peer): void {
    const f = this.faults();
    if (f.unresponsive || this.chance(f.lossPercent)) {
      this.stats.droppedOut++;
      return;
    }
    let delay = (f.delayMs ?? 0) + (f.jitterMs ? this.rng() * f.jitterMs : 0);
    if (this.chance(f.reorderPercent)) {
      this.stats.reordered++;
      delay += (f.jitterMs ?? 0) + REORDER_HOLD_MS;
    }
    const copies = this.chance(f.duplicatePercent) ? 2 : 1;
    if (copies === 2) this.stats.duplicated++;
    for (let i = 0; i < copies; i++) {
      if (delay <= 0) this.write(packet, peer);
      else this.later(delay + i, () => this.write(packet, peer));
    }
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  /** No completion callback (it costs a request object and a tick per packet): send errors reach the 'error' handler. */
  private write(packet: Uint8Array, peer: Peer): void {
    this.socket?.send(packet, peer.port, peer.address);
  }

  close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return Promise.resolve();
    return new Promise((resolve) => socket.close(() => resolve()));
  }
}
