import type { BusinessDate } from '../../platform/clock.js';
import { addDays, compareDates } from '../../platform/dates.js';
import type { RequestOutcome, RequestState } from '../../platform/db/schema.js';
import type { Reason } from '../../platform/errors.js';
import { type LibraryCalendar, nextOpenDay } from '../libraries/index.js';

/** The rules of rules.md "Inter-library requests (상호대차)" as pure functions. */

/** The network's request rules (network_rules, migration 0034). */
export interface RequestRules {
  requestLimit: number;
  sendDays: number;
  pickupDays: number;
  noShowLimit: number;
  noShowWindowDays: number;
  banDays: number;
}

/**
 * The `n`-th day after `day` on which the library is open: the last day of a window of `n` open
 * days that starts the day after (a request made, or a copy arrived, on `day`).
 */
export function nthOpenDayAfter(
  calendar: LibraryCalendar,
  day: BusinessDate,
  n: number,
): BusinessDate {
  let current = day;
  for (let i = 0; i < Math.max(1, n); i++) current = nextOpenDay(calendar, addDays(current, 1));
  return current;
}

/**
 * The last day of a request ban, or null: `noShowLimit` no-shows within `noShowWindowDays`
 * ban new requests for `banDays` from the day of the last of them (that day included).
 */
export function requestBannedUntil(
  noShowDays: readonly BusinessDate[],
  today: BusinessDate,
  rules: Pick<RequestRules, 'noShowLimit' | 'noShowWindowDays' | 'banDays'>,
): BusinessDate | null {
  if (rules.banDays <= 0) return null;
  const days = [...noShowDays].sort();
  let until: BusinessDate | null = null;
  for (let last = rules.noShowLimit - 1; last < days.length; last++) {
    const first = days[last - rules.noShowLimit + 1]!;
    const end = days[last]!;
    if (compareDates(end, addDays(first, rules.noShowWindowDays - 1)) > 0) continue;
    const banEnd = addDays(end, rules.banDays - 1);
    if (until === null || compareDates(banEnd, until) > 0) until = banEnd;
  }
  return until !== null && compareDates(today, until) <= 0 ? until : null;
}

/** A library with a copy of the title on the shelf that it may send. */
export interface LendingCandidate {
  libraryId: number;
  regionId: number;
  /** The copy the request would take there. */
  itemId: number;
  /** Requests this library has yet to send. */
  toSend: number;
}

/**
 * The lending library (rules.md): among those with a copy on the shelf, the pickup library's
 * region first, then the one with the fewest requests to send, then the lowest id (stable).
 */
export function chooseLendingLibrary(
  candidates: readonly LendingCandidate[],
  pickupRegionId: number,
  /** Libraries passed over (they did not send in time). */
  exclude: ReadonlySet<number> = new Set(),
): LendingCandidate | null {
  const open = candidates.filter((c) => !exclude.has(c.libraryId));
  const ranked = [...open].sort(
    (a, b) =>
      Number(b.regionId === pickupRegionId) - Number(a.regionId === pickupRegionId) ||
      a.toSend - b.toSend ||
      a.libraryId - b.libraryId ||
      a.itemId - b.itemId,
  );
  return ranked[0] ?? null;
}

export interface PlacementFacts {
  /** The member's refusals as for borrowing at the pickup library (card, status, check-in, penalties). */
  borrowingRefusals: Reason[];
  pickup: { library: string; libraryEn: string };
  /** The pickup library has a loanable copy of the title: hold or borrow it there. */
  heldHere: boolean;
  openRequests: number;
  /** The member has the title on loan, or an open request of it. */
  duplicate: boolean;
  noShowDays: BusinessDate[];
  candidates: LendingCandidate[];
  rules: RequestRules;
  today: BusinessDate;
}

