/**
 * Settings a BMC keeps about itself beyond users: its LAN configuration (Table 23-4), PEF
 * (Table 30-6), DCMI power limit and statistics, and the watchdog. The simulator records
 * LAN changes and answers with them, but keeps listening where it was started.
 */
import type { EventFilter, AlertPolicy, PefControl, PowerLimit } from '../../ipmi/protocol.ts';

export interface AlertDestinationSetting {
  type: number;
  acknowledge: boolean;
  timeoutSeconds: number;
  retries: number;
  useBackupGateway: boolean;
  ipAddress: string;
  macAddress: string;
}

export interface LanSettings {
  ipSource: number;
  ipAddress: string;
  netmask: string;
  gateway: string;
  gatewayMac: string;
  vlanId: number | null;
  vlanPriority: number;
  community: string;
  /** Destination selector 0 (volatile) and 1..ALERT_DESTINATIONS. */
  destinations: AlertDestinationSetting[];
  /** Maximum privilege per cipher suite entry (parameter 24). */
  cipherSuitePrivileges: number[];
  /** Parameter 0, "set in progress". */
  setInProgress: number;
}

export const ALERT_DESTINATIONS = 4;
export const EVENT_FILTERS = 8;
export const ALERT_POLICIES = 8;

export interface PefSettings {
  control: PefControl;
  actionControl: number;
  filters: EventFilter[];
  policies: AlertPolicy[];
}

export interface PowerSettings {
  limit: PowerLimit;
  active: boolean;
}

function emptyFilter(id: number): EventFilter {
  return { id, enabled: false, preconfigured: false, actions: 0, policyNumber: 0, severity: 0, generatorId: 0xff, generatorChannelLun: 0xff, sensorType: 0xff, sensorNumber: 0xff, eventTrigger: 0xff, offsetMask: 0xffff, eventData: new Uint8Array(9) };
}

export function defaultLan(address: string, cipherSuites: number): LanSettings {
  const destination = (): AlertDestinationSetting => ({ type: 0, acknowledge: false, timeoutSeconds: 3, retries: 3, useBackupGateway: false, ipAddress: '0.0.0.0', macAddress: '00:00:00:00:00:00' });
  return {
    ipSource: 1,
    ipAddress: address,
    netmask: '255.0.0.0',
    gateway: '127.0.0.1',
    gatewayMac: '00:00:00:00:00:00',
    vlanId: null,
    vlanPriority: 0,
    community: 'public',
    destinations: Array.from({ length: ALERT_DESTINATIONS + 1 }, destination),
    cipherSuitePrivileges: Array.from({ length: cipherSuites }, () => 4),
    setInProgress: 0,
  };
}

export function defaultPef(): PefSettings {
  // One pre-configured filter per critical condition would be usual; one "any critical event -> alert policy 1" filter shows the shape.
  const filters = Array.from({ length: EVENT_FILTERS }, (_, i) => emptyFilter(i + 1));
  filters[0] = { ...filters[0]!, enabled: true, preconfigured: true, actions: 0x01, policyNumber: 1, severity: 0x10 };
  const policies = Array.from({ length: ALERT_POLICIES }, (_, i): AlertPolicy => ({ id: i + 1, policyNumber: i === 0 ? 1 : 0, enabled: false, policy: 0, channel: 1, destination: i === 0 ? 1 : 0, alertStringKey: 0 }));
  return { control: { enabled: true, eventMessages: true, startupDelay: false, alertStartupDelay: false }, actionControl: 0x01, filters, policies };
}

export function defaultPower(): PowerSettings {
  return { limit: { exceptionAction: 'log-sel', limit: 400, correctionMs: 1000, samplingSeconds: 60 }, active: false };
}
