/**
 * `bmc`: the command line over lambdas/ipmi (contract: docs/cli.md). `main` returns the exit
 * code instead of exiting, so tests run it in-process; bin/bmc.mjs sets process.exitCode.
 */
import { readFile } from 'node:fs/promises';
import { Command as Program, CommanderError, Option } from 'commander';
import { registerBootdev } from './commands/bootdev.ts';
import { registerDcmi } from './commands/dcmi.ts';
import { registerLan } from './commands/lan.ts';
import { registerMc } from './commands/mc.ts';
import { registerPef } from './commands/pef.ts';
import { registerSensor } from './commands/sensor.ts';
import { registerUser } from './commands/user.ts';
import { registerFru } from './commands/fru.ts';
import { registerIdentify } from './commands/identify.ts';
import { registerInfo } from './commands/info.ts';
import { registerPower } from './commands/power.ts';
import { registerRaw } from './commands/raw.ts';
import { registerSel } from './commands/sel.ts';
import { registerSensors } from './commands/sensors.ts';
import { registerSol } from './commands/sol.ts';
import { registerSweep } from './commands/sweep.ts';
import { commandContext, defaultConnect, type CliIo, type RawGlobalOptions } from './context.ts';
import { describeError, ExitCode } from './errors.ts';
import packageJson from '../../package.json' with { type: 'json' };

/**
 * A reader that went away (`bmc sensors | head -1`) closes stdout: stop quietly, as Unix tools
 * do, instead of dying with an EPIPE stack trace.
 */
function exitOnClosedStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(process.exitCode ?? 0);
  });
}

export function processIo(): CliIo {
  exitOnClosedStdout();
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    connect: defaultConnect,
    readFile: (path) => readFile(path, 'utf8'),
    // Lazy: touching process.stdin opens it, which only `sol activate` wants.
    get terminal() {
      return {
        stdin: process.stdin,
        ...(process.stdin.isTTY ? { setRawMode: (raw: boolean) => process.stdin.setRawMode(raw) } : {}),
        write: (bytes: Uint8Array) => void process.stdout.write(bytes),
      };
    },
  };
}

const HELP_FOOTER = `
The password is read from the file named by -f, or else from the environment
variable named by --password-env (default IPMI_PASSWORD), never from the command line.
Exit codes: 0 success, 1 BMC/network failure or unconfirmed action, 2 usage error.`;

function buildProgram(io: CliIo): Program {
  const program = new Program('bmc');
  program
    .description('Out-of-band management over IPMI LAN: RMCP+ (v2.0), or v1.5 where a BMC has nothing else')
    .version(packageJson.version, '-V, --version', 'print the version')
    .option('-H, --host <host>', 'BMC address, or a host range for power status and sensors (e.g. rack1-bmc[01-40], 10.0.0.[1-40])')
    .option('-p, --port <port>', 'BMC UDP port', '623')
    .option('-U, --user <name>', 'BMC user name', 'admin')
    .option('--password-env <var>', 'environment variable holding the password', 'IPMI_PASSWORD')
    .option('-E', 'the password is in IPMI_PASSWORD (as ipmitool -E; the default)')
    .option('-f, --password-file <file>', 'read the password from the first line of FILE')
    .option('-C, --cipher-suite <n>', 'RMCP+ cipher suite (default: negotiated)')
    .option('-L, --privilege <level>', 'session privilege: user, operator, admin (ipmitool names too)', 'admin')
    .addOption(new Option('--lan <version>', 'LAN session: auto (RMCP+, v1.5 when the BMC has no RMCP+), 2.0, 1.5').choices(['auto', '2.0', '1.5']).default('auto'))
    .option('-I, --interface <name>', 'as ipmitool: lan (IPMI v1.5) or lanplus (RMCP+); overrides --lan')
    .addOption(new Option('--auth <type>', 'IPMI v1.5 authentication (default: strongest offered)').choices(['none', 'password', 'md5']))
    .option('--timeout <ms>', 'per-request timeout in ms')
    .option('--retries <n>', 'retransmissions per request')
    .option('--json', 'machine-readable output')
    .addHelpText('after', HELP_FOOTER)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  const ctx = commandContext(io, () => program.opts<RawGlobalOptions>());
  program.hook('preAction', () => ctx.prepare());
  registerInfo(program, ctx);
  registerPower(program, ctx);
  registerIdentify(program, ctx);
  registerBootdev(program, ctx);
  registerSensors(program, ctx);
  registerSel(program, ctx);
  registerFru(program, ctx);
  registerSol(program, ctx);
  registerSweep(program, ctx);
  registerRaw(program, ctx);
  registerUser(program, ctx);
  registerLan(program, ctx);
  registerSensor(program, ctx);
  registerDcmi(program, ctx);
  registerMc(program, ctx);
  registerPef(program, ctx);
  // Subcommands report usage errors the same way as the program.
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    for (const nested of sub.commands) {
      nested.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
      for (const leaf of nested.commands) leaf.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    }
  }
  return program;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return ExitCode.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed its one-line message (or the help/version text).
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') return ExitCode.ok;
      return ExitCode.usage;
    }
    const { line, code } = describeError(err);
    io.stderr(`bmc: ${line}\n`);
    return code;
  }
}
