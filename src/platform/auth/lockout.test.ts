import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, isLocked, LOCK_MINUTES, type LockState, UNLOCKED } from './lockout.js';

describe('sign-in lockout', () => {
  const now = new Date('2026-12-01T01:00:00Z');

  it('locks on the fifth wrong attempt for ten minutes', () => {
    let state: LockState = UNLOCKED;
    for (let i = 0; i < 4; i++) {
      state = afterFailedAttempt(state, now);
      expect(isLocked(state, now)).toBe(false);
    }
    state = afterFailedAttempt(state, now);
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, new Date(now.getTime() + (LOCK_MINUTES * 60_000 - 1)))).toBe(true);
    expect(isLocked(state, new Date(now.getTime() + LOCK_MINUTES * 60_000))).toBe(false);
  });

  it('starts counting again after the lock ends', () => {
    const locked: LockState = { failedSignIns: 0, lockedUntil: now };
    const later = new Date(now.getTime() + 1);
    expect(afterFailedAttempt(locked, later)).toEqual({ failedSignIns: 1, lockedUntil: null });
  });
});
