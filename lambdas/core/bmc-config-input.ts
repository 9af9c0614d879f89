/**
 * Checks of BMC configuration input in the core, before any session is opened: the limits the
 * IPMI v2.0 fields have (cited per field). What needs the BMC's own answers (its user count, its
 * subnet, the sensor's SDR range) is checked by the gateway, still before anything is set.
 */
import { badInput } from './errors.ts';
import { integerIn, isoTime, oneOf } from './validation.ts';
import { BMC_USER_PRIVILEGES, MAX_RAW_DATA, POWER_LIMIT_EXCEPTION_ACTIONS, THRESHOLD_NAMES, type UserPrivilege } from './bmc-config-data.ts';
import type {
  AlertDestinationChange,
  BmcResetKind,
  BmcUserChange,
  HysteresisValues,
  LanConfigChange,
  PowerLimitChange,
  RawCommandRequest,
  SelEventInput,
  SensorThresholdChange,
  Thresholds,
} from './bmc-config-data.ts';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

function given(input: unknown, field: string): Record<string, unknown> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw badInput(field, 'must be an object');
  return input as Record<string, unknown>;
}

function bool(field: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw badInput(field, 'must be true or false');
  return v;
}

function ipv4(field: string, v: unknown): string {
  if (typeof v !== 'string' || !IPV4.test(v)) throw badInput(field, 'must be an IPv4 address, e.g. 10.0.0.5');
  return v;
}

/** Printable ASCII of at most `max` bytes: what IPMI's fixed-size text fields hold. */
function asciiText(field: string, v: unknown, min: number, max: number): string {
  if (typeof v !== 'string' || !/^[\x20-\x7e]*$/.test(v)) throw badInput(field, 'must be printable ASCII');
  if (v.length < min || v.length > max) throw badInput(field, `must be ${min} to ${max} bytes, got ${v.length}`);
  return v;
}

function finite(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badInput(field, 'must be a number');
  return v;
}

/** User ids are 1-63 (Get User Access byte 1 [5:0], section 22.27); the BMC's own count is checked by the gateway. */
export function validUserId(v: unknown): number {
  return integerIn('userId', v, 1, 63);
}

export function validUserChange(input: BmcUserChange): BmcUserChange {
  const c = given(input, 'user');
  const out: { name?: string; enabled?: boolean; privilege?: UserPrivilege } = {};
  // Set User Name carries 16 bytes (section 22.28).
  if (c['name'] !== undefined) out.name = asciiText('name', c['name'], 1, 16);
  if (c['enabled'] !== undefined) out.enabled = bool('enabled', c['enabled']);
  if (c['privilege'] !== undefined) out.privilege = oneOf('privilege', c['privilege'], BMC_USER_PRIVILEGES);
  if (Object.keys(out).length === 0) throw badInput('user', 'give name, enabled or privilege');
  return out;
}

/** Set User Password takes 16 or 20 bytes (section 22.30); the message never repeats the password. */
export function validPassword(v: unknown): string {
  if (typeof v !== 'string' || !/^[\x20-\x7e]*$/.test(v)) throw badInput('password', 'must be printable ASCII');
  if (v.length < 1 || v.length > 20) throw badInput('password', `must be 1 to 20 bytes, got ${v.length}`);
  return v;
}

export function validLanChange(input: LanConfigChange): LanConfigChange {
  const c = given(input, 'lan');
  const out: { -readonly [K in keyof LanConfigChange]: LanConfigChange[K] } = {};
  if (c['ipSource'] !== undefined) out.ipSource = oneOf('ipSource', c['ipSource'], ['static', 'dhcp'] as const);
  if (c['ipAddress'] !== undefined) out.ipAddress = ipv4('ipAddress', c['ipAddress']);
  if (c['netmask'] !== undefined) out.netmask = ipv4('netmask', c['netmask']);
  if (c['gateway'] !== undefined) out.gateway = ipv4('gateway', c['gateway']);
  // 802.1q VLAN ids are 12 bits, 0 and 4095 reserved (LAN parameter 20, Table 23-4).
  if (c['vlanId'] !== undefined) out.vlanId = c['vlanId'] === null ? null : integerIn('vlanId', c['vlanId'], 1, 4094);
  if (c['vlanPriority'] !== undefined) out.vlanPriority = integerIn('vlanPriority', c['vlanPriority'], 0, 7);
  if (Object.keys(out).length === 0) throw badInput('lan', 'give at least one of ipSource, ipAddress, netmask, gateway, vlanId, vlanPriority');
  return out;
}

export function validAlertDestination(input: AlertDestinationChange): AlertDestinationChange {
  const c = given(input, 'alertDestination');
  return {
    // Destination selector 1-15 (LAN parameters 18 and 19, Table 23-4); 0 is the volatile one.
    destination: integerIn('destination', c['destination'], 1, 15),
    ipAddress: ipv4('ipAddress', c['ipAddress']),
    ...(c['macAddress'] !== undefined && { macAddress: macOf(c['macAddress']) }),
    ...(c['useBackupGateway'] !== undefined && { useBackupGateway: bool('useBackupGateway', c['useBackupGateway']) }),
    ...(c['acknowledge'] !== undefined && { acknowledge: bool('acknowledge', c['acknowledge']) }),
    ...(c['timeoutSeconds'] !== undefined && { timeoutSeconds: integerIn('timeoutSeconds', c['timeoutSeconds'], 0, 255) }),
    ...(c['retries'] !== undefined && { retries: integerIn('retries', c['retries'], 0, 7) }),
    // The community string is 18 bytes (LAN parameter 16).
    ...(c['community'] !== undefined && { community: asciiText('community', c['community'], 1, 18) }),
  };
}

