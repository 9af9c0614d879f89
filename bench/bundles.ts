// Bundle size and cold init of each Lambda handler, built exactly as the CDK app
// builds it (cdk/lib/bundling.ts: ESM, node22, minified, linked source map, AWS
// SDK bundled). Cold init = a fresh `node` process importing the bundle and
// answering one API Gateway event, as Lambda does on a cold start (minus the
// runtime's own bootstrap). Numbers are medians of several fresh processes.
import { build, type Metafile } from 'esbuild';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { handlerBuildOptions, PROJECT_ROOT } from '../cdk/lib/bundling.ts';
import { HANDLERS, type HandlerName } from '../cdk/lib/handlers.ts';
import { TABLE_SCHEMAS } from '../cdk/lib/tables.ts';
import { powertoolsEnvironment } from '../cdk/lib/telemetry.ts';

const runProcess = promisify(execFile);

export interface BundleResult {
  readonly handler: HandlerName;
  readonly status: 'ok' | 'missing' | 'failed';
  readonly error?: string;
  readonly bytes?: number;
  readonly gzipBytes?: number;
  readonly sourceMapBytes?: number;
  /** The heaviest packages in the bundle, by output bytes. */
  readonly largestPackages?: string[];
  readonly coldInit?: ColdInit;
}

export interface ColdInit {
  /** Spawn to exit of the fresh process, ms (Node start + import + first invocation). */
  readonly processMs: number;
  /** Importing the bundle (module evaluation, top-level awaits), ms. */
  readonly importMs: number;
  /** The first handler invocation, ms. */
  readonly firstInvokeMs: number;
  readonly rssMb: number;
  /** HTTP status (or authorizer effect) of the first invocation, to show it really ran. */
  readonly outcome: string;
}

export interface RunOptions {
  /** Fresh processes per handler; the median is reported. */
  readonly samples?: number;
  readonly print?: boolean;
  /** Entry files to measure instead of the handlers' own (relative to the repository root or absolute). */
  readonly entries?: Partial<Record<HandlerName, string>>;
}

/** One fresh process: import, invoke once, report timings as one JSON line. */
const PROBE = `
const started = performance.now();
const [bundle, eventJson] = process.argv.slice(2);
const mod = await import(bundle);
const imported = performance.now();
const context = { awsRequestId: 'bench-request', functionName: 'bench', functionVersion: '$LATEST', memoryLimitInMB: '1024',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench', getRemainingTimeInMillis: () => 28000,
  callbackWaitsForEmptyEventLoop: false, logGroupName: 'bench', logStreamName: 'bench' };
let outcome;
try {
  const result = await mod.handler(JSON.parse(eventJson), context);
  outcome = result?.statusCode !== undefined ? String(result.statusCode) : (result?.policyDocument?.Statement?.[0]?.Effect ?? 'returned');
} catch (error) {
  // API Gateway turns an authorizer's "Unauthorized" into a 401.
  const message = error?.message ?? String(error);
  outcome = message === 'Unauthorized' ? '401 (Unauthorized)' : 'threw ' + message.slice(0, 60);
}
const invoked = performance.now();
process.stdout.write('\\n@@bench ' + JSON.stringify({ importMs: imported - started, firstInvokeMs: invoked - imported,
  rssMb: process.memoryUsage().rss / 2 ** 20, outcome }) + '\\n');
process.exit(0);
`;

export async function run(options: RunOptions = {}): Promise<BundleResult[]> {
  const samples = options.samples ?? 5;
  const workDir = mkdtempSync(join(tmpdir(), 'bmc-bundles-'));
  const probe = join(workDir, 'probe.mjs');
  writeFileSync(probe, PROBE);
  const results: BundleResult[] = [];
  try {
    for (const handler of Object.keys(HANDLERS) as HandlerName[]) {
      const entry = resolve(PROJECT_ROOT, options.entries?.[handler] ?? HANDLERS[handler].entry);
      results.push(await measure(handler, entry, workDir, probe, samples));
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  if (options.print ?? true) printTable(results, samples);
  return results;
}

async function measure(handler: HandlerName, entry: string, workDir: string, probe: string, samples: number): Promise<BundleResult> {
  if (!existsSync(entry)) return { handler, status: 'missing', error: `${entry} not found` };
  const outfile = join(workDir, handler, 'index.mjs');
  let metafile: Metafile;
  try {
    ({ metafile } = await bundle(entry, outfile));
  } catch (error) {
    return { handler, status: 'failed', error: `bundling: ${firstLine(error)}` };
  }
  const code = readFileSync(outfile);
  const sizes = {
    bytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    sourceMapBytes: statSync(`${outfile}.map`).size,
    largestPackages: largestPackages(metafile),
  };
  try {
    const runs: ColdInit[] = [];
    for (let i = 0; i < samples; i++) runs.push(await coldStart(probe, outfile, handler));
    return { handler, status: 'ok', ...sizes, coldInit: median(runs) };
  } catch (error) {
    return { handler, status: 'failed', ...sizes, error: `cold init: ${firstLine(error)}` };
  }
}

/** The same esbuild settings NodejsFunction gets in cdk/lib/constructs/bmc-function.ts. */
async function bundle(entry: string, outfile: string): Promise<{ metafile: Metafile }> {
  const result = await build({ ...handlerBuildOptions(entry, outfile), metafile: true });
  return { metafile: result.metafile };
}

function largestPackages(metafile: Metafile): string[] {
  // One JavaScript output (plus its map); its inputs say what each package costs.
  const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith('.mjs'));
  const inputs = output?.[1].inputs ?? {};
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const name = match?.[1] ?? '(project)';
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, bytes]) => `${name} ${kib(bytes)}`);
}

