// The platform operator's route: /operator and everything under it, to the operator function,
// authorized by AWS IAM (SigV4) and never by a tenant API key: the stage's default API-key
// authorizer is replaced on these methods. Who may call it is whoever an IAM policy grants
// execute-api:Invoke on it (the deployer's role, by default an administrator); `bmc-admin
// --stack NAME` finds it through the OperatorEndpoint output.
import { CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import { AuthorizationType, type IAuthorizer, LambdaIntegration, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IFunction as LambdaFunction } from 'aws-cdk-lib/aws-lambda';

export const OPERATOR_ENDPOINT_OUTPUT = 'OperatorEndpoint';

export function addOperatorRoute(api: RestApi, fn: LambdaFunction): void {
  const integration = new LambdaIntegration(fn);
  // The stage's default authorizer (API keys) would otherwise be attached: CDK takes the method's
  // authorizer from the options before the defaults, so an authorizer of type IAM without an id
  // replaces it and no AuthorizerId is written.
  const noCustomAuthorizer = { authorizationType: AuthorizationType.IAM, authorizerId: undefined } as unknown as IAuthorizer;
  const iam = { authorizationType: AuthorizationType.IAM, authorizer: noCustomAuthorizer };
  const operator = api.root.addResource('operator');
  operator.addMethod('ANY', integration, iam);
  operator.addResource('{proxy+}').addMethod('ANY', integration, iam);
  new CfnOutput(Stack.of(api), OPERATOR_ENDPOINT_OUTPUT, { value: api.url, description: 'Operator endpoint (IAM SigV4; bmc-admin --stack)' });
  Validations.of(operator).acknowledge({
    id: 'AwsSolutions::AwsSolutions-COG4',
    reason: 'The operator route is authorized by AWS IAM (SigV4): the platform operator is an IAM identity, never a Cognito user or a tenant key.',
  });
}

