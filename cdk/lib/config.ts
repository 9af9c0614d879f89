// Deployment configuration read from CDK context (`cdk.json` or `-c key=value`).
// Every value is validated here, once, so stacks receive typed, trusted data and
// a bad value fails synth with one clear line naming the context key.
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** A context value that cannot be used; `key` names the offending context key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`context "${key}": ${message}`);
  }
}

/** An existing VPC to deploy into, instead of creating one. */
export interface ImportedVpcConfig {
  readonly vpcId: string;
  /** Private subnets whose route tables reach the management network. */
  readonly subnetIds: readonly string[];
  /** Availability zone of each subnet, same order as `subnetIds`. */
  readonly availabilityZones: readonly string[];
  /** Route tables of those subnets; the DynamoDB gateway endpoint attaches to them. */
  readonly routeTableIds: readonly string[];
}

/** Interface endpoints the functions may need; Lambda ships its own logs, so `logs` is optional. */
export const INTERFACE_ENDPOINTS = ['secretsmanager', 'xray', 'logs', 'monitoring', 'kms'] as const;
export type InterfaceEndpointName = (typeof INTERFACE_ENDPOINTS)[number];

export interface DeploymentConfig {
  /** Short stage name, part of every resource name (`dev`, `staging`, `prod`, ...). */
  readonly stage: string;
  /** `prod` keeps data on stack deletion and turns on deletion protection. */
  readonly isProduction: boolean;
  /** Where the BMCs live: the only destinations of UDP 623. */
  readonly managementCidrs: readonly string[];
  /** Absent: a new VPC with private isolated subnets is created. */
  readonly importedVpc?: ImportedVpcConfig;
  /** CIDR of the VPC created when none is imported. */
  readonly vpcCidr: string;
  readonly maxAzs: number;
  readonly interfaceEndpoints: readonly InterfaceEndpointName[];
  /** Managed prefix list of DynamoDB in the region; looked up at deploy time when absent. */
  readonly dynamoDbPrefixListId?: string;
  readonly logRetention: RetentionDays;
  readonly alarmEmail?: string;
  /** API Gateway caches the authorizer's answer per x-api-key for this long (60-300 s). */
  readonly authorizerCacheSeconds: number;
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
  /**
   * Each tenant's default usage plan (cdk/lib/constructs/usage-plan.ts): requests per second,
   * burst, and requests per day (0: none). Below the stage's throttle, so that one tenant cannot
   * take the whole stage; the operator may give a tenant its own rate.
   */
  readonly tenantRateLimit: number;
  readonly tenantBurstLimit: number;
  readonly tenantQuotaPerDay: number;
  /** Create the account-level role API Gateway needs to write execution logs. */
  readonly apiGatewayCloudWatchRole: boolean;
  /** Who can reach the API at all (docs/keys-and-limits.md): endpoint type and resource policy. */
  readonly exposure: ApiExposureConfig;
}

/**
 * `regional`: a public endpoint. `private`: reachable only through execute-api VPC endpoints,
 * the given ones or one created in the deployment's VPC. `allowedSourceCidrs` refuses every
 * caller outside those ranges in the API's resource policy.
 */
export interface ApiExposureConfig {
  readonly endpoint: 'regional' | 'private';
  readonly vpcEndpointIds: readonly string[];
  readonly allowedSourceCidrs: readonly string[];
}

/** Reads one context value; `undefined` when the key is not set. */
export type ContextReader = (key: string) => unknown;

const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,15}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const VPC_ID_PATTERN = /^vpc-[0-9a-f]{8,17}$/;
const SUBNET_ID_PATTERN = /^subnet-[0-9a-f]{8,17}$/;
const ROUTE_TABLE_ID_PATTERN = /^rtb-[0-9a-f]{8,17}$/;
const PREFIX_LIST_ID_PATTERN = /^pl-[0-9a-f]{8,17}$/;
const VPC_ENDPOINT_ID_PATTERN = /^vpce-[0-9a-f]{8,17}$/;
const AZ_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/;

const RETENTION_DAYS: ReadonlySet<number> = new Set(
  Object.values(RetentionDays).filter((v): v is number => typeof v === 'number'),
);

