/**
 * The user table of one simulated BMC (IPMI v2.0 section 6.9, commands 22.26-22.30): slots
 * 1..MAX_USER_IDS, user 1 the fixed-name null user. Logins see only enabled users with a name.
 */
import type { BmcUser } from './bmc.ts';

export const MAX_USER_IDS = 10;
/** Privilege limit Fh: no access (Table 22-29 byte 4). */
export const NO_ACCESS = 0x0f;

export interface UserSlot {
  readonly id: number;
  name: Uint8Array;
  password: Uint8Array;
  /** Raw privilege limit: 1-5, or Fh for no access. */
  privilegeLimit: number;
  enabled: boolean;
  linkAuth: boolean;
  ipmiMessaging: boolean;
  callbackOnly: boolean;
}

export class Accounts {
  private readonly slots: UserSlot[];
  private loginCache: BmcUser[] | undefined;

  constructor(users: readonly BmcUser[]) {
    this.slots = Array.from({ length: MAX_USER_IDS }, (_, i) => ({
      id: i + 1,
      name: new Uint8Array(0),
      password: new Uint8Array(0),
      privilegeLimit: NO_ACCESS,
      enabled: false,
      linkAuth: false,
      ipmiMessaging: false,
      callbackOnly: false,
    }));
    for (const u of users) {
      const slot = this.slot(u.id);
      if (!slot) throw new RangeError(`user id ${u.id}: the simulator has ${MAX_USER_IDS} slots`);
      Object.assign(slot, { name: u.name, password: u.password, privilegeLimit: u.maxPrivilege, enabled: true, linkAuth: true, ipmiMessaging: true });
    }
  }

  slot(id: number): UserSlot | undefined {
    return this.slots[id - 1];
  }

  all(): readonly UserSlot[] {
    return this.slots;
  }

  /** Users who may open a session: enabled, named, with IPMI messaging and a privilege limit. */
  loginUsers(): readonly BmcUser[] {
    return (this.loginCache ??= this.slots
      .filter((s) => s.enabled && s.ipmiMessaging && s.name.length > 0 && s.privilegeLimit >= 1 && s.privilegeLimit <= 5)
      .map((s) => ({ id: s.id, name: s.name, password: s.password, maxPrivilege: s.privilegeLimit })));
  }

  /** Applies a change to a slot; logins are recomputed. */
  update(id: number, change: Partial<Omit<UserSlot, 'id'>>): void {
    const slot = this.slot(id);
    if (!slot) throw new RangeError(`no user slot ${id}`);
    Object.assign(slot, change);
    this.loginCache = undefined;
  }
}
