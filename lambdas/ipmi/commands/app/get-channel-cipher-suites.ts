import { ByteReader, ByteWriter } from '../../codec/bytes.ts';
import { NetFn, type Command } from '../command.ts';

/** Get Channel Cipher Suites, IPMI v2.0 section 22.15, Tables 22-18 to 22-20. */
export interface CipherSuitesRequest {
  channel?: number;
  /** 0 = IPMI payload. */
  payloadType?: number;
  /** 0-63: which 16-byte slice of the record data to return. */
  listIndex: number;
}

export interface CipherSuitesPage {
  channel: number;
  /** Up to 16 bytes of cipher suite record data; fewer means this is the last page. */
  records: Uint8Array;
}

export const GetChannelCipherSuites: Command<CipherSuitesRequest, CipherSuitesPage> = {
  name: 'Get Channel Cipher Suites',
  netFn: NetFn.app,
  cmd: 0x54,
  encode(req) {
    // Bit 7 of the index byte: list algorithms by cipher suite.
    return new ByteWriter(3).u8((req.channel ?? 0x0e) & 0x0f).u8(req.payloadType ?? 0).u8(0x80 | (req.listIndex & 0x3f)).finish();
  },
  decode(data) {
    const r = new ByteReader(data, 'Get Channel Cipher Suites response');
    const channel = r.u8('channel');
    const records = r.rest();
    return { channel, records: records.subarray(0, 16) };
  },
};

export interface CipherSuiteRecord {
  id: number;
  /** Set for OEM records (C1h). */
  oemIana?: number;
  auth: number[];
  integrity: number[];
  confidentiality: number[];
}

/**
 * Parses the concatenated record data (Table 22-19): each record starts with C0h (standard)
 * or C1h (OEM, followed by a 3-byte IANA) and the suite ID, then algorithm tags:
 * 00-3Fh authentication, 40-7Fh integrity, 80-BFh confidentiality. Unknown tags end parsing
 * of the current record; garbage never throws.
 */
export function parseCipherSuiteRecords(data: Uint8Array): CipherSuiteRecord[] {
  const out: CipherSuiteRecord[] = [];
  let i = 0;
  while (i < data.length) {
    const start = data[i]!;
    if (start !== 0xc0 && start !== 0xc1) {
      i++;
      continue;
    }
    if (i + 1 >= data.length) break;
    const rec: CipherSuiteRecord = { id: data[i + 1]!, auth: [], integrity: [], confidentiality: [] };
    i += 2;
    if (start === 0xc1) {
      if (i + 3 > data.length) break;
      rec.oemIana = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16);
      i += 3;
    }
    while (i < data.length && data[i] !== 0xc0 && data[i] !== 0xc1) {
      const tag = data[i]!;
      if (tag < 0x40) rec.auth.push(tag & 0x3f);
      else if (tag < 0x80) rec.integrity.push(tag & 0x3f);
      else if (tag < 0xc0) rec.confidentiality.push(tag & 0x3f);
      i++;
    }
    out.push(rec);
  }
  return out;
}

/** Encodes standard records (used by the simulator). */
export function encodeCipherSuiteRecords(suites: readonly { id: number; auth: number; integrity: number; confidentiality: number }[]): Uint8Array {
  const w = new ByteWriter(suites.length * 5);
  for (const s of suites) w.u8(0xc0).u8(s.id).u8(s.auth & 0x3f).u8(0x40 | (s.integrity & 0x3f)).u8(0x80 | (s.confidentiality & 0x3f));
  return w.finish();
}
