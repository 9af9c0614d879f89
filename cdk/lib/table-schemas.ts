// The tables the CDK app creates, as data. The adapters' own definitions
// (lambdas/adapters/dynamodb/tables.ts) are the source of truth for keys and
// indexes; this module is where the app reads them, so that a key renamed there
// is renamed here.

export type KeyType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

export interface IndexSchema {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableSchema {
  /** Logical name; the deployed table is `bmc-control-plane-<stage>-<name>`. */
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalIndexes: readonly IndexSchema[];
  /** Attribute holding an epoch-seconds expiry; absent = items live until deleted. */
  readonly ttlAttribute?: string;
  /** Environment variable that gives the table name to the functions. */
  readonly environmentVariable: string;
  /** Append-only record that must outlive any stack deletion (the audit log). */
  readonly appendOnly: boolean;
  /** Point-in-time recovery, as the adapters' definition asks (every table today). */
  readonly pointInTimeRecovery: boolean;
}
