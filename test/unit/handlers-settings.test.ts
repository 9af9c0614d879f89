import { describe, expect, it } from 'vitest';
import { gatewaySettings, localCredentialsDir, SettingsError } from '../../lambdas/handlers/settings.ts';

describe('API function settings from the environment', () => {
  it('keeps the gateway defaults when nothing is set', () => {
    expect(gatewaySettings({})).toEqual({});
    expect(localCredentialsDir({})).toBeUndefined();
  });

  it('reads spacing, slots, lease wait, verify schedule and timeouts', () => {
    expect(
      gatewaySettings({
        BMC_MIN_ACTION_INTERVAL_MS: '200',
        BMC_SESSIONS_PER_BMC: '3',
        BMC_LEASE_WAIT_MS: '5000',
        BMC_POWER_VERIFY_DELAYS_MS: '50, 100,200',
        BMC_POWER_VERIFY_MAX_WAIT_MS: '2000',
        BMC_TIMEOUT_MS: '400',
        BMC_RETRIES: '1',
      }),
    ).toEqual({ minActionIntervalMs: 200, maxSessionsPerBmc: 3, leaseWaitMs: 5000, powerVerifyDelaysMs: [50, 100, 200], powerVerifyMaxWaitMs: 2000, timeoutMs: 400, retries: 1 });
  });

  it('refuses a malformed value by name instead of falling back to a default', () => {
    expect(() => gatewaySettings({ BMC_SESSIONS_PER_BMC: '0' })).toThrow(SettingsError);
    expect(() => gatewaySettings({ BMC_MIN_ACTION_INTERVAL_MS: '1s' })).toThrow(/BMC_MIN_ACTION_INTERVAL_MS/);
    expect(() => gatewaySettings({ BMC_POWER_VERIFY_DELAYS_MS: '50,-1' })).toThrow(/BMC_POWER_VERIFY_DELAYS_MS/);
  });

  it('names the local credential folder only when the seam is set', () => {
    expect(localCredentialsDir({ LOCAL_CREDENTIALS_DIR: '/tmp/creds' })).toBe('/tmp/creds');
    expect(localCredentialsDir({ LOCAL_CREDENTIALS_DIR: '' })).toBeUndefined();
  });
});
