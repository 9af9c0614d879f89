/**
 * A fleet of simulated Lambda execution environments for tests: separate Node processes, each
 * importing the handlers bundled by esbuild with the deployed settings (cdk/lib/bundling.ts),
 * fed API Gateway proxy events over IPC. Pair it with shared-stores.ts (one DynamoDB Local,
 * seeded tenant, credential folder) and a simulated fleet hosted by the test process.
 *
 *   const bundles = await bundleHandlers();            // once per test file
 *   const envs = await LambdaEnvironments.start({ bundles, env: stores.environment });
 *   const r = await envs.rest('POST', `/v1/bmcs/${id}/power`, { apiKey, body: { action: 'on' } });
 *   envs.kill(2);  await envs.replace(2);              // SIGKILL mid-request, then a fresh one
 *   await envs.stop(); await bundles.remove();
 *
 * Like Lambda, an environment serves one invocation at a time by default (`concurrency: 'one'`;
 * further requests routed to it wait in the parent); `'many'` sends them at once.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { build } from 'esbuild';
import { handlerBuildOptions, NODE_TARGET, PROJECT_ROOT } from '../../cdk/lib/bundling.ts';
import { proxyEvent } from '../integration/handlers-events.ts';

/** The API functions the CDK app deploys, by the name invocations use. */
export const API_HANDLERS: Readonly<Record<string, string>> = { rest: 'lambdas/handlers/rest.ts', graphql: 'lambdas/handlers/graphql.ts' };

export interface HandlerBundles {
  readonly dir: string;
  /** Handler name -> bundled .mjs file. */
  readonly files: Readonly<Record<string, string>>;
  /** The bundled environment runtime (lambda-environment-child.ts). */
  readonly runtime: string;
  remove(): Promise<void>;
}

/**
 * Bundles each entry (name -> path from the repository root) as NodejsFunction does, and the
 * environment runtime, into a fresh temporary folder.
 */
export async function bundleHandlers(entries: Readonly<Record<string, string>> = API_HANDLERS): Promise<HandlerBundles> {
  const dir = await mkdtemp(join(tmpdir(), 'bmcp-lambda-'));
  const files: Record<string, string> = {};
  try {
    for (const [name, entry] of Object.entries(entries)) {
      files[name] = join(dir, `${name}.mjs`);
      await build(handlerBuildOptions(join(PROJECT_ROOT, entry), files[name]));
    }
    const runtime = join(dir, 'runtime.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./lambda-environment-child.ts', import.meta.url))],
      outfile: runtime,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: NODE_TARGET,
      logLevel: 'silent',
    });
    return { dir, files, runtime, remove: () => rm(dir, { recursive: true, force: true }) };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/** An invocation whose environment died (SIGKILL, crash) before answering. */
export class EnvironmentKilledError extends Error {
  override name = 'EnvironmentKilledError';
}

export interface LambdaEnvironmentsOptions {
  readonly bundles: HandlerBundles;
  /** Processes (default 4). */
  readonly count?: number;
  /** Environment variables of every process (tables, endpoints, settings). */
  readonly env: Readonly<Record<string, string>>;
  /** 'one' (default): one invocation at a time per environment, as Lambda; 'many': no limit. */
  readonly concurrency?: 'one' | 'many';
  /** The Lambda timeout the handlers see through context.getRemainingTimeInMillis (default 28 s). */
  readonly timeoutMs?: number;
}

export interface RequestOptions {
  /** The environment that serves it (default: the next live one, round robin). */
  readonly env?: number;
  readonly apiKey?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export interface ApiAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body parsed as JSON (undefined when empty or not JSON). */
  readonly json: unknown;
  readonly body: string;
  /** Which environment answered. */
  readonly env: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

class Environment {
  readonly pending = new Map<number, Pending>();
  readonly waiting: Pending[] = [];
  busy = 0;
  output = '';
  alive = true;
  constructor(readonly child: ChildProcess) {}
}

export class LambdaEnvironments {
  private readonly slots: Environment[] = [];
  private next = 0;
  private ids = 0;

  private constructor(private readonly options: LambdaEnvironmentsOptions) {}

  static async start(options: LambdaEnvironmentsOptions): Promise<LambdaEnvironments> {
    const envs = new LambdaEnvironments(options);
    try {
      const started = await Promise.all(Array.from({ length: options.count ?? 4 }, () => envs.spawn()));
      envs.slots.push(...started);
    } catch (e) {
      await envs.stop();
      throw e;
    }
    return envs;
  }

  get size(): number {
    return this.slots.length;
  }

  pid(i: number): number | undefined {
    return this.slot(i).child.pid;
  }

  /** Recent stdout and stderr of environment i (handler logs), for failure messages. */
  output(i: number): string {
    return this.slot(i).output;
  }

