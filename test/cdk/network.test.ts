import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuiltApp, buildApp, resourcesOfType } from './support.ts';

interface EgressRule {
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  CidrIp?: string;
  DestinationPrefixListId?: unknown;
  DestinationSecurityGroupId?: unknown;
}

function functionSecurityGroup(template: Template): { id: string; egress: EgressRule[] } {
  const groups = resourcesOfType(template, 'AWS::EC2::SecurityGroup');
  const entry = Object.entries(groups).find(([id]) => id.startsWith('FunctionSecurityGroup'));
  if (!entry) throw new Error('no function security group');
  const [id, group] = entry;
  const inline = (group.Properties.SecurityGroupEgress ?? []) as EgressRule[];
  // Rules to other groups are separate AWS::EC2::SecurityGroupEgress resources.
  const separate = Object.values(resourcesOfType(template, 'AWS::EC2::SecurityGroupEgress'))
    .filter((rule) => JSON.stringify(rule.Properties.GroupId).includes(id))
    .map((rule) => rule.Properties as unknown as EgressRule);
  return { id, egress: [...inline, ...separate] };
}

describe('network stack: new VPC (default)', () => {
  let built: BuiltApp;
  beforeAll(() => {
    built = buildApp();
    // Synthesized here, within the hook's time limit, rather than in whichever test comes first.
    built.templates.network.toJSON();
 }, 180_000);

  it('creates private isolated subnets only: no internet gateway, no NAT', () => {
    const template = built.templates.network;
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false });
    for (const route of Object.values(resourcesOfType(template, 'AWS::EC2::Route'))) {
      expect(route.Properties.DestinationCidrBlock).not.toBe('0.0.0.0/0');
    }
  });

  it('strips the default security group of its rules, with a function that may change only that group', () => {
    // cdk.json's @aws-cdk/aws-ec2:restrictDefaultSecurityGroup. The provider's role and function
    // are plain CfnResources, which cdk-nag's rules (written for CfnRole, CfnFunction) never
    // look at: this test is their review.
    const template = built.templates.network;
    const [vpcId] = Object.keys(resourcesOfType(template, 'AWS::EC2::VPC'));
    const defaultGroup = { 'Fn::GetAtt': [vpcId, 'DefaultSecurityGroup'] };
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
    template.hasResourceProperties('Custom::VpcRestrictDefaultSG', { DefaultSecurityGroupId: defaultGroup });
    const roles = Object.entries(resourcesOfType(template, 'AWS::IAM::Role')).filter(([id]) => id.startsWith('CustomVpcRestrictDefaultSG'));
    expect(roles).toHaveLength(1);
    const [roleId, role] = roles[0]!;
    // Logs only through the basic execution policy, as the prefix-list lookup's function.
    expect(role.Properties.ManagedPolicyArns).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }]);
    const statements = (role.Properties.Policies as { PolicyDocument: { Statement: unknown[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupEgress', 'ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
        Resource: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':security-group/', defaultGroup]] }],
      },
    ]);
    // No other policy is attached to that role.
    for (const policy of Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))) expect(JSON.stringify(policy.Properties.Roles)).not.toContain(roleId);
  });

  it('logs all VPC flows', () => {
    built.templates.network.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
  });

  it('lets functions out on UDP 623 to each management CIDR and HTTPS to endpoints, nothing else', () => {
    const { egress } = functionSecurityGroup(built.templates.network);
    const rmcp = egress.filter((rule) => rule.IpProtocol === 'udp');
    expect(rmcp).toEqual([
      expect.objectContaining({ CidrIp: '10.100.0.0/16', FromPort: 623, ToPort: 623 }),
      expect.objectContaining({ CidrIp: '192.168.50.0/24', FromPort: 623, ToPort: 623 }),
    ]);
    const tcp = egress.filter((rule) => rule.IpProtocol === 'tcp');
    expect(tcp).toHaveLength(2);
    for (const rule of tcp) {
      expect([rule.FromPort, rule.ToPort]).toEqual([443, 443]);
      expect(rule.CidrIp).toBeUndefined();
    }
    expect(tcp.some((rule) => rule.DestinationPrefixListId !== undefined)).toBe(true);
    expect(tcp.some((rule) => rule.DestinationSecurityGroupId !== undefined)).toBe(true);
    expect(egress.filter((rule) => rule.IpProtocol === '-1')).toEqual([]);
    expect(egress).toHaveLength(4);
  });

  it('reaches DynamoDB through a gateway endpoint and its prefix list, looked up at deploy time', () => {
    const template = built.templates.network;
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['.dynamodb'])]) }),
    });
    const lookups = Object.entries(resourcesOfType(template, 'Custom::AWS'));
    expect(lookups).toHaveLength(1);
    const [lookupId, lookup] = lookups[0] ?? ['', { Properties: {} }];
    const call = JSON.stringify(lookup.Properties.Create);
    expect(call).toContain('DescribeManagedPrefixLists');
    expect(call).toContain('.dynamodb');
    const { egress } = functionSecurityGroup(template);
    const toDynamoDb = egress.find((rule) => rule.DestinationPrefixListId !== undefined);
    expect(toDynamoDb?.DestinationPrefixListId).toEqual({ 'Fn::GetAtt': [lookupId, 'PrefixLists.0.PrefixListId'] });
  });

  it('creates interface endpoints for Secrets Manager and X-Ray, reachable only from the functions', () => {
    const template = built.templates.network;
    const endpoints = Object.values(resourcesOfType(template, 'AWS::EC2::VPCEndpoint')).filter(
      (endpoint) => endpoint.Properties.VpcEndpointType === 'Interface',
    );
    const services = endpoints.map((endpoint) => JSON.stringify(endpoint.Properties.ServiceName));
    expect(services).toHaveLength(2);
    expect(services.some((name) => name.includes('.secretsmanager'))).toBe(true);
    expect(services.some((name) => name.includes('.xray'))).toBe(true);
    for (const endpoint of endpoints) expect(endpoint.Properties.PrivateDnsEnabled).toBe(true);

    const ingress = Object.values(resourcesOfType(template, 'AWS::EC2::SecurityGroupIngress'));
    expect(ingress).toHaveLength(1);
    expect(ingress[0]?.Properties).toMatchObject({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443 });
    expect(JSON.stringify(ingress[0]?.Properties.SourceSecurityGroupId)).toContain('FunctionSecurityGroup');
  });
});

