/**
 * Free loopback ports for peers started by tests. The kernel picks an unused port when a
 * socket binds to port 0; we read it back and release it. Another process may take the
 * port between release and reuse, so callers that start a peer on it retry on a bind
 * failure (see startIpmiSim).
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

export const LOOPBACK = '127.0.0.1';

export function freeUdpPort(host: string = LOOPBACK): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', (err) => {
      socket.close();
      reject(err);
    });
    socket.bind(0, host, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

export function freeTcpPort(host: string = LOOPBACK): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('freeTcpPort: no TCP address after listen'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
