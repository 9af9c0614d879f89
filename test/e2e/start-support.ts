/**
 * Runs `npm start`'s entry (bin/start.mjs) as a child process, as a user would, on a free port
 * with its own data folder and simulated fleet, and reads the three lines it promises.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { resolve } from 'node:path';

export interface StartedApi {
  readonly child: ChildProcess;
  readonly graphqlUrl: string;
  readonly restUrl: string;
  readonly adminKey: string;
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** SIGINT, then the exit code. */
  stop(): Promise<number | null>;
}

const ROOT = resolve(import.meta.dirname, '../..');

export function startApi(env: Record<string, string>, startupMs = 60_000): Promise<StartedApi> {
  const child = spawn(process.execPath, ['bin/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', BMC_SIM_BASE_PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGINT');
    return exited;
  };
  return new Promise((resolvePromise, reject) => {
    const deadline = setTimeout(() => {
      void stop();
      reject(new Error(`npm start did not print its endpoints in time\nstdout: ${out}\nstderr: ${err}`));
    }, startupMs);
    const check = () => {
      const graphqlUrl = /^GraphQL: (\S+)$/m.exec(out)?.[1];
      const restUrl = /^REST: (\S+)$/m.exec(out)?.[1];
      const adminKey = /^admin API key: (\S+)$/m.exec(out)?.[1];
      if (graphqlUrl && restUrl && adminKey) {
        clearTimeout(deadline);
        resolvePromise({ child, graphqlUrl, restUrl, adminKey, stderr: () => err, stop });
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(deadline);
      reject(new Error(`npm start exited with ${code}\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

/** A UDP port on 127.0.0.1 with nothing listening: a BMC there never answers. */
export function silentUdpPort(): Promise<number> {
  return new Promise((done, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

export async function gql(url: string, key: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}
