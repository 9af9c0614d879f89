import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { AesCbc128, aesDecryptPayload, aesEncryptPayload } from '../../lambdas/ipmi/crypto/aes.ts';
import { AuthAlgorithm, IntegrityAlgorithm, cipherSuite, suiteFor } from '../../lambdas/ipmi/crypto/cipher-suites.ts';
import { integrityCode, passwordKey } from '../../lambdas/ipmi/crypto/hmac.ts';
import { IntegrityKey } from '../../lambdas/ipmi/crypto/integrity-key.ts';
import { createHash, createHmac, randomBytes } from 'node:crypto';
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

describe('IntegrityKey: AuthCodes with the key prepared once (13.28.4, RFC 2104)', () => {
  const hmacs = [
    [IntegrityAlgorithm.hmacSha1_96, 'sha1', 12],
    [IntegrityAlgorithm.hmacSha256_128, 'sha256', 16],
    [IntegrityAlgorithm.hmacMd5_128, 'md5', 16],
  ] as const;

  it.each(hmacs)('integrity %i equals node:crypto HMAC-%s truncated to %i bytes, for any key and data length, call after call', (alg, name, length) => {
    for (const keyLength of [0, 16, 20, 32, 64, 65, 100]) {
      const k1 = new Uint8Array(randomBytes(keyLength));
      const key = new IntegrityKey(alg, k1);
      for (const dataLength of [0, 1, 14, 63, 64, 65, 200, 1024, 2100, 5000, 3]) {
        const data = new Uint8Array(randomBytes(dataLength));
        const expected = createHmac(name, k1).update(data).digest().subarray(0, length);
        expect(toHex(key.code(data))).toBe(toHex(expected));
      }
    }
  });

  it('MD5-128 equals MD5(password20 | data | password20), and ignores K1', () => {
    const pw = new TextEncoder().encode('secret');
    const key = new IntegrityKey(IntegrityAlgorithm.md5_128, new Uint8Array(20).fill(1), pw);
    for (const dataLength of [0, 30, 3000, 10]) {
      const data = new Uint8Array(randomBytes(dataLength));
      const pw20 = passwordKey(pw);
      expect(toHex(key.code(data))).toBe(createHash('md5').update(pw20).update(data).update(pw20).digest('hex'));
    }
  });

  it('integrity none gives an empty code; wipe() makes later codes differ', () => {
    expect(new IntegrityKey(IntegrityAlgorithm.none, new Uint8Array(20)).code(new Uint8Array(9)).length).toBe(0);
    const k1 = new Uint8Array(randomBytes(20));
    const key = new IntegrityKey(IntegrityAlgorithm.hmacSha1_96, k1);
    const before = toHex(key.code(new Uint8Array(8)));
    key.wipe();
    expect(toHex(key.code(new Uint8Array(8)))).not.toBe(before);
  });
});

describe('AES-CBC-128 payloads (13.29)', () => {
  it('the cipher itself matches NIST SP 800-38A F.2.1 (CBC-AES128.Encrypt, first block)', () => {
    const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
    const iv = fromHex('000102030405060708090a0b0c0d0e0f');
    const pt = fromHex('6bc1bee22e409f96e93d7e117393172a');
    expect(toHex(cbc(key, iv, { disablePadding: true }).encrypt(pt))).toBe('7649abac8119b246cee98e9b12e9197d');
  });

  it('the session cipher (round keys expanded once) agrees with NIST SP 800-38A F.2.1/F.2.2 and with noble cbc on every block', () => {
    const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
    const iv = fromHex('000102030405060708090a0b0c0d0e0f');
    const pt =
      '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710';
    const ct =
      '7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7';
    const cipher = new AesCbc128(key);
    // 63 payload bytes + the pad-length byte (0): four blocks, written at an odd offset.
    const out = new Uint8Array(3 + 16 + 64);
    const written = cipher.encryptPayloadInto(fromHex(pt).subarray(0, 63), out, 3, iv);
    expect(written).toBe(80);
    expect(toHex(out.subarray(3, 19))).toBe(toHex(iv));
    // The first three blocks carry NIST's plaintext unchanged, so their ciphertext is NIST's;
    // the fourth ends in the pad-length byte 00 instead of NIST's 10, so compare it with the reference.
    expect(toHex(out.subarray(19, 19 + 48))).toBe(ct.slice(0, 96));
    const last = fromHex(pt);
    last[63] = 0;
    expect(toHex(out.subarray(19))).toBe(toHex(cbc(key, iv, { disablePadding: true }).encrypt(last)));
    // Decryption from an unaligned view undoes it.
    expect(toHex(cipher.decryptPayload(out.subarray(3)))).toBe(pt.slice(0, 126));
    // NIST F.2.2: the four ciphertext blocks decrypt to NIST's plaintext, which does not end in an IPMI pad.
    const nist = new Uint8Array(16 + 64);
    nist.set(iv);
    nist.set(fromHex(ct), 16);
    expect(() => cipher.decryptPayload(nist)).toThrow(/pad/);
    const padded = fromHex(pt);
    padded[63] = 0;
    const wire = new Uint8Array(80);
    wire.set(iv);
    wire.set(cbc(key, iv, { disablePadding: true }).encrypt(padded), 16);
    expect(toHex(cipher.decryptPayload(wire))).toBe(pt.slice(0, 126));
  });

  it('the session cipher refuses keys of the wrong type or length, and wipe() zeroes its round keys', () => {
    expect(() => new AesCbc128(new Uint8Array(15))).toThrow(RangeError);
    expect(() => new AesCbc128('0123456789abcdef' as unknown as Uint8Array)).toThrow(TypeError);
    const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
    const cipher = new AesCbc128(key);
    const before = aesEncryptPayload(fromHex('2b7e151628aed2a6abf7158809cf4f3c'), fromHex('01'), new Uint8Array(16));
    const out = new Uint8Array(32);
    cipher.encryptPayloadInto(fromHex('01'), out, 0, new Uint8Array(16));
    expect(toHex(out)).toBe(toHex(before));
    cipher.wipe();
    cipher.encryptPayloadInto(fromHex('01'), out, 0, new Uint8Array(16));
    expect(toHex(out)).not.toBe(toHex(before));
    expect(() => cipher.encryptPayloadInto(fromHex('01'), new Uint8Array(31), 0)).toThrow(RangeError);
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
