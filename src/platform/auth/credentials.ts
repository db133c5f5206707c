import { AppError } from '../errors.js';
import { afterFailedAttempt, isLocked, type LockState, UNLOCKED } from './lockout.js';
import { verifySecret } from './secrets.js';

export type CredentialCheck =
  | { ok: true; state: LockState }
  | { ok: false; state: LockState; error: AppError };

/**
 * Checks a password or PIN against an account's lock state. A locked account is refused without
 * looking at the secret; the fifth wrong try locks it. The caller stores `state`.
 */
export async function checkCredential(
  state: LockState,
  hash: string | null,
  secret: string,
  now: Date,
): Promise<CredentialCheck> {
  if (isLocked(state, now)) {
    return { ok: false, state, error: lockedError(state.lockedUntil!) };
  }
  if (await verifySecret(hash, secret)) return { ok: true, state: UNLOCKED };
  const next = afterFailedAttempt(state, now);
  const error = next.lockedUntil
    ? lockedError(next.lockedUntil)
    : new AppError('INVALID_CREDENTIALS');
  return { ok: false, state: next, error };
}

function lockedError(until: Date): AppError {
  return new AppError('SIGN_IN_LOCKED', { until: until.toISOString() });
}
