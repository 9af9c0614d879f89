/**
 * DynamoDB Local (AWS's own emulator, shipped as a jar in the npm package
 * amplify-dynamodb-simulator) on a free loopback port, for integration tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoDbLocal {
  readonly endpoint: string;
  /** Client configuration that reaches the emulator (dummy credentials, fixed region). */
  readonly clientConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  stop(): Promise<void>;
}

export function emulatorDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/** A port the kernel just handed out on 127.0.0.1 (TCP), free when this returns. */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilServing(client: DynamoDBClient, child: ChildProcess, output: () => string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with ${child.exitCode}: ${output()}`);
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch {
      if (Date.now() > until) throw new Error(`DynamoDB Local did not answer within ${deadlineMs} ms: ${output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function startDynamoDbLocal(options: { startupMs?: number } = {}): Promise<DynamoDbLocal> {
  const dir = emulatorDir();
  // A port can be taken between probing and binding by a parallel test file; try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freeTcpPort();
    const child = spawn('java', [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar'), '-inMemory', '-port', String(port)], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    const endpoint = `http://127.0.0.1:${port}`;
    const clientConfig = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    const probe = new DynamoDBClient({ ...clientConfig, maxAttempts: 1 });
    try {
      await waitUntilServing(probe, child, () => output, options.startupMs ?? 45_000);
    } catch (e) {
      child.kill('SIGKILL');
      if (attempt < 3 && /BindException|Address already in use/.test(output)) continue;
      throw e;
    } finally {
      probe.destroy();
    }
    return {
      endpoint,
      clientConfig,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    };
  }
}
