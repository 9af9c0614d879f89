/**
 * The managed-system side of one simulated server: identity, chassis, boot options,
 * sensors, SEL, FRU and console. Protocol handling (sessions, framing) is in ../rmcp;
 * command handlers in ../commands read and change this state.
 */
import { BOOT_DEVICES, privilegeLevel, type PrivilegeName, type ThresholdName } from '../../ipmi/protocol.ts';
import type { Faults, Timing, UserSpec } from '../options.ts';
import { BootOptions } from './boot-options.ts';
import { Accounts } from './accounts.ts';
import { Chassis } from './chassis.ts';
import { defaultLan, defaultPef, defaultPower, type LanSettings, type PefSettings, type PowerSettings } from './platform-settings.ts';
import { Console } from './console.ts';
import { buildFruImage } from './fru-image.ts';
import { hostileFruImage } from './hostile-storage.ts';
import type { BmcIdentity } from './identity.ts';
import { SENSOR, type Profile } from './profile.ts';
import { sensorCatalog, type SensorCatalog } from './sensor-catalog.ts';
import { SensorBank } from './sensor-bank.ts';
import { SelLog, type SystemEvent } from './sel-log.ts';
import { StorageFaultState, type StorageFaults } from './storage-faults.ts';

export interface BmcUser {
  /** User ID (1-based slot, as Get User Name numbers them). */
  id: number;
  name: Uint8Array;
  password: Uint8Array;
  maxPrivilege: number;
}

export interface BmcConfig {
  identity: BmcIdentity;
  profile: Profile;
  users: readonly BmcUser[];
  timing: Timing;
  faults: Faults;
  poweredOn: boolean;
}

const encoder = new TextEncoder();

export function compileUsers(users: readonly UserSpec[]): BmcUser[] {
  return users.map((u, i) => {
    const name = encoder.encode(u.name);
    const password = encoder.encode(u.password);
    if (name.length > 16) throw new RangeError(`user "${u.name}": name longer than 16 bytes`);
    if (password.length > 20) throw new RangeError(`user "${u.name}": password longer than 20 bytes`);
    return { id: i + 2, name, password, maxPrivilege: privilegeLevel(u.privilege ?? ('admin' satisfies PrivilegeName)) };
  });
}

const DEVICE_NAMES = new Map<number, string>(Object.entries(BOOT_DEVICES).map(([name, code]) => [code, name]));

export class Bmc {
  readonly identity: BmcIdentity;
  readonly profile: Profile;
  readonly catalog: SensorCatalog;
  /** The user table; `users` is who may log in now. */
  readonly accounts: Accounts;
  timing: Timing;
  faults: Faults;
  readonly sel: SelLog;
  readonly sensors: SensorBank;
  readonly chassis: Chassis;
  readonly boot = new BootOptions();
  readonly console: Console;
  /** SDR repository reservation (33.11); 0 = none. */
  sdrReservation = 0;
  private sdrReservationCounter = 0;
  private fru: Uint8Array | undefined;
  storageFaults = new StorageFaultState({});
  private lanSettings: LanSettings | undefined;
  readonly pef: PefSettings = defaultPef();
  readonly power: PowerSettings = defaultPower();
  /** Warm and cold resets received (Cold Reset 20.2, Warm Reset 20.3): the simulator only counts them. */
  readonly resets = { warm: 0, cold: 0 };
  /** Alerts asked for with Alert Immediate (30.7); the simulator records them and sends nothing. */
  readonly alerts: { destination: number; ipAddress: string; at: number }[] = [];
  private readonly startedAt = Date.now();

  constructor(c: BmcConfig) {
    this.identity = c.identity;
    this.profile = c.profile;
    this.catalog = sensorCatalog(c.profile);
    this.accounts = new Accounts(c.users);
    this.timing = c.timing;
    this.faults = c.faults;
    this.sel = new SelLog(c.profile.selCapacity, () => this.timing.selEraseMs);
    this.sensors = new SensorBank(this.catalog, c.identity.index * 7919 + 13, (e) => this.logEvent(e));
    this.console = new Console(`sim-${c.identity.index.toString().padStart(4, '0')}`, () => this.timing.bootLogLineMs);
    this.chassis = new Chassis(c.poweredOn, () => this.timing, {
      powerOn: () => this.onPowerOn(),
      powerOff: (cause) => this.onPowerOff(cause),
      reset: () => {
        this.console.write('\r\n[reset]\r\n');
        this.startBoot();
      },
      diagnosticInterrupt: () => this.console.write('\r\nUhhuh. NMI received for unknown reason 3d on CPU 0.\r\nDazed and confused, but trying to continue\r\n'),
      shutdownStarted: () => this.console.write('\r\n[  OK  ] Stopped target Multi-User System.\r\n         Stopping systemd-journald...\r\nreboot: Power down\r\n'),
    });
    if (c.poweredOn) this.console.boot(this.bootDeviceName());
  }

