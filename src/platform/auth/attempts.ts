import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import { LOCK_MINUTES, MAX_FAILED_SIGN_INS } from './lockout.js';
import { hashSecret, needsRehash, type SecretUse, verifySecret } from './secrets.js';

/**
 * Every secret the service checks, and where its lock lives: the account row's
 * `failed_sign_ins` / `sign_in_locked_until`. A member's password and PIN share one lock.
 */
const SECRETS = {
  'member-password': {
    table: 'members',
    column: 'password_hash',
    hash: 'password_hash',
    use: 'password',
  },
  'member-pin': { table: 'members', column: 'pin_hash', hash: 'pin_hash', use: 'pin' },
  'staff-password': {
    table: 'staff',
    column: 'password_hash',
    hash: 'case when disabled then null else password_hash end',
    use: 'password',
  },
} as const satisfies Record<
  string,
  { table: string; column: string; hash: string; use: SecretUse }
>;

export type SecretKind = keyof typeof SECRETS;

export interface Lockout {
  maxAttempts: number;
  lockMinutes: number;
}

export const ACCOUNT_LOCKOUT: Lockout = {
  maxAttempts: MAX_FAILED_SIGN_INS,
  lockMinutes: LOCK_MINUTES,
};

/** A member's password and PIN lock together: their refusal says so (`account: 'member'`). */
function lockedError(until: Date, kind: SecretKind): AppError {
  return new AppError('SIGN_IN_LOCKED', {
    until: new Date(until).toISOString(),
    ...(SECRETS[kind].table === 'members' ? { account: 'member' } : {}),
  });
}

/**
 * The count after this attempt, as SQL over the row's old values: an expired lock starts the
 * count again. The SET expressions of one UPDATE all read the old row, hence a fragment.
 */
function nextCount(row: string) {
  return sql.raw(
    `case when ${row}.sign_in_locked_until is null then ${row}.failed_sign_ins + 1 else 1 end`,
  );
}

/**
 * Checks a secret with the account's lockout. The attempt is reserved in the database *before*
 * the secret is verified — one UPDATE that counts it and locks the account at the last allowed
 * attempt, and that matches no row while the account is locked — so parallel attempts cannot
 * all read the same count: at most `maxAttempts` verifications happen per lock period. Only a
 * right secret resets the count; in the same UPDATE, a hash made with older settings than its
 * use's (secrets.ts, needsRehash) is replaced by one made with the current settings — no round
 * trip more, and only after a right secret, so the lockout is the same either way. Answers the
 * hash stored after the check.
 */
