/**
 * The audit signer of the Lambda functions, from their environment:
 * - AUDIT_SIGNING_KEY_ID: the KMS key (ECC_NIST_P256, SIGN_VERIFY) the CDK app creates and
 *   grants Sign and GetPublicKey on;
 * - AUDIT_SIGNING_KEY_FILE: a test and local-only seam, like LOCAL_CREDENTIALS_DIR: a PEM key
 *   file (created when missing), so the bundled handlers sign where no KMS exists. The CDK app
 *   never sets it.
 * Neither set: no checkpoints are written and bundle export is refused.
 */
import { KMSClient } from '@aws-sdk/client-kms';
import { AUDIT_KEY_ENV, KmsAuditSigner } from '../adapters/kms/audit-signer.ts';
import { LocalAuditSigner } from '../adapters/local/audit-signing-key.ts';
import type { AuditSigner } from '../core/ports.ts';
import { SettingsError } from './settings.ts';

export const AUDIT_KEY_FILE_ENV = 'AUDIT_SIGNING_KEY_FILE';

export async function auditSigner(env: Readonly<Record<string, string | undefined>> = process.env): Promise<AuditSigner | undefined> {
  const keyId = env[AUDIT_KEY_ENV];
  const file = env[AUDIT_KEY_FILE_ENV];
  if (keyId && file) throw new SettingsError(`set ${AUDIT_KEY_ENV} or ${AUDIT_KEY_FILE_ENV}, not both`);
  if (keyId) return new KmsAuditSigner(new KMSClient({}), keyId);
  if (file) return LocalAuditSigner.fromFile(file);
  return undefined;
}
