/**
 * Failed secrets counted by a key that is not an account (a source address), shared by every
 * service process: the same reservation as an account's lockout (src/platform/auth/attempts.ts).
 */
export const statements = [
  `create table sign_in_throttles (
    key text primary key,
    failed_sign_ins integer not null default 0,
    sign_in_locked_until timestamptz
  )`,
];
