// The audit signing key: an asymmetric KMS key in the data stack, used only to sign, by exactly
// the functions that append audit events, with Sign and GetPublicKey on that key alone.
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../cdk/lib/handlers.ts';
import { AUDIT_KEY_ENV } from '../../lambdas/adapters/kms/audit-signer.ts';
import { AUDIT_KEY_FILE_ENV } from '../../lambdas/handlers/audit-signing.ts';
import { buildApp, resourcesOfType } from './support.ts';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

describe('audit signing key', () => {
  let data: Template;
  let api: Template;
  beforeAll(() => {
    const built = buildApp();
    data = built.templates.data;
    api = built.templates.api;
  }, 180_000);

  it('is an ECC_NIST_P256 key for signing and verifying only, kept when the stack goes', () => {
    const keys = Object.values(data.findResources('AWS::KMS::Key')) as { Properties: Record<string, unknown>; DeletionPolicy?: string }[];
    const signing = keys.filter((k) => k.Properties['KeyUsage'] === 'SIGN_VERIFY');
    expect(signing).toHaveLength(1);
    expect(signing[0]?.Properties['KeySpec']).toBe('ECC_NIST_P256');
    expect(signing[0]?.DeletionPolicy).toBe('Retain');
    // Asymmetric keys cannot rotate automatically; nothing asks them to.
    expect(signing[0]?.Properties['EnableKeyRotation']).toBeUndefined();
  });

  it('is granted Sign and GetPublicKey, on that key only, to exactly the functions that append audit events', () => {
    const functions = Object.values(resourcesOfType(api, 'AWS::Lambda::Function'));
    const policies = Object.values(resourcesOfType(api, 'AWS::IAM::Policy'));
    const appending = Object.values(HANDLERS).filter((h) => 'audit' in h.tables && h.tables.audit === 'append');
    expect(appending.length).toBeGreaterThanOrEqual(3);
    let signers = 0;
    for (const fn of functions) {
      const env = ((fn.Properties['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
      expect(env[AUDIT_KEY_FILE_ENV]).toBeUndefined();
      const roleId = (fn.Properties['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const statements = policies
        .filter((p) => JSON.stringify(p.Properties['Roles']).includes(roleId))
        .flatMap((p) => (p.Properties['PolicyDocument'] as { Statement: Statement[] }).Statement);
      const kms = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('kms:')));
      const appendsAudit = JSON.stringify(env).includes('AUDIT_TABLE');
      if (env[AUDIT_KEY_ENV] === undefined) {
        expect(kms.filter((s) => JSON.stringify(s.Resource).includes('AuditSigningKey'))).toEqual([]);
        continue;
      }
      signers++;
      expect(appendsAudit).toBe(true);
      const signing = kms.filter((s) => JSON.stringify(s.Resource).includes('AuditSigningKey'));
      expect(signing).toHaveLength(1);
      expect([signing[0]?.Action].flat().sort()).toEqual(['kms:GetPublicKey', 'kms:Sign']);
      expect(JSON.stringify(env[AUDIT_KEY_ENV])).toContain('AuditSigningKey');
    }
    expect(signers).toBe(appending.length);
  });
});
