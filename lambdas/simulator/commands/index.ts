/** The simulator's command table: every command a real tool is known to send, by NetFn. */
import { registerAppCommands } from './app.ts';
import { registerBmcControlCommands } from './bmc-control.ts';
import { registerDcmiCommands } from './dcmi.ts';
import { registerLanConfigCommands } from './lan-config.ts';
import { registerPefCommands } from './pef.ts';
import { registerUserCommands } from './users.ts';
import { registerChassisCommands } from './chassis.ts';
import { registerSensorCommands } from './sensor.ts';
import { registerStorageCommands } from './storage.ts';
import { registerTransportCommands } from './transport.ts';
import { commandKey, type CommandEntry, type CommandTable } from './registry.ts';

let table: CommandTable | undefined;

function commandTable(): CommandTable {
  if (table) return table;
  table = new Map();
  registerAppCommands(table);
  registerChassisCommands(table);
  registerSensorCommands(table);
  registerStorageCommands(table);
  registerTransportCommands(table);
  registerUserCommands(table);
  registerLanConfigCommands(table);
  registerPefCommands(table);
  registerDcmiCommands(table);
  registerBmcControlCommands(table);
  return table;
}

export function findCommand(netFn: number, cmd: number): CommandEntry | undefined {
  return commandTable().get(commandKey(netFn, cmd));
}
