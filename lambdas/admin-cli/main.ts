/**
 * `bmc-admin`: the platform operator's command (docs/tenants.md). Locally it finds the running
 * `npm start` through DATA_DIR (default .data); with `--stack NAME` or `--endpoint URL` it calls
 * a deployed stack's IAM-authorized operator route with the caller's AWS credentials. `main`
 * returns the exit code, so tests run it in-process; bin/bmc-admin.mjs sets process.exitCode.
 *
 * Exit codes: 0 done; 1 refused or failed, one line on stderr; 2 usage error.
 */
import { Command as Program, CommanderError } from 'commander';
import { AdminCliError, type OperatorClient } from './client.ts';
import { localClient } from './local-client.ts';
import { awsClient, stackEndpoint } from './aws-client.ts';

export interface AdminCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
}

const processIo: AdminCliIo = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t), env: process.env };

interface GlobalOptions {
  stack?: string;
  endpoint?: string;
  region?: string;
  json?: boolean;
}

interface TenantView {
  id: string;
  status: string;
  ranges: string[];
  quotas: Record<string, number>;
}

async function clientFor(options: GlobalOptions, env: AdminCliIo['env']): Promise<OperatorClient> {
  if (options.stack || options.endpoint) {
    const region = options.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'];
    if (!region) throw new AdminCliError('--region (or AWS_REGION) is needed with --stack or --endpoint');
    return awsClient(options.endpoint ?? (await stackEndpoint(options.stack as string, region)), region);
  }
  return localClient(env['DATA_DIR'] || '.data');
}

async function request<T>(client: OperatorClient, method: string, path: string, body?: unknown): Promise<T> {
  return JSON.parse(await requestText(client, method, path, body)) as T;
}

async function requestText(client: OperatorClient, method: string, path: string, body?: unknown): Promise<string> {
  const res = await client.call(method, path, body);
  if (res.status >= 200 && res.status < 300) return res.body;
  let message = `HTTP ${res.status}`;
  try {
    const parsed = JSON.parse(res.body) as { error?: { code?: string; message?: string }; message?: string };
    message = parsed.error ? `${parsed.error.code}: ${parsed.error.message}` : (parsed.message ?? message);
  } catch {
    // not JSON: keep the status
  }
  throw new AdminCliError(message);
}

function quotasOf(opts: Readonly<Record<string, string | undefined>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(opts)) {
    if (v === undefined) continue;
    if (!/^\d+$/.test(v)) throw new AdminCliError(`--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be a whole number`);
    out[k] = Number(v);
  }
  return out;
}

const enc = encodeURIComponent;
const line = (t: TenantView) => `${t.id}\t${t.status}\t${t.ranges.join(',')}\tmaxBmcs=${t.quotas['maxBmcs']} maxConcurrentJobs=${t.quotas['maxConcurrentJobs']} maxFleetSize=${t.quotas['maxFleetSize']} requestsPerSecond=${t.quotas['requestsPerSecond']}\n`;

