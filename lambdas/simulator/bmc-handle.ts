/**
 * The handle tests and tools hold on one simulated BMC: where it listens, what it is, and
 * accessors to read and change its state (power, boot device, sensors, SEL) and faults.
 */
import { BOOT_DEVICES, fromHex, toHex, type ThresholdName } from '../ipmi/protocol.ts';
import type { Bmc } from './bmc/bmc.ts';
import { formatMac } from './bmc/identity.ts';
import { fromRaw } from './bmc/sensor-catalog.ts';
import type { SystemEvent } from './bmc/sel-log.ts';
import type { FaultyEndpoint } from './net/faulty-endpoint.ts';
import type { Faults } from './options.ts';
import type { BmcServer } from './rmcp/bmc-server.ts';
import { CommandJournal } from './rmcp/command-journal.ts';
import { startScenario, type Scenario, type ScenarioSpec } from './scenarios/index.ts';

const DEVICE_NAMES = new Map<number, string>(Object.entries(BOOT_DEVICES).map(([name, code]) => [code, name]));

/** Chassis Control actions by name (Table 28-4). */
const CONTROL = { off: 0x00, on: 0x01, cycle: 0x02, reset: 0x03, diag: 0x04, soft: 0x05 } as const;
export type ChassisAction = keyof typeof CONTROL;

export interface SensorSnapshot {
  number: number;
  name: string;
  /** Value in units, null when unavailable (discrete sensors: null). */
  value: number | null;
  raw: number;
  /** Threshold comparison bits (analog) or asserted offsets (discrete). */
  status: number;
}

export class BmcHandle {
  readonly bmc: Bmc;
  private running: Scenario[] = [];

  constructor(
    readonly index: number,
    readonly host: string,
    private readonly server: BmcServer,
    private readonly endpoint: FaultyEndpoint,
  ) {
    this.bmc = server.bmc;
  }

  get port(): number {
    return this.server.port;
  }

  /** "host:port", as FreeIPMI's -h and the CLI's sweep files take it. */
  get address(): string {
    return `${this.host}:${this.port}`;
  }

  get identity(): { serial: string; boardSerial: string; chassisSerial: string; mac: string; deviceGuid: string; systemGuid: string } {
    const id = this.bmc.identity;
    return { serial: id.productSerial, boardSerial: id.boardSerial, chassisSerial: id.chassisSerial, mac: formatMac(id.mac), deviceGuid: toHex(id.deviceGuid), systemGuid: toHex(id.systemGuid) };
  }

  // ---- chassis ----

  /** Power as Get Chassis Status reports it. */
  get power(): 'on' | 'off' {
    return this.bmc.chassis.poweredOn ? 'on' : 'off';
  }

  get powerPhase(): string {
    return this.bmc.chassis.phase;
  }

  /** Same as a Chassis Control command from a client; returns its completion code. */
  chassisControl(action: ChassisAction): number {
    return this.bmc.chassis.control(CONTROL[action]);
  }

  /** Sets power at once, without transition delays (test setup); SEL and console react as to a real change. */
  setPower(state: 'on' | 'off'): void {
    this.bmc.chassis.force(state === 'on');
  }

  get bootDevice(): { valid: boolean; persistent: boolean; efi: boolean; device: string } {
    const b = this.bmc.boot.describe();
    return { valid: b.valid, persistent: b.persistent, efi: b.efi, device: DEVICE_NAMES.get(b.device) ?? `reserved(${b.device})` };
  }

  get identify(): 'off' | 'temporary' | 'indefinite' {
    return (['off', 'temporary', 'indefinite'] as const)[this.bmc.chassis.identifyState];
  }

  // ---- sensors ----

  sensor(nameOrNumber: string | number): SensorSnapshot {
    const number = this.bmc.sensorNumber(nameOrNumber);
    const s = this.bmc.catalog.byNumber.get(number);
    if (!s) throw new RangeError(`sensor ${String(nameOrNumber)} has no reading`);
    if ('rawThresholds' in s) {
      const r = this.bmc.sensors.readAnalog(s, this.bmc.poweredOn);
      return { number, name: s.def.name, value: r.available ? fromRaw(r.raw, s.def.factors) : null, raw: r.raw, status: r.status };
    }
    return { number, name: s.def.name, value: null, raw: 0, status: this.bmc.sensors.readDiscrete(s) };
  }

