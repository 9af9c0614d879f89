/**
 * BMC user accounts as operators see them (`ipmitool user list`, FreeIPMI bmc-config's
 * User sections): list per channel, name, password, enable, privilege limit.
 */
import type { IpmiRequester } from '../commands/command.ts';
import {
  CURRENT_CHANNEL,
  GetUserAccess,
  GetUserName,
  SetUserAccess,
  SetUserName,
  SetUserPassword,
  USER_PRIVILEGES,
  userPrivilegeName,
  type UserPrivilege,
} from '../commands/app/user-accounts.ts';
import { CompletionCodeError, InvalidArgumentError } from '../errors.ts';

export { USER_PRIVILEGES, type UserPrivilege } from '../commands/app/user-accounts.ts';

export interface BmcUserInfo {
  readonly id: number;
  readonly name: string;
  readonly enabled: boolean;
  readonly privilege: UserPrivilege;
  readonly callbackOnly: boolean;
  readonly linkAuth: boolean;
  readonly ipmiMessaging: boolean;
}

/** User ids a channel can have at most (Table 22-29 byte 1 [5:0]). */
const MAX_USER_IDS = 63;

/**
 * Enabled is the BMC's own enable status (Table 22-29 byte 2 [7:6]); BMCs older than IPMI v2.0
 * errata 3 leave it unspecified, and then a user that may use IPMI messaging counts as enabled.
 */
function isEnabled(a: Awaited<ReturnType<typeof GetUserAccess.decode>>): boolean {
  return a.enableStatus === 'unspecified' ? a.ipmiMessaging : a.enableStatus === 'enabled';
}

export async function userInfo(s: IpmiRequester, userId: number, channel = CURRENT_CHANNEL): Promise<BmcUserInfo> {
  const access = await s.call(GetUserAccess, { channel, userId });
  const name = await s.call(GetUserName, userId).catch((e: unknown) => {
    // An unset name slot may be refused (CCh) rather than answered with zeros.
    if (e instanceof CompletionCodeError) return '';
    throw e;
  });
  return {
    id: userId,
    name,
    enabled: isEnabled(access),
    privilege: userPrivilegeName(access.privilegeLimit) ?? 'no-access',
    callbackOnly: access.callbackOnly,
    linkAuth: access.linkAuth,
    ipmiMessaging: access.ipmiMessaging,
  };
}

/** Every user slot of the channel, 1..max, as `ipmitool user list` shows them. */
export async function listUsers(s: IpmiRequester, channel = CURRENT_CHANNEL): Promise<BmcUserInfo[]> {
  const { maxUserIds } = await s.call(GetUserAccess, { channel, userId: 1 });
  const out: BmcUserInfo[] = [];
  for (let id = 1; id <= Math.min(maxUserIds, MAX_USER_IDS); id++) out.push(await userInfo(s, id, channel));
  return out;
}

export interface UserChange {
  readonly name?: string;
  readonly password?: string;
  readonly enabled?: boolean;
  readonly privilege?: UserPrivilege;
}

/** Checks a change before anything is sent, so a bad one changes nothing on the BMC. */
export function validateUserChange(userId: number, change: UserChange): void {
  if (!Number.isInteger(userId) || userId < 1 || userId > MAX_USER_IDS) throw new InvalidArgumentError(`user id must be 1-${MAX_USER_IDS}, got ${userId}`);
  if (change.name !== undefined) {
    if (userId === 1) throw new InvalidArgumentError('user 1 has a fixed name');
    SetUserName.encode({ userId, name: change.name });
  }
  if (change.password !== undefined) SetUserPassword.encode({ userId, password: change.password });
  if (change.privilege !== undefined && !(change.privilege in USER_PRIVILEGES)) throw new InvalidArgumentError(`privilege: unknown level "${String(change.privilege)}"`);
}

/**
 * Applies a change in the order a new account needs it: name, password, privilege (with IPMI
 * messaging and link authentication on unless the user gets no access), then enable or disable.
 */
export async function setUser(s: IpmiRequester, userId: number, change: UserChange, channel = CURRENT_CHANNEL): Promise<BmcUserInfo> {
  validateUserChange(userId, change);
  if (change.name !== undefined) await s.call(SetUserName, { userId, name: change.name });
  if (change.password !== undefined) await s.call(SetUserPassword, { userId, password: change.password });
  if (change.privilege !== undefined) {
    const access = change.privilege !== 'no-access';
    await s.call(SetUserAccess, { channel, userId, privilegeLimit: USER_PRIVILEGES[change.privilege], flags: { callbackOnly: false, linkAuth: access, ipmiMessaging: access } });
  }
  if (change.enabled !== undefined) await s.call(SetUserPassword, { userId, operation: change.enabled ? 'enable' : 'disable' });
  return userInfo(s, userId, channel);
}

/** Whether `password` is the user's (Set User Password operation "test password"). */
export async function testUserPassword(s: IpmiRequester, userId: number, password: string): Promise<boolean> {
  try {
    await s.call(SetUserPassword, { userId, operation: 'test', password });
    return true;
  } catch (e) {
    if (e instanceof CompletionCodeError && (e.code === 0x80 || e.code === 0x81)) return false;
    throw e;
  }
}
