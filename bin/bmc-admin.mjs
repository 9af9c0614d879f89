#!/usr/bin/env node
// Entry for `npx bmc-admin`: the platform operator's command (lambdas/admin-cli), run through tsx
// like bmc-audit: it runs rarely and needs no start-up tuning.
import { register } from 'tsx/esm/api';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../lambdas/admin-cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
