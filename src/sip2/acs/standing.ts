import type { Kysely } from 'kysely';
import {
  deriveStanding,
  loadBorrowerStanding,
  networkRules,
  type Standing,
  type StandingLoan,
} from '../../modules/circulation/index.js';
import {
  checkMemberSecret,
  findCard,
  type MemberRow,
  presentCard,
  type ResolvedCard,
} from '../../modules/members/index.js';
import { LOCK_MINUTES, MAX_FAILED_SIGN_INS } from '../../platform/auth/lockout.js';
import type { BusinessDate } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, type Reason } from '../../platform/errors.js';
import type { PatronSession } from './patron-session.js';
import { type AcsRequest, attempt } from './session.js';

export interface Borrowing {
  /** Every reason the member may not borrow here today (empty: may borrow). */
  reasons: Reason[];
  checkedIn: boolean;
  openLoans: StandingLoan[];
  loansLeft: Standing['loansLeft'];
  libraryLoanLimit: number;
}

/**
 * Whether the member may borrow at the library today: the borrower's standing, loaded and
 * derived as a checkout does (one round trip, the same pure rules).
 */
export async function borrowingAt(
  db: Kysely<DB>,
  memberId: number,
  libraryId: number,
  today: BusinessDate,
): Promise<Borrowing> {
  const { standing: facts } = await loadBorrowerStanding(
    db,
    { memberId },
    { library: libraryId, today },
  );
  if (!facts?.library) throw new AppError('NOT_FOUND');
  const standing = deriveStanding(facts, today, { online: false });
  return {
    reasons: standing.refusals,
    checkedIn: facts.checkedIn,
    openLoans: facts.openLoans,
    loansLeft: standing.loansLeft,
    libraryLoanLimit: facts.library.rules.loanLimit,
  };
}

export type PinCheck =
  | { given: false; refusal?: Reason }
  | { given: true; valid: true }
  | { given: true; valid: false; reason: Reason };

/**
 * The PIN (AD), with the portal's lockout; an empty AD means none was given. Without one, a card
 * whose PIN is locked is refused on every path; the patron this machine's session verified is
 * taken as verified; otherwise, where the network's rule "machines require the PIN" applies
 * (`required`), the request is refused.
 */
export async function checkPin(
  db: Kysely<DB>,
  member: MemberRow,
  pin: string | undefined,
  now: Date,
  required = false,
  session?: { patron: PatronSession; cardNumber: string },
): Promise<PinCheck> {
  if (pin === undefined || pin === '') {
    const lockedUntil = member.sign_in_locked_until;
    if (lockedUntil && lockedUntil.getTime() > now.getTime()) {
      return {
        given: false,
        refusal: {
          code: 'SIGN_IN_LOCKED',
          params: { until: lockedUntil.toISOString(), account: 'member' },
        },
      };
    }
    // The patron this machine's session verified (the kiosk asked for the PIN once, at sign-in).
    if (session?.patron.covers(session.cardNumber, member, now))
      return { given: true, valid: true };
    if (required && (await networkRules(db)).machinesRequirePin) {
      return { given: false, refusal: noPinYet(member) ?? { code: 'PIN_REQUIRED' } };
    }
    return { given: false };
  }
  // No PIN chosen yet (a member who joined online): said so, and no wrong try counted.
  const none = noPinYet(member);
  if (none) return { given: true, valid: false, reason: none };
  // The same PIN again in this machine's patron session: verified already (see PatronSession).
  if (session?.patron.recognises(session.cardNumber, member, pin, now)) {
    return { given: true, valid: true };
  }
  const checked = await attempt(() => checkMemberSecret(db, member, 'pin', pin, now));
  if (checked.ok) {
    // The hash stored now: a PIN hashed again with the PIN's settings (attempts.ts) is the same PIN.
    session?.patron.remember(session.cardNumber, { ...member, pin_hash: checked.value }, pin, now);
    return { given: true, valid: true };
  }
  session?.patron.end();
  return { given: true, valid: false, reason: await pinReason(db, member, checked.reasons[0]!) };
}

/** The refusal of a PIN for a member who has not chosen one yet: where to choose it. */
function noPinYet(member: MemberRow): Reason | null {
  return member.pin_hash === null ? { code: 'PIN_REQUIRED', params: { pin: 'notSet' } } : null;
}

