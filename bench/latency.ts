/**
 * Single-BMC latency: one command on an open session, against the floor of a bare UDP round
 * trip on loopback (an echo server in this process), both as medians of many sequential
 * exchanges.
 */
import { createSocket, type Socket } from 'node:dgram';
import { GetDeviceId } from '../lambdas/ipmi/commands/app/get-device-id.ts';
import { openSession, type SessionOptions } from '../lambdas/ipmi/index.ts';

export interface LatencyStats {
  samples: number;
  medianUs: number;
  p95Us: number;
}

export function stats(us: number[]): LatencyStats {
  const sorted = [...us].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { samples: sorted.length, medianUs: at(0.5), p95Us: at(0.95) };
}

function bind(socket: Socket, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => resolve(socket.address().port));
  });
}

/** Round trips of a 40-byte datagram (about a Get Device ID request) to an echo socket. */
export async function udpRoundTrip(samples: number, host = '127.0.0.1'): Promise<LatencyStats> {
  const echo = createSocket('udp4');
  const client = createSocket('udp4');
  try {
    echo.on('message', (m, from) => echo.send(m, from.port, from.address));
    const port = await bind(echo, host);
    await bind(client, host);
    const payload = Buffer.alloc(40, 0xa5);
    const times: number[] = [];
    for (let i = 0; i < samples + 20; i++) {
      const started = performance.now();
      await new Promise<void>((resolve) => {
        client.once('message', () => resolve());
        client.send(payload, port, host);
      });
      // The first exchanges warm up the JIT and the sockets; they are not counted.
      if (i >= 20) times.push((performance.now() - started) * 1000);
    }
    return stats(times);
  } finally {
    echo.close();
    client.close();
  }
}

/** Get Device ID on one open session, sequentially. */
export async function commandRoundTrip(samples: number, options: SessionOptions): Promise<LatencyStats> {
  const s = await openSession(options);
  try {
    const times: number[] = [];
    for (let i = 0; i < samples + 20; i++) {
      const started = performance.now();
      await s.call(GetDeviceId, undefined);
      if (i >= 20) times.push((performance.now() - started) * 1000);
    }
    return stats(times);
  } finally {
    await s.close();
  }
}
