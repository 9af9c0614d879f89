/**
 * RMCP+ algorithms and cipher suites, IPMI v2.0 section 13.28 and Table 22-20.
 * Only the suites the library supports are listed; RC4 suites (4, 5, 9, 10, 13, 14) are not.
 */

/** Authentication algorithm numbers, Table 13-17. */
export const AuthAlgorithm = { none: 0x00, hmacSha1: 0x01, hmacMd5: 0x02, hmacSha256: 0x03 } as const;
export type AuthAlgorithm = (typeof AuthAlgorithm)[keyof typeof AuthAlgorithm];

/** Integrity algorithm numbers, Table 13-18. */
export const IntegrityAlgorithm = { none: 0x00, hmacSha1_96: 0x01, hmacMd5_128: 0x02, md5_128: 0x03, hmacSha256_128: 0x04 } as const;
export type IntegrityAlgorithm = (typeof IntegrityAlgorithm)[keyof typeof IntegrityAlgorithm];

/** Confidentiality algorithm numbers, Table 13-19. */
export const ConfidentialityAlgorithm = { none: 0x00, aesCbc128: 0x01 } as const;
export type ConfidentialityAlgorithm = (typeof ConfidentialityAlgorithm)[keyof typeof ConfidentialityAlgorithm];

export interface CipherSuite {
  readonly id: number;
  readonly auth: AuthAlgorithm;
  readonly integrity: IntegrityAlgorithm;
  readonly confidentiality: ConfidentialityAlgorithm;
}

const A = AuthAlgorithm;
const I = IntegrityAlgorithm;
const C = ConfidentialityAlgorithm;

const SUITES: readonly CipherSuite[] = [
  { id: 0, auth: A.none, integrity: I.none, confidentiality: C.none },
  { id: 1, auth: A.hmacSha1, integrity: I.none, confidentiality: C.none },
  { id: 2, auth: A.hmacSha1, integrity: I.hmacSha1_96, confidentiality: C.none },
  { id: 3, auth: A.hmacSha1, integrity: I.hmacSha1_96, confidentiality: C.aesCbc128 },
  { id: 6, auth: A.hmacMd5, integrity: I.none, confidentiality: C.none },
  { id: 7, auth: A.hmacMd5, integrity: I.hmacMd5_128, confidentiality: C.none },
  { id: 8, auth: A.hmacMd5, integrity: I.hmacMd5_128, confidentiality: C.aesCbc128 },
  { id: 11, auth: A.hmacMd5, integrity: I.md5_128, confidentiality: C.none },
  { id: 12, auth: A.hmacMd5, integrity: I.md5_128, confidentiality: C.aesCbc128 },
  { id: 15, auth: A.hmacSha256, integrity: I.none, confidentiality: C.none },
  { id: 16, auth: A.hmacSha256, integrity: I.hmacSha256_128, confidentiality: C.none },
  { id: 17, auth: A.hmacSha256, integrity: I.hmacSha256_128, confidentiality: C.aesCbc128 },
];

const BY_ID = new Map(SUITES.map((s) => [s.id, s]));

export const SUPPORTED_CIPHER_SUITES: readonly number[] = SUITES.map((s) => s.id);

/**
 * Order tried when the caller names no suite: the strongest first (17, then 3), then the
 * rest from strong to weak. Suites without integrity or authentication come last.
 */
export const NEGOTIATION_ORDER: readonly number[] = [17, 3, 16, 2, 8, 7, 12, 11, 15, 1, 6, 0];

export function cipherSuite(id: number): CipherSuite | undefined {
  return BY_ID.get(id);
}

/** The suite whose three algorithms match, if supported. */
export function suiteFor(auth: number, integrity: number, confidentiality: number): CipherSuite | undefined {
  return SUITES.find((s) => s.auth === auth && s.integrity === integrity && s.confidentiality === confidentiality);
}
