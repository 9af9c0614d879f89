#!/usr/bin/env node
// Entry for `npx bmc-audit`: the offline verifier of audit export bundles (lambdas/audit-cli),
// run through tsx. It is small and runs rarely, so it skips the bundle-and-code-cache machinery
// of bin/bmc.mjs.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lambdas/audit-cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
