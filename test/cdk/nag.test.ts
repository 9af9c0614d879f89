// cdk-nag (AwsSolutions) runs as a CDK policy-validation plugin: synthesis fails on
// any finding that is not acknowledged. These tests prove the app is clean and that
// the check really bites.
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from './support.ts';

type Violation = { ruleName: string; violatingConstructs: { constructPath: string }[]; reason?: string };
type Report = { pluginReports: { pluginName: string; violations: Violation[]; suppressedViolations?: Violation[] }[] };

/** Synthesizing (and bundling placeholders for) a whole app twice takes a while on a small machine. */
const SYNTH_TIMEOUT_MS = 180_000;

describe('cdk-nag AwsSolutions', () => {
  it('synthesizes with no unacknowledged finding, in dev and in prod with an imported VPC', () => {
    expect(() => buildApp().app.synth()).not.toThrow();
    const prod = buildApp({
      context: {
        stage: 'prod',
        vpcId: 'vpc-0123456789abcdef0',
        subnetIds: 'subnet-0aaaaaaaaaaaaaaa1',
        availabilityZones: 'eu-west-1a',
        routeTableIds: 'rtb-0aaaaaaaaaaaaaaa1',
        alarmEmail: 'oncall@example.com',
        apiGatewayCloudWatchRole: false,
      },
    });
    expect(() => prod.app.synth()).not.toThrow();
  }, SYNTH_TIMEOUT_MS);

  it('fails synthesis on a finding nobody acknowledged', () => {
    const { app, stacks } = buildApp();
    // A wildcard grant nobody justified: AwsSolutions-IAM5 must stop the synth.
    const rogue = new Stack(app, 'Rogue');
    rogue.addStackDependency(stacks.api);
    const role = new Role(rogue, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    let failure: unknown;
    try {
      app.synth();
    } catch (error) {
      failure = error;
    }
    expect(String(failure)).toMatch(/ValidationFailed/);
    const report = JSON.parse(readFileSync(join(app.outdir, 'validation-report.json'), 'utf8')) as Report;
    const nag = report.pluginReports.find((plugin) => plugin.pluginName === 'AwsSolutions');
    const violations = nag?.violations ?? [];
    expect(violations.map((v) => v.ruleName).sort()).toEqual(['AwsSolutions-IAM5[Action::dynamodb:*]', 'AwsSolutions-IAM5[Resource::*]']);
    // Only the rogue stack is reported: everything of the app itself is clean or acknowledged.
    for (const violation of violations) {
      for (const construct of violation.violatingConstructs) expect(construct.constructPath).toMatch(/^Rogue\//);
    }
    // What the app acknowledged is still listed in the report, each with its reason.
    const acknowledged = nag?.suppressedViolations ?? [];
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const violation of acknowledged) expect(violation.reason?.length ?? 0).toBeGreaterThan(40);
    // The SDR cache table (PITR on, encrypted) and its GetItem/PutItem grants need no acknowledgement.
    const mentions = acknowledged.flatMap((v) => [v.ruleName, ...v.violatingConstructs.map((c) => c.constructPath)]);
    expect(mentions.filter((text) => /SdrCache/.test(text))).toEqual([]);
  }, SYNTH_TIMEOUT_MS);

  it('records a reason with every acknowledgement', () => {
    const { app } = buildApp();
    const acknowledgements = app.node
      .findAll()
      .flatMap((node) => node.node.metadata)
      .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      // aws-cdk-lib acknowledges some of its own cfn-lint rules; ours are the AwsSolutions ones.
      .filter(([id]) => id.startsWith('AwsSolutions::'));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements) {
      expect(id).toMatch(/^AwsSolutions::AwsSolutions-[A-Z]+\d+/);
      expect(reason, id).not.toMatch(/placeholder|todo/i);
      expect(reason.length, id).toBeGreaterThan(40);
    }
  });
});
