import { ByteReader, ByteWriter, checksum } from '../codec/bytes.ts';
import { MalformedError } from '../errors.ts';

/** Slave address of the BMC and the software ID used by remote consoles (section 5.5, Table 5-4). */
export const BMC_SA = 0x20;
export const REMOTE_SWID = 0x81;

/**
 * An IPMI message as carried on LAN (section 13.8, Figure 13-4): request and response share
 * this shape; a response's body starts with the completion code.
 */
export interface LanMessage {
  /** rsAddr in a request, rqAddr in a response. */
  targetAddr: number;
  netFn: number;
  targetLun: number;
  /** rqAddr in a request, rsAddr in a response. */
  sourceAddr: number;
  /** 6-bit request sequence number. */
  rqSeq: number;
  sourceLun: number;
  cmd: number;
  body: Uint8Array;
}

export function encodeLanMessage(m: LanMessage): Uint8Array {
  const out = new Uint8Array(7 + m.body.length);
  out[0] = m.targetAddr;
  out[1] = ((m.netFn & 0x3f) << 2) | (m.targetLun & 0x03);
  out[2] = checksum(out, 0, 2);
  out[3] = m.sourceAddr;
  out[4] = ((m.rqSeq & 0x3f) << 2) | (m.sourceLun & 0x03);
  out[5] = m.cmd;
  out.set(m.body, 6);
  out[out.length - 1] = checksum(out, 3, out.length - 1);
  return out;
}

/** Decodes and verifies both checksums; a bad checksum is a MalformedError. */
export function decodeLanMessage(buf: Uint8Array): LanMessage {
  const r = new ByteReader(buf, 'IPMI LAN message');
  r.need(7, 'header and checksums');
  const targetAddr = r.u8();
  const netFnLun = r.u8();
  const chk1 = r.u8();
  if (checksum(buf, 0, 2) !== chk1) throw new MalformedError(r.what, 'header checksum mismatch');
  const sourceAddr = r.u8();
  const seqLun = r.u8();
  const cmd = r.u8();
  const body = r.bytes(r.remaining - 1, 'body');
  const chk2 = r.u8('checksum');
  if (checksum(buf, 3, buf.length - 1) !== chk2) throw new MalformedError(r.what, 'data checksum mismatch');
  return {
    targetAddr,
    netFn: netFnLun >> 2,
    targetLun: netFnLun & 0x03,
    sourceAddr,
    rqSeq: seqLun >> 2,
    sourceLun: seqLun & 0x03,
    cmd,
    body,
  };
}

export function requestMessage(netFn: number, cmd: number, rqSeq: number, data: Uint8Array, lun = 0): Uint8Array {
  return encodeLanMessage({ targetAddr: BMC_SA, netFn, targetLun: lun, sourceAddr: REMOTE_SWID, rqSeq, sourceLun: 0, cmd, body: data });
}

/** A response to `req` with the given completion code and data (used by the simulator). */
export function responseMessage(req: LanMessage, completionCode: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new ByteWriter(1 + data.length).u8(completionCode).bytes(data).finish();
  return encodeLanMessage({
    targetAddr: req.sourceAddr,
    netFn: req.netFn | 1,
    targetLun: req.sourceLun,
    sourceAddr: req.targetAddr,
    rqSeq: req.rqSeq,
    sourceLun: req.targetLun,
    cmd: req.cmd,
    body,
  });
}
