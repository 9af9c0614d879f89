import { TruncatedError } from '../errors.ts';

/**
 * A cursor over received bytes. Every read checks the remaining length first and
 * throws a TruncatedError naming what was being read, so decoders never index past
 * the end of a hostile or short packet.
 */
export class ByteReader {
  private pos = 0;

  constructor(
    private readonly buf: Uint8Array,
    /** What is being decoded, for error messages ("Get Device ID response"). */
    readonly what: string = 'packet',
  ) {}

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  /** Throws unless at least `n` bytes remain. */
  need(n: number, field = 'field'): void {
    if (n < 0 || this.pos + n > this.buf.length) {
      throw new TruncatedError(this.what, field, this.pos + n, this.buf.length);
    }
  }

  u8(field = 'byte'): number {
    this.need(1, field);
    return this.buf[this.pos++]!;
  }

  /** Little-endian, as IPMI sends multi-byte fields (spec 13.5). */
  u16le(field = 'u16'): number {
    this.need(2, field);
    const v = this.buf[this.pos]! | (this.buf[this.pos + 1]! << 8);
    this.pos += 2;
    return v;
  }

  u24le(field = 'u24'): number {
    this.need(3, field);
    const v = this.buf[this.pos]! | (this.buf[this.pos + 1]! << 8) | (this.buf[this.pos + 2]! << 16);
    this.pos += 3;
    return v;
  }

  u32le(field = 'u32'): number {
    this.need(4, field);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** Big-endian, used only by RMCP's own header fields (ASF). */
  u16be(field = 'u16'): number {
    this.need(2, field);
    const v = (this.buf[this.pos]! << 8) | this.buf[this.pos + 1]!;
    this.pos += 2;
    return v;
  }

  u32be(field = 'u32'): number {
    this.need(4, field);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }

  /** A view (not a copy) of the next `n` bytes. */
  bytes(n: number, field = 'bytes'): Uint8Array {
    this.need(n, field);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** A view of everything left. */
  rest(): Uint8Array {
    const v = this.buf.subarray(this.pos);
    this.pos = this.buf.length;
    return v;
  }

  skip(n: number, field = 'reserved'): void {
    this.need(n, field);
    this.pos += n;
  }

  peek(field = 'byte'): number {
    this.need(1, field);
    return this.buf[this.pos]!;
  }
}

/** A growable, chainable little-endian writer. */
export class ByteWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(initial = 64) {
    this.buf = new Uint8Array(initial);
  }

  get length(): number {
    return this.len;
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  u8(v: number): this {
    this.ensure(1);
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  u16le(v: number): this {
    this.ensure(2);
    this.buf[this.len++] = v & 0xff;
    this.buf[this.len++] = (v >>> 8) & 0xff;
    return this;
  }

  u24le(v: number): this {
    this.ensure(3);
    this.buf[this.len++] = v & 0xff;
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = (v >>> 16) & 0xff;
    return this;
  }

  u32le(v: number): this {
    this.ensure(4);
    this.buf[this.len++] = v & 0xff;
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = (v >>> 16) & 0xff;
    this.buf[this.len++] = (v >>> 24) & 0xff;
    return this;
  }

  u16be(v: number): this {
    this.ensure(2);
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  u32be(v: number): this {
    this.ensure(4);
    this.buf[this.len++] = (v >>> 24) & 0xff;
    this.buf[this.len++] = (v >>> 16) & 0xff;
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
    return this;
  }

  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.len, this.len + n);
    this.len += n;
    return this;
  }

  /**
   * The next `n` bytes as a view for the caller to fill in place (e.g. to encrypt into), then
   * skipped over. The view stays valid only while nothing more is written that grows the buffer.
   */
  region(n: number): Uint8Array {
    this.ensure(n);
    const v = this.buf.subarray(this.len, this.len + n);
    this.len += n;
    return v;
  }

  /** A copy of what was written. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  /** What was written, without a copy: for writers sized exactly up front that are not used again. */
  view(): Uint8Array {
    return this.buf.length === this.len ? this.buf : this.buf.subarray(0, this.len);
  }
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function fromHex(s: string): Uint8Array {
  const clean = s.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) {
    throw new RangeError(`invalid hex string: ${s.slice(0, 40)}`);
  }
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

/** IPMI 2's-complement checksum over a byte range (spec 13.8): the byte that makes the sum 0 mod 256. */
export function checksum(b: Uint8Array, start = 0, end = b.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum = (sum + b[i]!) & 0xff;
  return (0x100 - sum) & 0xff;
}
