/**
 * Public surface of the IPMI v2.0 LAN+ library. Everything here is pure TypeScript (node:dgram,
 * node:crypto and @noble/ciphers); nothing imports AWS or the API.
 */
export { openSession, withSession, type SessionOptions, type Quirks } from './session/open-session.ts';
export { Session, type DropCounts } from './session/session.ts';
export { openSession15, type Session15Options } from './session/open-session15.ts';
export { Session15 } from './session/session15.ts';
export { openLanSession, LAN_VERSIONS, type LanSessionOptions, type LanVersion } from './session/open-lan-session.ts';
export { V15_AUTH_TYPES, type V15AuthName } from './crypto/v15-auth-code.ts';
export { UdpTransport, sharedTransport, type UdpTransportOptions } from './transport/udp-transport.ts';
export type { Command, CallOptions, IpmiRequester } from './commands/command.ts';
export { NetFn } from './commands/command.ts';
export * from './errors.ts';
export { SUPPORTED_CIPHER_SUITES, NEGOTIATION_ORDER, cipherSuite } from './crypto/cipher-suites.ts';
export type { PrivilegeName } from './session/rakp-messages.ts';

// High-level operations: what the CLI and the API call.
export { getDeviceInfo, manufacturerName, type DeviceInfo } from './ops/device.ts';
export { powerStatus, powerAction, POWER_ACTIONS, type PowerAction, type PowerState, type PowerActionResult } from './ops/power.ts';
export { setBootDevice, getBootDevice, SETTABLE_BOOT_DEVICES, type BootDevice, type BootFlags } from './ops/boot.ts';
export { identify, type IdentifyRequest, type IdentifyResult } from './ops/identify.ts';
export { readSdrRepository, isSdrCacheValid, type SdrRepository } from './ops/sdr.ts';
export { readSensors } from './ops/sensors.ts';
export { rawCommand, MAX_RAW_DATA, type RawRequest, type RawResponse } from './ops/raw.ts';
export type { SensorJson, SensorStatus } from './sensors/types.ts';
export { selInfo, selList, selClear, selTime, SelEraseTimeoutError, type SelEntry, type SelInfoResult } from './ops/sel.ts';
export { readFru, fruToJson, type FruJson, type FruReadResult } from './ops/fru.ts';
export { DEFAULT_READ_BOUNDS, type ReadBounds } from './ops/read-bounds.ts';
export { SolConsole, SolBusyError, solCapture, solCaptureBounded, type SolCaptureBytes } from './sol/sol-console.ts';
export { runFleet, runFleetConnected, collectFleet, type FleetTarget, type FleetOptions, type FleetResult, type FleetConnect, type ClosableRequester } from './fleet/fleet.ts';
export { SessionPool, type SessionPoolOptions } from './fleet/session-pool.ts';
export { presencePing } from './session/presence.ts';
export { sweepSensors, type SweepOptions } from './fleet/sweep.ts';
export { SdrCache, getSdrs, MemorySdrStore, FileSdrStore, defaultSdrCacheDir, type SdrCacheStore } from './sdr-cache/index.ts';

// Configuring the BMC itself: users, LAN, PEF and alert destinations, thresholds, DCMI, SEL add, watchdog, reset.
export { listUsers, userInfo, setUser, testUserPassword, validateUserChange, USER_PRIVILEGES, type BmcUserInfo, type UserChange, type UserPrivilege } from './ops/users.ts';
export { lanSummary, lanDetails, setLan, validateLanChange, disruptiveFields, ConfirmationRequiredError, IP_SOURCES, type LanSummary, type LanDetails, type LanChange, type LanSetOptions, type IpSource } from './ops/lan.ts';
export { readPef, setPefControl, setAlertPolicy, readAlertDestinations, setAlertDestination, setCommunity, sendTestAlert, type AlertDestination, type AlertDestinationChange, type PefConfiguration } from './ops/pef.ts';
export type { PefControl, EventFilter, AlertPolicy } from './commands/sensor/pef-config.ts';
export { readPefCapabilities, lastProcessedEvent, listEventFilters, listAlertPolicies, setEventFilter, updateAlertPolicy, actionNames, actionBits, severityName, PEF_ACTIONS, EVENT_SEVERITIES, POLICY_RULES, type EventFilterChange, type AlertPolicyChange, type PefAction, type EventSeverity, type PolicyRule } from './ops/pef.ts';
export type { PefCapabilities, LastProcessedEvent } from './commands/sensor/pef-config.ts';
export { findThresholdSensor, readThresholds, setThresholds, readHysteresis, setHysteresis, thresholdRequest, type Thresholds, type HysteresisValues } from './ops/thresholds.ts';
export { powerReading, powerLimit, setPowerLimit, EXCEPTION_ACTIONS, type PowerStatistics, type PowerLimitState, type ExceptionAction, type PowerLimit } from './ops/dcmi.ts';
export { selAdd, systemEventRecord, watchdogGet, bmcReset, type SelEventSpec, type WatchdogTimer } from './ops/bmc-control.ts';
export { setSelTime } from './ops/sel.ts';
export { THRESHOLD_BITS as THRESHOLD_NAMES } from './sdr/types.ts';
