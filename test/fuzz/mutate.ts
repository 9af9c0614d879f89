/**
 * Seeded input generation for fuzzing: random bytes and mutations of valid samples (bit
 * flips, truncation, extension, boundary values). The same seed gives the same inputs, so a
 * failure reproduces from the seed the runner prints.
 */
import { IpmiError } from '../../lambdas/ipmi/errors.ts';

export interface Fuzzer {
  randInt(n: number): number;
  randomBytes(max: number): Uint8Array;
  mutate(sample: Uint8Array): Uint8Array;
  /** `count` inputs: one in three random, the rest mutated samples. */
  corpus(samples: readonly Uint8Array[], count: number, maxRandom?: number): Generator<Uint8Array>;
}

/** mulberry32: small, fast and good enough to drive mutations. */
export function fuzzer(seed: number): Fuzzer {
  let state = seed | 0;
  const rand = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const randInt = (n: number) => Math.floor(rand() * n);
  const randomBytes = (max: number) => {
    const b = new Uint8Array(randInt(max + 1));
    for (let i = 0; i < b.length; i++) b[i] = randInt(256);
    return b;
  };
  const mutate = (sample: Uint8Array): Uint8Array => {
    let b = sample.slice();
    const n = 1 + randInt(4);
    for (let i = 0; i < n; i++) {
      switch (randInt(5)) {
        case 0:
          if (b.length) b[randInt(b.length)] = b[randInt(b.length)]! ^ (1 << randInt(8));
          break;
        case 1:
          b = b.subarray(0, randInt(b.length + 1));
          break;
        case 2: {
          const tail = randomBytes(16);
          const grown = new Uint8Array(b.length + tail.length);
          grown.set(b);
          grown.set(tail, b.length);
          b = grown;
          break;
        }
        case 3:
          if (b.length) b[randInt(b.length)] = [0x00, 0xff, 0x7f, 0x80][randInt(4)]!;
          break;
        default:
          if (b.length > 1) b[randInt(b.length)] = randInt(256);
      }
    }
    return b;
  };
  function* corpus(samples: readonly Uint8Array[], count: number, maxRandom = 96): Generator<Uint8Array> {
    for (let i = 0; i < count; i++) {
      if (i % 3 === 0 || samples.length === 0) yield randomBytes(maxRandom);
      else yield mutate(samples[randInt(samples.length)]!);
    }
  }
  return { randInt, randomBytes, mutate, corpus };
}

/** What feeding inputs to a target found: typed refusals, and anything else (a bug). */
export interface Outcome {
  inputs: number;
  typed: number;
  untyped: number;
  /** The first few untyped failures, with the input that caused each (hex). */
  examples: { input: string; error: string }[];
}

export function newOutcome(): Outcome {
  return { inputs: 0, typed: 0, untyped: 0, examples: [] };
}

/** Records one input's result: an IpmiError is an expected refusal, any other throw is not. */
export function record(outcome: Outcome, input: Uint8Array, e?: unknown): void {
  outcome.inputs++;
  if (e === undefined) return;
  if (e instanceof IpmiError) {
    outcome.typed++;
    return;
  }
  outcome.untyped++;
  if (outcome.examples.length < 5) outcome.examples.push({ input: Buffer.from(input).toString('hex'), error: `${(e as Error)?.name}: ${String((e as Error)?.message ?? e)}` });
}