export async function verifyAccountSecret(
  db: Kysely<DB>,
  kind: SecretKind,
  accountId: number | null,
  secret: string,
  now: Date,
  lockout: Lockout = ACCOUNT_LOCKOUT,
): Promise<string> {
  const { table, column, hash, use } = SECRETS[kind];
  if (accountId === null) {
    await verifySecret(null, secret, use);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const lockUntil = new Date(now.getTime() + lockout.lockMinutes * 60_000);
  const { rows } = await sql<{ hash: string | null; locked_until: Date | null }>`
    update ${sql.table(table)} as a set
      failed_sign_ins = ${nextCount('a')},
      sign_in_locked_until = case when ${nextCount('a')} >= ${lockout.maxAttempts}
        then ${lockUntil}::timestamptz else null end
    where id = ${accountId}
      and (sign_in_locked_until is null or sign_in_locked_until <= ${now}::timestamptz)
    returning ${sql.raw(hash)} as hash, sign_in_locked_until as locked_until`.execute(db);
  const reserved = rows[0];
  if (!reserved) {
    const lock = await sql<{ until: Date | null }>`
      select sign_in_locked_until as until from ${sql.table(table)} where id = ${accountId}`.execute(
      db,
    );
    const until = lock.rows[0]?.until;
    if (until) throw lockedError(until, kind);
    await verifySecret(null, secret, use);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const stored = reserved.hash;
  if (stored !== null && (await verifySecret(stored, secret, use))) {
    const fresh = needsRehash(stored, use) ? await hashSecret(secret, use) : null;
    // The new hash replaces only the one just verified: a PIN set meanwhile stays.
    const rehash = fresh
      ? sql`, ${sql.ref(column)} = case when ${sql.ref(column)} = ${stored}
          then ${fresh} else ${sql.ref(column)} end`
      : sql``;
    await sql`update ${sql.table(table)} set failed_sign_ins = 0, sign_in_locked_until = null
      ${rehash}
      where id = ${accountId}`.execute(db);
    return fresh ?? stored;
  }
  if (stored === null) await verifySecret(null, secret, use);
  if (reserved.locked_until) throw lockedError(reserved.locked_until, kind);
  throw new AppError('INVALID_CREDENTIALS');
}

/**
 * The current password typed to change a secret: when wrong, said as that (the person typed no
 * card number or username here), with the same lockout as a sign-in.
 */
export async function currentSecretChecked<T>(check: Promise<T>): Promise<T> {
  try {
    return await check;
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID_CREDENTIALS')
      throw new AppError('INVALID_CREDENTIALS', { secret: 'current' });
    throw error;
  }
}

/**
 * The same reservation for a key that is not an account — a source address: the throttle row is
 * created on the first attempt. Used where locking the account would let a stranger lock out its
 * owner (a self-check machine's login) and, with a looser limit, for every sign-in by address.
 */
export async function reserveThrottledAttempt(
  db: Kysely<DB>,
  key: string,
  now: Date,
  lockout: Lockout,
): Promise<void> {
  const lockUntil = new Date(now.getTime() + lockout.lockMinutes * 60_000);
  const first = lockout.maxAttempts <= 1 ? lockUntil : null;
  const { rows } = await sql<{ key: string }>`
    insert into sign_in_throttles as t (key, failed_sign_ins, sign_in_locked_until)
    values (${key}, 1, ${first}::timestamptz)
    on conflict (key) do update set
      failed_sign_ins = ${nextCount('t')},
      sign_in_locked_until = case when ${nextCount('t')} >= ${lockout.maxAttempts}
        then ${lockUntil}::timestamptz else null end
    where t.sign_in_locked_until is null or t.sign_in_locked_until <= ${now}::timestamptz
    returning key`.execute(db);
  if (rows.length === 0) throw new AppError('RATE_LIMITED');
}

/**
 * Counts one more event under the key in a fixed window that starts with the window's first
 * event (`sign_in_locked_until` is the window's end): one upsert, shared by every service process.
 * Returns the count so far in the window, this event included, and when the window ends.
 */
export async function countInWindow(
  db: Kysely<DB>,
  key: string,
  now: Date,
  windowMs: number,
): Promise<{ count: number; until: Date }> {
  const end = new Date(now.getTime() + windowMs);
  const { rows } = await sql<{ count: number; until: Date }>`
    insert into sign_in_throttles as t (key, failed_sign_ins, sign_in_locked_until)
    values (${key}, 1, ${end}::timestamptz)
    on conflict (key) do update set
      failed_sign_ins = case when t.sign_in_locked_until <= ${now}::timestamptz then 1
        else t.failed_sign_ins + 1 end,
      sign_in_locked_until = case when t.sign_in_locked_until <= ${now}::timestamptz
        then ${end}::timestamptz else t.sign_in_locked_until end
    returning failed_sign_ins as count, sign_in_locked_until as until`.execute(db);
  const row = rows[0]!;
  return { count: Number(row.count), until: new Date(row.until) };
}

/**
 * A right secret from this source gives its reservation back (the wrong ones stay counted), so
 * several machines behind one address logging in together do not throttle each other.
 */
export async function releaseThrottledAttempt(
  db: Kysely<DB>,
  key: string,
  lockout: Lockout,
): Promise<void> {
  await sql`update sign_in_throttles set
      failed_sign_ins = greatest(failed_sign_ins - 1, 0),
      sign_in_locked_until = case when failed_sign_ins - 1 < ${lockout.maxAttempts}
        then null else sign_in_locked_until end
    where key = ${key}`.execute(db);
}
