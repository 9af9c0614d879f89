/**
 * A small fleet behind the in-memory gateway, registered through the API like a user would:
 * two healthy BMCs with sensors and a SEL, one that does not answer, one with a wrong password.
 */
import { DomainError } from '../../lambdas/core/errors.ts';
import type { SelEntry, SensorReading } from '../../lambdas/core/bmc-data.ts';
import type { ApiHarness } from './api-harness.ts';

export const PASSWORD = 'fixture-pw-1';

export const SENSORS: SensorReading[] = [
  { name: 'CPU1 Temp', number: 1, type: 'Temperature', reading: 85, unit: 'degrees C', status: 'nc', states: [], thresholds: { unc: 80, ucr: 90, unr: 100 } },
  { name: 'PSU1 Status', number: 2, type: 'Power Supply', reading: null, unit: null, status: 'ok', states: ['Presence detected'], thresholds: {} },
];

export const SEL: SelEntry[] = Array.from({ length: 25 }, (_, i) => ({
  id: i + 1,
  timestamp: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
  recordType: 2,
  sensorType: 'Temperature',
  sensorNumber: 1,
  event: 'Upper Non-critical going high',
  direction: 'asserted' as const,
  raw: '00'.repeat(16),
}));

export interface Fleet {
  ok1: string;
  ok2: string;
  offline: string;
  badPassword: string;
}

const REGISTER = `mutation($i: RegisterBmcInput!) { registerBmc(input: $i) { bmc { id } } }`;

export async function register(api: ApiHarness, key: string, name: string, address: string, password = PASSWORD, tags: string[] = ['rack:a']): Promise<string> {
  const r = await api.gql(key, REGISTER, { i: { name, address, tags, credentials: { username: 'admin', password } } });
  const id = (r.body.data?.['registerBmc'] as { bmc: { id: string } } | undefined)?.bmc.id;
  if (!id) throw new Error(`register ${name}: ${JSON.stringify(r.body.errors)}`);
  return id;
}

export async function buildFleet(api: ApiHarness, key = api.admin.a): Promise<Fleet> {
  api.core.gateway.add('10.0.0.1', 623, 'admin', PASSWORD, { sensors: [...SENSORS], sel: [...SEL] });
  api.core.gateway.add('10.0.0.2', 623, 'admin', PASSWORD, { sensors: [...SENSORS] });
  api.core.gateway.add('10.0.0.4', 623, 'admin', 'the-real-password');
  return {
    ok1: await register(api, key, 'node-1', '10.0.0.1'),
    ok2: await register(api, key, 'node-2', '10.0.0.2'),
    // Nothing answers at 10.0.0.3: the gateway reports it unreachable.
    offline: await register(api, key, 'node-3', '10.0.0.3'),
    badPassword: await register(api, key, 'node-4', '10.0.0.4', 'not-the-password', ['rack:b']),
  };
}

/** Makes every call to the BMC at address fail with the given error (null heals it). */
export function failBmc(api: ApiHarness, address: string, failure: DomainError | null): void {
  const state = api.core.gateway.bmcs.get(`${address}:623`);
  if (!state) throw new Error(`no fake BMC at ${address}`);
  state.failure = failure;
}
