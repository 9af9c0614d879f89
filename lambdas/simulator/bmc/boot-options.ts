/**
 * System boot options of one BMC, IPMI v2.0 sections 28.12-28.13 (Table 28-14): the
 * set-in-progress lock (parameter 0), valid bit clearing (3), boot info acknowledge (4)
 * and boot flags (5). Other parameters are answered with 80h (not supported).
 */

export const CC_PARAMETER_NOT_SUPPORTED = 0x80;
export const CC_SET_IN_PROGRESS = 0x81;
export const CC_READ_ONLY = 0x82;
export const CC_DATA_LENGTH = 0xc7;

/** A set-in-progress lock left by a client that died is released after this long. */
const LOCK_TIMEOUT_MS = 30_000;

export class BootOptions {
  /** Parameter 5: five data bytes; byte 1 bit 7 = valid. */
  flags = new Uint8Array(5);
  /** Parameter 0 data [1:0]: 0 set complete, 1 set in progress, 2 commit write. */
  private setInProgress = 0;
  private lockedAt = 0;
  /** Parameter 3: which events clear the valid bit (0 = the spec's default events). */
  private validBitClearing = 0;
  /** Parameter 4 byte 2: acknowledge flags (bit set = that party has handled the boot info). */
  private bootInfoAck = 0;

  /** Returns the parameter data of Get System Boot Options, or a completion code. */
  get(parameter: number): Uint8Array | number {
    switch (parameter) {
      case 0:
        return Uint8Array.of(this.lockState());
      case 3:
        return Uint8Array.of(this.validBitClearing);
      case 4:
        return Uint8Array.of(0x00, this.bootInfoAck);
      case 5:
        return this.flags.slice();
      default:
        return CC_PARAMETER_NOT_SUPPORTED;
    }
  }

  private lockState(): number {
    if (this.setInProgress === 1 && Date.now() - this.lockedAt > LOCK_TIMEOUT_MS) this.setInProgress = 0;
    return this.setInProgress;
  }

  /** Set System Boot Options; returns the completion code. */
  set(parameter: number, data: Uint8Array): number {
    switch (parameter) {
      case 0: {
        if (data.length < 1) return CC_DATA_LENGTH;
        const v = data[0]! & 0x03;
        if (v === 3) return 0xcc;
        if (v === 1 && this.lockState() === 1) return CC_SET_IN_PROGRESS;
        // Commit write keeps the lock's state; the values are already applied (no rollback support).
        if (v !== 2) this.setInProgress = v;
        if (v === 1) this.lockedAt = Date.now();
        return 0;
      }
      case 3:
        if (data.length < 1) return CC_DATA_LENGTH;
        this.validBitClearing = data[0]! & 0x1f;
        return 0;
      case 4: {
        if (data.length < 2) return CC_DATA_LENGTH;
        const mask = data[0]!;
        this.bootInfoAck = (this.bootInfoAck & ~mask) | (data[1]! & mask);
        return 0;
      }
      case 5:
        if (data.length < 5) return CC_DATA_LENGTH;
        this.flags = data.slice(0, 5);
        return 0;
      case 1:
      case 2:
        return CC_READ_ONLY;
      default:
        return CC_PARAMETER_NOT_SUPPORTED;
    }
  }

  /** At power-up or reset, one-shot flags are consumed (28.12: valid bit cleared unless persistent). */
  consumeAtBoot(): void {
    const persistent = (this.flags[0]! & 0x40) !== 0;
    // Parameter 3 bit 0 set means "do not clear on power up"; bit 1 "on reset" (one check covers both here).
    if (!persistent && (this.validBitClearing & 0x03) === 0) this.flags[0] = this.flags[0]! & 0x7f;
  }

  /** The selected device as text, for inspection: 'none' when no valid override. */
  describe(): { valid: boolean; persistent: boolean; efi: boolean; device: number } {
    const b1 = this.flags[0]!;
    return { valid: (b1 & 0x80) !== 0, persistent: (b1 & 0x40) !== 0, efi: (b1 & 0x20) !== 0, device: (this.flags[1]! >> 2) & 0x0f };
  }
}
