// bench/bundles.ts must keep producing numbers: every handler bundles and answers one
// event in a fresh process. Only that it works is asserted here; how fast is the bench's job.
import { describe, expect, it } from 'vitest';
import { run } from '../../bench/bundles.ts';
import { HANDLERS, type HandlerName } from '../../cdk/lib/handlers.ts';

const NAMES = Object.keys(HANDLERS) as HandlerName[];

describe('bench/bundles.ts', () => {
  it(
    'bundles each handler as deployed and runs its first invocation in a fresh node process',
    async () => {
      const results = await run({ samples: 1, print: false });
      expect(results.map((r) => r.handler)).toEqual(NAMES);
      for (const result of results) {
        expect(result.status, `${result.handler}: ${result.error ?? ''}`).toBe('ok');
        expect(result.bytes).toBeGreaterThan(1024);
        expect(result.gzipBytes).toBeLessThan(result.bytes ?? 0);
        expect(result.largestPackages?.length).toBeGreaterThan(0);
        expect(result.coldInit?.outcome).toBeTruthy();
      }
    },
    180_000,
  );

  it('reports a handler whose entry is missing instead of failing', async () => {
    const entries = Object.fromEntries(NAMES.map((name) => [name, 'lambdas/handlers/does-not-exist.ts']));
    const results = await run({ samples: 1, print: false, entries });
    expect(results.map((r) => r.status)).toEqual(NAMES.map(() => 'missing'));
  });
});
