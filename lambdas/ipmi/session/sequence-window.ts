import { openV2Payload, type FrameKeys, type V2Header } from '../rmcp/session-frame.ts';

/**
 * Inbound session sequence number tracking (IPMI v2.0 section 6.12.13): a packet is accepted
 * when its number is newer than any seen, or falls within the last WINDOW numbers and has not
 * been seen before. Duplicates (replays) and numbers older than the window are rejected.
 */
export class SequenceWindow {
  static readonly WINDOW = 32;
  private highest = 0;
  /** Bit i set: highest - i has been seen (bit 0 is highest itself). */
  private seen = 0;
  private started = false;

  /** Checks and, when acceptable, records `seq`. Sequence number 0 is never valid in a session. */
  accept(seq: number): boolean {
    seq >>>= 0;
    if (seq === 0) return false;
    if (!this.started) {
      this.started = true;
      this.highest = seq;
      this.seen = 1;
      return true;
    }
    const ahead = (seq - this.highest) >>> 0;
    if (ahead !== 0 && ahead < 0x80000000) {
      this.seen = ahead >= SequenceWindow.WINDOW ? 1 : ((this.seen << ahead) | 1) >>> 0;
      this.highest = seq;
      return true;
    }
    const behind = (this.highest - seq) >>> 0;
    if (behind >= SequenceWindow.WINDOW) return false;
    const bit = (1 << behind) >>> 0;
    if (this.seen & bit) return false;
    this.seen = (this.seen | bit) >>> 0;
    return true;
  }
}

/**
 * The payload of an in-session packet, or why it is dropped. Integrity is verified (and the
 * payload decrypted) before the sequence number is looked at, so a forged packet can never move
 * the window and lock the session out. Both ends use this one function: the library's Session
 * and the simulator's BMC.
 */
export function openInSession(buf: Uint8Array, h: V2Header, keys: FrameKeys, window: SequenceWindow): Uint8Array | 'integrity' | 'replay' {
  let payload: Uint8Array;
  try {
    payload = openV2Payload(buf, h, keys);
  } catch {
    return 'integrity';
  }
  return window.accept(h.sequence) ? payload : 'replay';
}
