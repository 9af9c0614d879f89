// Builds the CDK app the way cdk/bin/app.ts does, for assertions. Each test file
// builds once (synth + bundling is the slow part) and asserts on the templates.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { PROJECT_ROOT } from '../../cdk/lib/bundling.ts';
import { readDeploymentConfig } from '../../cdk/lib/config.ts';
import { type ControlPlaneStacks, buildControlPlane } from '../../cdk/lib/control-plane.ts';
import { HANDLERS, type HandlerName } from '../../cdk/lib/handlers.ts';

/** Handlers whose entry file is missing: a test asserts there are none (no stub stands in). */
export function missingHandlers(): HandlerName[] {
  return (Object.keys(HANDLERS) as HandlerName[]).filter((name) => !existsSync(join(PROJECT_ROOT, HANDLERS[name].entry)));
}

/**
 * Cloud assemblies the importing test file wrote (bundles make them megabytes each), removed
 * after its tests: registered here, at import time, the hook belongs to that file.
 */
const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export interface BuildOptions {
  /** CDK context, on top of the minimum the app needs. */
  readonly context?: Record<string, unknown>;
  /** Run esbuild for the functions (slower); otherwise assets are placeholders. */
  readonly bundle?: boolean;
}

export interface BuiltApp {
  readonly app: App;
  readonly stacks: ControlPlaneStacks;
  readonly templates: Record<keyof ControlPlaneStacks, Template>;
}

/** The context `cdk synth` starts from: cdk.json's, so tests see the same defaults and feature flags. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export function buildApp(options: BuildOptions = {}): BuiltApp {
  const context: Record<string, unknown> = {
    ...cdkJsonContext(),
    managementCidrs: ['10.100.0.0/16', '192.168.50.0/24'],
    ...options.context,
  };
  // An empty list tells NodejsFunction to skip esbuild: tests that do not look at code stay fast.
  if (!options.bundle) context['aws:cdk:bundling-stacks'] = [];
  const outdir = mkdtempSync(join(tmpdir(), 'bmc-cdk-'));
  outdirs.push(outdir);
  const app = new App({ context, outdir });
  const config = readDeploymentConfig((key) => app.node.tryGetContext(key));
  const stacks = buildControlPlane(app, config);
  // Synthesis happens on first use: a test may still add constructs before it.
  const cache = new Map<keyof ControlPlaneStacks, Template>();
  const template = (name: keyof ControlPlaneStacks): Template => {
    const cached = cache.get(name) ?? Template.fromStack(stacks[name]);
    cache.set(name, cached);
    return cached;
  };
  const templates = {
    get network() {
      return template('network');
    },
    get data() {
      return template('data');
    },
    get api() {
      return template('api');
    },
    get observability() {
      return template('observability');
    },
    get console() {
      return template('console');
    },
  };
  return { app, stacks, templates };
}

/** Resources of one type in a template, by logical id. */
export function resourcesOfType(template: Template, type: string): Record<string, { Properties: Record<string, unknown> }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, unknown> }>;
}
