#!/usr/bin/env node
// Entry for `npm start`: the local API over a simulated fleet and embedded stores.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lambdas/local/main.ts');
await main();
