/**
 * `npm run fuzz [-- --seed N] [--scale X] [--only TEXT]`: at least 10^6 mutated inputs (at
 * scale 1) across every decoder, the client session's receive path, the SDR/SEL/FRU reads and
 * the simulator's server. Prints inputs, typed refusals and untyped errors per target, and
 * exits non-zero when any untyped error (a crash waiting for a real BMC) was found. The seed
 * is printed so that a failure reproduces.
 */
import { parseArgs } from 'node:util';
import { fuzzer, newOutcome, type Outcome } from './mutate.ts';
import { fuzzTargets } from './targets.ts';

export interface FuzzSummary {
  seed: number;
  rows: { name: string; outcome: Outcome; ms: number }[];
  inputs: number;
  untyped: number;
}

/** Runs every target (or those whose name contains `only`) with `scale` times its inputs. */
export async function runFuzz(seed: number, scale: number, only?: string, log: (line: string) => void = () => undefined): Promise<FuzzSummary> {
  const rows: FuzzSummary['rows'] = [];
  for (const [i, target] of (await fuzzTargets()).entries()) {
    if (only && !target.name.toLowerCase().includes(only.toLowerCase())) continue;
    const outcome = newOutcome();
    const started = performance.now();
    // Each target its own stream, so that one target's inputs do not depend on another's.
    await target.run(fuzzer((seed + i * 0x9e3779b9) | 0), Math.max(1, Math.round(target.inputs * scale)), outcome);
    const ms = performance.now() - started;
    rows.push({ name: target.name, outcome, ms });
    log(`${target.name.padEnd(48)} ${String(outcome.inputs).padStart(9)} inputs ${String(outcome.typed).padStart(9)} typed ${String(outcome.untyped).padStart(4)} untyped ${(ms / 1000).toFixed(1).padStart(6)} s`);
    for (const ex of outcome.examples) log(`  untyped ${ex.error}\n    input ${ex.input}`);
  }
  return { seed, rows, inputs: rows.reduce((n, r) => n + r.outcome.inputs, 0), untyped: rows.reduce((n, r) => n + r.outcome.untyped, 0) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, scale: { type: 'string' }, only: { type: 'string' } } });
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 0x7fffffff);
  const scale = values.scale !== undefined ? Number(values.scale) : 1;
  if (!Number.isInteger(seed) || !(scale > 0)) {
    console.error('usage: npm run fuzz -- [--seed INTEGER] [--scale POSITIVE-NUMBER] [--only TEXT]');
    process.exit(2);
  }
  console.log(`fuzz: seed ${seed}, scale ${scale}`);
  const started = performance.now();
  const summary = await runFuzz(seed, scale, values.only, (line) => console.log(line));
  console.log(`fuzz: ${summary.inputs} inputs, ${summary.untyped} untyped errors, ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${seed})`);
  process.exit(summary.untyped === 0 ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
