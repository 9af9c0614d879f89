// The operator's path: `npx cdk synth` through cdk.json, with no AWS credentials
// anywhere (CLI 2.1148 reading aws-cdk-lib 2.276's cloud assembly).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../cdk/lib/bundling.ts';
import { HANDLERS } from '../../cdk/lib/handlers.ts';

const run = promisify(execFile);
const CLI_TIMEOUT_MS = 300_000;

/** The environment without any AWS credential, profile or region, and no instance-metadata lookups. */
function credentialFreeEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('CDK_')));
  return { ...env, AWS_EC2_METADATA_DISABLED: 'true', CI: 'true' };
}

function cdkSynth(outdir: string, context: Record<string, string>) {
  const contextArgs = Object.entries(context).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
  return run('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-o', outdir, ...contextArgs], {
    cwd: PROJECT_ROOT,
    env: credentialFreeEnvironment(),
    timeout: CLI_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
}

describe('npx cdk synth', () => {
  const outdirs: string[] = [];
  const freshOutdir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'bmc-cdk-cli-'));
    outdirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad context value with one line naming the key', async () => {
    const failure = await cdkSynth(freshOutdir(), { managementCidrs: '0.0.0.0/0' }).then(
      () => undefined,
      (error: unknown) => error as { code?: number; stderr?: string },
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain('bmc-control-plane: context "managementCidrs": 0.0.0.0/0 would open UDP 623');
  }, CLI_TIMEOUT_MS);

  it(
    'synthesizes all five stacks without AWS credentials',
    async () => {
      const outdir = freshOutdir();
      await cdkSynth(outdir, { stage: 'ci' });
      for (const part of ['Network', 'Data', 'Api', 'Observability', 'Console']) {
        expect(existsSync(join(outdir, `BmcControlPlane-ci-${part}.template.json`))).toBe(true);
      }
      const api = JSON.parse(readFileSync(join(outdir, 'BmcControlPlane-ci-Api.template.json'), 'utf8')) as {
        Resources: Record<string, { Type: string }>;
      };
      // One function per handler; CDK's own custom-resource functions live in other stacks.
      expect(Object.values(api.Resources).filter((r) => r.Type === 'AWS::Lambda::Function')).toHaveLength(Object.keys(HANDLERS).length);
    },
    CLI_TIMEOUT_MS,
  );
});
