/** Argument parsing shared by the BMC configuration commands. */
import type { CliIo } from '../context.ts';
import { UsageError } from '../errors.ts';

/** A decimal or 0x-prefixed integer within bounds. */
export function intArg(name: string, text: string, min: number, max: number): number {
  const t = text.trim();
  const n = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t, 16) : /^\d+$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name}: expected an integer ${min}-${max}, got "${text}"`);
  return n;
}

export function numberArg(name: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${name}: expected a number, got "${text}"`);
  return n;
}

/**
 * A secret from a file (first line, without its line ending) or from an environment variable:
 * never from argv, which every local user can read.
 */
export async function readSecret(io: CliIo, what: string, opts: { file?: string; env?: string }): Promise<string | undefined> {
  if (opts.file !== undefined && opts.env !== undefined) throw new UsageError(`${what}: give a file or an environment variable, not both`);
  if (opts.file !== undefined) {
    const text = await io.readFile(opts.file).catch((e: unknown) => {
      throw new UsageError(`${what}: cannot read ${opts.file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    });
    return text.split(/\r?\n/)[0] ?? '';
  }
  if (opts.env !== undefined) {
    const v = io.env[opts.env];
    if (v === undefined) throw new UsageError(`${what}: environment variable ${opts.env} is not set`);
    return v;
  }
  return undefined;
}