  private logEvent(e: SystemEvent): void {
    this.sel.add(e);
  }

  private bootDeviceName(): string {
    const b = this.boot.describe();
    return b.valid ? `${DEVICE_NAMES.get(b.device) ?? 'default'}${b.efi ? ' (EFI)' : ''}` : 'default (boot order)';
  }

  private startBoot(): void {
    this.console.boot(this.bootDeviceName());
    this.boot.consumeAtBoot();
  }

  private onPowerOn(): void {
    this.sensors.setStates(SENSOR.powerUnit, 0x03, false);
    this.startBoot();
  }

  private onPowerOff(cause: 'off' | 'soft' | 'cycle'): void {
    this.console.halt(cause === 'soft' ? '' : '\r\n');
    this.sensors.setStates(SENSOR.powerUnit, cause === 'cycle' ? 0x03 : 0x01, true);
  }

  get users(): readonly BmcUser[] {
    return this.accounts.loginUsers();
  }

  /** LAN settings, first filled in from the address the BMC listens on. */
  lan(address: string, cipherSuites: number): LanSettings {
    return (this.lanSettings ??= defaultLan(address, cipherSuites));
  }

  /**
   * DCMI power statistics (DCMI v1.5 6.6.1) in watts, a function of power state and time:
   * about 180 W drifting while on, 0 while off, over the time since the BMC started.
   */
  powerStatistics(nowMs = Date.now()): { current: number; minimum: number; maximum: number; average: number; periodMs: number } {
    const on = this.poweredOn;
    const base = on ? 180 + (this.identity.index % 7) * 5 : 0;
    const current = on ? Math.round(base + 20 * Math.sin(nowMs / 60_000 + this.identity.index)) : 0;
    return { current, minimum: on ? base - 20 : 0, maximum: on ? base + 20 : 0, average: base, periodMs: Math.min(0xffffffff, nowMs - this.startedAt) };
  }

  get sdrTimestamp(): number {
    return this.catalog.timestamp;
  }

  get poweredOn(): boolean {
    return this.chassis.poweredOn;
  }

  reserveSdr(): number {
    this.sdrReservationCounter = (this.sdrReservationCounter % 0xffff) + 1;
    this.sdrReservation = this.sdrReservationCounter;
    return this.sdrReservation;
  }

  /** FRU device 0, built on first use (most BMCs of a big fleet are never asked). */
  fruImage(): Uint8Array {
    const hostileSize = this.profile.hostile?.fruBytes;
    return (this.fru ??= hostileSize === undefined ? buildFruImage(this.profile.fru, this.identity) : hostileFruImage(hostileSize));
  }

  /** Sets storage faults (storage-faults.ts); their request counts start again from zero. */
  injectStorageFaults(faults: StorageFaults): void {
    this.storageFaults = new StorageFaultState(faults);
  }

  /** Housekeeping from the fleet tick: sensor events. */
  tick(now: number): void {
    this.sensors.evaluateAll(this.poweredOn, now);
  }

  // ---- state accessors for tests and tooling ----

  /** Sets a sensor (by name or number) to a value in its units; null returns it to drifting. */
  setSensor(sensor: string | number, value: number | null): void {
    this.sensors.override(this.sensorNumber(sensor), value, this.poweredOn);
  }

  /** Moves an analog sensor just beyond one of its thresholds (logs the crossing). */
  pushOverThreshold(sensor: string | number, threshold: ThresholdName): number {
    const s = this.catalog.byNumber.get(this.sensorNumber(sensor));
    if (!s || !('rawThresholds' in s)) throw new RangeError(`sensor ${String(sensor)} is not a threshold sensor`);
    const value = SensorBank.beyond(s, threshold);
    this.setSensor(s.def.number, value);
    return value;
  }

  /** Asserts or deasserts discrete states (e.g. PSU failure = offset 1). */
  setDiscrete(sensor: string | number, offsets: number, asserted: boolean): void {
    this.sensors.setStates(this.sensorNumber(sensor), offsets, asserted);
  }

  /** Asserted offsets of a discrete sensor (0 for any other sensor). */
  discreteStates(number: number): number {
    const s = this.catalog.byNumber.get(number);
    return s && !('rawThresholds' in s) ? this.sensors.readDiscrete(s) : 0;
  }

  sensorNumber(sensor: string | number): number {
    if (typeof sensor === 'number') return sensor;
    const def = this.profile.sensors.find((d) => d.name.toLowerCase() === sensor.toLowerCase());
    if (!def) throw new RangeError(`no sensor named "${sensor}"`);
    return def.number;
  }

  /** Opens the chassis (intrusion sensor) or closes it. */
  setIntrusion(open: boolean): void {
    this.sensors.setStates(SENSOR.intrusion, 0x01, open);
  }

  stop(): void {
    this.chassis.cancel();
  }
}
