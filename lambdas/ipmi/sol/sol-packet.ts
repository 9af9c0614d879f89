import { ByteReader, ByteWriter } from '../codec/bytes.ts';

/**
 * SOL payload (payload type 1), IPMI v2.0 section 15.9, Tables 15-2 and 15-3. The same
 * 4-byte header travels both ways; byte 4 is "operation" from the console and "status"
 * from the BMC.
 */
export interface SolPacket {
  /** 1-15; 0 means an ACK-only packet that carries no data. */
  sequence: number;
  /** Sequence number being ACKed/NACKed; 0 = none. */
  ackSequence: number;
  /** Characters of the acknowledged packet that were accepted. */
  acceptedCount: number;
  /** Byte 4 flags (see SolOperation / SolStatus). */
  flags: number;
  data: Uint8Array;
}

/** Console-to-BMC operation bits (Table 15-2, byte 4). */
export const SolOperation = {
  nack: 0x40,
  ringWor: 0x20,
  generateBreak: 0x10,
  ctsPause: 0x08,
  dropDcdDsr: 0x04,
  flushInbound: 0x02,
  flushOutbound: 0x01,
} as const;

/** BMC-to-console status bits (Table 15-3, byte 4). */
export const SolStatus = {
  nack: 0x40,
  transferUnavailable: 0x20,
  deactivating: 0x10,
  transmitOverrun: 0x08,
  breakDetected: 0x04,
} as const;

export function encodeSolPacket(p: SolPacket): Uint8Array {
  return new ByteWriter(4 + p.data.length).u8(p.sequence & 0x0f).u8(p.ackSequence & 0x0f).u8(p.acceptedCount & 0xff).u8(p.flags).bytes(p.data).finish();
}

export function decodeSolPacket(buf: Uint8Array): SolPacket {
  const r = new ByteReader(buf, 'SOL payload');
  const sequence = r.u8('packet sequence number') & 0x0f;
  const ackSequence = r.u8('ack/nack sequence number') & 0x0f;
  const acceptedCount = r.u8('accepted character count');
  const flags = r.u8('operation/status');
  return { sequence, ackSequence, acceptedCount, flags, data: r.rest() };
}
