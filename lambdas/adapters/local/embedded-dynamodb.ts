/**
 * The DynamoDB adapters over dynalite, an embedded DynamoDB-compatible engine persisted in
 * LevelDB under the data folder: what `npm start` runs on, with no Java and no AWS account.
 */
import type { Server } from 'node:http';
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

/** Starts dynalite on 127.0.0.1 (port 0: any free port). `path` undefined keeps it in memory. */
export async function startEmbeddedDynamoDb(options: { path?: string; port?: number } = {}): Promise<EmbeddedDynamoDb> {
  if (options.path) await mkdir(options.path, { recursive: true, mode: 0o700 });
  const server: Server = dynalite({ ...(options.path && { path: options.path }), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
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
    // dynalite checks that a signature is present, not whose it is.
    clientConfig: { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
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
    ...(names.coordination && { idempotency: new DynamoIdempotencyStore(doc, names.coordination), denials: new DynamoDenialCounter(doc, names.coordination) }),
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