async function coldStart(probe: string, bundlePath: string, handler: HandlerName): Promise<ColdInit> {
  const started = performance.now();
  const { stdout } = await runProcess(process.execPath, ['--enable-source-maps', probe, bundlePath, JSON.stringify(sampleEvent(handler))], {
    env: lambdaEnvironment(),
    cwd: tmpdir(),
    timeout: 60_000,
    maxBuffer: 8 * 1024 * 1024,
  });
  const processMs = performance.now() - started;
  const line = stdout.split('\n').find((text) => text.startsWith('@@bench '));
  if (!line) throw new Error(`the probe printed no result for ${handler}`);
  const probeResult = JSON.parse(line.slice('@@bench '.length)) as Omit<ColdInit, 'processMs'>;
  return { processMs, ...probeResult };
}

/** What the function sees in Lambda, minus credentials: the first invocations need none. */
function lambdaEnvironment(): NodeJS.ProcessEnv {
  const tables = Object.fromEntries(Object.values(TABLE_SCHEMAS).map((schema) => [schema.environmentVariable, `bench-${schema.name}`]));
  return {
    PATH: process.env.PATH,
    HOME: tmpdir(),
    TZ: 'UTC',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    ...powertoolsEnvironment('bench'),
    // Keep the table readable: Powertools logs go nowhere.
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    ...tables,
  };
}

/** An API Gateway REST (v1 proxy) request, or the REQUEST authorizer event, that needs no database. */
function sampleEvent(handler: HandlerName): Record<string, unknown> {
  // A well-formed but unknown key: the authorizer's checksum rejects it without any lookup.
  const apiKey = 'bmcp_bench_not_a_real_key';
  const requestContext = {
    accountId: '123456789012',
    apiId: 'bench',
    stage: 'bench',
    requestId: 'bench-request',
    requestTimeEpoch: 0,
    httpMethod: 'GET',
    identity: { sourceIp: '127.0.0.1', userAgent: 'bench' },
    authorizer: { principalId: 'bench', tenantId: 'bench-tenant', role: 'viewer', keyId: 'bench-key', actor: 'bench' },
  };
  if (handler === 'authorizer') {
    return {
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:us-east-1:123456789012:bench/bench/GET/v1/bmcs',
      resource: '/v1/{proxy+}',
      path: '/v1/bmcs',
      httpMethod: 'GET',
      headers: { 'x-api-key': apiKey },
      multiValueHeaders: { 'x-api-key': [apiKey] },
      queryStringParameters: null,
      pathParameters: { proxy: 'bmcs' },
      stageVariables: null,
      requestContext: { ...requestContext, authorizer: undefined },
    };
  }
  const graphql = handler === 'graphql';
  return {
    resource: graphql ? '/graphql' : '/v1/{proxy+}',
    path: graphql ? '/graphql' : '/v1/openapi.json',
    httpMethod: graphql ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    multiValueHeaders: { 'content-type': ['application/json'], 'x-api-key': [apiKey] },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: graphql ? null : { proxy: 'openapi.json' },
    stageVariables: null,
    requestContext: { ...requestContext, httpMethod: graphql ? 'POST' : 'GET', resourcePath: graphql ? '/graphql' : '/v1/{proxy+}' },
    body: graphql ? JSON.stringify({ query: '{ __typename }' }) : null,
    isBase64Encoded: false,
  };
}

function median(runs: ColdInit[]): ColdInit {
  const middle = <T>(values: T[], key: (value: T) => number): number => {
    const sorted = values.map(key).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  return {
    processMs: middle(runs, (r) => r.processMs),
    importMs: middle(runs, (r) => r.importMs),
    firstInvokeMs: middle(runs, (r) => r.firstInvokeMs),
    rssMb: middle(runs, (r) => r.rssMb),
    outcome: runs[0]?.outcome ?? '',
  };
}

function printTable(results: BundleResult[], samples: number): void {
  const rows = results.map((r) => ({
    handler: r.handler,
    status: r.status,
    'bundle KiB': r.bytes === undefined ? '' : kib(r.bytes),
    'gzip KiB': r.gzipBytes === undefined ? '' : kib(r.gzipBytes),
    'map KiB': r.sourceMapBytes === undefined ? '' : kib(r.sourceMapBytes),
    'import ms': r.coldInit ? r.coldInit.importMs.toFixed(0) : '',
    'first call ms': r.coldInit ? r.coldInit.firstInvokeMs.toFixed(0) : '',
    'process ms': r.coldInit ? r.coldInit.processMs.toFixed(0) : '',
    'RSS MiB': r.coldInit ? r.coldInit.rssMb.toFixed(0) : '',
    'first answer': r.coldInit?.outcome ?? r.error ?? '',
    'largest packages': r.largestPackages?.join(', ') ?? '',
  }));
  console.log(`Lambda bundles (esbuild as deployed; cold init = median of ${samples} fresh node processes, Node ${process.version} on ${process.arch})`);
  console.table(rows);
}

function kib(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

// `node --import tsx bench/bundles.ts` runs it on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  await run();
}
