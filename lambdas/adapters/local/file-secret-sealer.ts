/**
 * SecretSealer for local runs and tests: AES-256-GCM under the key file of the local credentials
 * (file-credential-store.ts), the same mechanism that seals BMC credentials at rest. Each sealed
 * value is `v1.<nonce hex>.<ciphertext+tag hex>`; the context is the additional authenticated
 * data, so a value moved onto another webhook does not open.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { gcm } from '@noble/ciphers/aes.js';
import type { SecretSealer } from '../../core/monitoring/webhooks/model.ts';
import { KEY_FILE } from './file-credential-store.ts';
import { loadOrCreateKey } from './key-file.ts';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const encode = (s: string) => new TextEncoder().encode(s);

export class FileSecretSealer implements SecretSealer {
  private key: Promise<Uint8Array> | undefined;

  constructor(private readonly dir: string) {}

  async seal(plain: string, context: string): Promise<string> {
    const nonce = randomBytes(NONCE_BYTES);
    const data = gcm(await this.loadKey(), nonce, encode(context)).encrypt(encode(plain));
    return `v1.${Buffer.from(nonce).toString('hex')}.${Buffer.from(data).toString('hex')}`;
  }

  async open(sealed: string, context: string): Promise<string> {
    const [version, nonce, data] = sealed.split('.');
    if (version !== 'v1' || !nonce || !data) throw new Error(`sealed secret of ${context}: not a v1 value`);
    try {
      return new TextDecoder().decode(gcm(await this.loadKey(), Buffer.from(nonce, 'hex'), encode(context)).decrypt(Buffer.from(data, 'hex')));
    } catch {
      throw new Error(`sealed secret of ${context} does not decrypt (wrong ${KEY_FILE}, or the item was edited)`);
    }
  }

  private loadKey(): Promise<Uint8Array> {
    this.key ??= loadOrCreateKey(join(this.dir, KEY_FILE), KEY_BYTES);
    return this.key;
  }
}
