/**
 * Faults of one BMC's storage commands, placed at exact requests so that tests can interrupt
 * a read at a known point and check from the BMC's side where the client resumed.
 */
export interface StorageFaults {
  /**
   * Get SDR requests (1-based, counted from injection) before which the SDR reservation is
   * cancelled, as another client's Reserve SDR Repository would: a partial read then gets C5h.
   */
  cancelSdrReservationAt?: readonly number[];
  /** Get SEL Entry requests (1-based) answered C5h, as by a BMC that wants a fresh reservation. */
  selReservationLostAt?: readonly number[];
}

export class StorageFaultState {
  private getSdr = 0;
  private getSelEntry = 0;

  constructor(private readonly faults: StorageFaults) {}

  /** Counts a Get SDR; true when the reservation is to be cancelled before serving it. */
  cancelSdrReservationNow(): boolean {
    this.getSdr++;
    return this.faults.cancelSdrReservationAt?.includes(this.getSdr) ?? false;
  }

  /** Counts a Get SEL Entry; true when it is to be answered C5h. */
  selReservationLostNow(): boolean {
    this.getSelEntry++;
    return this.faults.selReservationLostAt?.includes(this.getSelEntry) ?? false;
  }
}
