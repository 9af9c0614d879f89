/** Per-request GraphQL context: who is calling, and the services that act for them. */
import type { Caller } from '../../core/types.ts';
import type { ApiServices } from '../services.ts';

export interface GraphQLContext {
  readonly caller: Caller;
  readonly services: ApiServices;
}
