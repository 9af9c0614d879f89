/**
 * API Gateway REST API (proxy integration) events as API Gateway sends them to Lambda, shaped
 * after AWS's documented examples: stage, resource path, multi-value headers and query, the
 * request context with identity and, behind a Lambda authorizer, its context.
 */
import type { APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';

const API_ID = 'a1b2c3d4e5';
const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const STAGE = 'prod';

export interface EventOptions {
  method: string;
  path: string;
  resource?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: string;
  base64?: boolean;
  authorizer?: Record<string, string> | null;
  pathParameters?: Record<string, string> | null;
}

export function proxyEvent(o: EventOptions): APIGatewayProxyEvent {
  const headers = { Host: `${API_ID}.execute-api.${REGION}.amazonaws.com`, 'User-Agent': 'vitest', 'X-Forwarded-For': '198.51.100.7', ...o.headers };
  const multiQuery = o.query ? Object.fromEntries(Object.entries(o.query).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])) : null;
  const singleQuery = o.query ? Object.fromEntries(Object.entries(o.query).map(([k, v]) => [k, Array.isArray(v) ? (v[v.length - 1] ?? '') : v])) : null;
  const requestId = `c6af9ac6-7b61-11e6-9a41-${Math.random().toString(16).slice(2, 14).padEnd(12, '0')}`;
  return {
    resource: o.resource ?? '/{proxy+}',
    path: o.path,
    httpMethod: o.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: singleQuery,
    multiValueQueryStringParameters: multiQuery,
    pathParameters: o.pathParameters ?? { proxy: o.path.replace(/^\//, '') },
    stageVariables: null,
    body: o.body === undefined ? null : o.base64 ? Buffer.from(o.body).toString('base64') : o.body,
    isBase64Encoded: o.base64 ?? false,
    requestContext: {
      accountId: ACCOUNT,
      apiId: API_ID,
      authorizer: o.authorizer === undefined ? null : o.authorizer,
      protocol: 'HTTP/1.1',
      httpMethod: o.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '198.51.100.7',
        user: null,
        userAgent: 'vitest',
        userArn: null,
      },
      path: `/${STAGE}${o.path}`,
      stage: STAGE,
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'abcdef',
      resourcePath: o.resource ?? '/{proxy+}',
    },
  };
}

export function authorizerEvent(method: string, path: string, headers: Record<string, string>): APIGatewayRequestAuthorizerEvent {
  const base = proxyEvent({ method, path, headers });
  return {
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API_ID}/${STAGE}/${method}${path}`,
    resource: base.resource,
    path,
    httpMethod: method,
    headers: base.headers as Record<string, string>,
    multiValueHeaders: base.multiValueHeaders as Record<string, string[]>,
    queryStringParameters: {},
    multiValueQueryStringParameters: {},
    pathParameters: base.pathParameters as Record<string, string>,
    stageVariables: {},
    requestContext: base.requestContext,
  } as APIGatewayRequestAuthorizerEvent;
}

export const WHOLE_API_ARN = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API_ID}/${STAGE}/*`;

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'bmcp-graphql',
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:bmcp-graphql`,
    memoryLimitInMB: '512',
    awsRequestId: 'f1e2d3c4-0000-4000-8000-000000000000',
    logGroupName: '/aws/lambda/bmcp-graphql',
    logStreamName: '2025/01/01/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 25_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
