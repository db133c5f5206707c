/**
 * The 14-character patron status of SIP2 responses 24, 26 and 64, from our own refusal codes:
 * the same reasons that refuse a checkout (rules.md "Borrowing") set the flags. Pure.
 */
import type { ProblemCode, Reason } from '../platform/errors.js';
import { type PatronStatus, patronStatus } from './fields.js';

/** The card itself cannot be used (presentCard refuses it): the patron is not valid for the machine. */
const CARD_REFUSALS: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'CARD_NUMBER_INVALID',
  'CARD_UNKNOWN',
  'CARD_LOST',
  'CARD_REPLACED',
  'CARD_BLOCKED',
  'MEMBER_WITHDRAWN',
]);

/** What also refuses a renewal (rules.md "Renewing": suspended), besides an unusable card. */
const RENEWAL_REFUSALS: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  ...CARD_REFUSALS,
  'MEMBER_PENDING',
  'MEMBER_SUSPENDED',
  'SIGN_IN_LOCKED',
]);

export function isCardRefusal(reason: Reason): boolean {
  return CARD_REFUSALS.has(reason.code);
}

/**
 * Flags from the reasons the member may not borrow at this library (empty: may borrow).
 * Charge privileges are denied by any reason; renewals by a suspension, a locked PIN or an unusable card; the
 * card-lost flag by CARD_LOST; too many charged by a library or network limit; too many
 * overdue by an overdue loan anywhere. We have no holds or recalls: those flags follow the card.
 */
export function patronStatusFromRefusals(reasons: readonly Reason[]): PatronStatus {
  const codes = new Set(reasons.map((reason) => reason.code));
  const cardRefused = reasons.some(isCardRefusal);
  return patronStatus({
    chargePrivilegesDenied: reasons.length > 0,
    renewalPrivilegesDenied: reasons.some((reason) => RENEWAL_REFUSALS.has(reason.code)),
    recallPrivilegesDenied: cardRefused,
    holdPrivilegesDenied: cardRefused,
    cardReportedLost: codes.has('CARD_LOST'),
    tooManyItemsCharged: codes.has('LIBRARY_LOAN_LIMIT') || codes.has('NETWORK_LOAN_LIMIT'),
    tooManyItemsOverdue: codes.has('MEMBER_HAS_OVERDUE'),
  });
}
