/**
 * TenantSettingsStore on the tenants table: one item per tenant. Settings are written with an
 * UpdateItem of their own attributes, so what else the tenant's item holds is left alone.
 */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TenantSettingsStore } from '../../core/ports.ts';
import type { TenantSettings } from '../../core/types.ts';
import { READ_AUDIT_MODES } from '../../core/types.ts';

export class DynamoTenantSettingsStore implements TenantSettingsStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string): Promise<TenantSettings | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { tenantId }, ConsistentRead: true }));
    // An item without settings (written by tenant provisioning alone) means the defaults.
    if (!item || !(READ_AUDIT_MODES as readonly unknown[]).includes(item['readAudit'])) return undefined;
    return {
      tenantId,
      readAudit: item['readAudit'] as TenantSettings['readAudit'],
      readAuditIntervalSeconds: Number(item['readAuditIntervalSeconds']),
      // Absent on items written before the setting existed: the default (off).
      rawCommands: item['rawCommands'] === true,
      updatedAt: typeof item['settingsUpdatedAt'] === 'string' ? item['settingsUpdatedAt'] : null,
      updatedBy: typeof item['settingsUpdatedBy'] === 'string' ? item['settingsUpdatedBy'] : null,
    };
  }

  async put(settings: TenantSettings): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { tenantId: settings.tenantId },
        UpdateExpression: 'SET readAudit = :mode, readAuditIntervalSeconds = :interval, rawCommands = :raw, settingsUpdatedAt = :at, settingsUpdatedBy = :by',
        ExpressionAttributeValues: { ':mode': settings.readAudit, ':interval': settings.readAuditIntervalSeconds, ':raw': settings.rawCommands, ':at': settings.updatedAt, ':by': settings.updatedBy },
      }),
    );
  }
}
