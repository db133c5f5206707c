import type { Kysely } from 'kysely';
import { type CheckoutFacts, checkoutRefusals } from '../../modules/circulation/domain.js';
import {
  type LendingLibrary,
  lendingLibrary,
  networkRules,
  type OpenLoan,
  openLoansOf,
  suspensionOf,
} from '../../modules/circulation/repository.js';
import { checkMemberSecret } from '../../modules/members/account.js';
import { presentCard, type ResolvedCard } from '../../modules/members/cards.js';
import { isCheckedInAt, type MemberRow } from '../../modules/members/repository.js';
import type { BusinessDate } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { Reason } from '../../platform/errors.js';
import { type AcsRequest, attempt } from './session.js';

/** An item that never stops a loan: what is left of the checkout rules is the member's side. */
const ALWAYS_LENDABLE: CheckoutFacts['item'] = { loanable: true, onLoan: false };

export interface Borrowing {
  /** Every reason the member may not borrow here today (empty: may borrow). */
  reasons: Reason[];
  checkedIn: boolean;
  openLoans: OpenLoan[];
  library: LendingLibrary;
  networkLoanLimit: number;
}

/**
 * Whether the member may borrow at the library today, by the checkout rules themselves
 * (`checkoutRefusals`) on the same facts a checkout gathers, with an item that is always
 * lendable: suspended, overdue anywhere, not checked in, pending, limits reached.
 */
export async function borrowingAt(
  db: Kysely<DB>,
  member: MemberRow,
  libraryId: number,
  today: BusinessDate,
): Promise<Borrowing> {
  const [library, checkedIn, openLoans, suspension, network] = await Promise.all([
    lendingLibrary(db, libraryId),
    isCheckedInAt(db, member.id, libraryId),
    openLoansOf(db, member.id),
    suspensionOf(db, member),
    networkRules(db),
  ]);
  const reasons = checkoutRefusals({
    today,
    memberStatus: member.status,
    library: { id: library.id, status: library.status, names: library.names, rules: library.rules },
    checkedIn,
    suspension,
    openLoans,
    networkLoanLimit: network.networkLoanLimit,
    item: ALWAYS_LENDABLE,
  });
  return { reasons, checkedIn, openLoans, library, networkLoanLimit: network.networkLoanLimit };
}

export type PinCheck =
  | { given: false; refusal?: Reason }
  | { given: true; valid: true }
  | { given: true; valid: false; reason: Reason };

/**
 * The PIN (AD), with the portal's lockout; an empty AD means none was given. Without one, a card
 * whose PIN is locked is refused on every path, and where the network's rule "machines require
 * the PIN" applies (`required`), so is the request.
 */
export async function checkPin(
  db: Kysely<DB>,
  member: MemberRow,
  pin: string | undefined,
  now: Date,
  required = false,
): Promise<PinCheck> {
  if (pin === undefined || pin === '') {
    const lockedUntil = member.sign_in_locked_until;
    if (lockedUntil && lockedUntil.getTime() > now.getTime()) {
      return {
        given: false,
        refusal: { code: 'SIGN_IN_LOCKED', params: { until: lockedUntil.toISOString() } },
      };
    }
    if (required && (await networkRules(db)).machinesRequirePin) {
      return { given: false, refusal: { code: 'PIN_REQUIRED' } };
    }
    return { given: false };
  }
  const checked = await attempt(() => checkMemberSecret(db, member, 'pin', pin, now));
  if (checked.ok) return { given: true, valid: true };
  return { given: true, valid: false, reason: checked.reasons[0]! };
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
  const pinCheck = await checkPin(acs.context.db, card.member, pin, acs.now, true);
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

/** What patron status (24), patron information (64) and patron enable (26) report. */
export async function patronStanding(
  acs: AcsRequest,
  cardNumber: string,
  pin: string | undefined,
  options: { pinRequired?: boolean } = {},
): Promise<PatronStanding> {
  const card = await checkPresentedCard(acs, cardNumber);
  if (!card.ok) return { card, pin: { given: false }, borrowing: null, refusals: card.reasons };
  const { db, clock } = acs.context;
  const pinCheck = await checkPin(db, card.member, pin, acs.now, options.pinRequired);
  const borrowing = await borrowingAt(db, card.member, acs.terminal.library.id, clock.today());
  const pinRefusal = !pinCheck.given && pinCheck.refusal ? [pinCheck.refusal] : [];
  return { card, pin: pinCheck, borrowing, refusals: [...pinRefusal, ...borrowing.reasons] };
}