  /** Sends one event to a handler ('rest', 'graphql', ...) and returns what it returned. */
  async invoke<T = APIGatewayProxyResult>(handler: string, event: unknown, options: { env?: number } = {}): Promise<{ result: T; env: number }> {
    const index = options.env ?? this.pick();
    const slot = this.slot(index);
    if (!slot.alive) throw new EnvironmentKilledError(`environment ${index} is not running`);
    if ((this.options.concurrency ?? 'one') === 'one' && slot.busy > 0) await new Promise((resolve, reject) => slot.waiting.push({ resolve, reject }));
    slot.busy++;
    const id = ++this.ids;
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.child.send({ id, handler, event });
      });
      return { result: result as T, env: index };
    } finally {
      slot.pending.delete(id);
      slot.busy--;
      slot.waiting.shift()?.resolve(undefined);
    }
  }

  /** A REST request (`/v1/...`) as API Gateway's proxy integration delivers it. */
  async rest(method: string, path: string, options: RequestOptions = {}): Promise<ApiAnswer> {
    const event = proxyEvent({ method, path, headers: requestHeaders(options), ...(options.body !== undefined && { body: JSON.stringify(options.body) }) });
    return answer(await this.invoke('rest', event, options.env === undefined ? {} : { env: options.env }));
  }

  /** A GraphQL POST as API Gateway delivers it to the GraphQL function. */
  async graphql(query: string, variables: Record<string, unknown> = {}, options: Omit<RequestOptions, 'body'> = {}): Promise<ApiAnswer> {
    const event = proxyEvent({ method: 'POST', path: '/graphql', resource: '/graphql', pathParameters: null, headers: requestHeaders(options), body: JSON.stringify({ query, variables }) });
    return answer(await this.invoke('graphql', event, options.env === undefined ? {} : { env: options.env }));
  }

  /** SIGKILL: the environment dies at once; its invocations reject with EnvironmentKilledError. */
  kill(i: number): void {
    this.slot(i).child.kill('SIGKILL');
  }

  /** Starts a fresh environment in slot i (after kill, or to force a cold start). */
  async replace(i: number, extraEnv: Readonly<Record<string, string>> = {}): Promise<void> {
    const old = this.slot(i);
    if (old.alive) await stopChild(old);
    this.slots[i] = await this.spawn(extraEnv);
  }

  async stop(): Promise<void> {
    await Promise.all(this.slots.map((s) => stopChild(s)));
  }

  private slot(i: number): Environment {
    const s = this.slots[i];
    if (!s) throw new RangeError(`no environment ${i} (there are ${this.slots.length})`);
    return s;
  }

  private pick(): number {
    for (let tries = 0; tries < this.slots.length; tries++) {
      const i = this.next++ % this.slots.length;
      if (this.slots[i]?.alive) return i;
    }
    throw new EnvironmentKilledError('no environment is running');
  }

  private spawn(extraEnv: Readonly<Record<string, string>> = {}): Promise<Environment> {
    const { bundles } = this.options;
    const child = fork(bundles.runtime, [], {
      // Not the test runner's flags (loaders, inspector): a Lambda runs plain Node.
      execArgv: ['--enable-source-maps'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        PATH: process.env['PATH'] ?? '',
        AWS_REGION: 'us-east-1',
        POWERTOOLS_LOG_LEVEL: 'WARN',
        ...this.options.env,
        ...extraEnv,
        LAMBDA_HANDLER_BUNDLES: JSON.stringify(bundles.files),
        LAMBDA_TIMEOUT_MS: String(this.options.timeoutMs ?? 28_000),
      },
    });
    const env = new Environment(child);
    const keep = (d: Buffer) => (env.output = (env.output + d.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('message', (m: { id?: number; ok?: boolean; result?: unknown; error?: string }) => {
      if (m.id === undefined) return;
      const p = env.pending.get(m.id);
      if (!p) return;
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`handler failed in environment pid ${child.pid}: ${m.error}`));
    });
    child.once('exit', (code, signal) => {
      env.alive = false;
      const error = new EnvironmentKilledError(`environment pid ${child.pid} exited (${signal ?? code})`);
      for (const p of env.pending.values()) p.reject(error);
      for (const w of env.waiting.splice(0)) w.reject(error);
    });
    return new Promise<Environment>((resolve, reject) => {
      const onReady = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        child.off('exit', onExit);
        child.off('message', onReady);
        resolve(env);
      };
      const onExit = () => reject(new Error(`environment failed to start:\n${env.output}`));
      child.on('message', onReady);
      child.once('exit', onExit);
    });
  }
}

function requestHeaders(o: RequestOptions): Record<string, string> {
  return { 'content-type': 'application/json', ...(o.apiKey !== undefined && { 'x-api-key': o.apiKey }), ...o.headers };
}

function answer({ result, env }: { result: APIGatewayProxyResult; env: number }): ApiAnswer {
  let json: unknown;
  try {
    json = result.body ? (JSON.parse(result.body) as unknown) : undefined;
  } catch {
    json = undefined;
  }
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { status: result.statusCode, headers, json, body: result.body, env };
}

function stopChild(env: Environment): Promise<void> {
  if (!env.alive) return Promise.resolve();
  return new Promise((resolve) => {
    env.child.once('exit', () => resolve());
    env.child.kill('SIGTERM');
    // A handler stuck in I/O does not hold the test run hostage.
    setTimeout(() => env.child.kill('SIGKILL'), 2000).unref();
  });
}
