/**
 * The operator route of a deployed stack, called with the caller's own AWS credentials (the
 * default provider chain: environment, profile, SSO, instance role) and SigV4, as API Gateway's
 * IAM authorization expects. The endpoint is given, or read from the stack's `OperatorEndpoint`
 * output with one signed CloudFormation DescribeStacks call. Thin on purpose: what it calls is
 * tested through the handlers (test/integration/bmc-admin-handlers.test.ts) and the IAM wiring
 * in test/cdk/operator.test.ts.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { AdminCliError, type OperatorClient } from './client.ts';

export const OPERATOR_ENDPOINT_OUTPUT = 'OperatorEndpoint';

/** node:crypto as the Checksum SignatureV4 wants (HMAC when given a key). */
class Sha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key = typeof this.secret === 'string' ? this.secret : Buffer.from(ArrayBuffer.isView(this.secret) ? this.secret.buffer.slice(this.secret.byteOffset, this.secret.byteOffset + this.secret.byteLength) : this.secret);
    return createHmac('sha256', key);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

async function signedFetch(url: URL, service: string, region: string, method: string, body: string | undefined): Promise<{ status: number; body: string }> {
  const signer = new SignatureV4({ service, region, credentials: defaultProvider(), sha256: Sha256 });
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (query[k] = v));
  const signed = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    path: url.pathname,
    query,
    headers: { host: url.host, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body }),
  });
  const res = await fetch(url, { method, headers: signed.headers, ...(body !== undefined && { body }) });
  return { status: res.status, body: await res.text() };
}

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
