/**
 * The BMC simulator's programmatic API: start a fleet, inspect and change each BMC, inject
 * faults, stop.
 *
 *   const fleet = await startFleet({ count: 3, password: 'secret', timing: { powerOnMs: 50 } });
 *   const { host, port } = fleet.bmc(0);
 *   fleet.bmc(0).pushOverThreshold('CPU1 Temp', 'ucr');
 *   fleet.inject('all', { lossPercent: 20, delayMs: 5 });
 *   await fleet.stop();
 */
export { startFleet, expandHosts, Fleet, type FleetOptions } from './fleet.ts';
export { BmcHandle, type SensorSnapshot, type ChassisAction } from './bmc-handle.ts';
export { CommandJournal, type JournalEntry } from './rmcp/command-journal.ts';
export { DEFAULT_TIMING, DEFAULT_SESSION_LIMIT, type Faults, type SimQuirks, type Timing, type UserSpec } from './options.ts';
export { DEFAULT_PROFILE, SENSOR, hostileProfile, type Profile, type SensorDef } from './bmc/profile.ts';
export type { HostileStorage } from './bmc/hostile-storage.ts';
export type { StorageFaults } from './bmc/storage-faults.ts';
export type { SystemEvent } from './bmc/sel-log.ts';
export { SCENARIO_KINDS, type Scenario, type ScenarioKind, type ScenarioSpec } from './scenarios/index.ts';
