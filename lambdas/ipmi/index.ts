/**
 * Public surface of the IPMI v2.0 LAN+ library. Everything here is pure TypeScript (node:dgram,
 * node:crypto and @noble/ciphers); nothing imports AWS or the API.
 */
export { openSession, withSession, type SessionOptions, type Quirks } from './session/open-session.ts';
export { Session, type DropCounts } from './session/session.ts';
export { UdpTransport, sharedTransport, type UdpTransportOptions } from './transport/udp-transport.ts';
export type { Command, CallOptions, IpmiRequester } from './commands/command.ts';
export { NetFn } from './commands/command.ts';
export * from './errors.ts';
export { SUPPORTED_CIPHER_SUITES, NEGOTIATION_ORDER, cipherSuite } from './crypto/cipher-suites.ts';
export type { PrivilegeName } from './session/rakp-messages.ts';
