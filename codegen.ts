/**
 * GraphQL Code Generator: TypeScript types and resolver signatures from the SDL in schema/,
 * plus the SDL itself as a module (so bundled Lambdas need no .graphql files at run time).
 * Run with `npx graphql-codegen --config codegen.ts`; the output in lambdas/api/generated/ is
 * committed and checked for drift.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { enumValues } from './lambdas/api/graphql/enum-values.ts';

const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'lambdas/api/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        enumValues,
        strictScalars: true,
        scalars: { DateTime: 'string', JSONObject: 'Readonly<Record<string, unknown>>' },
        contextType: '../graphql/context.ts#GraphQLContext',
        mappers: {
          Bmc: '../graphql/models.ts#BmcModel',
          ApiKey: '../graphql/models.ts#ApiKeyModel',
          AuditEvent: '../graphql/models.ts#AuditEventModel',
          Principal: '../graphql/models.ts#PrincipalModel',
          FleetPowerStatusResult: '../graphql/models.ts#FleetResultModel',
          FleetSensorsResult: '../graphql/models.ts#FleetResultModel',
          Job: '../graphql/models.ts#JobModel',
          JobTask: '../graphql/models.ts#JobTaskModel',
          Event: '../graphql/models.ts#EventModel',
          BmcHealthChange: '../graphql/models.ts#BmcHealthChangeModel',
        },
        maybeValue: 'T | null',
        inputMaybeValue: 'T | null | undefined',
        optionalResolveType: false,
        immutableTypes: true,
      },
    },
    'lambdas/api/generated/type-defs.ts': {
      plugins: ['./lambdas/api/codegen/type-defs-plugin.cjs'],
    },
  },
};

export default config;
