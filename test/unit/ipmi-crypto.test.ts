import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { aesDecryptPayload, aesEncryptPayload } from '../../lambdas/ipmi/crypto/aes.ts';
import { AuthAlgorithm, IntegrityAlgorithm, cipherSuite, suiteFor } from '../../lambdas/ipmi/crypto/cipher-suites.ts';
import { integrityCode, passwordKey } from '../../lambdas/ipmi/crypto/hmac.ts';
import { deriveK1K2, rakp2AuthCode, rakp3AuthCode, rakp4Icv, sessionIntegrityKey, type RakpParams } from '../../lambdas/ipmi/crypto/rakp.ts';
import { MalformedError } from '../../lambdas/ipmi/errors.ts';
import { cbc } from '@noble/ciphers/aes.js';

/**
 * RAKP vectors captured from `ipmitool -I lanplus -C 3 -vvvv` opening a session with OpenIPMI's
 * ipmi_sim (user "admin", password "secret"): two independent implementations that agreed,
 * since the session opened. ipmitool prints every HMAC input and output at -vvvv.
 */
const ipmitoolSession: RakpParams = {
  auth: AuthAlgorithm.hmacSha1,
  consoleSessionId: 0xa0a2a3a4,
  bmcSessionId: 0x00000502,
  consoleRandom: fromHex('f9787326886c0f9f1a82b23006c6fda8'),
  bmcRandom: fromHex('e20aa2e18a6d7f74cdeb92c63036162d'),
  bmcGuid: fromHex('a123456789abcdefa123456789abcdef'),
  role: 0x14,
  username: new TextEncoder().encode('admin'),
};
const kuid = passwordKey(new TextEncoder().encode('secret'));

describe('RAKP key exchange (IPMI v2.0 13.20-13.32)', () => {
  it('RAKP 2 HMAC matches ipmitool (13.21)', () => {
    expect(toHex(rakp2AuthCode(ipmitoolSession, kuid))).toBe('1720db1569e2fc6eb1bf3c7056da724daf01f09f');
  });

  it('RAKP 3 HMAC matches ipmitool (13.22)', () => {
    expect(toHex(rakp3AuthCode(ipmitoolSession, kuid))).toBe('e1c7e05ea18fc4793ea69fb84bd12fd23b67000d');
  });

  it('SIK, K1 and K2 match ipmitool (13.31, 13.32)', () => {
    const sik = sessionIntegrityKey(ipmitoolSession, kuid);
    expect(toHex(sik)).toBe('96a3bc020dcf9ea1a1780a94af912b00394d5172');
    const { k1, k2 } = deriveK1K2(AuthAlgorithm.hmacSha1, sik);
    expect(toHex(k1)).toBe('a0dd9f02370ab5747974984d1ec1d10661a879fa');
    expect(toHex(k2)).toBe('4c38a46e33093f854fac0f00ad20cbda73b18ced');
  });

  it('RAKP 4 ICV is HMAC-SHA1-96 of Rm|SIDc|GUIDc under the SIK, as ipmi_sim computed it (13.23)', () => {
    const sik = sessionIntegrityKey(ipmitoolSession, kuid);
    expect(toHex(rakp4Icv(ipmitoolSession, sik))).toBe('9493b7b1eaa1bf2ee5d91aa7');
  });

  it('a different password or role byte changes the RAKP 2 HMAC', () => {
    const other = passwordKey(new TextEncoder().encode('secreT'));
    expect(toHex(rakp2AuthCode(ipmitoolSession, other))).not.toBe('1720db1569e2fc6eb1bf3c7056da724daf01f09f');
    expect(toHex(rakp2AuthCode({ ...ipmitoolSession, role: 0x04 }, kuid))).not.toBe('1720db1569e2fc6eb1bf3c7056da724daf01f09f');
  });

  it('HMAC-SHA256 and HMAC-MD5 suites produce full-length keys and truncated ICVs', () => {
    const p256 = { ...ipmitoolSession, auth: AuthAlgorithm.hmacSha256 };
    const sik = sessionIntegrityKey(p256, kuid);
    expect(sik.length).toBe(32);
    expect(rakp4Icv(p256, sik).length).toBe(16);
    expect(deriveK1K2(AuthAlgorithm.hmacSha256, sik).k1.length).toBe(32);
    const pmd5 = { ...ipmitoolSession, auth: AuthAlgorithm.hmacMd5 };
    expect(rakp2AuthCode(pmd5, kuid).length).toBe(16);
    expect(rakp4Icv(pmd5, sessionIntegrityKey(pmd5, kuid)).length).toBe(16);
  });

  it('RAKP-none derives the constant keys and empty codes', () => {
    const none = { ...ipmitoolSession, auth: AuthAlgorithm.none };
    expect(rakp2AuthCode(none, kuid).length).toBe(0);
    const { k1, k2 } = deriveK1K2(AuthAlgorithm.none, new Uint8Array(0));
    expect(toHex(k1)).toBe('01'.repeat(20));
    expect(toHex(k2)).toBe('02'.repeat(20));
  });
});

