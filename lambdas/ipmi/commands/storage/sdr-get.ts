/**
 * Get SDR: IPMI v2.0 section 33.12 (NetFn Storage, cmd 23h).
 * Request data:
 *   1-2  reservation ID, LS byte first (0000h allowed only when offset is 0)
 *   3-4  record ID (0000h = first record)
 *   5    offset into the record
 *   6    bytes to read (FFh = the entire record)
 * Response data:
 *   1-2  record ID of the next record (FFFFh after the last)
 *   3:n  the requested bytes of the record
 */
import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';

/** Record ID that ends the repository (section 33.12: next record ID FFFFh). */
export const SDR_LAST_RECORD_ID = 0xffff;
/** "Bytes to read" value asking for the whole record. */
export const SDR_READ_ENTIRE_RECORD = 0xff;

export interface GetSdrRequest {
  reservationId: number;
  recordId: number;
  offset: number;
  bytesToRead: number;
}

export interface GetSdrResponse {
  nextRecordId: number;
  data: Uint8Array;
}

export const GetSdr: Command<GetSdrRequest, GetSdrResponse> = {
  name: 'Get SDR',
  netFn: NetFn.storage,
  cmd: 0x23,
  encode(req) {
    return new ByteWriter(6).u16le(req.reservationId).u16le(req.recordId).u8(req.offset).u8(req.bytesToRead).finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Get SDR response');
    const nextRecordId = r.u16le('next record ID');
    // A copy: the response buffer may be reused by the transport.
    return { nextRecordId, data: r.rest().slice() };
  },
};
