/**
 * CredentialStore on AWS Secrets Manager: one secret per BMC named `bmc/<tenant>/<bmcId>`,
 * tagged with the tenant (so IAM conditions and cost reports can use it), holding
 * `{username, password, kg?}`. Rotation uses Secrets Manager's own staging labels:
 * AWSPENDING for the candidate, AWSCURRENT for what sessions use, AWSPREVIOUS for the last
 * known good. Values are cached briefly; `invalidate` (after an authentication failure)
 * makes the next read go to Secrets Manager.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import type { CredentialStage, CredentialStore } from '../../core/ports.ts';
import { BmcCredentials } from '../../core/credentials.ts';
import { notFound } from '../../core/errors.ts';

const STAGE_LABEL: Readonly<Record<CredentialStage, string>> = { current: 'AWSCURRENT', pending: 'AWSPENDING', previous: 'AWSPREVIOUS' };

export interface SecretsManagerStoreOptions {
  /** How long a read value is reused, default 30 s. */
  readonly cacheTtlMs?: number;
  /** Customer managed KMS key for new secrets. */
  readonly kmsKeyId?: string;
  /** Days a deleted secret can be restored, 7-30 (default 7). */
  readonly recoveryWindowDays?: number;
  readonly now?: () => number;
}

export function secretName(tenantId: string, bmcId: string): string {
  if (!/^[A-Za-z0-9_.@+=-]+$/.test(tenantId) || !/^[A-Za-z0-9_.@+=-]+$/.test(bmcId)) throw new Error('tenant and BMC ids must be secret-name safe');
  return `bmc/${tenantId}/${bmcId}`;
}

const isNamed = (e: unknown, name: string) => e instanceof Error && e.name === name;

/** Only the `send` method is used, so tests can pass a double of the client. */
export type SecretsClient = Pick<SecretsManagerClient, 'send'>;

export class SecretsManagerCredentialStore implements CredentialStore {
  private readonly cache = new Map<string, { value: BmcCredentials | undefined; until: number }>();
  private readonly ttl: number;
  private readonly now: () => number;

  constructor(
    private readonly client: SecretsClient,
    private readonly options: SecretsManagerStoreOptions = {},
  ) {
    this.ttl = options.cacheTtlMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  async put(tenantId: string, bmcId: string, credentials: BmcCredentials) {
    const name = secretName(tenantId, bmcId);
    const SecretString = JSON.stringify(credentials.reveal());
    try {
      await this.client.send(
        new CreateSecretCommand({
          Name: name,
          SecretString,
          Description: `IPMI credentials of BMC ${bmcId} (tenant ${tenantId})`,
          Tags: [
            { Key: 'tenant', Value: tenantId },
            { Key: 'bmc', Value: bmcId },
          ],
          ...(this.options.kmsKeyId && { KmsKeyId: this.options.kmsKeyId }),
        }),
      );
    } catch (e) {
      if (!isNamed(e, 'ResourceExistsException')) throw e;
      await this.client.send(new PutSecretValueCommand({ SecretId: name, SecretString, ClientRequestToken: randomUUID() }));
    }
    this.invalidate(tenantId, bmcId);
  }

  async get(tenantId: string, bmcId: string, stage: CredentialStage = 'current', options: { fresh?: boolean } = {}) {
    const name = secretName(tenantId, bmcId);
    const key = `${name}#${stage}`;
    const hit = this.cache.get(key);
    if (!options.fresh && hit && hit.until > this.now()) return hit.value;
    let value: BmcCredentials | undefined;
    try {
      const out = await this.client.send(new GetSecretValueCommand({ SecretId: name, VersionStage: STAGE_LABEL[stage] }));
      const parsed = JSON.parse(out.SecretString ?? '{}') as { username?: unknown; password?: unknown; kg?: unknown };
      if (typeof parsed.username !== 'string' || typeof parsed.password !== 'string') throw new Error(`secret ${name} does not hold username and password`);
      value = new BmcCredentials(parsed.username, parsed.password, typeof parsed.kg === 'string' ? parsed.kg : undefined);
    } catch (e) {
      if (!isNamed(e, 'ResourceNotFoundException')) throw e;
    }
    this.cache.set(key, { value, until: this.now() + this.ttl });
    return value;
  }

  async stage(tenantId: string, bmcId: string, credentials: BmcCredentials) {
    await this.client.send(
      new PutSecretValueCommand({
        SecretId: secretName(tenantId, bmcId),
        SecretString: JSON.stringify(credentials.reveal()),
        VersionStages: ['AWSPENDING'],
        ClientRequestToken: randomUUID(),
      }),
    );
    this.invalidate(tenantId, bmcId);
  }

  async promote(tenantId: string, bmcId: string) {
    const name = secretName(tenantId, bmcId);
    const { pending, current } = await this.versions(name);
    if (!pending) throw notFound('pending credentials of BMC', bmcId);
    // Moving AWSCURRENT makes Secrets Manager label the old version AWSPREVIOUS.
    await this.client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', MoveToVersionId: pending, ...(current && { RemoveFromVersionId: current }) }));
    await this.client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSPENDING', RemoveFromVersionId: pending }));
    this.invalidate(tenantId, bmcId);
  }

  async discardPending(tenantId: string, bmcId: string) {
    const name = secretName(tenantId, bmcId);
    const { pending } = await this.versions(name);
    if (pending) await this.client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSPENDING', RemoveFromVersionId: pending }));
    this.invalidate(tenantId, bmcId);
  }

  async delete(tenantId: string, bmcId: string) {
    try {
      await this.client.send(new DeleteSecretCommand({ SecretId: secretName(tenantId, bmcId), RecoveryWindowInDays: this.options.recoveryWindowDays ?? 7 }));
    } catch (e) {
      if (!isNamed(e, 'ResourceNotFoundException')) throw e;
    }
    this.invalidate(tenantId, bmcId);
  }

  invalidate(tenantId: string, bmcId: string) {
    const name = secretName(tenantId, bmcId);
    for (const stage of Object.keys(STAGE_LABEL)) this.cache.delete(`${name}#${stage}`);
  }

  private async versions(name: string): Promise<{ pending?: string; current?: string }> {
    const out = await this.client.send(new DescribeSecretCommand({ SecretId: name }));
    const found: { pending?: string; current?: string } = {};
    for (const [id, labels] of Object.entries(out.VersionIdsToStages ?? {})) {
      if (labels.includes('AWSPENDING')) found.pending = id;
      if (labels.includes('AWSCURRENT')) found.current = id;
    }
    return found;
  }
}
