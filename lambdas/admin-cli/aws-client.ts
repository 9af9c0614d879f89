/**
 * The operator route of a deployed stack, called with the caller's own AWS credentials (the
 * default provider chain: environment, profile, SSO, instance role) and SigV4, as API Gateway's
 * IAM authorization expects. The endpoint is given, or read from the stack's `OperatorEndpoint`
 * output with one signed CloudFormation DescribeStacks call. Thin on purpose: what it calls is
 * tested through the handlers (test/integration/bmc-admin-handlers.test.ts) and the IAM wiring
 * in test/cdk/operator.test.ts.
 */
import { signedFetch } from '../adapters/aws/signed-fetch.ts';
import { AdminCliError, type OperatorClient } from './client.ts';

export const OPERATOR_ENDPOINT_OUTPUT = 'OperatorEndpoint';

export async function stackEndpoint(stack: string, region: string): Promise<string> {
  const url = new URL(`https://cloudformation.${region}.amazonaws.com/?Action=DescribeStacks&Version=2010-05-15&StackName=${encodeURIComponent(stack)}`);
  const res = await signedFetch(url, 'cloudformation', region, 'GET', undefined);
  if (res.status !== 200) throw new AdminCliError(`DescribeStacks ${stack}: HTTP ${res.status}`);
  const outputs = [...res.body.matchAll(/<member>\s*(?:<Description>[^<]*<\/Description>\s*)?<OutputKey>([^<]+)<\/OutputKey>\s*<OutputValue>([^<]+)<\/OutputValue>/g)];
  const found = outputs.find((m) => m[1] === OPERATOR_ENDPOINT_OUTPUT || (m[1] ?? '').startsWith(OPERATOR_ENDPOINT_OUTPUT));
  if (!found?.[2]) throw new AdminCliError(`stack ${stack} has no ${OPERATOR_ENDPOINT_OUTPUT} output`);
  return found[2];
}

export function awsClient(endpoint: string, region: string): OperatorClient {
  const base = new URL(endpoint.endsWith('/') ? endpoint : `${endpoint}/`);
  if (base.protocol !== 'https:') throw new AdminCliError('the operator endpoint must be https');
  return {
    async call(method, path, body) {
      // The endpoint is the stage URL; operator paths are relative to it.
      return signedFetch(new URL(path.replace(/^\//, ''), base), 'execute-api', region, method, body === undefined ? undefined : JSON.stringify(body));
    },
  };
}