describe('cipher suites (Table 22-20)', () => {
  it('maps suite ids to algorithms and back', () => {
    expect(cipherSuite(3)).toMatchObject({ auth: 1, integrity: 1, confidentiality: 1 });
    expect(cipherSuite(17)).toMatchObject({ auth: 3, integrity: 4, confidentiality: 1 });
    expect(cipherSuite(12)).toMatchObject({ auth: 2, integrity: 3, confidentiality: 1 });
    expect(suiteFor(2, 2, 0)?.id).toBe(7);
    expect(cipherSuite(4)).toBeUndefined(); // RC4 suites are not supported
  });
});

describe('integrity AuthCodes (13.28.4)', () => {
  const data = fromHex('06c0020500000100000020000000');
  const k1 = fromHex('a0dd9f02370ab5747974984d1ec1d10661a879fa');
  it('truncates HMAC-SHA1 to 96 bits and SHA256/MD5 to 128 bits', () => {
    expect(integrityCode(IntegrityAlgorithm.hmacSha1_96, k1, new Uint8Array(), data).length).toBe(12);
    expect(integrityCode(IntegrityAlgorithm.hmacSha256_128, k1, new Uint8Array(), data).length).toBe(16);
    expect(integrityCode(IntegrityAlgorithm.hmacMd5_128, k1, new Uint8Array(), data).length).toBe(16);
    expect(integrityCode(IntegrityAlgorithm.none, k1, new Uint8Array(), data).length).toBe(0);
  });
  it('MD5-128 hashes the zero-padded password around the data, not K1', () => {
    const pw = new TextEncoder().encode('secret');
    const a = integrityCode(IntegrityAlgorithm.md5_128, k1, pw, data);
    const b = integrityCode(IntegrityAlgorithm.md5_128, new Uint8Array(20), pw, data);
    expect(toHex(a)).toBe(toHex(b));
    expect(toHex(integrityCode(IntegrityAlgorithm.md5_128, k1, new TextEncoder().encode('other'), data))).not.toBe(toHex(a));
  });
});

describe('AES-CBC-128 payloads (13.29)', () => {
  it('the cipher itself matches NIST SP 800-38A F.2.1 (CBC-AES128.Encrypt, first block)', () => {
    const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
    const iv = fromHex('000102030405060708090a0b0c0d0e0f');
    const pt = fromHex('6bc1bee22e409f96e93d7e117393172a');
    expect(toHex(cbc(key, iv, { disablePadding: true }).encrypt(pt))).toBe('7649abac8119b246cee98e9b12e9197d');
  });

  it('pads with 1, 2, 3, ... and a pad-length byte, and round-trips', () => {
    const k2 = fromHex('4c38a46e33093f854fac0f00ad20cbda73b18ced');
    const iv = fromHex('000102030405060708090a0b0c0d0e0f');
    const payload = fromHex('2018c88104013b');
    const enc = aesEncryptPayload(k2, payload, iv);
    expect(enc.length).toBe(32); // IV + one block
    const raw = cbc(k2.subarray(0, 16), iv, { disablePadding: true }).decrypt(enc.subarray(16));
    expect(toHex(raw)).toBe('2018c88104013b' + '0102030405060708' + '08');
    expect(toHex(aesDecryptPayload(k2, enc))).toBe(toHex(payload));
  });

  it('a 15-byte payload needs no pad bytes, only the pad length', () => {
    const k2 = new Uint8Array(20).fill(7);
    const enc = aesEncryptPayload(k2, new Uint8Array(15).fill(0xaa));
    expect(enc.length).toBe(32);
    expect(aesDecryptPayload(k2, enc)).toEqual(new Uint8Array(15).fill(0xaa));
  });

  it('every packet gets a fresh IV, also across refills of the IV pool', () => {
    const k2 = new Uint8Array(20).fill(9);
    const ivs = new Set<string>();
    for (let i = 0; i < 600; i++) ivs.add(toHex(aesEncryptPayload(k2, new Uint8Array(4)).subarray(0, 16)));
    expect(ivs.size).toBe(600);
  });

  it('rejects misaligned ciphertext and corrupt padding with MalformedError', () => {
    const k2 = new Uint8Array(20).fill(7);
    expect(() => aesDecryptPayload(k2, new Uint8Array(31))).toThrow(MalformedError);
    expect(() => aesDecryptPayload(k2, new Uint8Array(16))).toThrow(MalformedError);
    const enc = aesEncryptPayload(k2, fromHex('01020304'));
    enc[enc.length - 1] = enc[enc.length - 1]! ^ 0xff; // garbles the last block, so its pad bytes
    expect(() => aesDecryptPayload(k2, enc)).toThrow(MalformedError);
  });
});
