/**
 * Settings the API functions read from their environment, parsed once per execution
 * environment. Every variable is optional; a malformed value fails the cold start with a
 * message naming the variable rather than silently falling back to a default.
 *
 * - BMC_MIN_ACTION_INTERVAL_MS: minimum gap between state-changing commands to one BMC.
 * - BMC_SESSIONS_PER_BMC: session slots this control plane may hold at one BMC.
 * - BMC_LEASE_WAIT_MS: how long a request waits for a BMC slot before answering BMC_BUSY.
 * - BMC_POWER_VERIFY_DELAYS_MS / BMC_POWER_VERIFY_MAX_WAIT_MS: re-read schedule after a
 *   power action (comma-separated ms) and its bound.
 * - BMC_TIMEOUT_MS / BMC_RETRIES: per-request timeout and retransmissions.
 * - LOCAL_CREDENTIALS_DIR: a test and local-only seam. When set, BMC credentials come from the
 *   encrypted file store in that folder (lambdas/adapters/local/file-credential-store.ts)
 *   instead of Secrets Manager, so the bundled handlers can run where no Secrets Manager
 *   exists. The CDK app never sets it (test/cdk asserts so).
 */
import type { IpmiGatewayOptions } from '../adapters/ipmi-gateway.ts';

export const LOCAL_CREDENTIALS_ENV = 'LOCAL_CREDENTIALS_DIR';

type Env = Readonly<Record<string, string | undefined>>;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

function count(env: Env, name: string, min: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new SettingsError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

function counts(env: Env, name: string): number[] | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const list = raw.split(',').map((x) => Number(x.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 0)) throw new SettingsError(`${name} must be comma-separated integers >= 0, got "${raw}"`);
  return list;
}

/** The IPMI gateway's settings from the environment (absent variables keep the gateway's defaults). */
export function gatewaySettings(env: Env = process.env): IpmiGatewayOptions {
  const minActionIntervalMs = count(env, 'BMC_MIN_ACTION_INTERVAL_MS', 0);
  const maxSessionsPerBmc = count(env, 'BMC_SESSIONS_PER_BMC', 1);
  const leaseWaitMs = count(env, 'BMC_LEASE_WAIT_MS', 0);
  const powerVerifyDelaysMs = counts(env, 'BMC_POWER_VERIFY_DELAYS_MS');
  const powerVerifyMaxWaitMs = count(env, 'BMC_POWER_VERIFY_MAX_WAIT_MS', 0);
  const timeoutMs = count(env, 'BMC_TIMEOUT_MS', 1);
  const retries = count(env, 'BMC_RETRIES', 0);
  return {
    ...(minActionIntervalMs !== undefined && { minActionIntervalMs }),
    ...(maxSessionsPerBmc !== undefined && { maxSessionsPerBmc }),
    ...(leaseWaitMs !== undefined && { leaseWaitMs }),
    ...(powerVerifyDelaysMs !== undefined && { powerVerifyDelaysMs }),
    ...(powerVerifyMaxWaitMs !== undefined && { powerVerifyMaxWaitMs }),
    ...(timeoutMs !== undefined && { timeoutMs }),
    ...(retries !== undefined && { retries }),
  };
}

/** The folder of the local credential file store, when the seam is in use. */
export function localCredentialsDir(env: Env = process.env): string | undefined {
  return env[LOCAL_CREDENTIALS_ENV] || undefined;
}
