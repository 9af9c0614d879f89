/**
 * A loopback UDP proxy between a client and a BMC that can drop chosen datagrams on their way
 * back to the client: a lossy network made deterministic, e.g. exactly the RAKP 4 of a login.
 *
 *   const proxy = await startUdpProxy(bmc, { dropToClient: isRakp4 });
 *   openSession({ host: proxy.host, port: proxy.port, ... });
 */
import { createSocket, type Socket } from 'node:dgram';
import { LOOPBACK } from './ports.ts';

export interface UdpProxyOptions {
  /** Datagrams from the BMC for which this is true never reach the client. */
  dropToClient?: (datagram: Uint8Array) => boolean;
  /** Called with each dropped datagram. */
  onDrop?: (datagram: Uint8Array) => void;
}

export interface UdpProxy {
  readonly host: string;
  port: number;
  dropped: number;
  close(): Promise<void>;
}

/** RMCP+ payload type 15h, RAKP Message 4 (IPMI v2.0 section 13.27.3 Table 13-16), after the RMCP header. */
export function isRakp4(d: Uint8Array): boolean {
  return d.length > 5 && d[4] === 0x06 && (d[5]! & 0x3f) === 0x15;
}

export async function startUdpProxy(target: { host: string; port: number }, options: UdpProxyOptions = {}): Promise<UdpProxy> {
  const front = createSocket('udp4');
  // One socket towards the BMC per client address, so the BMC's answers find their way back.
  const backs = new Map<string, Socket>();
  const proxy: UdpProxy = { host: LOOPBACK, port: 0, dropped: 0, close };
  front.on('message', (msg, client) => {
    const key = `${client.address}|${client.port}`;
    let back = backs.get(key);
    if (!back) {
      back = createSocket('udp4');
      back.on('message', (answer) => {
        if (options.dropToClient?.(answer)) {
          proxy.dropped++;
          options.onDrop?.(answer);
          return;
        }
        front.send(answer, client.port, client.address);
      });
      back.bind(0, LOOPBACK);
      backs.set(key, back);
    }
    back.send(msg, target.port, target.host);
  });
  await new Promise<void>((resolve) => front.bind(0, LOOPBACK, resolve));
  proxy.port = front.address().port;

  async function close(): Promise<void> {
    const all = [front, ...backs.values()];
    backs.clear();
    await Promise.all(all.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
  return proxy;
}
