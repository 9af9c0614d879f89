/**
 * The library's second entry point: the wire-level building blocks that both ends of an RMCP+
 * conversation need. The client side uses them internally; the simulator, a BMC, is built from
 * them so that client and server share one implementation of each wire format. Section numbers
 * are those of the IPMI v2.0 specification.
 */
export * from './codec/bytes.ts';
// RMCP (13.1.3), ASF presence (13.2), LAN messages (13.8), RMCP+ session frames (13.6).
export * from './rmcp/rmcp.ts';
export * from './rmcp/lan-message.ts';
export * from './rmcp/session-frame.ts';
// Open Session and RAKP messages (13.17-13.23), their HMACs and keys (13.31-13.32).
export * from './session/rakp-messages.ts';
export * from './session/sequence-window.ts';
export * from './crypto/rakp.ts';
export * from './crypto/hmac.ts';
export * from './crypto/cipher-suites.ts';
// Command numbers and the command definitions whose codecs a BMC shares.
export * from './commands/command.ts';
export { decodeActivatePayloadRequest, encodeActivatePayloadResponse, ActivatePayload, DeactivatePayload } from './commands/app/activate-payload.ts';
export { CloseSession } from './commands/app/close-session.ts';
// IPMI v1.5 sessions (22.16-22.17) and their AuthCode (22.17).
export { ActivateSession } from './commands/app/activate-session.ts';
export { GetSessionChallenge } from './commands/app/get-session-challenge.ts';
export { v15AuthCode, v15PasswordKey, V15_AUTH_TYPES, type V15AuthName } from './crypto/v15-auth-code.ts';
export { GetChannelAuthCapabilities } from './commands/app/get-channel-auth-capabilities.ts';
export { encodeCipherSuiteRecords, GetChannelCipherSuites } from './commands/app/get-channel-cipher-suites.ts';
export { GetDeviceGuid } from './commands/app/get-device-guid.ts';
export { GetDeviceId } from './commands/app/get-device-id.ts';
export { GetSelfTestResults } from './commands/app/get-self-test-results.ts';
export { GetSystemGuid } from './commands/app/get-system-guid.ts';
export { SetSessionPrivilege } from './commands/app/set-session-privilege.ts';
export { GetUserAccess, GetUserName, SetUserAccess, SetUserName, SetUserPassword, USER_PRIVILEGES } from './commands/app/user-accounts.ts';
export { GetWatchdogTimer } from './commands/app/watchdog.ts';
export { ColdReset, WarmReset } from './commands/app/bmc-reset.ts';
export { GetLanConfig, SetLanConfig, PARAMETER_REVISION } from './commands/transport/lan-config.ts';
export { LanParam, DESTINATION_TYPES, DestinationTypeParam, DestinationAddressParam, ipv4Bytes, IP_SOURCES, type LanParameter, type IpSource, type AlertDestinationType, type AlertDestinationAddress } from './commands/transport/lan-parameters.ts';
export * from './commands/sensor/pef-config.ts';
export { SetSensorThresholds, SetSensorHysteresis } from './commands/sensor/set-sensor-thresholds.ts';
export * from './commands/dcmi/power.ts';
export { AddSelEntry } from './commands/storage/sel-add.ts';
export { BOOT_DEVICES } from './commands/chassis/boot-options.ts';
export { ChassisControl } from './commands/chassis/chassis-control.ts';
export { ChassisIdentify } from './commands/chassis/chassis-identify.ts';
export { GetChassisStatus } from './commands/chassis/get-chassis-status.ts';
export { GetSystemBootOptions } from './commands/chassis/get-system-boot-options.ts';
export { SetSystemBootOptions } from './commands/chassis/set-system-boot-options.ts';
export { GetSensorHysteresis } from './commands/sensor/get-sensor-hysteresis.ts';
export { GetSensorReadingFactors } from './commands/sensor/get-sensor-reading-factors.ts';
export { GetSensorReading } from './commands/sensor/get-sensor-reading.ts';
export { GetSensorThresholds } from './commands/sensor/get-sensor-thresholds.ts';
// Record formats: SDR (43), FRU fields (FRU specification 13), SOL payloads (15.9).
export * from './sdr/types.ts';
export * from './fru/type-length.ts';
export * from './sol/sol-packet.ts';
// Timestamps (37).
export { TIMESTAMP_UNSPECIFIED, TIMESTAMP_INIT_DONE } from './sel/timestamp.ts';
export { literalLookup } from './transport/udp-transport.ts';