export function readDeploymentConfig(read: ContextReader): DeploymentConfig {
  const stage = readString(read, 'stage') ?? 'dev';
  if (!STAGE_PATTERN.test(stage)) {
    throw new ConfigError('stage', `"${stage}" must be 1-16 lowercase letters, digits or dashes, starting with a letter`);
  }
  const managementCidrs = readList(read, 'managementCidrs') ?? [];
  if (managementCidrs.length === 0) {
    throw new ConfigError('managementCidrs', 'at least one IPv4 CIDR of the BMC management network is required');
  }
  managementCidrs.forEach((cidr) => assertIpv4Cidr('managementCidrs', cidr));
  if (managementCidrs.some((cidr) => cidr.endsWith('/0'))) {
    throw new ConfigError('managementCidrs', '0.0.0.0/0 would open UDP 623 to everything; name the management networks');
  }

  const vpcCidr = readString(read, 'vpcCidr') ?? '10.64.0.0/22';
  assertIpv4Cidr('vpcCidr', vpcCidr);
  const alarmEmail = readString(read, 'alarmEmail');
  if (alarmEmail !== undefined && !EMAIL_PATTERN.test(alarmEmail)) {
    throw new ConfigError('alarmEmail', `"${alarmEmail}" is not an e-mail address`);
  }
  const logRetentionDays = readInteger(read, 'logRetentionDays') ?? 90;
  if (!RETENTION_DAYS.has(logRetentionDays)) {
    throw new ConfigError('logRetentionDays', `${logRetentionDays} is not a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, ...)`);
  }
  const dynamoDbPrefixListId = readString(read, 'dynamoDbPrefixListId');
  if (dynamoDbPrefixListId !== undefined) assertPattern('dynamoDbPrefixListId', dynamoDbPrefixListId, PREFIX_LIST_ID_PATTERN);

  const config: DeploymentConfig = {
    stage,
    isProduction: stage === 'prod',
    managementCidrs,
    vpcCidr,
    maxAzs: readBoundedInteger(read, 'maxAzs', 2, 1, 3),
    interfaceEndpoints: readInterfaceEndpoints(read),
    logRetention: logRetentionDays as RetentionDays,
    authorizerCacheSeconds: readBoundedInteger(read, 'authorizerCacheSeconds', 300, 60, 300),
    throttleRateLimit: readBoundedInteger(read, 'throttleRateLimit', 50, 1, 10_000),
    throttleBurstLimit: readBoundedInteger(read, 'throttleBurstLimit', 100, 1, 5_000),
    tenantRateLimit: readBoundedInteger(read, 'tenantRateLimit', 20, 1, 10_000),
    tenantBurstLimit: readBoundedInteger(read, 'tenantBurstLimit', 40, 1, 5_000),
    tenantQuotaPerDay: readBoundedInteger(read, 'tenantQuotaPerDay', 1_000_000, 0, 1_000_000_000),
    apiGatewayCloudWatchRole: readBoolean(read, 'apiGatewayCloudWatchRole') ?? true,
    exposure: readApiExposure(read),
  };
  const importedVpc = readImportedVpc(read);
  if (config.exposure.endpoint === 'private' && importedVpc && config.exposure.vpcEndpointIds.length === 0) {
    throw new ConfigError('apiVpcEndpointIds', 'a private API in an imported VPC needs the execute-api VPC endpoints its callers use');
  }
  return {
    ...config,
    ...(importedVpc ? { importedVpc } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(dynamoDbPrefixListId ? { dynamoDbPrefixListId } : {}),
  };
}

function readApiExposure(read: ContextReader): ApiExposureConfig {
  const endpoint = readString(read, 'apiEndpoint') ?? 'regional';
  if (endpoint !== 'regional' && endpoint !== 'private') throw new ConfigError('apiEndpoint', `"${endpoint}" is neither regional nor private`);
  const vpcEndpointIds = readList(read, 'apiVpcEndpointIds') ?? [];
  for (const id of vpcEndpointIds) assertPattern('apiVpcEndpointIds', id, VPC_ENDPOINT_ID_PATTERN);
  if (vpcEndpointIds.length > 0 && endpoint !== 'private') throw new ConfigError('apiVpcEndpointIds', 'given without apiEndpoint=private');
  const allowedSourceCidrs = readList(read, 'apiAllowedSourceCidrs') ?? [];
  for (const cidr of allowedSourceCidrs) assertIpv4Cidr('apiAllowedSourceCidrs', cidr);
  if (allowedSourceCidrs.some((cidr) => cidr.endsWith('/0'))) throw new ConfigError('apiAllowedSourceCidrs', '/0 admits everyone; leave the option out instead');
  return { endpoint, vpcEndpointIds, allowedSourceCidrs };
}

function readImportedVpc(read: ContextReader): ImportedVpcConfig | undefined {
  const vpcId = readString(read, 'vpcId');
  const subnetIds = readList(read, 'subnetIds');
  if (vpcId === undefined) {
    if (subnetIds !== undefined) throw new ConfigError('subnetIds', 'given without "vpcId"');
    return undefined;
  }
  assertPattern('vpcId', vpcId, VPC_ID_PATTERN);
  if (subnetIds === undefined || subnetIds.length === 0) {
    throw new ConfigError('subnetIds', 'an imported VPC needs the private subnets the functions run in');
  }
  subnetIds.forEach((id) => assertPattern('subnetIds', id, SUBNET_ID_PATTERN));
  const availabilityZones = readList(read, 'availabilityZones') ?? [];
  if (availabilityZones.length !== subnetIds.length) {
    throw new ConfigError('availabilityZones', `needs one zone per subnet (${subnetIds.length}), got ${availabilityZones.length}`);
  }
  availabilityZones.forEach((az) => assertPattern('availabilityZones', az, AZ_PATTERN));
  const routeTableIds = readList(read, 'routeTableIds') ?? [];
  if (routeTableIds.length !== subnetIds.length) {
    throw new ConfigError('routeTableIds', `needs one route table per subnet (${subnetIds.length}), got ${routeTableIds.length}`);
  }
  routeTableIds.forEach((id) => assertPattern('routeTableIds', id, ROUTE_TABLE_ID_PATTERN));
  return { vpcId, subnetIds, availabilityZones, routeTableIds };
}

function readInterfaceEndpoints(read: ContextReader): InterfaceEndpointName[] {
  const names = readList(read, 'interfaceEndpoints') ?? ['secretsmanager', 'xray'];
  const known: readonly string[] = INTERFACE_ENDPOINTS;
  for (const name of names) {
    if (!known.includes(name)) {
      throw new ConfigError('interfaceEndpoints', `"${name}" is not one of ${INTERFACE_ENDPOINTS.join(', ')}`);
    }
  }
  if (!names.includes('secretsmanager')) {
    throw new ConfigError('interfaceEndpoints', 'secretsmanager is required: the functions read BMC credentials from it');
  }
  return [...new Set(names)] as InterfaceEndpointName[];
}

function readString(read: ContextReader, key: string): string | undefined {
  const value = read(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ConfigError(key, `expected a string, got ${typeof value}`);
  return value.trim();
}

/** Lists come as JSON arrays from cdk.json and as "a,b" or '["a","b"]' strings from `-c`. */
function readList(read: ContextReader, key: string): string[] | undefined {
  const value = read(key);
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'string' && value.trim().startsWith('[') ? parseJson(key, value) : value;
  const items = typeof parsed === 'string' ? parsed.split(',') : parsed;
  if (!Array.isArray(items) || !items.every((item): item is string => typeof item === 'string')) {
    throw new ConfigError(key, 'expected a list of strings (JSON array or comma-separated)');
  }
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

function parseJson(key: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError(key, 'is not valid JSON');
  }
}

function readInteger(read: ContextReader, key: string): number | undefined {
  const value = read(key);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw new ConfigError(key, `expected an integer, got ${String(value)}`);
  return number;
}

function readBoundedInteger(read: ContextReader, key: string, fallback: number, min: number, max: number): number {
  const value = readInteger(read, key) ?? fallback;
  if (value < min || value > max) throw new ConfigError(key, `${value} is outside ${min}-${max}`);
  return value;
}

function readBoolean(read: ContextReader, key: string): boolean | undefined {
  const value = read(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ConfigError(key, `expected true or false, got ${String(value)}`);
}

function assertPattern(key: string, value: string, pattern: RegExp): void {
  if (!pattern.test(value)) throw new ConfigError(key, `"${value}" is malformed`);
}

function assertIpv4Cidr(key: string, cidr: string): void {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const prefix = Number(match?.[5]);
  if (!match || octets.some((octet) => octet > 255) || prefix > 32) {
    throw new ConfigError(key, `"${cidr}" is not an IPv4 CIDR such as 10.20.0.0/16`);
  }
  // Host bits set (10.20.1.5/16) usually means a typo in the prefix length.
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const hostSpan = 2 ** (32 - prefix);
  if (address % hostSpan !== 0) throw new ConfigError(key, `"${cidr}" has host bits set; did you mean another prefix length?`);
}
