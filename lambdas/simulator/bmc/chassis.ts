/**
 * Chassis power state machine (IPMI v2.0 section 28.3 Chassis Control) with the delays of
 * real hardware: power-on sequencing, a hard off that still takes a moment, an OS that
 * takes seconds to shut down on a soft-off, and the off period of a power cycle. The
 * reported state (Get Chassis Status) changes only when a transition completes.
 */

export type PowerPhase = 'off' | 'on' | 'powering-on' | 'powering-off';

export interface ChassisHooks {
  powerOn(): void;
  powerOff(cause: 'off' | 'soft' | 'cycle'): void;
  reset(): void;
  diagnosticInterrupt(): void;
  shutdownStarted(): void;
}

export interface ChassisDelays {
  powerOnMs: number;
  powerOffMs: number;
  softOffMs: number;
  cycleOffMs: number;
}

/** Completion codes of Chassis Control (section 28.3; D5h: not supported in present state). */
export const CC_OK = 0x00;
export const CC_INVALID_FIELD = 0xcc;
export const CC_NOT_IN_PRESENT_STATE = 0xd5;

export class Chassis {
  phase: PowerPhase;
  /** Byte 3 bit 4 of Get Chassis Status: the last power-on came from an IPMI command. */
  lastOnByCommand = false;
  /** ms timestamp until which identify is on; Infinity = forced on; 0 = off. */
  identifyUntil = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    initiallyOn: boolean,
    private readonly delays: () => ChassisDelays,
    private readonly hooks: ChassisHooks,
  ) {
    this.phase = initiallyOn ? 'on' : 'off';
  }

  /** Power as Get Chassis Status reports it: on until a power-down completes, off until a power-up does. */
  get poweredOn(): boolean {
    return this.phase === 'on' || this.phase === 'powering-off';
  }

  private schedule(ms: number, then: () => void): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      then();
    }, ms);
    this.timer.unref?.();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private startPowerOn(): void {
    this.phase = 'powering-on';
    this.schedule(this.delays().powerOnMs, () => {
      this.phase = 'on';
      this.hooks.powerOn();
    });
  }

  private startPowerOff(ms: number, cause: 'off' | 'soft' | 'cycle', then?: () => void): void {
    this.phase = 'powering-off';
    this.schedule(ms, () => {
      this.phase = 'off';
      this.hooks.powerOff(cause);
      then?.();
    });
  }

  /** Chassis Control request byte 1 [3:0] (Table 28-4); returns the completion code. */
  control(action: number): number {
    // A new command replaces a transition in progress, starting from the reported state.
    if (this.phase === 'powering-on' || this.phase === 'powering-off') {
      this.cancel();
      this.phase = this.poweredOn ? 'on' : 'off';
    }
    const on = this.phase === 'on';
    switch (action) {
      case 0x00: // power down
        if (on) this.startPowerOff(this.delays().powerOffMs, 'off');
        return CC_OK;
      case 0x01: // power up
        if (!on) {
          this.lastOnByCommand = true;
          this.startPowerOn();
        }
        return CC_OK;
      case 0x02: // power cycle: the spec recommends acting only in S0
        if (!on) return CC_NOT_IN_PRESENT_STATE;
        this.lastOnByCommand = true;
        this.startPowerOff(this.delays().powerOffMs, 'cycle', () => this.schedule(this.delays().cycleOffMs, () => this.startPowerOn()));
        return CC_OK;
      case 0x03: // hard reset
        if (!on) return CC_NOT_IN_PRESENT_STATE;
        this.hooks.reset();
        return CC_OK;
      case 0x04: // pulse diagnostic interrupt (NMI)
        if (!on) return CC_NOT_IN_PRESENT_STATE;
        this.hooks.diagnosticInterrupt();
        return CC_OK;
      case 0x05: // ACPI soft shutdown
        if (on) {
          this.hooks.shutdownStarted();
          this.startPowerOff(this.delays().softOffMs, 'soft');
        }
        return CC_OK;
      default:
        return CC_INVALID_FIELD;
    }
  }

  /** Puts the chassis in a power state at once, skipping the delays (test setup); hooks run as usual. */
  force(on: boolean): void {
    this.cancel();
    const wasOn = this.poweredOn;
    this.phase = on ? 'on' : 'off';
    if (on && !wasOn) this.hooks.powerOn();
    if (!on && wasOn) this.hooks.powerOff('off');
  }

  /** Chassis Identify (28.5): seconds 0 = off; force = on until turned off. */
  identify(seconds: number, force: boolean): void {
    if (force) this.identifyUntil = Infinity;
    else this.identifyUntil = seconds === 0 ? 0 : Date.now() + seconds * 1000;
  }

  /** Get Chassis Status byte 4 bits 5:4 (00b off, 01b temporary, 10b indefinite). */
  get identifyState(): 0 | 1 | 2 {
    if (this.identifyUntil === Infinity) return 2;
    return this.identifyUntil > Date.now() ? 1 : 0;
  }
}
