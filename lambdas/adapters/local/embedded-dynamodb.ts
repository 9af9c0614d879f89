/**
 * The DynamoDB adapters over dynalite, an embedded DynamoDB-compatible engine persisted in
 * LevelDB under the data folder: what `npm start` runs on, with no Java and no AWS account.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import dynalite from 'dynalite';
import type { CursorCodec } from '../../core/cursor-codec.ts';
import { createDocumentClient, createDynamoPorts, createTables, DEFAULT_TABLE_NAMES, loadCursorCodec, type TableNames } from '../dynamodb/index.ts';
import { DynamoDenialCounter } from '../dynamodb/denial-counter-store.ts';
import { DynamoIdempotencyStore } from '../dynamodb/idempotency-store.ts';
import { DynamoLeaseStore } from '../dynamodb/lease-store.ts';
import { MemoryLeaseStore } from '../coordination/lease-store.ts';
import { FileCredentialStore } from './file-credential-store.ts';

export interface EmbeddedDynamoDb {
  readonly endpoint: string;
  readonly clientConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } };
  close(): Promise<void>;
}

/**
 * Answers 403 to every request whose SigV4 credential is not `accessKeyId` (dynalite itself checks
 * only that a signature is present). The key id travels in clear over loopback, which other users
 * of the machine cannot read; it is not written anywhere.
 */
function guardRequests(server: Server, accessKeyId: string): void {
  const [handler] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (!handler) throw new Error('dynalite server has no request handler');
  server.removeAllListeners('request');
  const expected = Buffer.from(`Credential=${accessKeyId}/`);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const auth = Buffer.from(String(req.headers['authorization'] ?? ''));
    const at = auth.indexOf('Credential=');
    const presented = at < 0 ? Buffer.alloc(0) : auth.subarray(at, at + expected.length);
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      res.writeHead(403, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'com.amazon.coral.service#UnrecognizedClientException', message: 'The security token included in the request is invalid.' }));
      return;
    }
    handler(req, res);
  });
}

/** Starts dynalite on 127.0.0.1 (port 0: any free port). `path` undefined keeps it in memory. */
export async function startEmbeddedDynamoDb(options: { path?: string; port?: number } = {}): Promise<EmbeddedDynamoDb> {
  if (options.path) await mkdir(options.path, { recursive: true, mode: 0o700 });
  const server: Server = dynalite({ ...(options.path && { path: options.path }), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // dynalite accepts any signed request; anyone on the machine can reach 127.0.0.1. So the
  // access key id is a fresh random secret, known only to this process (and whoever it hands
  // the client config to), and every request must be signed with it.
  const secret = randomBytes(24).toString('hex');
  guardRequests(server, secret);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  // dynalite closes its LevelDB with the server; a Query still streaming from it then throws out
  // of dynalite's own stream (uncaught). So closing waits for the requests it is serving.
  let active = 0;
  let drained: (() => void) | undefined;
  server.on('request', (_req, res) => {
    active++;
    res.once('close', () => {
      active--;
      if (active === 0) drained?.();
    });
  });
  const settle = async (ms: number) => {
    if (active === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      drained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  };
  return {
    endpoint,
    clientConfig: { endpoint, region: 'local', credentials: { accessKeyId: secret, secretAccessKey: 'local' } },
    close: async () => {
      await settle(5_000);
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

/**
 * Every storage port for a local run: DynamoDB adapters over dynalite in `<dataDir>/dynamodb`
 * and the encrypted credentials file in `<dataDir>`. Tables are created when missing. `leases`
 * (BMC leases) and `idempotency` (Idempotency-Key records) are on the coordination table, as in
 * Lambda (one code path).
 */
export async function createLocalStores(dataDir: string, names: TableNames = DEFAULT_TABLE_NAMES) {
  const db = await startEmbeddedDynamoDb({ path: join(dataDir, 'dynamodb') });
  const { client, doc } = createDocumentClient(db.clientConfig);
  let cursors: CursorCodec | undefined;
  try {
    await createTables(client, names, { pollMs: 20 });
    // The data dir's table keeps the cursor key, so cursors outlive a restart as the data does.
    if (names.coordination) cursors = await loadCursorCodec(doc, names.coordination);
  } catch (e) {
    client.destroy();
    await db.close();
    throw e;
  }
  return {
    ...createDynamoPorts(doc, names, cursors),
    credentials: new FileCredentialStore(dataDir),
    leases: names.coordination ? new DynamoLeaseStore(doc, names.coordination) : new MemoryLeaseStore(),
    ...(names.coordination && { idempotency: new DynamoIdempotencyStore(doc, names.coordination), denials: new DynamoDenialCounter(doc, names.coordination), requestCounts: new DynamoDenialCounter(doc, names.coordination, 'requests') }),
    endpoint: db.endpoint,
    /** The client every adapter sends through (the benchmark counts operations on it). */
    documentClient: doc,
    async close() {
      // The server first, once what it is serving has been answered; then the client's sockets.
      await db.close();
      client.destroy();
    },
  };
}
