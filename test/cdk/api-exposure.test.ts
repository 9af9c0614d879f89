// Who can reach the API and for how long a key's authorization is cached: the PRIVATE endpoint
// option with its execute-api VPC endpoint and resource policy, the source-range option, the
// authorizer's cache TTL, and cdk-nag staying clean with both options on.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readDeploymentConfig } from '../../cdk/lib/config.ts';
import { buildApp, resourcesOfType } from './support.ts';

const SYNTH_TIMEOUT_MS = 180_000;

type Statement = { Sid?: string; Effect: string; Action: string; Resource: string; Condition?: Record<string, Record<string, unknown>> };

function policyOf(template: ReturnType<typeof buildApp>['templates']['api']): Statement[] {
  const apis = Object.values(resourcesOfType(template, 'AWS::ApiGateway::RestApi'));
  expect(apis).toHaveLength(1);
  const policy = apis[0]?.Properties['Policy'] as { Statement: Statement[] } | undefined;
  return policy?.Statement ?? [];
}

// Each test synthesizes a whole app: slow on a shared machine.
describe('API exposure options', { timeout: SYNTH_TIMEOUT_MS }, () => {
  it('by default: a regional endpoint, no resource policy, the authorizer cached per key for the configured TTL', () => {
    const { templates } = buildApp({ context: { authorizerCacheSeconds: 120 } });
    templates.api.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
    expect(policyOf(templates.api)).toEqual([]);
    templates.api.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'REQUEST', AuthorizerResultTtlInSeconds: 120, IdentitySource: 'method.request.header.x-api-key' });
  });

  it('apiEndpoint=private: a PRIVATE API behind an execute-api endpoint of the VPC, and a policy refusing any other endpoint', () => {
    const { app, templates } = buildApp({ context: { apiEndpoint: 'private' } });
    const { vpcCidr } = readDeploymentConfig((key) => app.node.tryGetContext(key));
    templates.api.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp('execute-api')])]) }),
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
    });
    const endpoints = Object.keys(resourcesOfType(templates.api, 'AWS::EC2::VPCEndpoint'));
    expect(endpoints).toHaveLength(1);
    templates.api.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['PRIVATE'], VpcEndpointIds: [{ Ref: endpoints[0] }] },
    });
    const statements = policyOf(templates.api);
    expect(statements.map((s) => [s.Sid, s.Effect])).toEqual([
      ['AllowToTheAuthorizer', 'Allow'],
      ['DenyOutsideVpcEndpoints', 'Deny'],
    ]);
    expect(statements[1]?.Condition).toEqual({ StringNotEquals: { 'aws:SourceVpce': [{ Ref: endpoints[0] }] } });
    // Only HTTPS from inside the VPC reaches the endpoint.
    templates.api.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: vpcCidr, FromPort: 443, ToPort: 443, IpProtocol: 'tcp' })],
    });
  });

  it('apiEndpoint=private with given endpoints uses them and creates none', () => {
    const { templates } = buildApp({ context: { apiEndpoint: 'private', apiVpcEndpointIds: 'vpce-0123456789abcdef0,vpce-0fedcba9876543210' } });
    expect(Object.keys(resourcesOfType(templates.api, 'AWS::EC2::VPCEndpoint'))).toHaveLength(0);
    templates.api.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['PRIVATE'], VpcEndpointIds: ['vpce-0123456789abcdef0', 'vpce-0fedcba9876543210'] },
    });
    expect(policyOf(templates.api)[1]?.Condition).toEqual({ StringNotEquals: { 'aws:SourceVpce': ['vpce-0123456789abcdef0', 'vpce-0fedcba9876543210'] } });
  });

  it('apiAllowedSourceCidrs: a policy refusing callers outside the ranges (their VPC address when private)', () => {
    const regional = buildApp({ context: { apiAllowedSourceCidrs: '203.0.113.0/24,198.51.100.0/24' } });
    expect(policyOf(regional.templates.api).find((s) => s.Sid === 'DenyOutsideSourceRanges')?.Condition).toEqual({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } });
    const both = buildApp({ context: { apiEndpoint: 'private', apiAllowedSourceCidrs: '10.0.1.0/24' } });
    expect(policyOf(both.templates.api).map((s) => s.Sid)).toEqual(['AllowToTheAuthorizer', 'DenyOutsideVpcEndpoints', 'DenyOutsideSourceRanges']);
    expect(policyOf(both.templates.api)[2]?.Condition).toEqual({ NotIpAddress: { 'aws:VpcSourceIp': ['10.0.1.0/24'] } });
  });

  it('refuses options that would not do what they say', () => {
    const read = (context: Record<string, unknown>) => () => readDeploymentConfig((key) => ({ managementCidrs: '10.1.0.0/16', ...context })[key]);
    expect(read({ apiEndpoint: 'edge' })).toThrow(/apiEndpoint/);
    expect(read({ apiVpcEndpointIds: 'vpce-0123456789abcdef0' })).toThrow(/without apiEndpoint=private/);
    expect(read({ apiEndpoint: 'private', apiVpcEndpointIds: 'vpc-123' })).toThrow(/apiVpcEndpointIds/);
    expect(read({ apiAllowedSourceCidrs: '0.0.0.0/0' })).toThrow(/apiAllowedSourceCidrs/);
    expect(read({ apiAllowedSourceCidrs: '203.0.113.7/24' })).toThrow(/host bits/);
    expect(
      read({ apiEndpoint: 'private', vpcId: 'vpc-0123456789abcdef0', subnetIds: 'subnet-0aaaaaaaaaaaaaaa1', availabilityZones: 'eu-west-1a', routeTableIds: 'rtb-0aaaaaaaaaaaaaaa1' }),
    ).toThrow(/apiVpcEndpointIds/);
  });

  it('synthesizes with cdk-nag clean with both options on', () => {
    const { app } = buildApp({ context: { apiEndpoint: 'private', apiAllowedSourceCidrs: '10.0.1.0/24' } });
    expect(() => app.synth()).not.toThrow();
  });
});
