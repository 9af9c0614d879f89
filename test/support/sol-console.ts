/**
 * The far end of ipmi_sim's SOL: lan.conf `sol "tcp:HOST:PORT"` makes ipmi_sim open a
 * TCP connection here when a client first activates the SOL payload (IPMI v2.0 section
 * 24), as if this socket were the host's serial port; ipmi_sim keeps it open across
 * later activations. The console prints its text on connection and again every
 * `repeatMs`, so a capture of a few seconds sees at least one whole copy whenever it
 * starts; bytes the SOL client types are recorded and echoed back, as a login prompt
 * echoes. Tests can also print with write().
 */
import { createServer, type Socket } from 'node:net';
import { LOOPBACK } from './ports.ts';

/** A short, recognisable boot log; lines end in CR LF as on a serial console. */
export const BOOT_LOG = [
  'BMC Control Plane test host',
  'BIOS version 2.15.1234, release date 06/15/2023',
  'Memory test: 65536 MB OK',
  'Booting from PXE ...',
  'Linux version 6.1.0-test (ipmi_sim serial console)',
  'systemd[1]: Reached target Multi-User System.',
  'testhost login: ',
].join('\r\n');

export interface SolConsole {
  readonly port: number;
  /** How many times ipmi_sim has connected (once per SOL activation). */
  connections(): number;
  /** Everything SOL clients sent towards the serial port. */
  received(): string;
  /** Prints on the console (to every connection ipmi_sim holds). */
  write(text: string): void;
  close(): Promise<void>;
}

export function startSolConsole(greeting: string, repeatMs = 1_000): Promise<SolConsole> {
  const sockets = new Set<Socket>();
  let connections = 0;
  let received = '';
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => {
      received += data;
      socket.write(data, 'latin1');
    });
    socket.write(greeting, 'latin1');
  });
  const repeat = setInterval(() => {
    for (const s of sockets) s.write(`\r\n${greeting}`, 'latin1');
  }, repeatMs);
  repeat.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('SOL console: no TCP address after listen'));
        return;
      }
      resolve({
        port: address.port,
        connections: () => connections,
        received: () => received,
        write: (text) => {
          for (const s of sockets) s.write(text, 'latin1');
        },
        close: () =>
          new Promise<void>((done) => {
            clearInterval(repeat);
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
