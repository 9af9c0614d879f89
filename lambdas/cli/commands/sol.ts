import type { Command as Program } from 'commander';
import { AbortedError, Session, solCapture } from '../../ipmi/index.ts';
import type { CommandContext } from '../context.ts';
import { UsageError } from '../errors.ts';
import { registerSolActivate } from './sol-activate.ts';

export function registerSol(program: Program, ctx: CommandContext): void {
  const sol = program.command('sol').description('Serial over LAN');
  registerSolActivate(sol, ctx);
  sol
    .command('capture')
    .description('console output for N seconds (streamed; with --json one object at the end)')
    .requiredOption('--seconds <n>', 'how long to capture (1-3600)')
    .option('--force', 'take over a SOL session already active elsewhere')
    .action(async (options: { seconds: string; force?: boolean }) => {
      if (!/^\d+$/.test(options.seconds) || Number(options.seconds) < 1 || Number(options.seconds) > 3600) {
        throw new UsageError(`--seconds: expected 1-3600, got "${options.seconds}"`);
      }
      const seconds = Number(options.seconds);
      const json = ctx.globals().json;
      const decoder = new TextDecoder('utf-8', { fatal: false });
      // Ctrl-C ends the capture early but still deactivates the payload: a BMC allows one SOL session.
      const stop = new AbortController();
      const onInterrupt = () => stop.abort();
      process.once('SIGINT', onInterrupt);
      try {
        const bytes = await ctx.bmc(async (s) => {
          if (!(s instanceof Session)) throw new UsageError('sol capture needs an RMCP+ session');
          return solCapture(s, {
            seconds,
            force: options.force === true,
            signal: stop.signal,
            ...(json ? {} : { onData: (d: Uint8Array) => ctx.io.stdout(decoder.decode(d, { stream: true })) }),
          }).catch((err: unknown) => {
            if (err instanceof AbortedError) return new Uint8Array();
            throw err;
          });
        });
        if (json) ctx.io.stdout(JSON.stringify({ seconds, bytes: bytes.length, output: new TextDecoder().decode(bytes) }) + '\n');
      } finally {
        process.removeListener('SIGINT', onInterrupt);
      }
    });
}
