#!/usr/bin/env node
// CDK entry (`cdk.json`: `npx tsx cdk/bin/app.ts`): read context, build the stacks.
import { App } from 'aws-cdk-lib';
import { ConfigError, readDeploymentConfig } from '../lib/config.ts';
import { buildControlPlane } from '../lib/control-plane.ts';

const app = new App();
try {
  const config = readDeploymentConfig((key) => app.node.tryGetContext(key));
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  buildControlPlane(app, config, account && region ? { env: { account, region } } : {});
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`bmc-control-plane: ${error.message}`);
  process.exit(1);
}
