/** Recognises DynamoDB's conditional-write refusal across the SDK and emulators. */
export function isConditionalCheckFailed(e: unknown): boolean {
  return e instanceof Error && (e.name === 'ConditionalCheckFailedException' || e.name === 'TransactionCanceledException');
}

/** Composite keys join with '#'; a tenant id holding one could reach into another partition. */
export function assertKeyPart(what: string, value: string): string {
  if (value.length === 0 || value.includes('#')) throw new Error(`${what} must be non-empty and must not contain '#'`);
  return value;
}