/**
 * A wrong PIN said as one (not "card number or password"), with how many more wrong ones lock
 * the card. The member is known here (the card was presented and found), so the count tells a
 * stranger nothing the machine has not said; the portal's sign-in does not say it.
 */
async function pinReason(db: Kysely<DB>, member: MemberRow, reason: Reason): Promise<Reason> {
  if (reason.code !== 'INVALID_CREDENTIALS') return reason;
  const row = await db
    .selectFrom('members')
    .select('failed_sign_ins')
    .where('id', '=', member.id)
    .executeTakeFirst();
  const left = Math.max(1, MAX_FAILED_SIGN_INS - (row?.failed_sign_ins ?? 0));
  return {
    code: 'INVALID_CREDENTIALS',
    params: { secret: 'pin', left, attempts: MAX_FAILED_SIGN_INS, minutes: LOCK_MINUTES },
  };
}

export type CardCheck = ({ ok: true } & ResolvedCard) | { ok: false; reasons: Reason[] };

/** The card as a key (lost, replaced, blocked cards refused; a lost card's use flagged). */
export async function checkPresentedCard(acs: AcsRequest, cardNumber: string): Promise<CardCheck> {
  const { context, terminal, now } = acs;
  const used = await attempt(() =>
    presentCard(context.db, terminal.actor, now, cardNumber, terminal.library.id),
  );
  return used.ok ? { ok: true, ...used.value } : used;
}

/**
 * The card, then the PIN when given: a refusal of either, or the member. Checkout, renewals and
 * patron requests all go through it, so a wrong PIN counts toward the lockout everywhere.
 */
export async function presentPatron(
  acs: AcsRequest,
  cardNumber: string,
  pin: string | undefined,
): Promise<{ ok: true; member: MemberRow; pin: PinCheck } | { ok: false; reasons: Reason[] }> {
  const card = await checkPresentedCard(acs, cardNumber);
  if (!card.ok) return card;
  const pinCheck = await checkPin(acs.context.db, card.member, pin, acs.now, true, {
    patron: acs.patron,
    cardNumber,
  });
  if (pinCheck.given && !pinCheck.valid) return { ok: false, reasons: [pinCheck.reason] };
  if (!pinCheck.given && pinCheck.refusal) return { ok: false, reasons: [pinCheck.refusal] };
  return { ok: true, member: card.member, pin: pinCheck };
}

export interface PatronStanding {
  card: CardCheck;
  pin: PinCheck;
  /** Null when the card was refused. */
  borrowing: Borrowing | null;
  /** The card's refusal, or every reason the member may not borrow here. */
  refusals: Reason[];
}

/**
 * A blocked card's PIN is still checked (and counted toward the lockout), so the machine can say
 * the PIN was right (CQ=Y) while the card is refused (BL=N): the person learns the block, not a
 * wrong PIN, is what stops them. Other refused cards (lost, replaced, unknown) answer no PIN check.
 */
async function blockedCardPin(
  acs: AcsRequest,
  card: Extract<CardCheck, { ok: false }>,
  cardNumber: string,
  pin: string | undefined,
): Promise<PinCheck> {
  const blocked = card.reasons.length === 1 && card.reasons[0]?.code === 'CARD_BLOCKED';
  if (!blocked || !pin) return { given: false };
  const { member } = await findCard(acs.context.db, cardNumber);
  return checkPin(acs.context.db, member, pin, acs.now);
}

/** What patron status (24), patron information (64) and patron enable (26) report. */
export async function patronStanding(
  acs: AcsRequest,
  cardNumber: string,
  pin: string | undefined,
  options: { pinRequired?: boolean } = {},
): Promise<PatronStanding> {
  const card = await checkPresentedCard(acs, cardNumber);
  if (!card.ok) {
    return {
      card,
      pin: await blockedCardPin(acs, card, cardNumber, pin),
      borrowing: null,
      refusals: card.reasons,
    };
  }
  const { db, clock } = acs.context;
  const pinCheck = await checkPin(db, card.member, pin, acs.now, options.pinRequired, {
    patron: acs.patron,
    cardNumber,
  });
  const borrowing = await borrowingAt(db, card.member.id, acs.terminal.library.id, clock.today());
  const pinRefusal = !pinCheck.given && pinCheck.refusal ? [pinCheck.refusal] : [];
  return { card, pin: pinCheck, borrowing, refusals: [...pinRefusal, ...borrowing.reasons] };
}
