import { ByteReader, ByteWriter } from '../codec/bytes.ts';
import { MalformedError } from '../errors.ts';

/** RMCP message classes, IPMI v2.0 section 13.1.3 (ASF 2.0 3.2.2.2). */
export const RmcpClass = { asf: 0x06, ipmi: 0x07 } as const;

/** ASF IANA enterprise number (4542), big-endian on the wire. */
export const ASF_IANA = 0x000011be;

export const RMCP_HEADER_LENGTH = 4;

/** RMCP header: version 06h, reserved, sequence FFh (no RMCP ACK), class. Section 13.1.3. */
export function writeRmcpHeader(w: ByteWriter, cls: number): ByteWriter {
  return w.u8(0x06).u8(0x00).u8(0xff).u8(cls);
}

export function readRmcpHeader(r: ByteReader): { cls: number; sequence: number } {
  const version = r.u8('RMCP version');
  if (version !== 0x06) throw new MalformedError(r.what, `RMCP version ${version} (expected 6)`);
  r.skip(1);
  const sequence = r.u8('RMCP sequence');
  const cls = r.u8('RMCP class') & 0x1f; // bit 7 flags an RMCP ACK
  return { cls, sequence };
}

/** ASF Presence Ping (13.2.3, ASF 2.0 3.2.4.3). */
export function encodePresencePing(tag: number): Uint8Array {
  const w = new ByteWriter(12);
  writeRmcpHeader(w, RmcpClass.asf);
  return w.u32be(ASF_IANA).u8(0x80).u8(tag & 0xff).u8(0x00).u8(0x00).finish();
}

export interface PresencePong {
  tag: number;
  /** Supported entities: bit 7 set means IPMI is supported. */
  ipmiSupported: boolean;
  iana: number;
}

/** ASF Presence Pong, answered by any BMC before a session exists. */
export function decodePresencePong(buf: Uint8Array): PresencePong {
  const r = new ByteReader(buf, 'ASF presence pong');
  const { cls } = readRmcpHeader(r);
  if (cls !== RmcpClass.asf) throw new MalformedError(r.what, `RMCP class ${cls} is not ASF`);
  r.u32be('IANA');
  const type = r.u8('message type');
  if (type !== 0x40) throw new MalformedError(r.what, `ASF message type 0x${type.toString(16)} is not a pong`);
  const tag = r.u8('message tag');
  r.skip(1);
  const len = r.u8('data length');
  r.need(Math.min(len, 16), 'pong data');
  const iana = r.u32be('OEM IANA');
  r.skip(4, 'OEM defined');
  const entities = r.u8('supported entities');
  return { tag, ipmiSupported: (entities & 0x80) !== 0, iana };
}

/** Encodes an ASF presence pong (used by the simulator). */
export function encodePresencePong(tag: number): Uint8Array {
  const w = new ByteWriter(28);
  writeRmcpHeader(w, RmcpClass.asf);
  return w.u32be(ASF_IANA).u8(0x40).u8(tag & 0xff).u8(0).u8(16)
    .u32be(ASF_IANA).u32be(0).u8(0x81).u8(0x00).zeros(6).finish();
}
