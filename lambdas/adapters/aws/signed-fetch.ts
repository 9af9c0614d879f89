/**
 * AWS calls without a service SDK: one HTTPS request signed with SigV4 (@smithy/signature-v4,
 * which the SDK clients use themselves), with node:crypto as its hash. `bmc-admin` calls the
 * operator route and CloudFormation with it; the usage-key adapter calls API Gateway's
 * management API (lambdas/adapters/apigateway/usage-keys.ts).
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';

/** Credentials as SignatureV4 takes them: fixed, or a provider. */
export type SigningCredentials = ConstructorParameters<typeof SignatureV4>[0]['credentials'];

/** node:crypto as the Checksum SignatureV4 wants (HMAC when given a key). */
export class Sha256 {
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

/** One request signed with SigV4 for `service`, with the given credentials (default: the provider chain). */
export async function signedFetch(
  url: URL,
  service: string,
  region: string,
  method: string,
  body: string | undefined,
  credentials: SigningCredentials = defaultProvider(),
): Promise<{ status: number; body: string }> {
  const signer = new SignatureV4({ service, region, credentials, sha256: Sha256 });
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
