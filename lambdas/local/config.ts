/**
 * `npm start` settings from the environment (docs/architecture.md section 5): PORT (default 4000, on
 * 127.0.0.1), DATA_DIR (default .data), and the simulated fleet. Bad values stop the start with
 * one clear line naming the variable.
 */
import { resolve } from 'node:path';

export interface LocalConfig {
  readonly host: '127.0.0.1';
  /** 0 asks the kernel for a free port (the printed URLs carry the real one). */
  readonly port: number;
  readonly dataDir: string;
  readonly tenantId: string;
  readonly fleet: {
    readonly count: number;
    readonly host: string;
    /** First UDP port of the fleet; 0: any free ports (registrations follow them on restart). */
    readonly basePort: number;
    /** BMC_SIM_SCENARIOS: `default` starts some BMCs failing (default-scenarios.ts), `none` a healthy fleet. */
    readonly scenarios: 'default' | 'none';
    /** FRU product name every simulated BMC reports (BMC_SIM_FRU_PRODUCT_NAME): shows how BMC text is handled, hostile text included. */
    readonly fruProductName?: string;
  };
  /** The built web console (BMC_CONSOLE_DIR, set by bin/start.mjs); absent: `/` says how to build it. */
  readonly consoleDir?: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Collection interval of the default tenant's default policy (MONITOR_INTERVAL_SECONDS, 5 s at least). */
  readonly monitorIntervalSeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function integer(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

function scenarios(raw: string | undefined): 'default' | 'none' {
  if (raw === undefined || raw === '' || raw === 'default') return 'default';
  if (raw === 'none') return 'none';
  throw new ConfigError(`BMC_SIM_SCENARIOS must be default or none (got "${raw}")`);
}

/** A FRU text field holds at most 63 bytes (FRU spec section 13, type/length byte). */
function fruText(raw: string): string {
  if (Buffer.byteLength(raw, 'latin1') > 63 || !/^[\x20-\x7e]*$/.test(raw)) throw new ConfigError(`BMC_SIM_FRU_PRODUCT_NAME must be at most 63 printable ASCII characters (got ${raw.length} characters)`);
  return raw;
}

export function localConfig(env: Readonly<Record<string, string | undefined>> = process.env): LocalConfig {
  const simHost = env['BMC_SIM_HOST'] ?? '127.0.0.1';
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(simHost)) throw new ConfigError(`BMC_SIM_HOST must be a 127.0.0.0/8 address (got "${simHost}")`);
  const level = env['LOG_LEVEL'] ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new ConfigError(`LOG_LEVEL must be debug, info, warn or error (got "${level}")`);
  return {
    host: '127.0.0.1',
    port: integer(env, 'PORT', 4000, 0, 65535),
    monitorIntervalSeconds: integer(env, 'MONITOR_INTERVAL_SECONDS', 60, 5, 86_400),
    dataDir: resolve(env['DATA_DIR'] || '.data'),
    tenantId: env['TENANT_ID'] || 'default',
    fleet: {
      count: integer(env, 'BMC_SIM_COUNT', 8, 0, 256),
      host: simHost,
      basePort: integer(env, 'BMC_SIM_BASE_PORT', 6230, 0, 65535),
      scenarios: scenarios(env['BMC_SIM_SCENARIOS']),
      ...(env['BMC_SIM_FRU_PRODUCT_NAME'] && { fruProductName: fruText(env['BMC_SIM_FRU_PRODUCT_NAME']) }),
    },
    ...(env['BMC_CONSOLE_DIR'] && { consoleDir: resolve(env['BMC_CONSOLE_DIR']) }),
    logLevel: level as LocalConfig['logLevel'],
  };
}
