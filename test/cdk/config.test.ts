import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { ConfigError, readDeploymentConfig } from '../../cdk/lib/config.ts';

const contextOf =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

function configError(values: Record<string, unknown>): ConfigError {
  try {
    readDeploymentConfig(contextOf(values));
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('deployment configuration from CDK context', () => {
  it('applies defaults around the one required value', () => {
    const config = readDeploymentConfig(contextOf({ managementCidrs: ['10.100.0.0/16'] }));
    expect(config).toMatchObject({
      stage: 'dev',
      isProduction: false,
      managementCidrs: ['10.100.0.0/16'],
      maxAzs: 2,
      interfaceEndpoints: ['secretsmanager', 'xray'],
      logRetention: RetentionDays.THREE_MONTHS,
      authorizerCacheSeconds: 300,
      apiGatewayCloudWatchRole: true,
    });
    expect(config.importedVpc).toBeUndefined();
    expect(config.alarmEmail).toBeUndefined();
  });

  it('reads -c style strings: comma lists, JSON lists, numbers and booleans', () => {
    const config = readDeploymentConfig(
      contextOf({
        stage: 'prod',
        managementCidrs: '10.1.0.0/16, 10.2.0.0/16',
        interfaceEndpoints: '["secretsmanager","logs"]',
        logRetentionDays: '365',
        authorizerCacheSeconds: '60',
        apiGatewayCloudWatchRole: 'false',
        alarmEmail: 'oncall@example.com',
      }),
    );
    expect(config.isProduction).toBe(true);
    expect(config.managementCidrs).toEqual(['10.1.0.0/16', '10.2.0.0/16']);
    expect(config.interfaceEndpoints).toEqual(['secretsmanager', 'logs']);
    expect(config.logRetention).toBe(RetentionDays.ONE_YEAR);
    expect(config.authorizerCacheSeconds).toBe(60);
    expect(config.apiGatewayCloudWatchRole).toBe(false);
    expect(config.alarmEmail).toBe('oncall@example.com');
  });

  it('imports an existing VPC with one zone and route table per subnet', () => {
    const config = readDeploymentConfig(
      contextOf({
        managementCidrs: '10.100.0.0/16',
        vpcId: 'vpc-0123456789abcdef0',
        subnetIds: 'subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2',
        availabilityZones: 'eu-west-1a,eu-west-1b',
        routeTableIds: 'rtb-0aaaaaaaaaaaaaaa1,rtb-0bbbbbbbbbbbbbbb2',
      }),
    );
    expect(config.importedVpc).toEqual({
      vpcId: 'vpc-0123456789abcdef0',
      subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0bbbbbbbbbbbbbbb2'],
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      routeTableIds: ['rtb-0aaaaaaaaaaaaaaa1', 'rtb-0bbbbbbbbbbbbbbb2'],
    });
  });

  it.each([
    [{}, 'managementCidrs', /at least one/],
    [{ managementCidrs: '0.0.0.0/0' }, 'managementCidrs', /would open UDP 623/],
    [{ managementCidrs: '10.100.0.5/16' }, 'managementCidrs', /host bits/],
    [{ managementCidrs: '10.300.0.0/16' }, 'managementCidrs', /not an IPv4 CIDR/],
    [{ managementCidrs: 'bmc-net' }, 'managementCidrs', /not an IPv4 CIDR/],
    [{ managementCidrs: '10.0.0.0/8', stage: 'Prod!' }, 'stage', /lowercase/],
    [{ managementCidrs: '10.0.0.0/8', logRetentionDays: 45 }, 'logRetentionDays', /not a CloudWatch Logs retention/],
    [{ managementCidrs: '10.0.0.0/8', authorizerCacheSeconds: 30 }, 'authorizerCacheSeconds', /outside 60-300/],
    [{ managementCidrs: '10.0.0.0/8', authorizerCacheSeconds: 3600 }, 'authorizerCacheSeconds', /outside 60-300/],
    [{ managementCidrs: '10.0.0.0/8', alarmEmail: 'not-an-address' }, 'alarmEmail', /not an e-mail/],
    [{ managementCidrs: '10.0.0.0/8', interfaceEndpoints: 'xray' }, 'interfaceEndpoints', /secretsmanager is required/],
    [{ managementCidrs: '10.0.0.0/8', interfaceEndpoints: 'secretsmanager,s3' }, 'interfaceEndpoints', /"s3" is not one of/],
    [{ managementCidrs: '10.0.0.0/8', apiGatewayCloudWatchRole: 'yes' }, 'apiGatewayCloudWatchRole', /true or false/],
    [{ managementCidrs: '10.0.0.0/8', maxAzs: 'two' }, 'maxAzs', /integer/],
    [{ managementCidrs: '[not json' }, 'managementCidrs', /not valid JSON/],
    [{ managementCidrs: '10.0.0.0/8', subnetIds: 'subnet-0aaaaaaaaaaaaaaa1' }, 'subnetIds', /without "vpcId"/],
    [{ managementCidrs: '10.0.0.0/8', vpcId: 'vpc-0123456789abcdef0' }, 'subnetIds', /needs the private subnets/],
    [{ managementCidrs: '10.0.0.0/8', vpcId: 'vpc-12' }, 'vpcId', /malformed/],
    [
      { managementCidrs: '10.0.0.0/8', vpcId: 'vpc-0123456789abcdef0', subnetIds: 'subnet-0aaaaaaaaaaaaaaa1', availabilityZones: 'eu-west-1a' },
      'routeTableIds',
      /one route table per subnet/,
    ],
    [
      { managementCidrs: '10.0.0.0/8', vpcId: 'vpc-0123456789abcdef0', subnetIds: 'subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2', availabilityZones: 'eu-west-1a' },
      'availabilityZones',
      /one zone per subnet/,
    ],
  ])('rejects %j naming the context key', (values, key, message) => {
    const error = configError(values);
    expect(error.key).toBe(key);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`context "${key}"`);
  });
});
