import type { BusinessDate } from '../../platform/clock.js';
import type { MemberStatus } from '../../platform/db/schema.js';
import type { Reason } from '../../platform/errors.js';
import type { LibraryStatus, LoanRules } from '../libraries/index.js';
import {
  type CheckoutFacts,
  checkoutRefusals,
  isOverdue,
  isSuspendedOn,
  type LibraryNames,
  libraryCountedAt,
  renewalRefusals,
} from './domain.js';

/** The return behind a suspension: where, how late, when (the title only for who may see it). */
export interface SuspensionCause extends LibraryNames {
  libraryId: number;
  daysLate: number;
  returnDay: BusinessDate;
  title: string;
}

/** An open loan with what its lending library's rules say about it. */
export interface StandingLoan {
  id: number;
  itemId: number;
  libraryId: number;
  /** The library whose limit it counts toward: its pickup library for an inter-library loan. */
  countsAt?: number;
  /** An inter-library loan's pickup library: where it was lent, is returned and renewed. */
  pickupLibrary?: { id: number; names: LibraryNames };
  names: LibraryNames;
  phone: string | null;
  dueDate: BusinessDate;
  loanDay: BusinessDate;
  renewals: number;
  /** The day of its last renewal; null: never renewed. */
  renewedOn: BusinessDate | null;
  title: string;
  barcode: string;
  rules: Pick<LoanRules, 'loanLimit' | 'maxRenewals' | 'onlineRenewal'>;
  /** Members wait for its title at its library: no renewal (rules.md "Holds"). */
  held?: boolean;
}

/**
 * Whether a desk or machine of the library renews the loan: its lending library's, and for an
 * inter-library loan also its pickup library's, where it was lent and is returned (rules.md).
 */
export function renewsAt(
  loan: Pick<StandingLoan, 'libraryId' | 'pickupLibrary'>,
  libraryId: number,
) {
  return loan.libraryId === libraryId || loan.pickupLibrary?.id === libraryId;
}

/** A library with its rules and coming holidays. */
export interface StandingLibrary {
  id: number;
  status: LibraryStatus;
  names: LibraryNames;
  phone: string | null;
  rules: LoanRules;
  /** The library's own closed dates from today on. */
  holidays: BusinessDate[];
  /** The network's public holidays from today on, and those the library is open on. */
  networkHolidays: BusinessDate[];
  openOnHolidays: BusinessDate[];
}

/** Everything the rules need about a member at a library (see `loadBorrowerStanding`). */
export interface BorrowerFacts {
  member: { id: number; status: MemberStatus; suspendedUntil: BusinessDate | null };
  /** Whether the member may borrow at `library` (home, checked in, or its check-in group). */
  checkedIn: boolean;
  suspensionCause: SuspensionCause | null;
  networkLoanLimit: number;
  openLoans: StandingLoan[];
  /** The library the member stands at; null when none (the portal). */
  library: StandingLibrary | null;
  /** The item a checkout asks for; absent when the question is only the member's side. */
  item?: CheckoutFacts['item'];
}

export interface LoanStanding {
  loanId: number;
  overdue: boolean;
  renewable: boolean;
  /** Every reason this loan may not be renewed (empty: renewable). */
  renewalRefusals: Reason[];
}

/** What the member may do, and every reason they may not. */
export interface Standing {
  /**
   * Every reason the member may not borrow at the library today (empty: may borrow); with no
   * library, every reason they may borrow nowhere (status, suspension, overdue, network limit).
   */
  refusals: Reason[];
  loansLeft: { network: number; here: number | null };
  /** Open loans and loans left per library: the loans' libraries, then the library stood at. */
  byLibrary: { libraryId: number; open: number; limit: number; left: number }[];
  loans: LoanStanding[];
  suspension: { until: BusinessDate; cause: SuspensionCause | null } | null;
  overdueCount: number;
}

/** An item that never stops a loan: what is left of the checkout rules is the member's side. */
const ALWAYS_LENDABLE: CheckoutFacts['item'] = { loanable: true, onLoan: false };

/**
 * Away from any library (the portal), the question is whether the member may borrow in the
 * network at all: at a participating library they may use, with room under its own limit.
 */
const ANY_LIBRARY: CheckoutFacts['library'] = {
  id: 0,
  status: 'participating',
  names: { library: '', libraryEn: '' },
  rules: {
    loanLimit: Number.POSITIVE_INFINITY,
    loanPeriodDays: 0,
    maxRenewals: 0,
    renewalDays: 0,
    onlineRenewal: false,
    closedWeekdays: [],
  },
};

/**
 * The rules of rules.md applied to a member's facts on a day: may they borrow at the library
 * (every reason if not, with the item when one is asked for), how many loans are left there and
 * in the network, and whether each open loan may be renewed (`online`: by the member, in the
 * portal). The one place HTTP, SIP2 and the web app (through the API) get these answers from.
 */
export function deriveStanding(
  facts: BorrowerFacts,
  today: BusinessDate,
  options: { online: boolean },
): Standing {
  const { member, library, openLoans } = facts;
  const suspension =
    member.suspendedUntil === null
      ? null
      : { until: member.suspendedUntil, cause: facts.suspensionCause };
  const refusals = checkoutRefusals({
    today,
    memberStatus: member.status,
    library: library ?? ANY_LIBRARY,
    checkedIn: library ? facts.checkedIn : true,
    suspension,
    openLoans,
    networkLoanLimit: facts.networkLoanLimit,
    item: facts.item === undefined ? ALWAYS_LENDABLE : facts.item,
  });
  const byLibrary = libraryLimits(facts);
  return {
    refusals,
    loansLeft: {
      network: Math.max(0, facts.networkLoanLimit - openLoans.length),
      here: library ? (byLibrary.find((l) => l.libraryId === library.id)?.left ?? null) : null,
    },
    byLibrary,
    loans: openLoans.map((loan) => {
      const reasons = renewalRefusals({
        today,
        dueDate: loan.dueDate,
        renewals: loan.renewals,
        rules: loan.rules,
        online: options.online,
        suspension,
        held: loan.held === true,
      });
      return {
        loanId: loan.id,
        overdue: isOverdue(loan.dueDate, today),
        renewable: reasons.length === 0,
        renewalRefusals: reasons,
      };
    }),
    suspension: suspension && isSuspendedOn(suspension.until, today) ? suspension : null,
    overdueCount: openLoans.filter((loan) => isOverdue(loan.dueDate, today)).length,
  };
}

/** Loans open and left at each library of an open loan, and at the library stood at. */
function libraryLimits(facts: BorrowerFacts): Standing['byLibrary'] {
  const limits = new Map<number, number>();
  for (const loan of facts.openLoans) limits.set(libraryCountedAt(loan), loan.rules.loanLimit);
  if (facts.library) limits.set(facts.library.id, facts.library.rules.loanLimit);
  return [...limits].map(([libraryId, limit]) => {
    const open = facts.openLoans.filter((loan) => libraryCountedAt(loan) === libraryId).length;
    return { libraryId, open, limit, left: Math.max(0, limit - open) };
  });
}
