/** Repeated wrong passwords or PINs lock the sign-in for a while (rules.md Membership 5). */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 10;

export interface LockState {
  failedSignIns: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more wrong attempt: the fifth locks, and the count starts again. */
export function afterFailedAttempt(state: LockState, now: Date): LockState {
  const failed =
    (isLocked(state, now) ? state.failedSignIns : state.lockedUntil ? 0 : state.failedSignIns) + 1;
  if (failed >= MAX_FAILED_SIGN_INS) {
    return { failedSignIns: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) };
  }
  return { failedSignIns: failed, lockedUntil: null };
}

export const UNLOCKED: LockState = { failedSignIns: 0, lockedUntil: null };
