import type { BusinessDate } from '../../platform/clock.js';
import { addDays, type Weekday, weekdayOf } from '../../platform/dates.js';
import type { Reason } from '../../platform/errors.js';

export type LibraryStatus = 'participating' | 'planned';

/** A library's own loan rules (rules.md "Loans"); its admins edit them. */
export interface LoanRules {
  loanLimit: number;
  loanPeriodDays: number;
  maxRenewals: number;
  renewalDays: number;
  onlineRenewal: boolean;
  closedWeekdays: Weekday[];
}

export const DEFAULT_LOAN_RULES: LoanRules = {
  loanLimit: 5,
  loanPeriodDays: 14,
  maxRenewals: 1,
  renewalDays: 7,
  onlineRenewal: true,
  closedWeekdays: [1],
};

export type SuspensionMode = 'longest' | 'cumulative';

/** Rules of the whole network; the network admin edits them. */
export interface NetworkRules {
  networkLoanLimit: number;
  suspensionMode: SuspensionMode;
  maxSuspensionDays: number | null;
  /** Self-check machines refuse checkout, renewal and patron information without the PIN. */
  machinesRequirePin: boolean;
}

const CLOSED_EVERY_WEEKDAY = 'cannot be all seven days: a library opens at least one day a week';

/**
 * Why a library's loan rules cannot be saved: a library limit above the network limit would
 * promise loans the network limit refuses (docs/decisions.md), so it is refused with the
 * network limit named; a library closed on all seven weekdays would have no day to be due.
 * Empty: the rules may be saved.
 */
export function loanRulesRefusals(
  rules: Pick<LoanRules, 'loanLimit' | 'closedWeekdays'>,
  network: Pick<NetworkRules, 'networkLoanLimit'>,
): Reason[] {
  const reasons: Reason[] = [];
  if (rules.loanLimit > network.networkLoanLimit)
    reasons.push({
      code: 'LOAN_LIMIT_ABOVE_NETWORK',
      params: { limit: network.networkLoanLimit, requested: rules.loanLimit },
    });
  // Closed every weekday, no day could be a due date (nor a day to collect a hold).
  if (new Set(rules.closedWeekdays).size >= 7)
    reasons.push({
      code: 'VALIDATION_FAILED',
      params: { field: 'body.closedWeekdays', reason: CLOSED_EVERY_WEEKDAY },
    });
  return reasons;
}

/**
 * When a library is closed: its weekly closed days, the dates it lists, and the network's public
 * holidays but for those it is open on (rules.md "Loans"; docs/decisions.md "One network calendar").
 */
export interface LibraryCalendar {
  closedWeekdays: readonly Weekday[];
  /** The library's own closed dates. */
  holidays: ReadonlySet<BusinessDate>;
  /** The network's public holidays. */
  networkHolidays?: ReadonlySet<BusinessDate>;
  /** Public holidays this library is open on. */
  openOnHolidays?: ReadonlySet<BusinessDate>;
}

export function isOpenOn(calendar: LibraryCalendar, date: BusinessDate): boolean {
  if (calendar.closedWeekdays.includes(weekdayOf(date)) || calendar.holidays.has(date)) {
    return false;
  }
  return !calendar.networkHolidays?.has(date) || calendar.openOnHolidays?.has(date) === true;
}

/** A closed date may be added or renamed from today on: the past is history. */
export function isPastDate(date: BusinessDate, today: BusinessDate): boolean {
  return date < today;
}

/** The first day on or after `date` that the library is open (a library closed every day keeps `date`). */
export function nextOpenDay(calendar: LibraryCalendar, date: BusinessDate): BusinessDate {
  let day = date;
  // A year of closed days can only be a misconfiguration; keep the date rather than loop forever.
  for (let i = 0; i < 366; i++) {
    if (isOpenOn(calendar, day)) return day;
    day = addDays(day, 1);
  }
  return date;
}
