#!/usr/bin/env node
// Entry for `npx bmc-sim`: runs the simulator's command line through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lambdas/simulator/main.ts');
await main(process.argv.slice(2));
