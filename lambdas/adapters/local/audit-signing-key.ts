/**
 * The audit signer of `npm start` and tests: an ECDSA P-256 key (the curve and algorithm of the
 * KMS key in AWS, audit-checkpoint.ts) held by node:crypto. `fromFile` keeps it as PKCS#8 PEM in
 * a file of mode 0600, created on first use, so checkpoints signed before a restart still verify.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditSigner } from '../../core/ports.ts';

/** File name of the key in the data folder. */
export const AUDIT_KEY_FILE = 'audit-signing-key.pem';

export class LocalAuditSigner implements AuditSigner {
  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new TypeError('audit signing key: expected an EC P-256 private key');
    }
  }

  /** A fresh key held in memory only (tests). */
  static generate(): LocalAuditSigner {
    return new LocalAuditSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
  }

  /** The key in `path`, written there first (mode 0600) when there is none. */
  static async fromFile(path: string): Promise<LocalAuditSigner> {
    let pem: string;
    try {
      pem = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      try {
        // 'wx': when another process created it meanwhile, use that one.
        await writeFile(path, pem, { mode: 0o600, flag: 'wx' });
      } catch (w) {
        if ((w as NodeJS.ErrnoException).code !== 'EEXIST') throw w;
        pem = await readFile(path, 'utf8');
      }
    }
    await chmod(path, 0o600);
    return new LocalAuditSigner(createPrivateKey(pem));
  }

  async publicKeyPem(): Promise<string> {
    return createPublicKey(this.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    return sign('sha256', message, { key: this.privateKey, dsaEncoding: 'der' });
  }
}
