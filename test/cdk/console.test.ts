// The console's deployment: a private bucket read through origin access control, one
// distribution for the console and the API (same origin), the pages' CSP as response headers,
// and the redirect of a browser's GET /graphql to GraphiQL's page.
import { Match } from 'aws-cdk-lib/assertions';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { GRAPHIQL_REDIRECT } from '../../cdk/lib/stacks/console-stack.ts';
import { CONSOLE_CSP, GRAPHIQL_CSP } from '../../lambdas/api/http/page-security.ts';
import { buildApp } from './support.ts';

type CfRequest = { method: string; headers: Record<string, { value: string }>; querystring: Record<string, unknown>; uri: string };
/** The first template read synthesizes the whole app, which takes a while on a small machine. */
const SYNTH_TIMEOUT_MS = 180_000;
const redirect = runInNewContext(`${GRAPHIQL_REDIRECT}; handler`) as (event: { request: CfRequest }) => unknown;
const request = (method: string, headers: Record<string, string>, querystring: Record<string, unknown> = {}): CfRequest => ({
  method,
  uri: '/graphql',
  querystring,
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { value: v }])),
});

describe('console stack', () => {
  const { templates } = buildApp();

  it('keeps the files in a private, encrypted bucket that only CloudFront reads (origin access control)', () => {
    const t = templates.console;
    t.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.objectLike({}),
    });
    t.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } })]) },
    });
  }, SYNTH_TIMEOUT_MS);

  it('serves the console, GraphiQL and the API from one distribution, with the pages’ CSP', () => {
    const t = templates.console;
    const behaviours = Object.values(t.findResources('AWS::CloudFront::Distribution'))[0]?.['Properties']?.['DistributionConfig']?.['CacheBehaviors'] as { PathPattern: string }[];
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual(['/graphiql.html', '/graphql', '/v1', '/v1/*']);
    t.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({ SecurityHeadersConfig: Match.objectLike({ ContentSecurityPolicy: { ContentSecurityPolicy: CONSOLE_CSP, Override: true } }) }),
    });
    t.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({ SecurityHeadersConfig: Match.objectLike({ ContentSecurityPolicy: { ContentSecurityPolicy: GRAPHIQL_CSP, Override: true } }) }),
    });
    t.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/index.html', '/graphiql.html'] });
  });

  it('sends a browser’s keyless GET /graphql to GraphiQL’s page and passes API calls on', () => {
    expect(redirect({ request: request('GET', { accept: 'text/html,application/xhtml+xml' }) })).toMatchObject({ statusCode: 302, headers: { location: { value: '/graphiql.html' } } });
    for (const r of [
      request('POST', { accept: 'text/html', 'content-type': 'application/json' }),
      request('GET', { accept: 'text/html', 'x-api-key': 'k' }),
      request('GET', { accept: 'application/json' }, { query: { value: '{me{role}}' } }),
      request('GET', { accept: 'text/html' }, { query: { value: '{me{role}}' } }),
    ]) {
      expect(redirect({ request: r })).toBe(r);
    }
  });
});
