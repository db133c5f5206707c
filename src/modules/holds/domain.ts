import type { BusinessDate } from '../../platform/clock.js';
import { addDays, compareDates } from '../../platform/dates.js';
import type { Reason } from '../../platform/errors.js';
import { type LibraryCalendar, nextOpenDay } from '../libraries/index.js';

/** The rules of rules.md "Holds (예약)" as pure functions of data and a business date. */

export interface HoldRules {
  /** Active holds per member at one library. */
  holdLimit: number;
  /** Members in line for a title at a library: this many per loanable copy there. */
  queuePerCopy: number;
  /** Days on which the library is open that a set-aside copy waits. */
  pickupDays: number;
  /** This many no-shows within `noShowWindowDays` ban new holds for `banDays`. */
  noShowLimit: number;
  noShowWindowDays: number;
  banDays: number;
}

export const NETWORK_HOLD_DEFAULTS: HoldRules = {
  holdLimit: 3,
  queuePerCopy: 3,
  pickupDays: 3,
  noShowLimit: 3,
  noShowWindowDays: 30,
  banDays: 30,
};

/** The network's rules, lowered where the library sets its own (a library may only lower them). */
export function effectiveHoldRules(
  network: HoldRules,
  library: {
    holdLimit: number | null;
    queuePerCopy: number | null;
    pickupDays: number | null;
  },
): HoldRules {
  const lower = (mine: number | null, theirs: number) =>
    mine === null ? theirs : Math.min(mine, theirs);
  return {
    ...network,
    holdLimit: lower(library.holdLimit, network.holdLimit),
    queuePerCopy: lower(library.queuePerCopy, network.queuePerCopy),
    pickupDays: lower(library.pickupDays, network.pickupDays),
  };
}

/**
 * The last day of a hold ban, or null: each no-show that is the `noShowLimit`-th within
 * `noShowWindowDays` (counting itself) bans new holds from that day for `banDays` days.
 */
export function holdBanUntil(
  noShowDays: readonly BusinessDate[],
  rules: Pick<HoldRules, 'noShowLimit' | 'noShowWindowDays' | 'banDays'>,
): BusinessDate | null {
  if (rules.banDays <= 0) return null;
  const days = [...noShowDays].sort();
  let until: BusinessDate | null = null;
  for (let i = rules.noShowLimit - 1; i < days.length; i++) {
    const day = days[i]!;
    const first = days[i - rules.noShowLimit + 1]!;
    if (compareDates(first, addDays(day, -(rules.noShowWindowDays - 1))) >= 0) {
      const end = addDays(day, rules.banDays - 1);
      if (until === null || compareDates(end, until) > 0) until = end;
    }
  }
  return until;
}

export function isHoldBanned(until: BusinessDate | null, today: BusinessDate): boolean {
  return until !== null && compareDates(today, until) <= 0;
}

/** Everything the rules need to decide a new hold. */
export interface PlaceHoldFacts {
  today: BusinessDate;
  rules: HoldRules;
  /**
   * The member's borrowing refusals at the library (card, status, participation, check-in,
   * suspension, overdue anywhere), as the checkout rules give them; loan limits are no refusal.
   */
  borrowingRefusals: Reason[];
  copies: {
    /** Copies of the title at the library. */
    total: number;
    /** Of those, loanable. */
    loanable: number;
    /** Loanable, not on loan and not set aside: on the shelf. */
    onShelf: number;
  };
  /** The member's active holds at this library (any title). */
  memberHoldsHere: number;
  alreadyHolding: boolean;
  alreadyBorrowing: boolean;
  /** Members waiting in this title's line at the library. */
  waiting: number;
  /** The days of the member's no-shows (any library). */
  noShowDays: readonly BusinessDate[];
}

/** Loan limits do not stop a hold: a limit reached does not even stop the pickup window. */
const NOT_A_HOLD_REFUSAL = new Set(['LIBRARY_LOAN_LIMIT', 'NETWORK_LOAN_LIMIT']);

/** Every reason a hold is refused (rules.md "Holds"); empty means place it. */
export function holdRefusals(f: PlaceHoldFacts): Reason[] {
  const reasons = f.borrowingRefusals.filter((r) => !NOT_A_HOLD_REFUSAL.has(r.code));
  const banUntil = holdBanUntil(f.noShowDays, f.rules);
  if (isHoldBanned(banUntil, f.today)) {
    reasons.push({
      code: 'HOLD_BANNED',
      params: { until: banUntil, resume: addDays(banUntil!, 1) },
    });
  }
  if (f.copies.total === 0) reasons.push({ code: 'ITEM_UNKNOWN' });
  else if (f.copies.loanable === 0) reasons.push({ code: 'ITEM_NOT_LOANABLE' });
  else if (f.copies.onShelf > 0) reasons.push({ code: 'HOLD_NOT_NEEDED' });
  if (f.alreadyHolding || f.alreadyBorrowing) reasons.push({ code: 'HOLD_DUPLICATE' });
  if (f.memberHoldsHere >= f.rules.holdLimit) {
    reasons.push({ code: 'HOLD_LIMIT', params: { limit: f.rules.holdLimit } });
  }
  const lineLimit = f.rules.queuePerCopy * f.copies.loanable;
  if (f.copies.loanable > 0 && f.waiting >= lineLimit) {
    reasons.push({ code: 'HOLD_QUEUE_FULL', params: { limit: lineLimit } });
  }
  return reasons;
}

/**
 * The last day a copy set aside on `trapDay` waits: the `pickupDays`-th day after it on which the
 * library is open (the day it is set aside does not count: it may come back at closing time).
 */
export function pickupUntil(
  trapDay: BusinessDate,
  pickupDays: number,
  calendar: LibraryCalendar,
): BusinessDate {
  let day = trapDay;
  for (let n = 0; n < pickupDays; n++) day = nextOpenDay(calendar, addDays(day, 1));
  return day;
}

/** A set-aside copy whose last pickup day has passed goes to the next in line (a no-show). */
export function isPickupOver(until: BusinessDate, today: BusinessDate): boolean {
  return compareDates(today, until) > 0;
}

/** A name shown at a desk for a copy set aside: 홍길동 → 홍*동, 김철 → 김*, Kim Minsu → K*******u. */
export function maskName(name: string | null): string {
  const chars = [...(name ?? '').trim()];
  if (chars.length === 0) return '*';
  if (chars.length <= 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
