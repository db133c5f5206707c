import argon2 from 'argon2';

/**
 * What a stored secret is, which sets its Argon2id cost (docs/decisions.md, "PIN hashing"):
 * - `password`: OWASP's minimum (m=19 MiB, t=2): slow enough for an attacker, quick enough for a
 *   desk. A password has room for entropy, so the cost is what protects it.
 * - `pin`: 4–6 digits, at most 10^6 values: no cost a machine can pay per message makes a full
 *   search of those expensive for someone holding the database, so the PIN is protected by the
 *   online lockout (src/platform/auth/attempts.ts) and the database not leaking. Its hash stays
 *   Argon2id (salted, one format) at a cost measured at ~2 ms per verification, so a self-check
 *   machine's patron session does not spend a core on it.
 */
export type SecretUse = 'password' | 'pin';

const ARGON2_OPTIONS = {
  password: { type: argon2.argon2id as 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  pin: { type: argon2.argon2id as 2, memoryCost: 2_048, timeCost: 2, parallelism: 1 },
} as const satisfies Record<SecretUse, argon2.HashOptions>;

export function hashSecret(secret: string, use: SecretUse = 'password'): Promise<string> {
  return argon2.hash(secret, ARGON2_OPTIONS[use]);
}

/** A PIN's hash, at the PIN's cost. */
export function hashPin(pin: string): Promise<string> {
  return hashSecret(pin, 'pin');
}

/**
 * Whether a stored hash was made with other settings than this use's current ones (a PIN hashed
 * at the password's cost before the PIN settings existed): after a successful verification it
 * is hashed again (src/platform/auth/attempts.ts).
 */
export function needsRehash(hash: string, use: SecretUse): boolean {
  const { memoryCost, timeCost, parallelism } = ARGON2_OPTIONS[use];
  try {
    return argon2.needsRehash(hash, { memoryCost, timeCost, parallelism });
  } catch {
    return false;
  }
}

const dummyHashes: Partial<Record<SecretUse, Promise<string>>> = {};

/**
 * Checks a password or PIN. Without a stored hash it still spends the time of one check at the
 * same use's settings, so an unknown card or user name cannot be told from a wrong password or
 * PIN by the answer's speed.
 */
export async function verifySecret(
  hash: string | null,
  secret: string,
  use: SecretUse = 'password',
): Promise<boolean> {
  if (hash === null) {
    dummyHashes[use] ??= hashSecret('library-one-no-such-account', use);
    await argon2.verify(await dummyHashes[use], secret).catch(() => false);
    return false;
  }
  return argon2.verify(hash, secret).catch(() => false);
}
