import { ChassisControl, ChassisControlAction } from '../commands/chassis/chassis-control.ts';
import { GetChassisStatus } from '../commands/chassis/get-chassis-status.ts';
import type { IpmiRequester } from '../commands/command.ts';
import { AbortedError, InvalidArgumentError, IpmiError } from '../errors.ts';
import { abortableSleep } from '../transport/abortable-sleep.ts';

export type PowerState = 'on' | 'off';
export type PowerAction = 'on' | 'off' | 'cycle' | 'reset' | 'soft' | 'diag';

export const POWER_ACTIONS: readonly PowerAction[] = ['on', 'off', 'cycle', 'reset', 'soft', 'diag'];

const CONTROL_CODES: Readonly<Record<PowerAction, ChassisControlAction>> = {
  on: ChassisControlAction.powerUp,
  off: ChassisControlAction.powerDown,
  cycle: ChassisControlAction.powerCycle,
  reset: ChassisControlAction.hardReset,
  soft: ChassisControlAction.softShutdown,
  diag: ChassisControlAction.diagnosticInterrupt,
};

/**
 * The state each action should end in, when there is one to check. A cycle and a hard
 * reset leave the system on; a soft shutdown ends off only if the OS cooperates, in its
 * own time, so it is checked only when asked; a diagnostic interrupt changes no power state.
 */
const EXPECTED: Readonly<Record<PowerAction, PowerState | null>> = {
  on: 'on',
  off: 'off',
  cycle: 'on',
  reset: 'on',
  soft: 'off',
  diag: null,
};

/**
 * Default re-read delays: the BMC has taken the command, the power sequencer has not
 * necessarily acted. Roughly MAAS's 5/10/20/25 s schedule, front-loaded so a fast BMC
 * answers fast; about 30 s in all.
 */
export const DEFAULT_VERIFY_DELAYS_MS: readonly number[] = [500, 1000, 2000, 4000, 7500, 7500, 7500];

/** The waits of `delays` that fit in `budget` ms, the last one shortened to end on the budget. */
export function scheduleWithin(delays: readonly number[], budget: number): number[] {
  const out: number[] = [];
  let total = 0;
  for (const d of delays) {
    if (total >= budget) break;
    const wait = Math.min(d, budget - total);
    out.push(wait);
    total += wait;
  }
  return out;
}

export async function powerStatus(s: IpmiRequester, options: { signal?: AbortSignal } = {}): Promise<PowerState> {
  const status = await s.call(GetChassisStatus, undefined, options.signal ? { signal: options.signal } : {});
  return status.powerOn ? 'on' : 'off';
}

export interface PowerActionOptions {
  /**
   * Re-read the power state until it matches the action's end state. Default: true for
   * on/off/cycle/reset, false for soft (OS-paced) and diag (no state change).
   */
  verify?: boolean;
  /** Waits before each re-read, in ms. */
  delaysMs?: readonly number[];
  /** Upper bound on the total wait: the schedule is cut (and its last wait shortened) to fit. */
  maxWaitMs?: number;
  signal?: AbortSignal;
  /** Injected for tests; defaults to a real, abortable timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface PowerActionResult {
  action: PowerAction;
  /** The state the action should reach, or null when it has none (diag). */
  expected: PowerState | null;
  /** Last state read; 'unknown' when the BMC could not say (the read failed). */
  state: PowerState | 'unknown';
  /** True only when a re-read showed the expected state. */
  verified: boolean;
  /** How many times the state was read after the command. */
  checks: number;
  /** Why the last read failed, when state is 'unknown'. */
  readError?: string;
}

/**
 * Sends Chassis Control and, for actions with an end state, re-reads Get Chassis Status with
 * backoff until that state shows. Accepted-but-not-yet-there is reported as such
 * (verified: false), never as success: callers use this for fencing.
 *
 * For a cycle the first reads may legitimately show 'off'; it is verified once 'on' is seen
 * after the command.
 */
export async function powerAction(s: IpmiRequester, action: PowerAction, options: PowerActionOptions = {}): Promise<PowerActionResult> {
  if (!POWER_ACTIONS.includes(action)) {
    throw new InvalidArgumentError(`power action must be one of ${POWER_ACTIONS.join(', ')}, got ${String(action)}`);
  }
  await s.call(ChassisControl, CONTROL_CODES[action], options.signal ? { signal: options.signal } : {});

  const expected = EXPECTED[action];
  const verify = options.verify ?? (expected !== null && action !== 'soft');
  const result: PowerActionResult = { action, expected, state: 'unknown', verified: false, checks: 0 };
  if (!verify || expected === null) return result;

  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => abortableSleep(ms, signal, 'power verification'));
  const delays = options.delaysMs ?? DEFAULT_VERIFY_DELAYS_MS;
  const schedule = options.maxWaitMs === undefined ? delays : scheduleWithin(delays, options.maxWaitMs);
  for (const delay of schedule) {
    await sleep(delay, options.signal);
    result.checks++;
    try {
      result.state = await powerStatus(s, options.signal ? { signal: options.signal } : {});
      delete result.readError;
    } catch (err) {
      // A BMC busy sequencing power may drop a request; keep trying until the schedule ends.
      if (!(err instanceof IpmiError) || err instanceof AbortedError) throw err;
      result.state = 'unknown';
      result.readError = err.message;
      continue;
    }
    if (result.state === expected) {
      result.verified = true;
      break;
    }
  }
  return result;
}
