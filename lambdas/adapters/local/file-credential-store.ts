/**
 * CredentialStore for local runs (`npm start`): one JSON file of AES-256-GCM sealed
 * credentials, with the 32-byte key in a separate file beside it (mode 0600, created on
 * first use). Each sealed value carries its own random 96-bit nonce, and the slot name
 * (`bmc/<tenant>/<bmcId>`) is the additional authenticated data, so a value copied into
 * another tenant's or BMC's slot fails to open instead of being used.
 *
 * One process writes a data folder: writes are serialised in-process and land atomically
 * (temporary file + rename). Other processes may read it (tests run several handler
 * processes over one folder): a slot missing from the copy in memory, or an invalidate(),
 * reads the file again.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gcm } from '@noble/ciphers/aes.js';
import type { CredentialStage, CredentialStore } from '../../core/ports.ts';
import { BmcCredentials } from '../../core/credentials.ts';
import { notFound } from '../../core/errors.ts';
import { KeyFileError, loadOrCreateKey } from './key-file.ts';

export const CREDENTIALS_FILE = 'credentials.enc.json';
export const KEY_FILE = 'credentials.key';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;

interface Sealed {
  readonly nonce: string;
  /** Ciphertext followed by the 16-byte GCM tag, hex. */
  readonly data: string;
}
type Versions = Partial<Record<CredentialStage, Sealed>>;
interface FileShape {
  version: 1;
  secrets: Record<string, Versions>;
}

const slot = (tenantId: string, bmcId: string) => `bmc/${tenantId}/${bmcId}`;

export class LocalCredentialStoreError extends Error {
  override name = 'LocalCredentialStoreError';
}

export class FileCredentialStore implements CredentialStore {
  private key: Uint8Array | undefined;
  private state: FileShape | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly dir: string) {}

  get path(): string {
    return join(this.dir, CREDENTIALS_FILE);
  }

  async put(tenantId: string, bmcId: string, credentials: BmcCredentials) {
    await this.mutate(tenantId, bmcId, (v, seal) => ({ ...(v.current && { previous: v.current }), current: seal(credentials) }));
  }

  async get(tenantId: string, bmcId: string, stage: CredentialStage = 'current') {
    let sealed = (await this.load()).secrets[slot(tenantId, bmcId)]?.[stage];
    if (!sealed) {
      // Another process may have written it since this one read the file.
      await this.writes;
      this.state = undefined;
      sealed = (await this.load()).secrets[slot(tenantId, bmcId)]?.[stage];
    }
    return sealed && this.open(slot(tenantId, bmcId), sealed);
  }

  async stage(tenantId: string, bmcId: string, credentials: BmcCredentials) {
    await this.mutate(tenantId, bmcId, (v, seal) => ({ ...v, pending: seal(credentials) }));
  }

  async promote(tenantId: string, bmcId: string) {
    await this.mutate(tenantId, bmcId, (v) => {
      if (!v.pending) throw notFound('pending credentials of BMC', bmcId);
      return { ...(v.current && { previous: v.current }), current: v.pending };
    });
  }

  async discardPending(tenantId: string, bmcId: string) {
    await this.mutate(tenantId, bmcId, ({ pending: _p, ...rest }) => rest);
  }

  async delete(tenantId: string, bmcId: string) {
    await this.mutate(tenantId, bmcId, () => undefined);
  }

  invalidate() {
    // After an authentication failure: another process may have rotated the credentials.
    this.state = undefined;
  }

  private async mutate(tenantId: string, bmcId: string, change: (v: Versions, seal: (c: BmcCredentials) => Sealed) => Versions | undefined): Promise<void> {
    const run = this.writes.then(async () => {
      const state = await this.load();
      const name = slot(tenantId, bmcId);
      const next = change(state.secrets[name] ?? {}, (c) => this.seal(name, c));
      const secrets = { ...state.secrets };
      if (next === undefined || Object.keys(next).length === 0) delete secrets[name];
      else secrets[name] = next;
      await this.persist({ version: 1, secrets });
      this.state = { version: 1, secrets };
    });
    // A failed write must not poison the ones queued after it.
    this.writes = run.catch(() => undefined);
    return run;
  }

  private seal(name: string, c: BmcCredentials): Sealed {
    const key = this.requireKey();
    const nonce = randomBytes(NONCE_BYTES);
    const plain = new TextEncoder().encode(JSON.stringify(c.reveal()));
    const data = gcm(key, nonce, new TextEncoder().encode(name)).encrypt(plain);
    plain.fill(0);
    return { nonce: Buffer.from(nonce).toString('hex'), data: Buffer.from(data).toString('hex') };
  }

  private open(name: string, sealed: Sealed): BmcCredentials {
    let plain: Uint8Array;
    try {
      plain = gcm(this.requireKey(), Buffer.from(sealed.nonce, 'hex'), new TextEncoder().encode(name)).decrypt(Buffer.from(sealed.data, 'hex'));
    } catch {
      throw new LocalCredentialStoreError(`${this.path}: credentials of ${name} do not decrypt (wrong ${KEY_FILE}, or the file was edited)`);
    }
    const value = JSON.parse(new TextDecoder().decode(plain)) as { username: string; password: string; kg?: string };
    plain.fill(0);
    return new BmcCredentials(value.username, value.password, value.kg);
  }

  private requireKey(): Uint8Array {
    if (!this.key) throw new LocalCredentialStoreError('key not loaded');
    return this.key;
  }

  private async load(): Promise<FileShape> {
    if (this.state) return this.state;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    this.key = await this.loadKey();
    let text: string | undefined;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const parsed = text === undefined ? { version: 1, secrets: {} } : (JSON.parse(text) as unknown);
    if (!parsed || typeof parsed !== 'object' || (parsed as FileShape).version !== 1 || typeof (parsed as FileShape).secrets !== 'object') {
      throw new LocalCredentialStoreError(`${this.path}: not a credentials file of version 1`);
    }
    this.state = parsed as FileShape;
    return this.state;
  }

  private async loadKey(): Promise<Uint8Array> {
    try {
      return await loadOrCreateKey(join(this.dir, KEY_FILE), KEY_BYTES);
    } catch (e) {
      throw e instanceof KeyFileError ? new LocalCredentialStoreError(e.message) : e;
    }
  }

  private async persist(state: FileShape): Promise<void> {
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(state, null, 1) + '\n', { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, this.path);
  }
}
