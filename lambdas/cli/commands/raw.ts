import type { Command as Program } from 'commander';
import { CompletionCodeError, rawCommand } from '../../ipmi/index.ts';
import { toHex } from '../../ipmi/protocol.ts';
import type { CommandContext } from '../context.ts';
import { OutcomeError, UsageError } from '../errors.ts';

/** One hex byte as ipmitool and ipmi-raw users write it: `0x0a`, `0A` or `a`. */
export function parseHexByte(text: string, what: string): number {
  const m = /^(?:0x)?([0-9a-f]{1,2})$/i.exec(text);
  if (!m) throw new UsageError(`raw: ${what} must be one hex byte (e.g. 0x06 or 06), got "${text}"`);
  return parseInt(m[1]!, 16);
}

/** ipmitool's layout: " xx" per byte, 16 to a line. */
function hexLines(data: Uint8Array): string {
  if (data.length === 0) return '';
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += 16) lines.push([...data.subarray(i, i + 16)].map((b) => ' ' + b.toString(16).padStart(2, '0')).join(''));
  return lines.join('\n') + '\n';
}

export function registerRaw(program: Program, ctx: CommandContext): void {
  program
    .command('raw')
    .description('send any command: NETFN CMD [DATA...] in hex; prints the response data')
    .argument('<netfn>', 'request NetFn, e.g. 0x06 (App)')
    .argument('<cmd>', 'command, e.g. 0x01 (Get Device ID)')
    .argument('[data...]', 'request data bytes in hex')
    .action(async (netFnText: string, cmdText: string, dataText: string[]) => {
      const netFn = parseHexByte(netFnText, 'NETFN');
      const cmd = parseHexByte(cmdText, 'CMD');
      const data = Uint8Array.from(dataText.map((b, i) => parseHexByte(b, `data byte ${i + 1}`)));
      const res = await ctx.bmc((s) => rawCommand(s, { netFn, cmd, data }));
      // A non-zero completion code is still the BMC's answer: --json prints it, and the exit code is 1 as with ipmitool.
      if (res.completionCode !== 0) {
        if (ctx.globals().json) ctx.io.stdout(JSON.stringify({ completionCode: res.completionCode, data: toHex(res.data) }) + '\n');
        throw new OutcomeError(`raw: ${new CompletionCodeError(`NetFn 0x${netFn.toString(16).padStart(2, '0')} command 0x${cmd.toString(16).padStart(2, '0')}`, res.completionCode).message}`);
      }
      ctx.emit(() => hexLines(res.data), () => ({ completionCode: res.completionCode, data: toHex(res.data) }));
    });
}
