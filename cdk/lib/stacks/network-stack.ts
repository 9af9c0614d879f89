// Where the functions run: private subnets with no route to the internet (no NAT),
// VPC endpoints for the AWS services they call, and one security group whose only
// ways out are RMCP+ to the management networks and HTTPS to those endpoints.
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpoint,
  GatewayVpcEndpointAwsService,
  InterfaceVpcEndpoint,
  InterfaceVpcEndpointAwsService,
  IpAddresses,
  type ISubnet,
  type IVpc,
  Peer,
  Port,
  SecurityGroup,
  Subnet,
  type SubnetSelection,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { DeploymentConfig, ImportedVpcConfig, InterfaceEndpointName } from '../config.ts';
import { DynamoDbPrefixList } from '../constructs/dynamodb-prefix-list.ts';

/** RMCP and RMCP+ both listen on UDP port 623 (IPMI v2.0 section 13.1.1, "ASF-RMCP" port 26Fh). */
export const RMCP_PORT = 623;

const ENDPOINT_SERVICES: Record<InterfaceEndpointName, InterfaceVpcEndpointAwsService> = {
  secretsmanager: InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  xray: InterfaceVpcEndpointAwsService.XRAY,
  logs: InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
  monitoring: InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING,
  kms: InterfaceVpcEndpointAwsService.KMS,
};

export interface NetworkStackProps extends StackProps {
  readonly config: DeploymentConfig;
}

export class NetworkStack extends Stack {
  readonly vpc: IVpc;
  /** The subnets every function is placed in. */
  readonly functionSubnets: SubnetSelection;
  /** Attached to every function: egress UDP 623 to the BMCs, 443 to the endpoints, nothing else. */
  readonly functionSecurityGroup: SecurityGroup;
  readonly dynamoDbPrefixList: DynamoDbPrefixList;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { config } = props;
    const imported = config.importedVpc;
    const { vpc, subnets } = imported ? this.importVpc(imported) : this.createVpc(config);
    this.vpc = vpc;
    this.functionSubnets = { subnets };

    this.functionSecurityGroup = new SecurityGroup(this, 'FunctionSecurityGroup', {
      vpc,
      description: `bmc-control-plane ${config.stage}: functions; UDP ${RMCP_PORT} to BMCs and HTTPS to VPC endpoints only`,
      allowAllOutbound: false,
    });
    for (const cidr of config.managementCidrs) {
      this.functionSecurityGroup.addEgressRule(Peer.ipv4(cidr), Port.udp(RMCP_PORT), `RMCP+ to BMCs in ${cidr}`);
    }

    // Gateway endpoint: free, and DynamoDB traffic never needs a NAT.
    new GatewayVpcEndpoint(this, 'DynamoDbEndpoint', {
      vpc,
      service: GatewayVpcEndpointAwsService.DYNAMODB,
      subnets: [{ subnets }],
    });
    this.dynamoDbPrefixList = new DynamoDbPrefixList(this, 'DynamoDbPrefixList', {
      ...(config.dynamoDbPrefixListId ? { prefixListId: config.dynamoDbPrefixListId } : {}),
    });
    this.functionSecurityGroup.addEgressRule(
      Peer.prefixList(this.dynamoDbPrefixList.prefixListId),
      Port.tcp(443),
      'HTTPS to DynamoDB through the gateway endpoint',
    );

    this.addInterfaceEndpoints(config, vpc, subnets);
  }

  private createVpc(config: DeploymentConfig): { vpc: IVpc; subnets: ISubnet[] } {
    const flowLogs = new LogGroup(this, 'FlowLogs', {
      retention: config.logRetention,
      removalPolicy: config.isProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr(config.vpcCidr),
      maxAzs: config.maxAzs,
      natGateways: 0,
      createInternetGateway: false,
      subnetConfiguration: [{ name: 'functions', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      // Rejected flows show a function trying to reach something it should not.
      flowLogs: {
        all: { destination: FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: FlowLogTrafficType.ALL },
      },
    });
    // aws-cdk-lib types some Vpc members `T | undefined` where IVpc says `?: T`, which exactOptionalPropertyTypes rejects (aws/aws-cdk#37995); the object is the same.
    return { vpc: vpc as IVpc, subnets: vpc.isolatedSubnets };
  }

  private importVpc(imported: ImportedVpcConfig): { vpc: IVpc; subnets: ISubnet[] } {
    const vpc = Vpc.fromVpcAttributes(this, 'Vpc', {
      vpcId: imported.vpcId,
      availabilityZones: [...new Set(imported.availabilityZones)],
    });
    const subnets = imported.subnetIds.map((subnetId, index) =>
      Subnet.fromSubnetAttributes(this, `Subnet${index}`, {
        subnetId,
        availabilityZone: imported.availabilityZones[index] ?? '',
        routeTableId: imported.routeTableIds[index] ?? '',
      }),
    );
    return { vpc, subnets };
  }

  private addInterfaceEndpoints(config: DeploymentConfig, vpc: IVpc, subnets: ISubnet[]): void {
    const endpointSecurityGroup = new SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc,
      description: `bmc-control-plane ${config.stage}: VPC interface endpoints; HTTPS from the functions only`,
      allowAllOutbound: false,
    });
    for (const name of config.interfaceEndpoints) {
      new InterfaceVpcEndpoint(this, `${name}Endpoint`, {
        vpc,
        service: ENDPOINT_SERVICES[name],
        subnets: { subnets },
        securityGroups: [endpointSecurityGroup],
        privateDnsEnabled: true,
        // `open` would admit the whole VPC CIDR; only the functions' group is let in below.
        open: false,
      });
    }
    this.functionSecurityGroup.connections.allowTo(endpointSecurityGroup, Port.tcp(443), 'HTTPS to VPC interface endpoints');
  }
}
