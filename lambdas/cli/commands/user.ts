import type { Command as Program } from 'commander';
import { listUsers, setUser, USER_PRIVILEGES, type BmcUserInfo, type UserChange, type UserPrivilege } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { table } from '../format.ts';
import { intArg, readSecret } from './config-args.ts';

const PRIVILEGE_NAMES = Object.keys(USER_PRIVILEGES) as UserPrivilege[];

/** The `bmc user list --json` contract: id, name, enabled, privilege. */
const toJson = (u: BmcUserInfo) => ({ id: u.id, name: u.name, enabled: u.enabled, privilege: u.privilege });

function formatList(users: readonly BmcUserInfo[]): string {
  return table(
    ['ID', 'Name', 'Enabled', 'Callin', 'Link Auth', 'IPMI Msg', 'Privilege'],
    users.map((u) => [String(u.id), u.name, String(u.enabled), String(!u.callbackOnly), String(u.linkAuth), String(u.ipmiMessaging), u.privilege]),
  );
}

interface SetOptions {
  name?: string;
  newPasswordFile?: string;
  newPasswordFromEnv?: string;
  privilegeLimit?: string;
  enable?: boolean;
  disable?: boolean;
}

export function registerUser(program: Program, ctx: CommandContext): void {
  const user = program.command('user').description('BMC users: user list | user set ID [...]');
  user
    .command('list')
    .description('every user slot of the channel')
    .option('--channel <n>', 'channel number (default: the one in use)')
    .action(async (o: { channel?: string }) => {
      const channel = o.channel === undefined ? undefined : intArg('--channel', o.channel, 0, 15);
      const users = await ctx.bmc((s) => listUsers(s, channel));
      ctx.emit(() => formatList(users), () => users.map(toJson));
    });
  user
    .command('set')
    .description('set a user\'s name, password, privilege limit, or enable/disable it')
    .argument('<id>', 'user id (2-63; 1 is the null user)')
    .option('--name <name>', 'user name (at most 16 bytes)')
    .option('--new-password-file <path>', 'read the new password from the first line of this file (-f/--password-file is the session\'s own)')
    .option('--new-password-from-env <var>', 'read the new password from this environment variable')
    .option('--privilege-limit <level>', PRIVILEGE_NAMES.join('|'))
    .option('--enable', 'enable the user')
    .option('--disable', 'disable the user')
    .action(async (idText: string, o: SetOptions) => {
      const id = intArg('user id', idText, 1, 63);
      if (o.enable && o.disable) throw new UsageError('--enable and --disable: choose one');
      if (o.privilegeLimit !== undefined && !PRIVILEGE_NAMES.includes(o.privilegeLimit as UserPrivilege)) {
        throw new UsageError(`--privilege-limit: must be one of ${PRIVILEGE_NAMES.join(', ')}, got "${o.privilegeLimit}"`);
      }
      const password = await readSecret(ctx.io, 'password', { ...(o.newPasswordFile !== undefined && { file: o.newPasswordFile }), ...(o.newPasswordFromEnv !== undefined && { env: o.newPasswordFromEnv }) });
      const change: UserChange = {
        ...(o.name !== undefined && { name: o.name }),
        ...(password !== undefined && { password }),
        ...(o.privilegeLimit !== undefined && { privilege: o.privilegeLimit as UserPrivilege }),
        ...((o.enable || o.disable) && { enabled: o.enable === true }),
      };
      if (Object.keys(change).length === 0) throw new UsageError('user set: nothing to change (give --name, --new-password-file/--new-password-from-env, --privilege-limit, --enable or --disable)');
      const after = await ctx.bmc((s) => setUser(s, id, change));
      ctx.emit(() => formatList([after]), () => toJson(after));
    });
}
