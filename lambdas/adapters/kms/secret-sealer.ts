/**
 * SecretSealer in AWS: KMS Encrypt and Decrypt with a symmetric key, the webhook named in the
 * encryption context (`webhook` = `webhook/<tenant>/<id>`), so CloudTrail shows which webhook's
 * secret was opened and a ciphertext moved onto another webhook fails to decrypt. A webhook
 * secret is at most 256 bytes, well under KMS's 4 KiB plaintext limit, so no data key is needed.
 * Opened values are kept briefly in memory, keyed by their ciphertext: the dispatcher opens the
 * same few secrets for every event.
 */
import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { SecretSealer } from '../../core/monitoring/webhooks/model.ts';

/** Environment variable with the key's id or ARN (set by the CDK app). */
export const WEBHOOK_SECRET_KEY_ENV = 'WEBHOOK_SECRET_KEY_ID';
const CACHE_MS = 5 * 60_000;
const CACHE_MAX = 1_000;

export class KmsSecretSealer implements SecretSealer {
  private readonly opened = new Map<string, { value: string; until: number }>();

  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
    private readonly now: () => number = Date.now,
  ) {}

  async seal(plain: string, context: string): Promise<string> {
    const out = await this.kms.send(new EncryptCommand({ KeyId: this.keyId, Plaintext: new TextEncoder().encode(plain), EncryptionContext: { webhook: context } }));
    if (!out.CiphertextBlob) throw new Error('KMS Encrypt returned no ciphertext');
    return `kms.${Buffer.from(out.CiphertextBlob).toString('base64')}`;
  }

  async open(sealed: string, context: string): Promise<string> {
    const cacheKey = `${context}|${sealed}`;
    const hit = this.opened.get(cacheKey);
    if (hit && hit.until > this.now()) return hit.value;
    if (!sealed.startsWith('kms.')) throw new Error(`sealed secret of ${context}: not a KMS value`);
    const out = await this.kms.send(new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: Buffer.from(sealed.slice(4), 'base64'), EncryptionContext: { webhook: context } }));
    if (!out.Plaintext) throw new Error('KMS Decrypt returned no plaintext');
    const value = new TextDecoder().decode(out.Plaintext);
    if (this.opened.size >= CACHE_MAX) this.opened.clear();
    this.opened.set(cacheKey, { value, until: this.now() + CACHE_MS });
    return value;
  }
}
