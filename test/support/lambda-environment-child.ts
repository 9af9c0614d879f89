/**
 * One simulated Lambda execution environment: a plain Node process (no tsx) that imports the
 * bundled handlers named in LAMBDA_HANDLER_BUNDLES (JSON: name -> file) as the Lambda runtime
 * would, then serves invocations sent over the IPC channel by lambda-environments.ts, one at a
 * time or several at once as the parent decides. Bundled itself by the harness.
 */
import { pathToFileURL } from 'node:url';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

interface Invocation {
  readonly id: number;
  readonly handler: string;
  readonly event: unknown;
}

const send = (message: unknown) => process.send?.(message);

function context(name: string, requestId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `bmcp-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:bmcp-${name}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/bmcp-${name}`,
    logStreamName: `local/[$LATEST]${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function main(): Promise<void> {
  const bundles = JSON.parse(process.env['LAMBDA_HANDLER_BUNDLES'] ?? '{}') as Record<string, string>;
  const timeoutMs = Number(process.env['LAMBDA_TIMEOUT_MS'] ?? 28_000);
  const handlers = new Map<string, Handler>();
  // The init phase: every module of every bundle is evaluated before the first invocation.
  for (const [name, file] of Object.entries(bundles)) {
    const module = (await import(pathToFileURL(file).href)) as { handler?: Handler };
    if (typeof module.handler !== 'function') throw new Error(`${file} exports no handler`);
    handlers.set(name, module.handler);
  }
  process.on('message', (message: Invocation) => {
    const handler = handlers.get(message.handler);
    const run = handler
      ? handler(message.event, context(message.handler, `inv-${process.pid}-${message.id}`, timeoutMs))
      : Promise.reject(new Error(`no handler ${message.handler}`));
    run.then(
      (result) => send({ id: message.id, ok: true, result }),
      (e: unknown) => send({ id: message.id, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  send({ ready: true });
}

main().catch((e: unknown) => {
  process.stderr.write(`lambda environment failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
