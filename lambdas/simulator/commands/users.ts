/** User account commands (IPMI v2.0 sections 22.26-22.30), answered from the BMC's user table. */
import { GetUserAccess, GetUserName, SetUserAccess, SetUserName, SetUserPassword } from '../../ipmi/protocol.ts';
import { decoded, isReply } from './decode-request.ts';
import { MAX_USER_IDS } from '../bmc/accounts.ts';
import { LAN_CHANNEL } from './app.ts';
import { CC, fail, ok, Priv, registerCommand, type CommandContext, type CommandTable, type Reply } from './registry.ts';

const channelOk = (channel: number) => channel === LAN_CHANNEL || channel === 0x0e;
const idOk = (id: number) => id >= 1 && id <= MAX_USER_IDS;

function getUserAccess({ bmc }: CommandContext, data: Uint8Array): Reply {
  const req = decoded(() => GetUserAccess.decodeRequest(data));
  if (isReply(req)) return req;
  if (!channelOk(req.channel) || !idOk(req.userId)) return fail(CC.invalidField);
  const slot = bmc.accounts.slot(req.userId)!;
  const enabled = bmc.accounts.all().filter((u) => u.enabled).length;
  return ok(
    GetUserAccess.encodeResponse({
      maxUserIds: MAX_USER_IDS,
      enabledUserIds: enabled,
      enableStatus: slot.enabled ? 'enabled' : 'disabled',
      fixedNameUserIds: 1,
      callbackOnly: slot.callbackOnly,
      linkAuth: slot.linkAuth,
      ipmiMessaging: slot.ipmiMessaging,
      privilegeLimit: slot.privilegeLimit,
    }),
  );
}

function setUserAccess({ bmc }: CommandContext, data: Uint8Array): Reply {
  const req = decoded(() => SetUserAccess.decodeRequest(data));
  if (isReply(req)) return req;
  if (!channelOk(req.channel) || !idOk(req.userId)) return fail(CC.invalidField);
  const p = req.privilegeLimit;
  if (!((p >= 1 && p <= 5) || p === 0x0f)) return fail(CC.invalidField);
  bmc.accounts.update(req.userId, { privilegeLimit: p, ...(req.flags ?? {}) });
  return ok();
}

function getUserName({ bmc }: CommandContext, data: Uint8Array): Reply {
  if (data.length < 1) return fail(CC.requestLength);
  const id = data[0]! & 0x3f;
  if (!idOk(id)) return fail(CC.invalidField);
  return ok(GetUserName.encodeResponse(bmc.accounts.slot(id)!.name));
}

function setUserName({ bmc }: CommandContext, data: Uint8Array): Reply {
  const req = decoded(() => SetUserName.decodeRequest(data));
  if (isReply(req)) return req;
  // User 1 has a fixed (null) name.
  if (!idOk(req.userId) || req.userId === 1) return fail(CC.invalidField);
  bmc.accounts.update(req.userId, { name: req.name });
  return ok();
}

function setUserPassword({ bmc }: CommandContext, data: Uint8Array): Reply {
  const req = decoded(() => SetUserPassword.decodeRequest(data));
  if (isReply(req)) return req;
  if (!idOk(req.userId)) return fail(CC.invalidField);
  const slot = bmc.accounts.slot(req.userId)!;
  switch (req.operation) {
    case 'enable':
    case 'disable':
      bmc.accounts.update(req.userId, { enabled: req.operation === 'enable' });
      return ok();
    case 'set':
      bmc.accounts.update(req.userId, { password: req.password });
      return ok();
    case 'test': {
      // 81h: a 16-byte test of a password stored in the 20-byte form (Table 22-31).
      if (req.size === 16 && slot.password.length > 16) return fail(0x81);
      const same = slot.password.length === req.password.length && slot.password.every((b, i) => b === req.password[i]);
      return same ? ok() : fail(0x80);
    }
  }
}

export function registerUserCommands(t: CommandTable): void {
  registerCommand(t, GetUserAccess, { privilege: Priv.operator, handler: getUserAccess });
  registerCommand(t, SetUserAccess, { privilege: Priv.admin, handler: setUserAccess });
  registerCommand(t, GetUserName, { privilege: Priv.operator, handler: getUserName });
  registerCommand(t, SetUserName, { privilege: Priv.admin, handler: setUserName });
  registerCommand(t, SetUserPassword, { privilege: Priv.admin, handler: setUserPassword });
}
