/**
 * `bmc-audit`: checks an audit export bundle offline, with the public key alone (contract:
 * docs/cli.md, format: docs/audit.md). `main` returns the exit code, so tests run it in-process;
 * bin/bmc-audit.mjs sets process.exitCode. It needs no network, no AWS account and no API key.
 *
 * Exit codes: 0 every chain verifies and its anchors match; 1 anything else (a tampered or
 * malformed bundle, a wrong or unreadable key), with the first problem named; 2 usage error.
 */
import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Command as Program, CommanderError } from 'commander';
import { keyIdOf } from '../core/audit-checkpoint.ts';
import { verifyBundle, type BundleResult } from '../core/audit-bundle.ts';

export interface AuditCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
}

const processIo: AuditCliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readFile: (path) => readFile(path, 'utf8'),
};

class VerifyFailed extends Error {}

/** A PEM public key, or the JSON that GET /v1/audit-events/public-key answers. */
export function publicKeyFrom(text: string): string {
  let pem = text;
  if (text.trimStart().startsWith('{')) {
    const parsed = JSON.parse(text) as { publicKey?: unknown };
    if (typeof parsed.publicKey !== 'string') throw new VerifyFailed('public key file: JSON without a publicKey field');
    pem = parsed.publicKey;
  }
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new VerifyFailed('public key file: not an EC P-256 public key');
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

async function verify(io: AuditCliIo, bundlePath: string, keyPath: string, json: boolean): Promise<number> {
  let result: BundleResult;
  let keyId = '';
  try {
    const pem = publicKeyFrom(await io.readFile(keyPath));
    keyId = keyIdOf(pem);
    const text = await io.readFile(bundlePath);
    let bundle: unknown;
    try {
      bundle = JSON.parse(text);
    } catch {
      throw new VerifyFailed(`${bundlePath}: not JSON`);
    }
    result = verifyBundle(bundle, pem);
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    result = { ok: false, chains: [], problems: [message ?? 'unreadable input'] };
  }
  if (json) {
    io.stdout(JSON.stringify({ ok: result.ok, keyId, chains: result.chains, problems: result.problems }) + '\n');
  } else if (result.ok) {
    const events = result.chains.reduce((n, c) => n + c.events, 0);
    const checkpoints = result.chains.reduce((n, c) => n + c.checkpoints, 0);
    io.stdout(`ok: ${result.chains.length} chains, ${events} events, ${checkpoints} signed checkpoints verified with key ${keyId.slice(0, 16)}\n`);
  } else {
    io.stdout(`FAILED: ${result.problems[0]}\n`);
    for (const p of result.problems.slice(1)) io.stdout(`  also: ${p}\n`);
  }
  return result.ok ? 0 : 1;
}

export async function main(argv: readonly string[], io: AuditCliIo = processIo): Promise<number> {
  let exitCode = 0;
  const program = new Program('bmc-audit')
    .description('Offline checks of audit export bundles (GET /v1/audit-events/export?format=bundle)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText('after', '\nExit codes: 0 the bundle verifies, 1 it does not (first problem named), 2 usage error.');
  program
    .command('verify')
    .description('verify every chain of BUNDLE and its signed checkpoints with the public key')
    .argument('<bundle>', 'bundle file (JSON)')
    .requiredOption('--public-key <file>', 'PEM public key, or the JSON of GET /v1/audit-events/public-key')
    .option('--json', 'machine-readable result')
    .action(async (bundle: string, options: { publicKey: string; json?: boolean }) => {
      exitCode = await verify(io, bundle, options.publicKey, options.json === true);
    });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  return exitCode;
}
