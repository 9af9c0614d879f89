/** The read size of chunked reads (Get SDR, Read FRU Data). */

/**
 * A read size that starts at `start`, doubles after every full answer up to `max`, and
 * settles below the first size the BMC refuses (C7h/C8h/CAh) or cuts short: ipmitool and
 * FreeIPMI both adapt in this way, and it spares BMCs with small buffers a refusal per read.
 */
export class ReadSize {
  private size: number;
  private ceiling: number;
  /** Largest ask answered in full. */
  private good = 0;

  constructor(
    start: number,
    max: number,
    private readonly unit = 1,
  ) {
    this.ceiling = Math.max(unit, max);
    this.size = Math.max(unit, Math.min(start, this.ceiling));
  }

  get current(): number {
    return this.size;
  }

  /** Bytes to ask for when `remaining` are still wanted. */
  next(remaining: number): number {
    return Math.max(1, Math.min(this.size, remaining));
  }

  /** The BMC answered `got` bytes to an ask of `asked`. */
  answered(asked: number, got: number): void {
    if (got <= 0) return;
    if (got < asked) {
      // A short answer is the BMC's own limit; asking for more would only be cut again.
      this.size = this.ceiling = Math.max(this.unit, got);
      return;
    }
    this.good = Math.max(this.good, asked);
    if (asked >= this.size) this.size = Math.min(this.ceiling, this.size * 2);
  }

  /** The BMC refused an ask of `asked` bytes as too long; false when nothing smaller is left. */
  refused(asked: number): boolean {
    if (asked <= this.unit) return false;
    this.size = this.ceiling = Math.max(this.unit, Math.min(asked - 1, Math.max(this.good, asked >> 1)));
    return true;
  }
}

/** Completion codes of section 5.2 Table 5-2 that mean "ask for fewer bytes". */
export const TOO_LONG_CODES: ReadonlySet<number> = new Set([0xc7, 0xc8, 0xca]);
