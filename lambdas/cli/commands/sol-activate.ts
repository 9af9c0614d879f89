import type { Command as Program } from 'commander';
import { Session, SolConsole } from '../../ipmi/index.ts';
import type { CommandContext, Terminal } from '../context.ts';
import { UsageError } from '../errors.ts';
import { ESCAPE_HELP, EscapeReader } from '../sol-escape.ts';

/**
 * Relays the terminal to the console until `~.` (or the end of input), with the terminal in
 * raw mode so that every key, Ctrl-C included, reaches the host as ipmitool sends it.
 */
function relay(con: SolConsole, term: Terminal, out: (bytes: Uint8Array) => void): Promise<void> {
  const escapes = new EscapeReader();
  return new Promise<void>((resolve, reject) => {
    let writes: Promise<void> = Promise.resolve();
    const done = () => {
      term.stdin.off('data', onData);
      term.stdin.off('end', done);
      writes.then(resolve, reject);
    };
    const onData = (chunk: Buffer) => {
      const r = escapes.feed(new Uint8Array(chunk));
      if (r.forward.length > 0) writes = writes.then(() => con.write(r.forward));
      for (let i = 0; i < r.breaks; i++) writes = writes.then(() => con.sendBreak());
      if (r.help) out(new TextEncoder().encode(ESCAPE_HELP));
      if (r.exit) done();
    };
    term.stdin.on('data', onData);
    term.stdin.on('end', done);
    term.stdin.resume();
  });
}

export function registerSolActivate(sol: Program, ctx: CommandContext): void {
  sol
    .command('activate')
    .description('interactive console; ~. ends it, ~B sends a break, ~? lists the escapes (as ipmitool)')
    .option('--force', 'take over a SOL session already active elsewhere')
    .action(async (options: { force?: boolean }) => {
      const term = ctx.io.terminal;
      if (!term) throw new UsageError('sol activate needs a terminal (use sol capture in scripts)');
      await ctx.bmc(async (s) => {
        if (!(s instanceof Session)) throw new UsageError('sol activate needs an RMCP+ session (SOL is an IPMI v2.0 payload)');
        const con = await SolConsole.activate(s, { force: options.force === true });
        const raw = term.setRawMode?.(true) !== undefined;
        try {
          ctx.io.stderr('[SOL Session operational.  Use ~? for help]\r\n');
          con.onData((d) => term.write(d));
          await relay(con, term, (b) => term.write(b));
        } finally {
          if (raw) term.setRawMode?.(false);
          term.stdin.pause();
          // Deactivate Payload (24.2): a BMC allows one SOL session; leaving it active locks others out.
          await con.close();
          ctx.io.stderr('\r\n[terminated bmc sol activate]\r\n');
        }
      });
    });
}
