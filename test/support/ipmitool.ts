/**
 * Runs ipmitool (lanplus) against a BMC as an independent reference client.
 * The password travels in the IPMI_PASSWORD environment variable (`-E`), never argv.
 *
 *   const out = await ipmitool(bmc, ['sdr', 'elist', 'all']);
 *
 * Cipher suite defaults to 3: without `-C`, ipmitool first asks Get Channel Cipher
 * Suites, which ipmi_sim does not implement, and waits ~10 s for it on every call.
 */
import { execFile, spawn } from 'node:child_process';

export interface IpmiTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
}

export type PrivilegeName = 'user' | 'operator' | 'admin';

export interface IpmitoolOptions {
  /** RMCP+ cipher suite (`-C`), default 3 (HMAC-SHA1, HMAC-SHA1-96, AES-CBC-128). */
  readonly cipherSuite?: number;
  /** Requested session privilege (`-L`), default ipmitool's ADMINISTRATOR. */
  readonly privilege?: PrivilegeName;
  /** ipmitool's own wait for each answer, in seconds (`-N`), and its retransmissions (`-R`). */
  readonly requestTimeoutS?: number;
  readonly requestRetries?: number;
  /** Kills ipmitool after this long (default 30 s). */
  readonly timeoutMs?: number;
  /** Times in UTC (`-Z`, and TZ=UTC with the C locale), for comparing SEL and FRU dates. */
  readonly utc?: boolean;
  /** IPMI v1.5 (`-I lan -A TYPE`) instead of RMCP+ (`-I lanplus -C N`). */
  readonly lan15?: 'NONE' | 'PASSWORD' | 'MD5';
}

export class IpmitoolError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`ipmitool ${args.join(' ')} failed (exit ${exitCode ?? 'killed'}): ${stderr.trim() || stdout.trim()}`);
    this.name = 'IpmitoolError';
  }
}

const PRIVILEGE_FLAG: Readonly<Record<PrivilegeName, string>> = { user: 'USER', operator: 'OPERATOR', admin: 'ADMINISTRATOR' };

/** The connection arguments; the password is not among them. */
export function ipmitoolArgs(target: IpmiTarget, options: IpmitoolOptions = {}): string[] {
  const args = ['-I', options.lan15 ? 'lan' : 'lanplus', '-H', target.host, '-p', String(target.port), '-U', target.username, '-E'];
  if (options.lan15) args.push('-A', options.lan15);
  else args.push('-C', String(options.cipherSuite ?? 3));
  if (options.privilege) args.push('-L', PRIVILEGE_FLAG[options.privilege]);
  if (options.requestTimeoutS !== undefined) args.push('-N', String(options.requestTimeoutS));
  if (options.requestRetries !== undefined) args.push('-R', String(options.requestRetries));
  if (options.utc) args.push('-Z');
  return args;
}

function ipmitoolEnv(target: IpmiTarget, options: IpmitoolOptions = {}): NodeJS.ProcessEnv {
  return { ...process.env, IPMI_PASSWORD: target.password, ...(options.utc && { TZ: 'UTC', LC_ALL: 'C' }) };
}

/** Runs one ipmitool command and returns its stdout; throws IpmitoolError with stderr on failure. */
export function ipmitool(target: IpmiTarget, args: readonly string[], options: IpmitoolOptions = {}): Promise<string> {
  const argv = [...ipmitoolArgs(target, options), ...args];
  return new Promise((resolve, reject) => {
    execFile(
      'ipmitool',
      argv,
      { env: ipmitoolEnv(target, options), timeout: options.timeoutMs ?? 30_000, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          const code = typeof err.code === 'number' ? err.code : null;
          reject(new IpmitoolError(args, code, stdout, stderr));
          return;
        }
        resolve(stdout);
      },
    );
  });
}

/**
 * ipmitool's "Key : value" output (mc info, chassis status, fru print) as a map; the first
 * occurrence of a key wins. Values are trimmed unless `trim` is false (FRU fields may end in
 * spaces that matter); then only the one space after the colon is dropped.
 */
export function parseIpmitoolFields(text: string, options: { trim?: boolean } = {}): Map<string, string> {
  return new Map([...parseIpmitoolFieldLists(text, options)].map(([key, values]) => [key, values[0]!]));
}

/** parseIpmitoolFields keeping every occurrence of a key, in order (fru print repeats its Extra fields). */
export function parseIpmitoolFieldLists(text: string, { trim = true }: { trim?: boolean } = {}): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^\s*([^:]+?)\s*:\s?(.*)$/.exec(line);
    if (m) fields.set(m[1]!, [...(fields.get(m[1]!) ?? []), trim ? m[2]!.trim() : m[2]!]);
  }
  return fields;
}

/** ipmitool's "a | b | c" list rows (pef filter list, sel list, ...) as trimmed cells. */
export function parseIpmitoolRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.includes('|'))
    .map((l) => l.split('|').map((c) => c.trim()));
}

/** ipmitool's exit code and output, failures included, for tests that expect it to fail. */
export async function ipmitoolRun(target: IpmiTarget, args: readonly string[], options: IpmitoolOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    return { code: 0, stdout: await ipmitool(target, args, options), stderr: '' };
  } catch (e) {
    if (!(e instanceof IpmitoolError)) throw e;
    return { code: e.exitCode ?? 1, stdout: e.stdout, stderr: e.stderr };
  }
}

export interface SolCaptureOptions extends IpmitoolOptions {
  /** How long to stay connected (ms). */
  readonly durationMs: number;
  /** Typed on the console once the session is up, if given. */
  readonly input?: string;
}

/**
 * `ipmitool sol activate` for `durationMs`, then the `~.` escape; returns what ipmitool
 * printed (its banner included). ipmitool insists on a terminal, so it runs under
 * script(1), which gives it a pseudo-terminal.
 */
export function ipmitoolSolCapture(target: IpmiTarget, options: SolCaptureOptions): Promise<string> {
  const argv = [...ipmitoolArgs(target, options), 'sol', 'activate'];
  // script(1) takes one shell command line: refuse anything that would need quoting.
  for (const a of argv) {
    if (!/^[\w.:@/-]+$/.test(a)) throw new RangeError(`ipmitoolSolCapture: unsafe argument for script(1): ${a}`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', ['ipmitool', ...argv].join(' '), '/dev/null'], {
      env: ipmitoolEnv(target),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('latin1');
    child.stdout.on('data', (d: string) => (output += d));
    child.stderr.on('data', () => {});
    child.stdin.on('error', () => {});
    const typed = setTimeout(() => {
      if (options.input !== undefined) child.stdin.write(options.input);
    }, Math.min(1_000, options.durationMs / 2));
    const escape = setTimeout(() => child.stdin.write('\r~.'), options.durationMs);
    const killer = setTimeout(() => child.kill('SIGKILL'), options.durationMs + (options.timeoutMs ?? 15_000));
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(typed);
      clearTimeout(escape);
      clearTimeout(killer);
      if (code === 0) resolve(output);
      else reject(new IpmitoolError(['sol', 'activate'], code, output, ''));
    });
  });
}
