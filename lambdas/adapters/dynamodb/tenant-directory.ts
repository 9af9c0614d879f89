/**
 * The tenants the scheduler watches in AWS: every tenant with an item in the tenants table
 * (settings or registration). A tenant that stored a monitoring policy is watched anyway.
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export function tenantsOfTable(doc: DynamoDBDocumentClient, tableName: string): () => Promise<string[]> {
  return async () => {
    const out: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new ScanCommand({ TableName: tableName, ProjectionExpression: 'tenantId', ...(start && { ExclusiveStartKey: start }) }));
      for (const item of page.Items ?? []) if (typeof item['tenantId'] === 'string') out.push(item['tenantId']);
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  };
}
