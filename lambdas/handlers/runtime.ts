/**
 * What every Lambda handler shares, the authorizer included: DynamoDB tables named by the
 * environment (set by the CDK app: BMC_TABLE, API_KEY_TABLE, AUDIT_TABLE) and a Powertools
 * logger. The API functions' composition (Secrets Manager, the IPMI gateway, metrics) is in
 * api-runtime.ts, so the authorizer's bundle carries none of it. Built once per execution
 * environment, at first use.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { createDocumentClient, createDynamoPorts, TABLE_ENV, tableNamesFromEnv } from '../adapters/dynamodb/index.ts';
import { DynamoDenialCounter } from '../adapters/dynamodb/denial-counter-store.ts';
import { DEFAULT_DENIAL_LIMIT, DEFAULT_DENIAL_WINDOW_MS, DenialLimiter } from '../api/denials.ts';
import { ApiKeyService, AuditAnchor, AuditService, rateWindowFromEnv, systemClock, TenantGate, tenantRequestRates, uuidIds, type RequestRateLimiter } from '../core/index.ts';
import { tenantPorts } from './tenant-settings.ts';
import type { ApiLogger } from '../api/logger.ts';
import type { ApiServices } from '../api/services.ts';
import { auditSigner } from './audit-signing.ts';
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

/** What the authorizer needs: key lookups and the audit log (refusals of revoked or expired keys). */
type KeyServices = Pick<ApiServices, 'apiKeys' | 'audit' | 'denials' | 'tenantGate'>;
let keyServices: Promise<KeyServices> | undefined;
/** Built once per execution environment (the signer's key is fetched once); a failed build is retried. */
export function apiKeyServices(): Promise<KeyServices> {
  keyServices ??= buildKeyServices().catch((e: unknown) => {
    keyServices = undefined;
    throw e;
  });
  return keyServices;
}

async function buildKeyServices(): Promise<KeyServices> {
  const ports = dynamoPorts();
  // The authorizer appends refusals to the chains too, so it writes their checkpoints as every
  // appender does (each 16th event of a run of refusals is anchored).
  const signer = await auditSigner();
  const anchor = signer && new AuditAnchor(signer, ports.auditCheckpoints, systemClock);
  const audit = new AuditService(ports.auditLog, systemClock, uuidIds, anchor, (e: unknown) => powertoolsLogger().warn('audit checkpoint not written', { reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }));
  const denials = sharedDenialLimiter();
  // Keys of suspended and deleted tenants are refused here too (and again by the API functions).
  // Only where the function was given the tenants table (TENANT_TABLE, set by the CDK app).
  const gate = process.env[TABLE_ENV.tenants] ? tenantPorts(ports) : undefined;
  const tenantGate = gate && new TenantGate(gate.registry, gate.requireProvisioned ?? false);
  return { apiKeys: new ApiKeyService(ports.apiKeys, audit, systemClock, apiKeyOptions()), audit, ...(tenantGate && { tenantGate }), ...(denials && { denials }) };
}

/**
 * The limit on denied attempts per key over the coordination table (COORDINATION_TABLE), so it
 * holds across execution environments; undefined without one (each environment counts alone).
 */
let denialLimiter: DenialLimiter | undefined;
export function sharedDenialLimiter(env: Readonly<Record<string, string | undefined>> = process.env): DenialLimiter | undefined {
  const table = env[TABLE_ENV.coordination];
  if (!table) return undefined;
  return (denialLimiter ??= new DenialLimiter(new DynamoDenialCounter(dynamoDocumentClient(), table), denialLimits(env)));
}

/**
 * Requests per tenant over the coordination table (request-rate.ts), each tenant at its quota as
 * `gate` reads it; undefined without the table. TENANT_RATE_WINDOW_SECONDS sets the window.
 */
let requestRates: RequestRateLimiter | undefined;
export function sharedRequestRates(gate: TenantGate | undefined, env: Readonly<Record<string, string | undefined>> = process.env): RequestRateLimiter | undefined {
  const table = env[TABLE_ENV.coordination];
  if (!table) return undefined;
  return (requestRates ??= tenantRequestRates(new DynamoDenialCounter(dynamoDocumentClient(), table, 'requests'), gate, rateWindowFromEnv(env)));
}

/** DENIAL_LIMIT (refusals per key per window, default 30) and DENIAL_WINDOW_SECONDS (default 60). */
function denialLimits(env: Readonly<Record<string, string | undefined>>) {
  const limit = Number(env['DENIAL_LIMIT'] || DEFAULT_DENIAL_LIMIT);
  const windowSeconds = Number(env['DENIAL_WINDOW_SECONDS'] || DEFAULT_DENIAL_WINDOW_MS / 1000);
  return { limit, windowMs: windowSeconds * 1000 };
}
