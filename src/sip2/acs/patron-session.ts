import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import { normalizeCardNumber } from '../../modules/members/index.js';

/** A patron session with no message for this long is over: the next PIN is verified again. */
export const PATRON_SESSION_IDLE_MS = 5 * 60_000;

interface Verified {
  card: string;
  memberId: number;
  /** The stored PIN hash the PIN was verified against: a changed PIN ends the session. */
  pinHash: string | null;
  /** HMAC of the PIN under this connection's random key (the PIN itself is never kept). */
  digest: Buffer;
  lastUsed: number;
}

/**
 * One machine's patron session: the card whose PIN this connection verified (Argon2id, with the
 * lockout) and that PIN's keyed digest, so that the same PIN on the session's next messages (real
 * kiosks put AD on 23, 63 and every 11) is recognised without another Argon2id verification, and
 * the session's messages without a PIN (kiosks that ask for it once, at the patron's sign-in) are
 * the verified patron's. Another PIN, a locked card, a changed PIN, another card, 35 End Patron
 * Session, a new login (93) or PATRON_SESSION_IDLE_MS without a message end the session, and the
 * next PIN is verified (and counted toward the lockout) in full.
 */
export class PatronSession {
  // A KeyObject, made once: a raw key given to every createHmac is imported again each time
  // (four times the HMAC's cost on Node 24, a digest on every message that carries the PIN).
  readonly #key = createSecretKey(randomBytes(32));
  #verified: Verified | null = null;

  #digest(card: string, pin: string): Buffer {
    return createHmac('sha256', this.#key).update(card).update('\0').update(pin).digest();
  }

  /** A message about a card: another card than the session's ends it. */
  seen(cardNumber: string): void {
    if (this.#verified && this.#verified.card !== normalizeCardNumber(cardNumber)) this.end();
  }

  /** The session's verified patron, if it is this card's member, unlocked, with the same PIN. */
  #current(
    cardNumber: string,
    member: { id: number; pin_hash: string | null; sign_in_locked_until: Date | null },
    now: Date,
  ): Verified | null {
    const verified = this.#verified;
    if (!verified) return null;
    const locked = member.sign_in_locked_until !== null && member.sign_in_locked_until > now;
    if (
      locked ||
      now.getTime() - verified.lastUsed > PATRON_SESSION_IDLE_MS ||
      verified.card !== normalizeCardNumber(cardNumber) ||
      verified.memberId !== member.id ||
      verified.pinHash !== member.pin_hash
    ) {
      this.end();
      return null;
    }
    return verified;
  }

  /** Whether this PIN was verified for this card and member in the current session. */
  recognises(
    cardNumber: string,
    member: { id: number; pin_hash: string | null; sign_in_locked_until: Date | null },
    pin: string,
    now: Date,
  ): boolean {
    const verified = this.#current(cardNumber, member, now);
    if (!verified) return false;
    if (!timingSafeEqual(verified.digest, this.#digest(verified.card, pin))) {
      this.end();
      return false;
    }
    verified.lastUsed = now.getTime();
    return true;
  }

  /**
   * Whether a message without a PIN is about the patron this session verified: kiosks that ask
   * for the PIN once, at the patron's sign-in (63 or 23), send no AD on the 11s that follow.
   */
  covers(
    cardNumber: string,
    member: { id: number; pin_hash: string | null; sign_in_locked_until: Date | null },
    now: Date,
  ): boolean {
    const verified = this.#current(cardNumber, member, now);
    if (!verified) return false;
    verified.lastUsed = now.getTime();
    return true;
  }

  /** The PIN was just verified in full for this card. */
  remember(
    cardNumber: string,
    member: { id: number; pin_hash: string | null },
    pin: string,
    now: Date,
  ): void {
    const card = normalizeCardNumber(cardNumber);
    this.#verified = {
      card,
      memberId: member.id,
      pinHash: member.pin_hash,
      digest: this.#digest(card, pin),
      lastUsed: now.getTime(),
    };
  }

  end(): void {
    this.#verified = null;
  }
}
