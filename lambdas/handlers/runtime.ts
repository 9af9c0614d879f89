/**
 * What every Lambda handler shares, the authorizer included: DynamoDB tables named by the
 * environment (set by the CDK app: BMC_TABLE, API_KEY_TABLE, AUDIT_TABLE) and a Powertools
 * logger. The API functions' composition (Secrets Manager, the IPMI gateway, metrics) is in
 * api-runtime.ts, so the authorizer's bundle carries none of it. Built once per execution
 * environment, at first use.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { createDocumentClient, createDynamoPorts, tableNamesFromEnv } from '../adapters/dynamodb/index.ts';
import { ApiKeyService, AuditService, systemClock, uuidIds } from '../core/index.ts';
import type { ApiLogger } from '../api/logger.ts';
import type { ApiServices } from '../api/services.ts';
import { METRICS_SERVICE } from './metrics.ts';

export const SERVICE_NAME = process.env['POWERTOOLS_SERVICE_NAME'] || METRICS_SERVICE;

/** Powertools' Logger behind the API's logging interface (JSON lines with Lambda context). */
export function powertoolsLogger(logger: Logger = new Logger({ serviceName: SERVICE_NAME })): ApiLogger {
  const fields = (f: Readonly<Record<string, unknown>> = {}) => JSON.parse(JSON.stringify(f)) as Record<string, string>;
  return {
    debug: (m, f) => logger.debug(m, fields(f)),
    info: (m, f) => logger.info(m, fields(f)),
    warn: (m, f) => logger.warn(m, fields(f)),
    error: (m, f) => logger.error(m, fields(f)),
  };
}

/** Optional pepper of API key hashes; the authorizer and the API must share it. */
export function apiKeyOptions() {
  const pepper = process.env['API_KEY_PEPPER'];
  return pepper ? { pepper } : {};
}

/** One DynamoDB document client per execution environment, shared by every adapter. */
let documentClient: ReturnType<typeof createDocumentClient>['doc'] | undefined;
export function dynamoDocumentClient() {
  return (documentClient ??= createDocumentClient().doc);
}

let dataPorts: ReturnType<typeof createDynamoPorts> | undefined;
export function dynamoPorts() {
  return (dataPorts ??= createDynamoPorts(dynamoDocumentClient(), tableNamesFromEnv()));
}

/** What the authorizer needs: key lookups (and the audit log the key service writes to). */
export async function apiKeyServices(): Promise<Pick<ApiServices, 'apiKeys'>> {
  const ports = dynamoPorts();
  const audit = new AuditService(ports.auditLog, systemClock, uuidIds);
  return { apiKeys: new ApiKeyService(ports.apiKeys, audit, systemClock, apiKeyOptions()) };
}