describe('network stack: existing VPC from context', () => {
  let template: Template;
  beforeAll(() => {
    template = buildApp({
      context: {
        vpcId: 'vpc-0123456789abcdef0',
        subnetIds: 'subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2',
        availabilityZones: 'eu-west-1a,eu-west-1b',
        routeTableIds: 'rtb-0aaaaaaaaaaaaaaa1,rtb-0bbbbbbbbbbbbbbb2',
        dynamoDbPrefixListId: 'pl-0123456789abcdef0',
        interfaceEndpoints: 'secretsmanager',
      },
    }).templates.network;
 }, 180_000);

  it('creates no VPC and places endpoints in the given subnets and route tables', () => {
    template.resourceCountIs('AWS::EC2::VPC', 0);
    template.resourceCountIs('AWS::EC2::Subnet', 0);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      VpcId: 'vpc-0123456789abcdef0',
      RouteTableIds: ['rtb-0aaaaaaaaaaaaaaa1', 'rtb-0bbbbbbbbbbbbbbb2'],
    });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface',
      SubnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
    });
  });

  it('leaves the default security group of a VPC it did not create alone', () => {
    template.resourceCountIs('Custom::VpcRestrictDefaultSG', 0);
  });

  it('uses the given DynamoDB prefix list instead of a deploy-time lookup', () => {
    template.resourceCountIs('Custom::AWS', 0);
    const { egress } = functionSecurityGroup(template);
    expect(egress).toContainEqual(expect.objectContaining({ DestinationPrefixListId: 'pl-0123456789abcdef0', FromPort: 443 }));
  });
});
