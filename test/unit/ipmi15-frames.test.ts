import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { ActivateSession } from '../../lambdas/ipmi/commands/app/activate-session.ts';
import { GetSessionChallenge } from '../../lambdas/ipmi/commands/app/get-session-challenge.ts';
import { v15AuthCode, v15PasswordKey } from '../../lambdas/ipmi/crypto/v15-auth-code.ts';
import { InvalidArgumentError, TruncatedError } from '../../lambdas/ipmi/errors.ts';
import { decodeV15, encodeV15 } from '../../lambdas/ipmi/rmcp/session-frame.ts';

const key = v15PasswordKey(new TextEncoder().encode('secret'));
// A Get Channel Authentication Capabilities request message (13.8): rsAddr 20h, NetFn 06h, rqSeq 1.
const message = fromHex('2018c88104017a');

describe('IPMI v1.5 AuthCode (22.17, AuthCode algorithms)', () => {
  it('MD5 hashes password, session ID, message, sequence number and password, LSB first', () => {
    // Computed independently: python3 hashlib.md5(key + pack('<I', 0x11223344) + msg + pack('<I', 5) + key).
    const code = v15AuthCode({ authType: 0x02, key, sessionId: 0x11223344, sequence: 5, message });
    expect(toHex(code!)).toBe('5a26b76d227b56545aed452e060b7356');
  });

  it('straight password is the password padded to 16 bytes; NONE has no AuthCode', () => {
    expect(toHex(v15AuthCode({ authType: 0x04, key, sessionId: 1, sequence: 1, message })!)).toBe('73656372657400000000000000000000');
    expect(v15AuthCode({ authType: 0x00, key, sessionId: 1, sequence: 1, message })).toBeUndefined();
  });

  it('refuses passwords longer than 16 bytes and auth types it does not speak', () => {
    expect(() => v15PasswordKey(new Uint8Array(17))).toThrow(InvalidArgumentError);
    expect(() => v15AuthCode({ authType: 0x01, key, sessionId: 1, sequence: 1, message })).toThrow(InvalidArgumentError);
  });
});

describe('IPMI v1.5 session header (13.6)', () => {
  it('carries the AuthCode between session ID and message length unless the type is NONE', () => {
    const code = fromHex('00112233445566778899aabbccddeeff');
    const packet = encodeV15(0x01020304, 9, message, { type: 0x02, code });
    expect(toHex(packet)).toBe('0600ff07' + '02' + '09000000' + '04030201' + toHex(code) + '07' + toHex(message));
    expect(decodeV15(packet)).toEqual({ authType: 2, sequence: 9, sessionId: 0x01020304, authCode: code, message });
    const plain = encodeV15(0, 0, message);
    expect(toHex(plain)).toBe('0600ff07' + '00' + '00000000' + '00000000' + '07' + toHex(message));
    expect(decodeV15(plain).authCode).toHaveLength(0);
  });

  it('rejects a truncated AuthCode', () => {
    const packet = encodeV15(1, 1, message, { type: 0x02, code: new Uint8Array(16) });
    expect(() => decodeV15(packet.subarray(0, 20))).toThrow(TruncatedError);
  });
});

describe('v1.5 session commands', () => {
  it('Get Session Challenge (22.16) pads the user name to 16 bytes and decodes ID and challenge', () => {
    expect(toHex(GetSessionChallenge.encode({ authType: 2, username: new TextEncoder().encode('admin') }))).toBe('02' + '61646d696e' + '00'.repeat(11));
    const res = GetSessionChallenge.decode(fromHex('78563412' + 'ab'.repeat(16)));
    expect(res.temporarySessionId).toBe(0x12345678);
    expect(() => GetSessionChallenge.decode(new Uint8Array(19))).toThrow(TruncatedError);
  });

  it('Activate Session (22.17) sends the challenge and our initial outbound sequence number', () => {
    const req = ActivateSession.encode({ authType: 2, maxPrivilege: 4, challenge: new Uint8Array(16).fill(0xcd), initialOutboundSequence: 0x01020304 });
    expect(toHex(req)).toBe('0204' + 'cd'.repeat(16) + '04030201');
    expect(ActivateSession.decode(fromHex('02' + '44332211' + '08070605' + '04'))).toEqual({ authType: 2, sessionId: 0x11223344, initialInboundSequence: 0x05060708, maxPrivilege: 4 });
  });
});
