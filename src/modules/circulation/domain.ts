import { type BusinessDate, businessDateOf } from '../../platform/clock.js';
import { addDays, compareDates, daysBetween, maxDate } from '../../platform/dates.js';
import type { MemberStatus } from '../../platform/db/schema.js';
import type { Reason } from '../../platform/errors.js';
import { formatBusinessDate } from '../../platform/i18n/messages.js';
import {
  type LibraryCalendar,
  type LibraryStatus,
  type LoanRules,
  type NetworkRules,
  nextOpenDay,
} from '../libraries/index.js';
import { isValidCardNumber, normalizeCardNumber } from '../members/index.js';

/** The rules of rules.md "Loans" as pure functions of data and a business date. */

/** Due = loan day + the loan period, moved to the lending library's next open day. */
export function dueDateFor(
  loanDay: BusinessDate,
  rules: Pick<LoanRules, 'loanPeriodDays'>,
  calendar: LibraryCalendar,
): BusinessDate {
  return nextOpenDay(calendar, addDays(loanDay, rules.loanPeriodDays));
}

/** A renewal adds the renewal days to the current due date, then moves to an open day. */
export function renewedDueDate(
  currentDue: BusinessDate,
  rules: Pick<LoanRules, 'renewalDays'>,
  calendar: LibraryCalendar,
): BusinessDate {
  return nextOpenDay(calendar, addDays(currentDue, rules.renewalDays));
}

/** Overdue from the day after the due date. */
export function isOverdue(dueDate: BusinessDate, today: BusinessDate): boolean {
  return compareDates(today, dueDate) > 0;
}

/** Calendar days from the due date to the return day (0 when on time). */
export function daysLate(dueDate: BusinessDate, returnDay: BusinessDate): number {
  return Math.max(0, daysBetween(dueDate, returnDay));
}

/** The last day of a suspension, or null: no borrowing anywhere through that day. */
export type SuspendedUntil = BusinessDate | null;

export function isSuspendedOn(until: SuspendedUntil, day: BusinessDate): boolean {
  return until !== null && compareDates(day, until) <= 0;
}

/** The first day the member may borrow again. */
export function resumesOn(until: BusinessDate): BusinessDate {
  return addDays(until, 1);
}

/**
 * The suspension after a return `late` days late on `returnDay`: it starts that day and lasts
 * `late` days (3 days late on the 10th → suspended 10th–12th). With a suspension still running,
 * `longest` keeps the later end and `cumulative` adds the days; an optional cap bounds it.
 */
export function suspensionAfterReturn(
  current: SuspendedUntil,
  returnDay: BusinessDate,
  late: number,
  rules: Pick<NetworkRules, 'suspensionMode' | 'maxSuspensionDays'>,
): SuspendedUntil {
  if (late <= 0) return current;
  const running = isSuspendedOn(current, returnDay) ? current : null;
  const own = addDays(returnDay, late - 1);
  let until: BusinessDate;
  if (running === null) until = own;
  else if (rules.suspensionMode === 'longest') until = maxDate(running, own);
  else until = addDays(running, late);
  if (rules.maxSuspensionDays !== null) {
    const cap = addDays(returnDay, rules.maxSuspensionDays - 1);
    if (compareDates(until, cap) > 0) until = maxDate(cap, running ?? cap);
  }
  return until;
}

/**
 * The day a return stored by a machine while it was offline (SIP2 09 with no block) counts from:
 * the day the copy went into the machine, not the day the machine sent it — a machine's clock
 * ahead of ours counts as today. A copy that went in before this loan was made was returned on an
 * earlier loan (checked in at a desk and lent again since): null, this loan is not returned.
 */
export function storedReturnDay(
  storedAt: Date,
  loan: { loanedAt: Date },
  today: BusinessDate,
): BusinessDate | null {
  if (storedAt.getTime() < loan.loanedAt.getTime()) return null;
  const day = businessDateOf(storedAt);
  return compareDates(day, today) > 0 ? today : day;
}

export interface LibraryNames {
  library: string;
  libraryEn: string;
}

export interface OpenLoanFact {
  libraryId: number;
  /** The library whose limit it counts toward (an inter-library loan's pickup library). */
  countsAt?: number;
  names: LibraryNames;
  dueDate: BusinessDate;
}

/** The library whose limit an open loan counts toward (an inter-library loan's pickup library). */
export function libraryCountedAt(loan: Pick<OpenLoanFact, 'libraryId' | 'countsAt'>): number {
  return loan.countsAt ?? loan.libraryId;
}

export interface CheckoutFacts {
  today: BusinessDate;
  memberStatus: MemberStatus;
  library: { id: number; status: LibraryStatus; names: LibraryNames; rules: LoanRules };
  checkedIn: boolean;
  suspension: {
    until: BusinessDate;
    cause: (LibraryNames & { daysLate: number; returnDay: BusinessDate }) | null;
  } | null;
  openLoans: OpenLoanFact[];
  networkLoanLimit: number;
  /**
   * `reserved`: the copy is reserved for an inter-library request; `heldForOther`: it is set
   * aside for another member's hold (rules.md "Holds").
   */
  item: { loanable: boolean; onLoan: boolean; reserved?: boolean; heldForOther?: boolean } | null;
}

