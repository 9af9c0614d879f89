/**
 * What resolvers receive as parents for object types backed by domain objects (codegen
 * `mappers`): the domain types of lambdas/core, not the GraphQL shapes.
 */
import type { ApiKeyInfo, AuditEvent, Bmc, Principal } from '../../core/types.ts';
import type { FleetResult } from '../../core/services/fleet-service.ts';

export type BmcModel = Bmc;
export type ApiKeyModel = ApiKeyInfo;
export type AuditEventModel = AuditEvent;
export type PrincipalModel = Principal;
/** One BMC's entry of a fleet operation, as the core's FleetService returns it. */
export type FleetResultModel = FleetResult;
