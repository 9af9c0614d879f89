/**
 * The generated files are committed; this fails when schema/*.graphql changed and
 * `npx graphql-codegen --config codegen.ts` was not run (or the output was edited by hand).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('generated GraphQL types', () => {
  it('match the schema', async () => {
    const outputs = (await generate({ ...config, cwd: ROOT, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs.map((o) => o.filename).sort()).toEqual(['lambdas/api/generated/graphql.ts', 'lambdas/api/generated/type-defs.ts']);
    for (const output of outputs) {
      const committed = await readFile(resolve(ROOT, output.filename), 'utf8');
      expect(committed, `${output.filename} is stale: run npx graphql-codegen --config codegen.ts`).toBe(output.content);
    }
  });
});
