import argon2 from 'argon2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hashPin, hashSecret, needsRehash, verifySecret } from './secrets.js';

describe('secrets', () => {
  afterEach(() => vi.restoreAllMocks());

  it('hashes a PIN at the PIN settings and a password at the password settings', async () => {
    const pin = await hashPin('1234');
    const password = await hashSecret('a long password');
    expect(pin).toMatch(/^\$argon2id\$v=19\$m=2048,p=1,t=2\$/);
    expect(password).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifySecret(pin, '1234', 'pin')).toBe(true);
    expect(await verifySecret(pin, '1235', 'pin')).toBe(false);
    expect(needsRehash(pin, 'pin')).toBe(false);
    expect(needsRehash(await hashSecret('1234'), 'pin')).toBe(true);
    expect(needsRehash(password, 'password')).toBe(false);
    expect(needsRehash('not a hash', 'pin')).toBe(false);
  });

  it('spends an unknown card’s check at the settings of what was asked for', async () => {
    const verify = vi.spyOn(argon2, 'verify');
    expect(await verifySecret(null, '1234', 'pin')).toBe(false);
    expect(await verifySecret(null, 'a password', 'password')).toBe(false);
    expect(verify.mock.calls.map(([hash]) => hash.split('$')[3])).toEqual([
      'm=2048,p=1,t=2',
      'm=19456,p=1,t=2',
    ]);
  });
});
