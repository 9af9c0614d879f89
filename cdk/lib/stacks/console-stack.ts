// The web console in AWS: its static files in a private S3 bucket that only CloudFront reads
// (origin access control), and one CloudFront distribution that also routes /graphql and /v1/*
// to the API Gateway stage. Console and API share one origin, so the pages' CSP keeps
// `connect-src 'self'` and the key never crosses origins (no CORS). Static files never invoke a
// Lambda function. GraphiQL is /graphiql.html there: a browser's GET /graphql (no key header)
// is redirected to it by a CloudFront Function, since the API's authorizer refuses keyless calls.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { CONSOLE_CSP, GRAPHIQL_CSP } from '../../../lambdas/api/http/page-security.ts';
import { PROJECT_ROOT } from '../bundling.ts';
import type { DeploymentConfig } from '../config.ts';

export interface ConsoleStackProps extends StackProps {
  readonly config: DeploymentConfig;
  readonly api: RestApi;
  /** The built console (bin/build-console.mjs); default: where `npm ci` builds it. */
  readonly consoleDir?: string;
}

/** Sends a browser's keyless GET /graphql to GraphiQL's page; everything else passes to the API. */
export const GRAPHIQL_REDIRECT = `function handler(event) {
  var r = event.request;
  var accept = r.headers.accept ? r.headers.accept.value : '';
  if (r.method === 'GET' && !r.headers['x-api-key'] && !r.querystring.query && accept.indexOf('text/html') !== -1) {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/graphiql.html' } } };
  }
  return r;
}`;

export class ConsoleStack extends Stack {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: ConsoleStackProps) {
    super(scope, id, props);
    const dir = props.consoleDir ?? join(PROJECT_ROOT, 'node_modules/.cache/bmc-control-plane/console');
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`the web console is not built in ${dir}: run npm run build:console`);

    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Build output, rebuilt from the repository on every deploy.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = (name: string, csp: string) =>
      new ResponseHeadersPolicy(this, name, {
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
          referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
          strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        },
      });
    // aws-cdk-lib types some Bucket members `T | undefined` where IBucket says `?: T`, which exactOptionalPropertyTypes rejects (aws/aws-cdk#37995); the object is the same.
    const bucket = this.bucket as IBucket;
    const files = S3BucketOrigin.withOriginAccessControl(bucket);
    const api = new RestApiOrigin(props.api);
    const toApi: BehaviorOptions = {
      origin: api,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `BMC Control Plane console and API (${props.config.stage})`,
      defaultRootObject: 'index.html',
      defaultBehavior: { origin: files, viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS, responseHeadersPolicy: headers('ConsoleHeaders', CONSOLE_CSP) },
      additionalBehaviors: {
        '/graphiql.html': { origin: files, viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS, responseHeadersPolicy: headers('GraphiqlHeaders', GRAPHIQL_CSP) },
        '/graphql': {
          ...toApi,
          functionAssociations: [
            {
              eventType: FunctionEventType.VIEWER_REQUEST,
              function: new CloudFrontFunction(this, 'GraphiqlRedirect', { code: FunctionCode.fromInline(GRAPHIQL_REDIRECT), runtime: FunctionRuntime.JS_2_0 }),
            },
          ],
        },
        '/v1': toApi,
        '/v1/*': toApi,
      },
    });

    new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(dir)],
      destinationBucket: bucket,
      // Old hashed bundles stay a while for pages still open; index.html always points at the new ones.
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/graphiql.html'],
    });
    new CfnOutput(this, 'ConsoleUrl', { value: `https://${this.distribution.distributionDomainName}/`, description: 'Web console; GraphiQL at /graphiql.html, the API at /graphql and /v1 on the same origin' });
    this.acknowledgeNagFindings();
  }

  private acknowledgeNagFindings(): void {
    const v = Validations.of(this);
    v.acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'The bucket holds only the console build (no data, no keys), is read only by CloudFront through origin access control and written only by the deployment; access logs would record nothing worth keeping.',
    });
    v.acknowledge({
      id: 'AwsSolutions::AwsSolutions-CFR1',
      reason: 'Who may use the console is decided by API keys and, for the API, by the source-IP and private-endpoint options; a country list adds nothing for a management console.',
    });
    v.acknowledge({
      id: 'AwsSolutions::AwsSolutions-CFR2',
      reason: 'The API behind it is throttled per stage and per key and every call is authorized; a WAF web ACL for CloudFront lives in us-east-1 and is for the deployer to attach where their policy asks for one.',
    });
    v.acknowledge({
      id: 'AwsSolutions::AwsSolutions-CFR3',
      reason: 'Every API request through the distribution is logged by API Gateway access logs (JSON lines with tenant and key id); the static files hold no data.',
    });
    v.acknowledge({
      id: 'AwsSolutions::AwsSolutions-CFR4',
      reason: 'The default *.cloudfront.net certificate fixes the security policy at TLSv1 (CloudFront ignores a minimum without a custom certificate); a deployment under its own domain and certificate sets TLSv1.2_2021.',
    });
    v.acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The CDK BucketDeployment function that copies the console build into the bucket at deploy time writes its own logs with the AWS managed basic execution policy.',
    });
    // The CDK BucketDeployment function: reads the build from the CDK asset bucket, replaces the
    // console bucket's objects, and invalidates the distribution (CreateInvalidation takes no ARN).
    const deployment = 'The CDK BucketDeployment function copies the console build from the CDK asset bucket into the console bucket at deploy time (object wildcards on those two buckets only) and invalidates the distribution, whose API action takes no resource ARN.';
    for (const finding of ['Resource::*', 'Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', 'Action::s3:Abort*', 'Action::s3:DeleteObject*', 'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*', 'Resource::<Files8E6940B8.Arn>/*']) {
      v.acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`, reason: deployment });
    }
    v.acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason: 'The runtime of the CDK BucketDeployment function is chosen by aws-cdk-lib and moves with its upgrades; it runs only at deploy time.',
    });
  }
}
