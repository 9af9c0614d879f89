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