  sensors(): SensorSnapshot[] {
    return [...this.bmc.catalog.byNumber.keys()].map((n) => this.sensor(n));
  }

  setSensor(nameOrNumber: string | number, value: number | null): void {
    this.bmc.setSensor(nameOrNumber, value);
  }

  pushOverThreshold(nameOrNumber: string | number, threshold: ThresholdName): number {
    return this.bmc.pushOverThreshold(nameOrNumber, threshold);
  }

  setDiscrete(nameOrNumber: string | number, offsets: number, asserted: boolean): void {
    this.bmc.setDiscrete(nameOrNumber, offsets, asserted);
  }

  setIntrusion(open: boolean): void {
    this.bmc.setIntrusion(open);
  }

  // ---- SEL ----

  /** SEL records as hex strings (16 bytes each, Table 32-1). */
  selEntries(): string[] {
    return this.bmc.sel.all().map((r) => toHex(r));
  }

  addSelEvent(e: SystemEvent): number | null {
    return this.bmc.sel.add(e);
  }

  clearSel(): void {
    this.bmc.sel.clear();
  }

  /** Logs the same event `count` times, e.g. to build a long SEL quickly. */
  addSelEvents(count: number, e: SystemEvent): void {
    for (let i = 0; i < count; i++) this.bmc.sel.add(e);
  }

  // ---- failure scenarios (scenarios/types.ts) ----

  /** Starts a scenario; the fleet tick moves it on (or call tickScenarios with a chosen time). */
  startScenario(spec: ScenarioSpec, now = Date.now()): Scenario {
    const scenario = startScenario(this.bmc, spec, now);
    this.running.push(scenario);
    return scenario;
  }

  get scenarios(): readonly Scenario[] {
    return this.running;
  }

  tickScenarios(now: number): void {
    for (const s of this.running) s.tick(now);
  }

  /** Ends every scenario and puts the hardware back. */
  stopScenarios(): void {
    for (const s of this.running.splice(0)) s.stop();
  }

  // ---- sessions and faults ----

  get activeSessions(): number {
    return this.server.sessions.activeCount;
  }

  get sessionCount(): number {
    return this.server.sessions.size;
  }

  /**
   * Starts recording every in-session command as it arrives (with the session count at that
   * moment) and returns the journal; calling again returns the same journal, cleared.
   */
  recordCommands(): CommandJournal {
    const journal = (this.server.journal ??= new CommandJournal());
    journal.clear();
    journal.sessions(this.server.sessions.size, this.server.sessions.activeCount);
    return journal;
  }

  get solActive(): boolean {
    return this.server.solBusy;
  }

  /**
   * The hostile console profile: the host prints `text` over and over, as fast as SOL carries
   * it (escape sequences and control bytes included, as given); null makes it quiet again.
   */
  chattyConsole(text: string | null): void {
    this.bmc.console.chatter(text);
  }

  /** Console bytes handed to SOL sessions so far. */
  get consoleBytesPrinted(): number {
    return this.bmc.console.printed;
  }

  /** Protocol counters (drops by reason) and network fault counters. */
  get stats(): BmcServer['stats'] & { net: FaultyEndpoint['stats'] } {
    return { ...this.server.stats, net: { ...this.endpoint.stats } };
  }

  get faults(): Faults {
    return this.bmc.faults;
  }

  inject(faults: Faults): void {
    const quirks = faults.quirks ? { ...this.bmc.faults.quirks, ...faults.quirks } : this.bmc.faults.quirks;
    this.bmc.faults = { ...this.bmc.faults, ...faults, ...(quirks ? { quirks } : {}) };
  }

  heal(): void {
    this.bmc.faults = {};
  }

  /** Feeds a raw datagram to the protocol engine as if it came from `peer` (fuzzing, tests). */
  deliver(packet: Uint8Array | string, peer = { address: '127.0.0.1', port: 9 }): void {
    this.server.receive(typeof packet === 'string' ? fromHex(packet) : packet, peer);
  }
}
