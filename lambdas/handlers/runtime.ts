/**
 * The AWS composition root shared by the Lambda handlers: DynamoDB tables named by the
 * environment (set by the CDK app: BMC_TABLE, API_KEY_TABLE, AUDIT_TABLE), Secrets Manager, the
 * IPMI gateway, a Powertools logger and Powertools metrics. Everything is built once per
 * execution environment, at first use, and reused by every invocation it serves.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createDocumentClient, createDynamoPorts, tableNamesFromEnv } from '../adapters/dynamodb/index.ts';
import { IpmiGateway } from '../adapters/ipmi-gateway.ts';
import { SecretsManagerCredentialStore } from '../adapters/secrets-manager/credential-store.ts';
import { ApiKeyService, AuditService, createServices, systemClock, uuidIds, type CorePorts } from '../core/index.ts';
import type { ApiLogger } from '../api/logger.ts';
import type { ApiServices } from '../api/services.ts';
import { lambdaMetrics, METRICS_SERVICE, metricsTelemetry } from './metrics.ts';

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
function apiKeyOptions() {
  const pepper = process.env['API_KEY_PEPPER'];
  return pepper ? { pepper } : {};
}

let dataPorts: ReturnType<typeof createDynamoPorts> | undefined;
function dynamoPorts() {
  return (dataPorts ??= createDynamoPorts(createDocumentClient().doc, tableNamesFromEnv()));
}

/** What the authorizer needs: key lookups (and the audit log the key service writes to). */
export async function apiKeyServices(): Promise<Pick<ApiServices, 'apiKeys'>> {
  const ports = dynamoPorts();
  const audit = new AuditService(ports.auditLog, systemClock, uuidIds);
  return { apiKeys: new ApiKeyService(ports.apiKeys, audit, systemClock, apiKeyOptions()) };
}

/** This execution environment's metrics buffer, flushed by each handler when its invocation ends. */
export const metrics = lambdaMetrics();

/** The core over the given stores and gateway, counting unreachable BMCs in `metrics`. */
export function lambdaServices(ports: Omit<CorePorts, 'telemetry'>): ApiServices {
  return createServices({ ...ports, telemetry: metricsTelemetry(metrics) });
}

/**
 * The IPMI gateway of this execution environment: its pooled sessions and cached SDRs serve
 * every invocation while the environment is warm.
 */
export const gateway = new IpmiGateway();

/**
 * Pooled sessions unused this long are closed when an invocation ends: the environment may be
 * frozen right after, and a BMC holds only a few sessions. Sessions used moments ago stay for
 * the next invocation; a stale one is replaced on its next use.
 */
const CLOSE_IDLE_SESSIONS_AFTER_MS = 5_000;

export function closingIdleSessions<Args extends unknown[], Result>(handler: (...args: Args) => Promise<Result>): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await handler(...args);
    } finally {
      await gateway.closeIdleSessions(CLOSE_IDLE_SESSIONS_AFTER_MS).catch(() => undefined);
    }
  };
}

/**
 * Every service, over DynamoDB, Secrets Manager (`bmc/<tenant>/<bmcId>`, KMS key from
 * SECRETS_KMS_KEY_ID when set) and the IPMI gateway. Built once per execution environment.
 */
let services: Promise<ApiServices> | undefined;
export function apiServices(): Promise<ApiServices> {
  return (services ??= Promise.resolve().then(() => {
    const kmsKeyId = process.env['SECRETS_KMS_KEY_ID'];
    return lambdaServices({
      ...dynamoPorts(),
      credentials: new SecretsManagerCredentialStore(new SecretsManagerClient({}), kmsKeyId ? { kmsKeyId } : {}),
      gateway,
      apiKeyOptions: apiKeyOptions(),
    });
  }));
}