function macOf(v: unknown): string {
  if (typeof v !== 'string' || !MAC.test(v)) throw badInput('macAddress', 'must be a MAC address, e.g. 00:11:22:33:44:55');
  return v.toLowerCase();
}

function validThresholds(input: unknown): Thresholds {
  const c = given(input, 'thresholds');
  const out: { -readonly [K in keyof Thresholds]: number } = {};
  for (const [name, value] of Object.entries(c)) {
    if (value === undefined || value === null) continue;
    if (!(THRESHOLD_NAMES as readonly string[]).includes(name)) throw badInput(`thresholds.${name}`, `not a threshold; use ${THRESHOLD_NAMES.join(', ')}`);
    out[name as keyof Thresholds] = finite(`thresholds.${name}`, value);
  }
  if (Object.keys(out).length === 0) throw badInput('thresholds', 'give at least one threshold');
  return out;
}

function validHysteresis(input: unknown): HysteresisValues {
  const c = given(input, 'hysteresis');
  const positive = finite('hysteresis.positive', c['positive']);
  const negative = finite('hysteresis.negative', c['negative']);
  if (positive < 0 || negative < 0) throw badInput('hysteresis', 'must be 0 or more');
  return { positive, negative };
}

export function validSensorName(v: unknown): string {
  return asciiText('sensor', v, 1, 16);
}

export function validThresholdChange(input: SensorThresholdChange): SensorThresholdChange {
  const c = given(input, 'change');
  const out = {
    ...(c['thresholds'] != null && { thresholds: validThresholds(c['thresholds']) }),
    ...(c['hysteresis'] != null && { hysteresis: validHysteresis(c['hysteresis']) }),
  };
  if (!out.thresholds && !out.hysteresis) throw badInput('change', 'give thresholds or hysteresis');
  return out;
}

export function validPowerLimit(input: PowerLimitChange): PowerLimitChange {
  const c = given(input, 'powerLimit');
  // DCMI v1.5 Table 6-14: a 2-byte limit in watts, 4-byte correction time in ms, 2-byte sampling period in s.
  return {
    exceptionAction: oneOf('exceptionAction', c['exceptionAction'] ?? 'none', POWER_LIMIT_EXCEPTION_ACTIONS),
    limit: integerIn('limit', c['limit'], 1, 0xffff),
    correctionMs: integerIn('correctionMs', c['correctionMs'], 0, 0xffff_ffff),
    samplingSeconds: integerIn('samplingSeconds', c['samplingSeconds'], 0, 0xffff),
    ...(c['activate'] !== undefined && { activate: bool('activate', c['activate']) }),
  };
}

export function validSelEvent(input: SelEventInput): SelEventInput {
  const c = given(input, 'event');
  const data = c['eventData'];
  if (!Array.isArray(data) || data.length < 1 || data.length > 3) throw badInput('eventData', 'must be 1 to 3 bytes');
  // A system event record, Table 32-1: one byte each, event type 7 bits.
  return {
    sensorType: integerIn('sensorType', c['sensorType'], 0, 255),
    sensorNumber: integerIn('sensorNumber', c['sensorNumber'], 0, 255),
    eventType: integerIn('eventType', c['eventType'], 0, 0x7f),
    ...(c['deassertion'] !== undefined && { deassertion: bool('deassertion', c['deassertion']) }),
    eventData: data.map((b, i) => integerIn(`eventData.${i}`, b, 0, 255)),
  };
}

/** The SEL clock counts seconds from 1970 in 32 bits (section 37). */
export function validSelTime(v: unknown): Date {
  const t = new Date(isoTime('time', v));
  if (t.getTime() < 0 || t.getTime() / 1000 > 0xffff_ffff) throw badInput('time', 'must be between 1970 and 2106');
  return t;
}

export function validReset(kind: unknown, confirm: unknown): BmcResetKind {
  const k = oneOf('kind', kind, ['warm', 'cold'] as const);
  if (confirm !== true) throw badInput('confirm', `a ${k} reset takes the BMC off the network for a while; send confirm: true`);
  return k;
}

/** Hex bytes, separated or not ("0a 1b", "0a1b", "0x0a 0x1b"). */
export function hexBytes(field: string, v: unknown): Uint8Array {
  if (typeof v !== 'string') throw badInput(field, 'must be hex bytes');
  const text = v.replace(/0x/gi, '').replace(/[\s,:]/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(text)) throw badInput(field, 'must be whole hex bytes, e.g. "01 0a ff"');
  return Uint8Array.from(text.match(/../g) ?? [], (b) => parseInt(b, 16));
}

export function validRaw(netFn: unknown, cmd: unknown, data: unknown, lun: unknown): RawCommandRequest {
  // Request NetFns are even, 00h-3Eh (section 5.1 Table 5-1).
  const n = integerIn('netFn', netFn, 0, 0x3e);
  if (n % 2 !== 0) throw badInput('netFn', 'must be a request (even) NetFn');
  const bytes = data === undefined || data === null ? new Uint8Array(0) : hexBytes('data', data);
  if (bytes.length > MAX_RAW_DATA) throw badInput('data', `at most ${MAX_RAW_DATA} bytes`);
  return { netFn: n, cmd: integerIn('cmd', cmd, 0, 255), data: bytes, ...(lun !== undefined && lun !== null && { lun: integerIn('lun', lun, 0, 3) }) };
}
