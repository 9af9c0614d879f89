#!/usr/bin/env node
// Entry for `npm start`: the local API over a simulated fleet and embedded stores.
import { register } from 'tsx/esm/api';

// The AWS SDK warns once per process that its releases after January 2027 need Node 22. The
// project supports Node 20.19+, and a newcomer's first screen should be our three lines, so
// `npm start` turns that one warning off (the SDK's own switch) unless the caller set it.
// Lambda (Node 22) never shows it; tests and other entry points keep it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// The web console and GraphiQL are static files built from console/ (bin/build-console.mjs);
// they are built here when missing or older than their sources, so a fresh checkout serves them.
// Without esbuild (npm ci --omit=dev) the API still starts, and `/` says how to build them.
const { buildConsole, consoleDir, isFresh } = await import('./build-console.mjs');
process.env.BMC_CONSOLE_DIR ??= consoleDir();
if (!isFresh(process.env.BMC_CONSOLE_DIR)) {
  await buildConsole(process.env.BMC_CONSOLE_DIR).catch((e) => process.stderr.write(`npm start: web console not built (${e instanceof Error ? e.message : String(e)})\n`));
}

register();
const { main } = await import('../lambdas/local/main.ts');
await main();
