/**
 * What BMC configuration reads and changes carry through the core (issue 15): users, LAN,
 * PEF and alert destinations, thresholds, DCMI power, SEL, watchdog, reset and raw commands.
 * The shapes are the IPMI library's own where the library has them; none holds a password.
 */
import type { JsonValue } from './types.ts';

/** Privilege limits of a BMC user (IPMI v2.0 section 22.27), as `bmc user list` names them. */
export const BMC_USER_PRIVILEGES = ['callback', 'user', 'operator', 'admin', 'oem', 'no-access'] as const;
export type UserPrivilege = (typeof BMC_USER_PRIVILEGES)[number];
/** Threshold names (Get Sensor Thresholds, section 35.9). */
export const THRESHOLD_NAMES = ['lnc', 'lcr', 'lnr', 'unc', 'ucr', 'unr'] as const;
export type ThresholdName = (typeof THRESHOLD_NAMES)[number];
/** DCMI power limit exception actions (DCMI v1.5 Table 6-14). */
export const POWER_LIMIT_EXCEPTION_ACTIONS = ['none', 'power-off', 'log-sel'] as const;
export type ExceptionAction = (typeof POWER_LIMIT_EXCEPTION_ACTIONS)[number];
/** Request data a raw command may carry on every LAN session (a v1.5 message length is one byte, less 7 of framing). */
export const MAX_RAW_DATA = 248;

export interface BmcUser {
  readonly id: number;
  readonly name: string;
  readonly enabled: boolean;
  readonly privilege: UserPrivilege;
  readonly callbackOnly: boolean;
  readonly linkAuth: boolean;
  readonly ipmiMessaging: boolean;
}

export interface LanDetails {
  readonly channel: number;
  readonly ipSource: string;
  readonly ipAddress: string;
  readonly netmask: string;
  readonly gateway: string;
  readonly macAddress: string;
  readonly vlanId: number | null;
  readonly vlanPriority: number | null;
  readonly authTypeEnables: Readonly<Record<string, readonly string[]>> | null;
  readonly cipherSuitePrivileges: readonly { readonly id: number; readonly privilege: string }[] | null;
}

export interface AlertDestination {
  readonly destination: number;
  readonly type: string;
  readonly acknowledge: boolean;
  readonly timeoutSeconds: number;
  readonly retries: number;
  readonly ipAddress: string;
  readonly macAddress: string;
  readonly useBackupGateway: boolean;
}

export interface PefControl {
  readonly enabled: boolean;
  readonly eventMessages: boolean;
  readonly startupDelay: boolean;
  readonly alertStartupDelay: boolean;
}

/** Filters and policies as the library decodes them (Tables 30-2 and 30-3). */
export interface PefConfiguration {
  readonly control: PefControl;
  readonly filters: readonly object[];
  readonly policies: readonly object[];
}

export type Thresholds = { readonly [K in ThresholdName]?: number };

export interface HysteresisValues {
  readonly positive: number;
  readonly negative: number;
}

export interface PowerStatistics {
  readonly current: number;
  readonly minimum: number;
  readonly maximum: number;
  readonly average: number;
  readonly periodSeconds: number;
}

export interface PowerLimit {
  readonly exceptionAction: ExceptionAction;
  readonly limit: number;
  readonly correctionMs: number;
  readonly samplingSeconds: number;
}

export interface PowerLimitState extends PowerLimit {
  readonly active: boolean;
}

/** Get Watchdog Timer (section 27.7), countdowns in seconds. */
export interface WatchdogTimer {
  readonly use: string;
  readonly running: boolean;
  readonly dontLog: boolean;
  readonly action: string;
  readonly preTimeoutInterrupt: string;
  readonly preTimeoutSeconds: number;
  readonly expirationFlags: number;
  readonly initialCountdown: number;
  readonly presentCountdown: number;
}

/** A change of one BMC user; the password is set apart (setUserPassword) so it never travels with the rest. */
export interface BmcUserChange {
  readonly name?: string | undefined;
  readonly enabled?: boolean | undefined;
  readonly privilege?: UserPrivilege | undefined;
}

export interface LanConfigChange {
  readonly ipSource?: 'static' | 'dhcp' | undefined;
  readonly ipAddress?: string | undefined;
  readonly netmask?: string | undefined;
  readonly gateway?: string | undefined;
  /** null turns VLAN tagging off. */
  readonly vlanId?: number | null | undefined;
  readonly vlanPriority?: number | undefined;
}

/** LAN alert destinations of the channel; `community` is the channel's SNMP community string. */
export interface AlertDestinations {
  readonly community: string;
  readonly destinations: AlertDestination[];
}

export interface AlertDestinationChange {
  readonly destination: number;
  readonly ipAddress: string;
  readonly macAddress?: string | undefined;
  readonly useBackupGateway?: boolean | undefined;
  readonly acknowledge?: boolean | undefined;
  readonly timeoutSeconds?: number | undefined;
  readonly retries?: number | undefined;
  /** Sets the channel's community string too (LAN parameter 16). */
  readonly community?: string | undefined;
}

/** A threshold sensor's thresholds and hysteresis, in its units, with what its SDR lets be set. */
export interface SensorThresholdConfig {
  readonly sensor: string;
  readonly number: number;
  readonly unit: string | null;
  readonly thresholds: Thresholds;
  /** null when the SDR says hysteresis is not readable. */
  readonly hysteresis: HysteresisValues | null;
  /** Threshold names the SDR marks settable (Table 43-1 byte 20). */
  readonly settable: string[];
  readonly hysteresisSettable: boolean;
  /** The values the sensor's raw counts can express. */
  readonly range: { readonly min: number; readonly max: number };
}

export interface SensorThresholdChange {
  readonly thresholds?: { readonly [K in keyof Thresholds]?: number | undefined } | undefined;
  readonly hysteresis?: HysteresisValues | undefined;
}

export interface PowerLimitChange extends PowerLimit {
  /** Activates (true) or deactivates (false) the limit after setting it; absent leaves activation alone. */
  readonly activate?: boolean | undefined;
}

export interface SelEventInput {
  readonly sensorType: number;
  readonly sensorNumber: number;
  readonly eventType: number;
  readonly deassertion?: boolean | undefined;
  readonly eventData: readonly number[];
}

export interface SelClock {
  /** ISO 8601, or null when the BMC's clock is unset. */
  readonly time: string | null;
}

export type BmcResetKind = 'warm' | 'cold';

export interface BmcResetResult {
  /** False when the BMC reset before it answered (the request did reach it). */
  readonly acknowledged: boolean;
}

export interface RawCommandRequest {
  readonly netFn: number;
  readonly cmd: number;
  readonly data: Uint8Array;
  readonly lun?: number;
}

export interface RawCommandResult {
  readonly completionCode: number;
  readonly data: Uint8Array;
}

/** What a change read before and after, for its audit event. */
export interface Changed<T> {
  readonly before: T;
  readonly after: T;
}

/** JSON of a value for audit parameters. */
export function asJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
}
