import { describe, expect, it } from 'vitest';
import { toHex } from '../../lambdas/ipmi/codec/bytes.ts';
import { GetUserAccess, GetUserName, SetUserPassword } from '../../lambdas/ipmi/commands/app/user-accounts.ts';
import { InvalidArgumentError, TruncatedError } from '../../lambdas/ipmi/errors.ts';

describe('user account commands (IPMI v2.0 22.27-22.30)', () => {
  it('Get User Access asks for a channel and user id and reads the id counts and the user\'s access (Table 22-31)', () => {
    expect(toHex(GetUserAccess.encode({ channel: 0x0e, userId: 2 }))).toBe('0e02');
    expect(GetUserAccess.decode(Uint8Array.from([0x0a, 0x43, 0x01, 0x14]))).toEqual({
      maxUserIds: 10,
      // 43h: enable status 01b (enabled), 3 ids enabled; 01h: one fixed name; 14h: IPMI messaging, admin (4).
      enableStatus: 'enabled',
      enabledUserIds: 3,
      fixedNameUserIds: 1,
      callbackOnly: false,
      linkAuth: false,
      ipmiMessaging: true,
      privilegeLimit: 4,
    });
    expect(() => GetUserAccess.decode(Uint8Array.from([0x0a]))).toThrow(TruncatedError);
  });

  it('Get User Name returns the NUL-padded name', () => {
    const name = new Uint8Array(16);
    name.set(new TextEncoder().encode('admin'));
    expect(GetUserName.decode(name)).toBe('admin');
    expect(() => GetUserName.decode(name.subarray(0, 15))).toThrow(TruncatedError);
  });

  it('Set User Password uses the 16-byte form up to 16 bytes and the 20-byte form (bit 7) above', () => {
    const short = SetUserPassword.encode({ userId: 3, password: 'secret' });
    expect(short.length).toBe(18);
    expect(toHex(short.subarray(0, 2))).toBe('0302'); // user 3, operation 10b = set password
    expect(toHex(short.subarray(2, 8))).toBe(toHex(new TextEncoder().encode('secret')));
    const long = SetUserPassword.encode({ userId: 3, password: 'a'.repeat(20) });
    expect(long.length).toBe(22);
    expect(long[0]).toBe(0x83);
    expect(() => SetUserPassword.encode({ userId: 3, password: 'a'.repeat(21) })).toThrow(InvalidArgumentError);
    expect(() => SetUserPassword.encode({ userId: 3, password: '' })).toThrow(InvalidArgumentError);
  });
});
