/**
 * Serial console output (SOL, IPMI v2.0 section 15) as text for a terminal view or a log. The
 * console is the host's and, through the BMC, untrusted: it may carry ANSI/VT escape sequences
 * that move the cursor, retitle a window or rewrite what is already on screen, stray control
 * bytes, and bidirectional overrides. The view keeps the lines and tabs and drops the rest:
 *
 * - CSI (ESC [ ... final, or C1 9Bh), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC strings
 *   (ESC P / X / ^ / _ ... ST) and two-byte escapes are removed whole;
 * - CR LF and a lone CR become LF (a lone CR would overwrite the line; kept as a line, nothing
 *   is hidden); tab stays; every other C0 control, DEL and C1 control is dropped;
 * - bidirectional overrides and invisible marks become U+FFFD, as in display text, so the
 *   damage shows; invalid UTF-8 becomes U+FFFD too.
 *
 * The raw bytes are kept apart by the callers that need them.
 */
import { isUnsafeCodePoint } from './display-text.ts';

const ESC = 0x1b;
const BEL = 0x07;
const C1_CSI = 0x9b;
const C1_ST = 0x9c;

/** Escape introducers whose sequence runs to a string terminator (ESC \ or, for OSC, BEL). */
const STRING_INTRODUCERS = new Set([0x5d /* ] OSC */, 0x50 /* P DCS */, 0x58 /* X SOS */, 0x5e /* ^ PM */, 0x5f /* _ APC */]);

export function consoleText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const cps = Array.from(text, (ch) => ch.codePointAt(0) as number);
  let out = '';
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i] as number;
    if (c === ESC) {
      i = skipEscape(cps, i);
    } else if (c === C1_CSI) {
      i = skipCsi(cps, i + 1);
    } else if (c === 0x0d) {
      out += '\n';
      if (cps[i + 1] === 0x0a) i++;
    } else if (c === 0x0a || c === 0x09) {
      out += String.fromCodePoint(c);
    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      // Dropped: NUL padding, BEL, backspace and the like carry no text.
    } else if (isUnsafeCodePoint(c)) {
      out += '\ufffd';
    } else {
      out += String.fromCodePoint(c);
    }
  }
  return out;
}

/** Index of the last code point of the escape sequence starting with ESC at `at`. */
function skipEscape(cps: readonly number[], at: number): number {
  const next = cps[at + 1];
  if (next === undefined) return at;
  if (next === 0x5b) return skipCsi(cps, at + 2);
  if (STRING_INTRODUCERS.has(next)) return skipString(cps, at + 2);
  // nF escapes: intermediates 20h-2Fh, then one final byte 30h-7Eh (ECMA-35).
  let i = at + 1;
  while (i < cps.length && (cps[i] as number) >= 0x20 && (cps[i] as number) <= 0x2f) i++;
  return Math.min(i, cps.length - 1);
}

/** CSI: parameters 30h-3Fh, intermediates 20h-2Fh, one final byte 40h-7Eh (ECMA-48 5.4). */
function skipCsi(cps: readonly number[], from: number): number {
  let i = from;
  while (i < cps.length) {
    const c = cps[i] as number;
    if (c >= 0x40 && c <= 0x7e) return i;
    // A byte that cannot be part of a CSI ends it unfinished; it is read again as text.
    if (c < 0x20 || c > 0x3f) return i - 1;
    i++;
  }
  return cps.length - 1;
}

/** Control strings end at ST (ESC \ or 9Ch) or, as terminals accept for OSC, BEL. */
function skipString(cps: readonly number[], from: number): number {
  for (let i = from; i < cps.length; i++) {
    const c = cps[i];
    if (c === BEL || c === C1_ST) return i;
    if (c === ESC && cps[i + 1] === 0x5c) return i + 1;
  }
  return cps.length - 1;
}