function program(io: AdminCliIo): Program {
  const root = new Program('bmc-admin')
    .description('platform operator: tenants, their ranges, quotas and keys')
    .option('--stack <name>', 'a deployed stack (its OperatorEndpoint output), called with your AWS credentials')
    .option('--endpoint <url>', 'the operator endpoint of a deployed stack')
    .option('--region <region>', 'AWS region (default AWS_REGION)')
    .option('--json', 'print JSON')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const client = () => clientFor(root.opts<GlobalOptions>(), io.env);
  const json = () => root.opts<GlobalOptions>().json === true;
  const show = (value: unknown, text: string) => io.stdout(json() ? `${JSON.stringify(value)}\n` : text);
  const tenant = root.command('tenant').description('create, list, suspend, resume and delete tenants');

  tenant
    .command('create <name>')
    .requiredOption('--ranges <cidrs>', 'management ranges, comma-separated')
    .option('--max-bmcs <n>')
    .option('--max-concurrent-jobs <n>')
    .option('--max-fleet-size <n>')
    .option('--requests-per-second <n>', 'API requests per second, across every process')
    .action(async (name: string, opts: { ranges: string; maxBmcs?: string; maxConcurrentJobs?: string; maxFleetSize?: string; requestsPerSecond?: string }) => {
      const quotas = quotasOf({ maxBmcs: opts.maxBmcs, maxConcurrentJobs: opts.maxConcurrentJobs, maxFleetSize: opts.maxFleetSize, requestsPerSecond: opts.requestsPerSecond });
      const res = await request<{ tenant: TenantView; adminKey: { key: string } }>(await client(), 'POST', '/operator/tenants', { name, ranges: opts.ranges.split(','), ...(Object.keys(quotas).length > 0 && { quotas }) });
      // The key is shown this once: it is the last line, as scripts expect.
      show(res, `tenant: ${res.tenant.id}\nranges: ${res.tenant.ranges.join(',')}\nadmin API key: ${res.adminKey.key}\n`);
    });
  tenant.command('list').action(async () => {
    const res = await request<{ items: TenantView[] }>(await client(), 'GET', '/operator/tenants?limit=500');
    show(res.items, res.items.map(line).join(''));
  });
  tenant.command('show <name>').action(async (name: string) => {
    const t = await request<TenantView>(await client(), 'GET', `/operator/tenants/${enc(name)}`);
    show(t, line(t));
  });
  for (const verb of ['suspend', 'resume'] as const) {
    tenant.command(`${verb} <name>`).action(async (name: string) => {
      const t = await request<TenantView>(await client(), 'POST', `/operator/tenants/${enc(name)}/${verb}`);
      show(t, `tenant: ${t.id}\nstatus: ${t.status}\n`);
    });
  }
  tenant.command('delete <name>').action(async (name: string) => {
    const t = await request<TenantView & { removed: Record<string, number>; auditRetainedUntil: string }>(await client(), 'DELETE', `/operator/tenants/${enc(name)}`);
    show(t, `tenant: ${t.id}\nstatus: ${t.status}\nremoved: ${t.removed['apiKeys']} API keys, ${t.removed['bmcs']} BMCs with their secrets, ${t.removed['jobs']} jobs cancelled\naudit log kept until: ${t.auditRetainedUntil}\n`);
  });
  tenant.command('ranges <name> <cidrs>').action(async (name: string, cidrs: string) => {
    const t = await request<TenantView>(await client(), 'PUT', `/operator/tenants/${enc(name)}/ranges`, { ranges: cidrs.split(',') });
    show(t, line(t));
  });
  tenant
    .command('quotas <name>')
    .option('--max-bmcs <n>')
    .option('--max-concurrent-jobs <n>')
    .option('--max-fleet-size <n>')
    .option('--requests-per-second <n>', 'API requests per second, across every process')
    .action(async (name: string, opts: { maxBmcs?: string; maxConcurrentJobs?: string; maxFleetSize?: string; requestsPerSecond?: string }) => {
      const t = await request<TenantView>(await client(), 'PUT', `/operator/tenants/${enc(name)}/quotas`, quotasOf(opts));
      show(t, line(t));
    });
  tenant
    .command('key <name>')
    .description('issue another admin API key (shown once)')
    .option('--key-name <text>', 'name of the key', 'admin (bmc-admin)')
    .action(async (name: string, opts: { keyName: string }) => {
      const res = await request<{ key: string }>(await client(), 'POST', `/operator/tenants/${enc(name)}/keys`, { name: opts.keyName });
      show(res, `admin API key: ${res.key}\n`);
    });
  tenant
    .command('export <name>')
    .description('everything the tenant owns, as JSON lines')
    .action(async (name: string) => {
      io.stdout(await requestText(await client(), 'GET', `/operator/tenants/${enc(name)}/export`));
    });
  root.command('audit').description("the operator's own audit chain, newest first").action(async () => {
    const res = await request<{ items: { time: string; actor: string; action: string; target: string; outcome: string }[] }>(await client(), 'GET', '/operator/audit?limit=100');
    show(res.items, res.items.map((e) => `${e.time}\t${e.actor}\t${e.action}\t${e.target}\t${e.outcome}\n`).join(''));
  });
  return root;
}

export async function main(argv: readonly string[], io: AdminCliIo = processIo): Promise<number> {
  try {
    await program(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    io.stderr(`bmc-admin: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
