import type { IpmiRequester } from '../commands/command.ts';
import { InvalidArgumentError } from '../errors.ts';
import { readSensors } from '../ops/sensors.ts';
import { getSdrs, type SdrCache } from '../sdr-cache/sdr-cache.ts';
import type { SensorJson } from '../sensors/types.ts';
import { runFleet, runFleetConnected, type ClosableRequester, type FleetConnect, type FleetOptions, type FleetResult, type FleetTarget } from './fleet.ts';

export type SweepOptions = FleetOptions & {
  /**
   * Decoded SDRs shared across the sweep (and across sweeps, if the same instance is passed
   * again). Without one, every BMC's repository is read in full.
   */
  cache?: SdrCache;
  /** Sensors read at once on one BMC (default: the session's pipeline depth, see FleetOptions.maxInFlight). */
  sensorConcurrency?: number;
  /** Opens each BMC's session instead of the fleet engine (see runFleetConnected); not with `pool`. */
  connect?: FleetConnect<ClosableRequester>;
};

/**
 * Every sensor of every target (`readSensors`), over one socket with the fleet engine's
 * bounded concurrency, results streamed as each BMC finishes. With a cache, a BMC whose
 * firmware and repository timestamps match a cached repository costs two commands instead
 * of a full repository read.
 */
export function sweepSensors(targets: readonly FleetTarget[], opts: SweepOptions): AsyncGenerator<FleetResult<SensorJson[]>> {
  const { cache, sensorConcurrency, connect, ...fleetOptions } = opts;
  const signal = opts.signal ? { signal: opts.signal } : {};
  const read = async (s: IpmiRequester): Promise<SensorJson[]> => {
    const sdrs = cache ? await getSdrs(s, cache, signal) : undefined;
    return readSensors(s, { ...signal, ...(sdrs ? { sdrs } : {}), ...(sensorConcurrency !== undefined ? { concurrency: sensorConcurrency } : {}) });
  };
  if (!connect) return runFleet(targets, read, fleetOptions);
  if (fleetOptions.pool) throw new InvalidArgumentError('sweepSensors: connect and pool cannot be combined');
  return runFleetConnected(targets, connect, read, fleetOptions);
}
