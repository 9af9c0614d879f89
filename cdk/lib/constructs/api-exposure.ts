// Who can reach the API before any key is looked at: the endpoint type and the resource policy
// (docs/keys-and-limits.md). A PRIVATE API answers only through execute-api VPC endpoints, and
// its policy refuses any other endpoint; a source range list refuses every other caller.
import { EndpointType, type EndpointConfiguration } from 'aws-cdk-lib/aws-apigateway';
import { InterfaceVpcEndpoint, InterfaceVpcEndpointAwsService, type ISubnet, type IVpc, type IVpcEndpoint, Peer, Port, SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import { AnyPrincipal, Effect, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ApiExposureConfig } from '../config.ts';

export interface ApiExposureProps {
  readonly exposure: ApiExposureConfig;
  readonly stage: string;
  readonly vpc: IVpc;
  readonly subnets: readonly ISubnet[];
  /** CIDR of the deployment's VPC: callers inside it may use the endpoint created here. */
  readonly vpcCidr: string;
}

/** Every method of every stage of this API, as resource policies name it. */
const WHOLE_API = 'execute-api:/*';

export class ApiExposure extends Construct {
  readonly endpointConfiguration: EndpointConfiguration;
  /** Undefined when nothing narrows who may call (a regional API open to any key holder). */
  readonly policy: PolicyDocument | undefined;
  /** The execute-api endpoint made here for a private API given none. */
  readonly createdEndpoint: InterfaceVpcEndpoint | undefined;

  constructor(scope: Construct, id: string, props: ApiExposureProps) {
    super(scope, id);
    const { exposure } = props;
    const statements: PolicyStatement[] = [];
    let endpoints: IVpcEndpoint[] = [];
    if (exposure.endpoint === 'private') {
      endpoints = exposure.vpcEndpointIds.map((vpcEndpointId, i) => InterfaceVpcEndpoint.fromInterfaceVpcEndpointAttributes(this, `Endpoint${i}`, { vpcEndpointId, port: 443 }));
      if (endpoints.length === 0) {
        this.createdEndpoint = this.executeApiEndpoint(props);
        endpoints = [this.createdEndpoint];
      }
      statements.push(
        new PolicyStatement({
          sid: 'DenyOutsideVpcEndpoints',
          effect: Effect.DENY,
          principals: [new AnyPrincipal()],
          actions: ['execute-api:Invoke'],
          resources: [WHOLE_API],
          conditions: { StringNotEquals: { 'aws:SourceVpce': endpoints.map((e) => e.vpcEndpointId) } },
        }),
      );
    }
    if (exposure.allowedSourceCidrs.length > 0) {
      statements.push(
        new PolicyStatement({
          sid: 'DenyOutsideSourceRanges',
          effect: Effect.DENY,
          principals: [new AnyPrincipal()],
          actions: ['execute-api:Invoke'],
          resources: [WHOLE_API],
          // Through a VPC endpoint the caller's address is its private one (aws:VpcSourceIp).
          conditions: { NotIpAddress: { [exposure.endpoint === 'private' ? 'aws:VpcSourceIp' : 'aws:SourceIp']: [...exposure.allowedSourceCidrs] } },
        }),
      );
    }
    if (statements.length > 0) {
      // A resource policy that only denies would deny everything: the allow lets the rest
      // through to the API key authorizer, which still decides every request.
      statements.unshift(new PolicyStatement({ sid: 'AllowToTheAuthorizer', effect: Effect.ALLOW, principals: [new AnyPrincipal()], actions: ['execute-api:Invoke'], resources: [WHOLE_API] }));
    }
    this.policy = statements.length > 0 ? new PolicyDocument({ statements }) : undefined;
    this.endpointConfiguration =
      exposure.endpoint === 'private' ? { types: [EndpointType.PRIVATE], vpcEndpoints: endpoints } : { types: [EndpointType.REGIONAL] };
  }

  private executeApiEndpoint(props: ApiExposureProps): InterfaceVpcEndpoint {
    const group = new SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: props.vpc,
      description: `bmc-control-plane ${props.stage}: execute-api endpoint of the private API; HTTPS from the VPC`,
      allowAllOutbound: false,
    });
    group.addIngressRule(Peer.ipv4(props.vpcCidr), Port.tcp(443), 'HTTPS to the private API from inside the VPC');
    return new InterfaceVpcEndpoint(this, 'ExecuteApiEndpoint', {
      vpc: props.vpc,
      service: InterfaceVpcEndpointAwsService.APIGATEWAY,
      subnets: { subnets: [...props.subnets] },
      securityGroups: [group],
      privateDnsEnabled: true,
      open: false,
    });
  }
}
