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
export { decodeActivatePayloadRequest, encodeActivatePayloadResponse } from './commands/app/activate-payload.ts';
export { encodeCipherSuiteRecords } from './commands/app/get-channel-cipher-suites.ts';
export { BOOT_DEVICES } from './commands/chassis/boot-options.ts';
// Record formats: SDR (43), FRU fields (FRU specification 13), SOL payloads (15.9).
export * from './sdr/types.ts';
export * from './fru/type-length.ts';
export * from './sol/sol-packet.ts';
export { literalLookup } from './transport/udp-transport.ts';
