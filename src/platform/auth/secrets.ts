import argon2 from 'argon2';

/** Argon2id with OWASP's minimum settings: slow enough for an attacker, quick enough for a desk. */
const ARGON2_OPTIONS = {
  type: argon2.argon2id as 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashSecret(secret: string): Promise<string> {
  return argon2.hash(secret, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password or PIN. Without a stored hash it still spends the time of one check, so an
 * unknown card or user name cannot be told from a wrong password by the answer's speed.
 */
export async function verifySecret(hash: string | null, secret: string): Promise<boolean> {
  if (hash === null) {
    dummyHash ??= hashSecret('library-one-no-such-account');
    await argon2.verify(await dummyHash, secret).catch(() => false);
    return false;
  }
  return argon2.verify(hash, secret).catch(() => false);
}
