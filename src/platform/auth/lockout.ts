/**
 * Repeated wrong passwords or PINs lock the sign-in for a while (rules.md Membership 5): the
 * fifth wrong try locks, and after the lock the count starts again. The database applies it, one
 * attempt at a time (src/platform/auth/attempts.ts).
 */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 10;