/**
 * A barcode no copy here has. A member's card number scanned where an item goes (the card still
 * in the reader's hand) is said as that, so the desk or the reader scans the book instead.
 */
export function unknownItem(barcode: string): Reason {
  return isValidCardNumber(normalizeCardNumber(barcode))
    ? { code: 'ITEM_UNKNOWN', params: { scanned: 'card' } }
    : { code: 'ITEM_UNKNOWN' };
}

/** Every reason a checkout at this library is refused (rules.md "Borrowing"); empty means lend. */
export function checkoutRefusals(f: CheckoutFacts): Reason[] {
  const reasons: Reason[] = [];
  if (f.library.status !== 'participating')
    reasons.push({ code: 'LIBRARY_NOT_PARTICIPATING', params: { ...f.library.names } });
  if (f.memberStatus === 'pending') reasons.push({ code: 'MEMBER_PENDING' });
  if (f.memberStatus === 'withdrawn') reasons.push({ code: 'MEMBER_WITHDRAWN' });
  if (!f.checkedIn) reasons.push({ code: 'CHECK_IN_REQUIRED', params: { ...f.library.names } });
  reasons.push(...penaltyRefusals(f));
  const here = f.openLoans.filter((l) => libraryCountedAt(l) === f.library.id).length;
  if (here >= f.library.rules.loanLimit)
    reasons.push({ code: 'LIBRARY_LOAN_LIMIT', params: { limit: f.library.rules.loanLimit } });
  if (f.openLoans.length >= f.networkLoanLimit)
    reasons.push({ code: 'NETWORK_LOAN_LIMIT', params: { limit: f.networkLoanLimit } });
  if (f.item === null) reasons.push({ code: 'ITEM_UNKNOWN' });
  else if (!f.item.loanable) reasons.push({ code: 'ITEM_NOT_LOANABLE' });
  else if (f.item.onLoan) reasons.push({ code: 'ITEM_ON_LOAN' });
  else if (f.item.reserved || f.item.heldForOther) reasons.push({ code: 'ITEM_ON_HOLD' });
  return reasons;
}

/**
 * A running suspension (until when) and every overdue book (where, due when): they refuse a
 * checkout and a withdrawal alike.
 */
export function penaltyRefusals(
  f: Pick<CheckoutFacts, 'today' | 'suspension' | 'openLoans'>,
): Reason[] {
  const reasons: Reason[] = [];
  if (f.suspension && isSuspendedOn(f.suspension.until, f.today))
    reasons.push(suspendedReason(f.suspension));
  for (const loan of f.openLoans.filter((l) => isOverdue(l.dueDate, f.today))) {
    reasons.push({
      code: 'MEMBER_HAS_OVERDUE',
      params: { ...loan.names, libraryId: loan.libraryId, dueDate: loan.dueDate },
    });
  }
  return reasons;
}

export function suspendedReason(suspension: NonNullable<CheckoutFacts['suspension']>): Reason {
  const cause = suspension.cause;
  return {
    code: 'MEMBER_SUSPENDED',
    params: {
      until: suspension.until,
      resume: resumesOn(suspension.until),
      reason: cause
        ? `${cause.library}, ${cause.daysLate}일 늦은 반납, ${formatBusinessDate(cause.returnDay, 'ko')}`
        : '연체 반납',
      reasonEn: cause
        ? `returned ${cause.daysLate} days late to ${cause.libraryEn} on ${formatBusinessDate(cause.returnDay, 'en')}`
        : 'a late return',
      ...(cause
        ? {
            causeLibrary: cause.library,
            causeLibraryEn: cause.libraryEn,
            daysLate: cause.daysLate,
            returnDay: cause.returnDay,
          }
        : {}),
    },
  };
}

export interface RenewalFacts {
  today: BusinessDate;
  dueDate: BusinessDate;
  renewals: number;
  rules: Pick<LoanRules, 'maxRenewals' | 'onlineRenewal'>;
  online: boolean;
  suspension: NonNullable<CheckoutFacts['suspension']> | null;
  /** Members wait for the loan's title at its library (rules.md "Holds"). */
  held?: boolean;
}

/** Every reason a renewal is refused: overdue, renewals used up, suspended, or online where not allowed. */
export function renewalRefusals(f: RenewalFacts): Reason[] {
  const reasons: Reason[] = [];
  if (f.online && !f.rules.onlineRenewal) reasons.push({ code: 'RENEWAL_NOT_ONLINE' });
  if (isOverdue(f.dueDate, f.today)) reasons.push({ code: 'RENEWAL_OVERDUE' });
  if (f.renewals >= f.rules.maxRenewals) reasons.push({ code: 'RENEWAL_LIMIT' });
  if (f.suspension && isSuspendedOn(f.suspension.until, f.today))
    reasons.push(suspendedReason(f.suspension));
  if (f.held) reasons.push({ code: 'RENEWAL_HELD' });
  return reasons;
}
