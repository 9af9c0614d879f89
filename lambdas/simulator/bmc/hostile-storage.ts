/**
 * A BMC that tries to set a client's amount of work: an SDR repository that claims and serves
 * tens of thousands of records, a SEL whose record chain loops, a FRU image as large as the
 * 16-bit inventory size allows with a multirecord list that never ends, and reads answered
 * one byte at a time. Clients must stop each with a bounded, typed error.
 */
import { ByteWriter, checksum } from '../../ipmi/protocol.ts';
import { encodeEventOnlyRecord } from './sdr-records.ts';

export interface HostileStorage {
  /** Get SDR serves this many records (IDs 1..n), generated on demand. */
  sdrRecords?: number;
  /** What Get SDR Repository Info claims (default: sdrRecords). */
  sdrClaimed?: number;
  /** What Get SEL Info claims (default: the real count). */
  selClaimed?: number;
  /** The SEL's last entry names the first as the next one: the chain never ends. */
  selLoop?: boolean;
  /** FRU device 0 is an image of this many bytes (at most 65,535), multirecords to its end. */
  fruBytes?: number;
  /** Get SDR, Get SEL Entry and Read FRU Data answer at most this many bytes. */
  readBytes?: number;
}

/** Record `id` (1-based) of the synthetic repository: an event-only record (Table 43-3). */
export function hostileSdrRecord(id: number): Uint8Array {
  return encodeEventOnlyRecord({ recordId: id, number: id & 0xff, name: `H${id}`, entityId: 0x07, entityInstance: 1, sensorType: 0x10, eventReadingType: 0x6f });
}

/** Largest multirecord data length (the length byte, FRU spec 16.1). */
const RECORD_DATA = 255;
/** OEM record type (FRU spec 16.1 Table 16-2: C0h-FFh). */
const OEM_TYPE = 0xc0;

/**
 * A FRU image of `size` bytes: a common header pointing at a multirecord area (FRU spec 8)
 * filled with OEM records whose checksums are right and whose end-of-list bit is never set.
 */
export function hostileFruImage(size: number): Uint8Array {
  const image = new Uint8Array(Math.min(0xffff, size));
  const header = new ByteWriter(8).u8(0x01).u8(0).u8(0).u8(0).u8(0).u8(1).u8(0).u8(0).finish();
  header[7] = checksum(header, 0, 7);
  image.set(header);
  for (let at = 8; at + 5 + RECORD_DATA <= image.length; at += 5 + RECORD_DATA) {
    const data = image.subarray(at + 5, at + 5 + RECORD_DATA).fill(0x5a);
    const h = Uint8Array.of(OEM_TYPE, 0x02, RECORD_DATA, checksum(data, 0, data.length), 0);
    h[4] = checksum(h, 0, 4);
    image.set(h, at);
  }
  return image;
}
