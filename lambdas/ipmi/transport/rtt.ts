/**
 * Round-trip time of one BMC, smoothed as TCP does (RFC 6298 section 2: SRTT and RTTVAR with
 * gains 1/8 and 1/4), turned into the wait before a first retransmission. Only answers to a
 * request sent once are measured (Karn's rule): the answer to a retransmitted request cannot
 * be told apart from the answer to the original.
 */

/** The shortest first wait: a BMC answers a LAN round trip in well under this, a busy one not always. */
export const MIN_RTO_MS = 100;

/** Added to SRTT at least, so that a steady link with no variance still gets some slack. */
const MIN_VARIANCE_MS = 20;

export class RttEstimator {
  private srtt: number | undefined;
  private rttvar = 0;
  /** Measurements taken; 0 until the first answer to a request sent once. */
  samples = 0;
  /** When the BMC last answered anything (performance.now()); undefined if never. */
  lastHeard: number | undefined;

  /** The BMC answered (whether or not the answer can be timed). */
  heard(now: number): void {
    this.lastHeard = now;
  }

  /**
   * A whole exchange went unanswered: the BMC is no longer known to be alive, so the next
   * session setup gets the short first-contact policy rather than the long one for live BMCs.
   */
  unanswered(): void {
    this.lastHeard = undefined;
  }

  /** Feeds one measured round trip, in ms. */
  sample(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) return;
    this.samples++;
    if (this.srtt === undefined) {
      this.srtt = ms;
      this.rttvar = ms / 2;
      return;
    }
    this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - ms);
    this.srtt = 0.875 * this.srtt + 0.125 * ms;
  }

  /** Smoothed round trip in ms, undefined before the first sample. */
  get smoothed(): number | undefined {
    return this.srtt;
  }

  /**
   * The wait before the first retransmission: SRTT + 4 RTTVAR, no shorter than MIN_RTO_MS and
   * never longer than `ceiling` (the configured time-out, which is also the wait before
   * anything is measured). A ceiling below the floor wins: a caller asked for short waits.
   */
  rto(ceiling: number): number {
    if (this.srtt === undefined) return ceiling;
    const rto = this.srtt + Math.max(MIN_VARIANCE_MS, 4 * this.rttvar);
    return Math.round(Math.min(ceiling, Math.max(Math.min(MIN_RTO_MS, ceiling), rto)));
  }
}
