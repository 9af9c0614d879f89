/**
 * Child processes of the bench: every one is tracked so that an interrupted or failed run
 * still ends them all, and every command runs under a time limit.
 */
import { readFileSync } from 'node:fs';
import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const live = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  return track(spawn(command, args, options));
}

/** Kills whatever is still running (SIGTERM, then SIGKILL after `graceMs`). */
export async function killAll(graceMs = 2_000): Promise<void> {
  await Promise.all([...live].map((c) => stopChild(c, graceMs)));
}

export function stopChild(child: ChildProcess, graceMs = 2_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

let hooked = false;
/** Ends every child on Ctrl-C, SIGTERM or a normal exit of the bench. */
export function installCleanup(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void killAll(500).finally(() => process.exit(130));
    });
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** CPU time of the command and its own children (user + system), ms; NaN where /proc is missing. */
  cpuMs: number;
}

/** Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** CPU time (user + system) of a process, ms, from /proc/PID/stat; NaN where unavailable. */
export function processCpuMs(pid: number | 'self' | undefined, children = false): number {
  if (pid === undefined) return NaN;
  try {
    // Fields after the command name (which may hold spaces): utime, stime, cutime, cstime are 14-17.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const at = children ? 13 : 11;
    return ((Number(fields[at]) + Number(fields[at + 1])) * 1000) / USER_HZ;
  } catch {
    return NaN;
  }
}

/**
 * CPU time of this process's waited-for children so far (cutime + cstime): its growth over a
 * run() is the CPU the command used, as long as no other child ends meanwhile.
 */
export const childrenCpuMs = () => processCpuMs('self', true);

/** Runs a command to completion within `timeoutMs`; never throws for a non-zero exit. */
export function run(command: string, args: readonly string[], options: { timeoutMs: number; env?: NodeJS.ProcessEnv; cwd?: string }): Promise<RunResult> {
  const started = performance.now();
  const cpuBefore = childrenCpuMs();
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      { timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024, env: options.env ?? process.env, cwd: options.cwd },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        const wallMs = performance.now() - started;
        resolve({ code, stdout, stderr: error && code === -1 ? `${stderr}\n${error.message}` : stderr, wallMs, cpuMs: childrenCpuMs() - cpuBefore });
      },
    );
    track(child);
  });
}
