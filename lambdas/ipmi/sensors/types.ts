import type { ThresholdName } from '../sdr/types.ts';

/**
 * Health of a sensor as ipmitool's `sensor list` reports it: ok, nc (non-critical),
 * cr (critical), nr (non-recoverable), ns (no reading: unavailable, scanning disabled
 * or the BMC refused to read it).
 */
export type SensorStatus = 'ok' | 'nc' | 'cr' | 'nr' | 'ns';

/** One sensor, the `bmc sensors --json` object of docs/cli.md. */
export interface SensorJson {
  name: string;
  number: number;
  /** Sensor type name (Table 42-3), e.g. "Temperature". */
  type: string;
  /** Converted reading; null for discrete sensors, sensors without an analog reading, and no reading. */
  reading: number | null;
  /** Unit text ("degrees C", "Volts", ...); null when `reading` is not a number in units. */
  unit: string | null;
  status: SensorStatus;
  /** Asserted state names of a discrete sensor (Tables 42-2/42-3); empty for threshold sensors. */
  states: string[];
  /** Readable thresholds in units; a threshold the BMC does not return is absent. */
  thresholds: Partial<Record<ThresholdName, number>>;
  /**
   * Only when asked for (readSensors `hysteresis`): how far, in units, the reading must move back
   * past an upper (positive-going) or lower (negative-going) threshold before the crossing ends,
   * from the full SDR (Table 43-1 bytes 43-44). Monitoring uses it so that a reading hovering at
   * a threshold does not flap.
   */
  hysteresis?: { positive: number; negative: number };
}
