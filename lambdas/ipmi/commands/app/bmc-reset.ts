/** Cold Reset (IPMI v2.0 section 20.2, NetFn App, cmd 02h) and Warm Reset (20.3, cmd 03h): no data either way. */
import { EMPTY, NetFn, type Command } from '../command.ts';

export const ColdReset: Command<void, void> = { name: 'Cold Reset', netFn: NetFn.app, cmd: 0x02, encode: () => EMPTY, decode() {} };
export const WarmReset: Command<void, void> = { name: 'Warm Reset', netFn: NetFn.app, cmd: 0x03, encode: () => EMPTY, decode() {} };
