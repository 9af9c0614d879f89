#!/usr/bin/env node
// Entry for `npm start`: the local API over a simulated fleet and embedded stores.
import { register } from 'tsx/esm/api';

// The AWS SDK warns once per process that its releases after January 2027 need Node 22. The
// project supports Node 20.19+, and a newcomer's first screen should be our three lines, so
// `npm start` turns that one warning off (the SDK's own switch) unless the caller set it.
// Lambda (Node 22) never shows it; tests and other entry points keep it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
const { main } = await import('../lambdas/local/main.ts');
await main();
