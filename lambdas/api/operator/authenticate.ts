/**
 * Who may call the operator endpoint: never a tenant key. Locally, the holder of the operator
 * secret `npm start` writes (0600) into its data folder; in AWS, an IAM identity that API Gateway
 * authorized (SigV4) on the IAM-only operator route, which sets `iamCaller` from its request
 * context (clients cannot).
 */
import { timingSafeEqual } from 'node:crypto';
import { unauthenticated } from '../../core/errors.ts';
import type { OperatorCaller } from '../../core/tenants/operator-service.ts';
import type { ApiRequest } from '../http/types.ts';

/** The operator, undefined when the request carries no operator credentials at all. */
export type OperatorAuthenticator = (request: ApiRequest) => OperatorCaller | undefined;

export const OPERATOR_SECRET_HEADER = 'x-operator-secret';

export function localOperatorAuthenticator(secret: string): OperatorAuthenticator {
  const expected = Buffer.from(secret, 'utf8');
  return (request) => {
    const presented = request.headers[OPERATOR_SECRET_HEADER];
    if (presented === undefined) return undefined;
    const given = Buffer.from(presented, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unauthenticated('wrong operator secret');
    return { actor: 'local:operator', requestId: request.requestId, source: request.source };
  };
}

export function iamOperatorAuthenticator(): OperatorAuthenticator {
  return (request) => (request.iamCaller ? { actor: `iam:${request.iamCaller}`, requestId: request.requestId, source: request.source } : undefined);
}
