// The AWS-managed prefix list of DynamoDB in this region. Functions reach DynamoDB
// through the gateway endpoint, whose traffic goes to DynamoDB's public addresses,
// so their security group must allow 443 to exactly that list: no wider rule would
// keep BMC web interfaces (also 443) on the management network out of reach.
// The id differs per region and CloudFormation has no intrinsic for it, so unless
// the operator names it (context `dynamoDbPrefixListId`), it is read at deploy time.
import { Stack, Validations } from 'aws-cdk-lib';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Construct id aws-cdk-lib gives the singleton function behind every AwsCustomResource in a stack. */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

export interface DynamoDbPrefixListProps {
  /** Known id (`pl-...`): no lookup is deployed. */
  readonly prefixListId?: string;
}

export class DynamoDbPrefixList extends Construct {
  readonly prefixListId: string;
  /** The lookup resource, when one was needed (cdk-nag acknowledgements attach to it). */
  readonly lookup?: AwsCustomResource;

  constructor(scope: Construct, id: string, props: DynamoDbPrefixListProps = {}) {
    super(scope, id);
    if (props.prefixListId !== undefined) {
      this.prefixListId = props.prefixListId;
      return;
    }
    const name = `com.amazonaws.${Stack.of(this).region}.dynamodb`;
    const describe = {
      service: 'EC2',
      action: 'DescribeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: [name] }] },
      physicalResourceId: PhysicalResourceId.of(name),
      outputPaths: ['PrefixLists.0.PrefixListId'],
    };
    this.lookup = new AwsCustomResource(this, 'Lookup', {
      onCreate: describe,
      onUpdate: describe,
      // DescribeManagedPrefixLists has no resource-level permissions: '*' is the only resource it accepts.
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
      // An explicit log group: `logRetention` would deploy yet another custom-resource function.
      logGroup: new LogGroup(this, 'LookupLogs', { retention: RetentionDays.ONE_WEEK }),
    });
    this.prefixListId = this.lookup.getResponseField('PrefixLists.0.PrefixListId');
    Validations.of(this.lookup).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'ec2:DescribeManagedPrefixLists supports no resource-level permissions; the policy holds that one read-only action.',
    });
    // The provider function AwsCustomResource shares per stack (a singleton at stack level).
    const provider = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
    if (provider) {
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK-owned provider of AwsCustomResource (deploy-time only, outside the VPC); its role is defined by aws-cdk-lib.',
      });
    }
  }
}
