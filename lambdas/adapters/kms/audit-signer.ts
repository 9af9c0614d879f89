/**
 * The audit signer in AWS: an asymmetric KMS key (key spec ECC_NIST_P256, usage SIGN_VERIFY).
 * The private key never leaves KMS; the functions may only Sign and GetPublicKey with it (CDK
 * grants). KMS hashes the message itself (MessageType RAW, ECDSA_SHA_256) and answers with a DER
 * signature, as node:crypto signs with the local key, so both verify the same way.
 */
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { AuditSigner } from '../../core/ports.ts';

/** Environment variable with the key's id or ARN (set by the CDK app). */
export const AUDIT_KEY_ENV = 'AUDIT_SIGNING_KEY_ID';

/** KMS signs RAW messages of at most 4096 bytes; a checkpoint is a few hundred. */
const MAX_RAW_MESSAGE = 4096;

export class KmsAuditSigner implements AuditSigner {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async publicKeyPem(): Promise<string> {
    const out = await this.kms.send(new GetPublicKeyCommand({ KeyId: this.keyId }));
    if (!out.PublicKey || out.KeySpec !== 'ECC_NIST_P256') throw new Error(`audit signing key ${this.keyId}: expected an ECC_NIST_P256 key, got ${out.KeySpec ?? 'none'}`);
    const base64 = Buffer.from(out.PublicKey).toString('base64').replace(/.{1,64}/g, '$&\n');
    return `-----BEGIN PUBLIC KEY-----\n${base64}-----END PUBLIC KEY-----\n`;
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    if (message.length > MAX_RAW_MESSAGE) throw new RangeError(`checkpoint payload: ${message.length} bytes, KMS signs at most ${MAX_RAW_MESSAGE}`);
    const out = await this.kms.send(new SignCommand({ KeyId: this.keyId, Message: message, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }));
    if (!out.Signature) throw new Error('KMS Sign returned no signature');
    return out.Signature;
  }
}
