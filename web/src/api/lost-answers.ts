/** How long the key of a write whose answer was lost is kept for sending that write again. */
export const LOST_ANSWER_KEEP_MS = 10 * 60_000;

/**
 * The Idempotency-Keys of writes whose answer was lost — no answer (the network failed), a 5xx
 * (the service restarting or failing) or 409 "the first request is still being processed" — by
 * intent: the same method, path and body. Sending the same write again (the retry button, the
 * same scan) reuses its key, so the server applies it once and answers as it answered the first
 * time; a fresh key would make it a new request (a second renewal, or "this member already has
 * it — return?" for a loan that was made). Any other answer ends the intent. A key is kept
 * `keepMs` after its last send: by then the world may have moved on, and the same write is a new
 * one.
 */
export class LostAnswers {
  readonly #kept = new Map<string, { key: string; sentAt: number }>();

  constructor(
    private readonly keepMs = LOST_ANSWER_KEEP_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key to send for `intent`: the one kept for it, else `fresh` (kept until answered). */
  keyFor(intent: string, fresh: string): string {
    const kept = this.#kept.get(intent);
    const key = kept && this.now() - kept.sentAt < this.keepMs ? kept.key : fresh;
    this.#kept.set(intent, { key, sentAt: this.now() });
    return key;
  }

  /** The write was answered (or not): a lost answer keeps its key, any other ends the intent. */
  settle(intent: string, key: string, lost: boolean): void {
    if (lost || this.#kept.get(intent)?.key !== key) return;
    this.#kept.delete(intent);
  }
}

/** Whether an answer says nothing of the write's fate, so that it must be sent again as it was. */
export function answerLost(status: number, reasons: { params?: Record<string, unknown> }[]) {
  // A 5xx keeps nothing with the key: the same key again runs the write, or says it was applied.
  if (status === 0 || status >= 500) return true;
  return status === 409 && reasons[0]?.params?.state === 'in-progress';
}