/** Limits that stop a loan, not a request (the loan counts at collection, rules.md). */
const NOT_FOR_REQUESTS = new Set(['LIBRARY_LOAN_LIMIT', 'NETWORK_LOAN_LIMIT', 'ITEM_UNKNOWN']);

/** Every reason a request for the title to the pickup library is refused; empty: place it. */
export function placementRefusals(f: PlacementFacts): Reason[] {
  const reasons = f.borrowingRefusals.filter((r) => !NOT_FOR_REQUESTS.has(r.code));
  if (f.heldHere) reasons.push({ code: 'REQUEST_HELD_HERE', params: { ...f.pickup } });
  else if (f.candidates.length === 0) reasons.push({ code: 'REQUEST_NOT_AVAILABLE' });
  if (f.openRequests >= f.rules.requestLimit)
    reasons.push({ code: 'REQUEST_LIMIT', params: { limit: f.rules.requestLimit } });
  const banned = requestBannedUntil(f.noShowDays, f.today, f.rules);
  if (banned)
    reasons.push({
      code: 'REQUEST_BANNED',
      params: { until: banned, resume: addDays(banned, 1), count: f.rules.noShowLimit },
    });
  if (f.duplicate) reasons.push({ code: 'HOLD_DUPLICATE' });
  return reasons;
}

/** What happens to a request; `scan-*` are desk (or machine) scans of its copy. */
export type RequestEvent =
  | 'send'
  | 'receive'
  | 'collect'
  | 'return-at-pickup'
  | 'return-at-home'
  | 'receive-home'
  | 'cancel'
  | 'send-deadline'
  | 'pickup-deadline';

export interface RequestStep {
  state: RequestState;
  outcome: RequestOutcome | null;
}

/**
 * The state machine (rules.md "States"): the step an event takes from a state, or null when the
 * event does not apply there. A copy that never left its library closes at once; one that left
 * travels home ('returning') and closes when its library receives it.
 */
export function nextStep(
  current: RequestStep,
  event: RequestEvent,
  options: { anotherCopy?: boolean } = {},
): RequestStep | null {
  const { state, outcome } = current;
  switch (event) {
    case 'send':
      return state === 'requested' ? { state: 'sent', outcome } : null;
    case 'receive':
      return state === 'sent' ? { state: 'arrived', outcome } : null;
    case 'collect':
      return state === 'arrived' ? { state: 'collected', outcome } : null;
    case 'return-at-pickup':
      return state === 'collected' ? { state: 'returning', outcome: 'completed' } : null;
    case 'return-at-home':
      return state === 'collected' ? { state: 'closed', outcome: 'completed' } : null;
    case 'receive-home':
      return state === 'returning' ? { state: 'closed', outcome: outcome ?? 'completed' } : null;
    case 'cancel':
      if (state === 'requested') return { state: 'closed', outcome: 'cancelled' };
      if (state === 'sent' || state === 'arrived')
        return { state: 'returning', outcome: 'cancelled' };
      return null;
    case 'send-deadline':
      if (state !== 'requested') return null;
      // Moved to the next library with a copy (a new copy, still 'requested'), or not filled.
      return options.anotherCopy
        ? { state: 'requested', outcome: null }
        : { state: 'closed', outcome: 'unfilled' };
    case 'pickup-deadline':
      return state === 'arrived' ? { state: 'returning', outcome: 'no_show' } : null;
  }
}

/** What the member reads: where the request is, or how it ended. */
export type MemberView =
  | 'requested'
  | 'sent'
  | 'arrived'
  | 'collected'
  | 'returned'
  | 'cancelled'
  | 'no_show'
  | 'unfilled';

export function memberView(step: RequestStep): MemberView {
  if (step.outcome === 'cancelled' || step.outcome === 'expired') return 'cancelled';
  if (step.outcome === 'no_show') return 'no_show';
  if (step.outcome === 'unfilled') return 'unfilled';
  if (step.state === 'returning' || step.state === 'closed') return 'returned';
  return step.state;
}
