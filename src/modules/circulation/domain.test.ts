import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, daysBetween } from '../../platform/dates.js';
import { DEFAULT_LOAN_RULES, isOpenOn, type LibraryCalendar } from '../libraries/domain.js';
import {
  type CheckoutFacts,
  checkoutRefusals,
  daysLate,
  dueDateFor,
  isOverdue,
  isSuspendedOn,
  type RenewalFacts,
  renewalRefusals,
  renewedDueDate,
  storedReturnDay,
  suspensionAfterReturn,
} from './domain.js';

const mondays: LibraryCalendar = { closedWeekdays: [1], holidays: new Set() };
const longest = { suspensionMode: 'longest' as const, maxSuspensionDays: null };
const cumulative = { suspensionMode: 'cumulative' as const, maxSuspensionDays: null };
const anyDay = fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n));

describe('due dates', () => {
  it('is the loan day plus 14 days', () => {
    expect(
      dueDateFor('2026-12-01', DEFAULT_LOAN_RULES, { closedWeekdays: [], holidays: new Set() }),
    ).toBe('2026-12-15');
  });

  it('moves past a closed Monday', () => {
    // 2026-12-02 (Wed) + 14 = 2026-12-16 (Wed); 2026-11-30 (Mon) + 14 = 2026-12-14 (Mon) → Tue.
    expect(dueDateFor('2026-11-30', DEFAULT_LOAN_RULES, mondays)).toBe('2026-12-15');
  });

  it('moves past holidays across the year end', () => {
    const calendar: LibraryCalendar = {
      closedWeekdays: [1],
      holidays: new Set(['2027-01-01', '2027-01-02']),
    };
    // 2026-12-18 + 14 = 2027-01-01 (Fri, holiday) → Sat holiday → Sun 2027-01-03.
    expect(dueDateFor('2026-12-18', DEFAULT_LOAN_RULES, calendar)).toBe('2027-01-03');
  });

  it("moves past the network holidays (Chuseok 2028) but for the library's exception", () => {
    const calendar: LibraryCalendar = {
      closedWeekdays: [1],
      holidays: new Set(),
      networkHolidays: new Set(['2028-10-02', '2028-10-03', '2028-10-04', '2028-10-05']),
      openOnHolidays: new Set(),
    };
    // 2028-09-18 + 14 = 2028-10-02 (Mon, Chuseok) → 3, 4, 5 October holidays → Fri 6 October.
    expect(dueDateFor('2028-09-18', DEFAULT_LOAN_RULES, calendar)).toBe('2028-10-06');
    const openOnThe4th = { ...calendar, openOnHolidays: new Set(['2028-10-04']) };
    expect(dueDateFor('2028-09-18', DEFAULT_LOAN_RULES, openOnThe4th)).toBe('2028-10-04');
  });

  it('crosses month ends and leap days', () => {
    const open: LibraryCalendar = { closedWeekdays: [], holidays: new Set() };
    expect(dueDateFor('2028-02-20', DEFAULT_LOAN_RULES, open)).toBe('2028-03-05');
    expect(dueDateFor('2026-01-31', { loanPeriodDays: 30 }, open)).toBe('2026-03-02');
  });

  it('always falls on an open day, never before loan day + period', () => {
    fc.assert(
      fc.property(
        anyDay,
        fc.integer({ min: 1, max: 60 }),
        fc.subarray([1, 2, 3, 4, 5, 6, 7] as const, { maxLength: 6 }),
        (day, period, closed) => {
          const calendar: LibraryCalendar = {
            closedWeekdays: closed,
            holidays: new Set([addDays(day, period)]),
          };
          const due = dueDateFor(day, { loanPeriodDays: period }, calendar);
          return (
            isOpenOn(calendar, due) &&
            daysBetween(day, due) >= period &&
            daysBetween(day, due) <= period + 7
          );
        },
      ),
    );
  });

  it('renews from the current due date', () => {
    expect(renewedDueDate('2026-12-15', DEFAULT_LOAN_RULES, mondays)).toBe('2026-12-22');
    expect(renewedDueDate('2026-12-14', DEFAULT_LOAN_RULES, mondays)).toBe('2026-12-22');
  });
});

describe("a machine's return stored while it was offline", () => {
  const loan = { loanedAt: new Date('2026-12-01T10:00:00+09:00') };
  const today = '2026-12-20';

  it('counts from the Korean day the copy went in', () => {
    // 23:30 UTC on the 9th is 08:30 on the 10th in Korea.
    expect(storedReturnDay(new Date('2026-12-09T23:30:00Z'), loan, today)).toBe('2026-12-10');
  });

  it('is never after today (a machine clock ahead), and not this loan before it was made', () => {
    expect(storedReturnDay(new Date('2026-12-25T10:00:00+09:00'), loan, today)).toBe(today);
    expect(storedReturnDay(new Date('2026-12-01T09:59:59+09:00'), loan, today)).toBeNull();
    expect(storedReturnDay(loan.loanedAt, loan, today)).toBe('2026-12-01');
  });
});

describe('overdue and suspensions', () => {
  it('is overdue from the day after the due date', () => {
    expect(isOverdue('2026-12-10', '2026-12-10')).toBe(false);
    expect(isOverdue('2026-12-10', '2026-12-11')).toBe(true);
    expect(daysLate('2026-12-07', '2026-12-10')).toBe(3);
    expect(daysLate('2026-12-10', '2026-12-09')).toBe(0);
  });

  it('returned 3 days late on the 10th: no borrowing 10th–12th, again on the 13th', () => {
    const until = suspensionAfterReturn(null, '2026-12-10', 3, longest);
    expect(until).toBe('2026-12-12');
    expect(isSuspendedOn(until, '2026-12-10')).toBe(true);
    expect(isSuspendedOn(until, '2026-12-12')).toBe(true);
    expect(isSuspendedOn(until, '2026-12-13')).toBe(false);
  });

  it('longest: the latest end wins; cumulative: the days add up', () => {
    const first = suspensionAfterReturn(null, '2026-12-10', 10, longest); // → 12-19
    expect(suspensionAfterReturn(first, '2026-12-11', 3, longest)).toBe('2026-12-19');
    expect(suspensionAfterReturn(first, '2026-12-11', 20, longest)).toBe('2026-12-30');
    const c = suspensionAfterReturn(null, '2026-12-10', 10, cumulative);
    expect(suspensionAfterReturn(c, '2026-12-11', 3, cumulative)).toBe('2026-12-22');
  });

  it('an ended suspension does not carry over', () => {
    expect(suspensionAfterReturn('2026-12-01', '2026-12-10', 2, cumulative)).toBe('2026-12-11');
    expect(suspensionAfterReturn('2026-12-01', '2026-12-10', 0, cumulative)).toBe('2026-12-01');
  });

  it('caps the suspension at the optional maximum', () => {
    expect(
      suspensionAfterReturn(null, '2026-12-10', 60, {
        suspensionMode: 'longest',
        maxSuspensionDays: 30,
      }),
    ).toBe('2027-01-08');
  });

  it('longest never ends later than cumulative, and both cover each return alone', () => {
    fc.assert(
      fc.property(
        anyDay,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 40 })), {
          minLength: 1,
          maxLength: 6,
        }),
        (start, returns) => {
          let l: string | null = null;
          let c: string | null = null;
          let day = start;
          for (const [gap, late] of returns) {
            day = addDays(day, gap);
            l = suspensionAfterReturn(l, day, late, longest);
            c = suspensionAfterReturn(c, day, late, cumulative);
            const own = addDays(day, late - 1);
            if (compareDates(l!, own) < 0 || compareDates(c!, own) < 0) return false;
          }
          return compareDates(l!, c!) <= 0;
        },
      ),
    );
  });

  it('cumulative of returns on one day adds exactly the days late', () => {
    fc.assert(
      fc.property(
        anyDay,
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 }),
        (day, lates) => {
          let until: string | null = null;
          for (const late of lates) until = suspensionAfterReturn(until, day, late, cumulative);
          return daysBetween(day, until!) + 1 === lates.reduce((a, b) => a + b, 0);
        },
      ),
    );
  });
});

const names = (library: string) => ({ library, libraryEn: library });
const eligible: CheckoutFacts = {
  today: '2026-12-10',
  memberStatus: 'active',
  library: { id: 1, status: 'participating', names: names('A'), rules: DEFAULT_LOAN_RULES },
  checkedIn: true,
  suspension: null,
  openLoans: [],
  networkLoanLimit: 20,
  item: { loanable: true, onLoan: false },
};
const loansAt = (libraryId: number, n: number, dueDate = '2026-12-20') =>
  Array.from({ length: n }, () => ({ libraryId, names: names(String(libraryId)), dueDate }));

describe('checkout refusals', () => {
  it.each<[string, Partial<CheckoutFacts>, string[]]>([
    ['an eligible member', {}, []],
    [
      'a planned library',
      { library: { ...eligible.library, status: 'planned' } },
      ['LIBRARY_NOT_PARTICIPATING'],
    ],
    ['a pending member', { memberStatus: 'pending' }, ['MEMBER_PENDING']],
    ['a withdrawn member', { memberStatus: 'withdrawn' }, ['MEMBER_WITHDRAWN']],
    ['no check-in here', { checkedIn: false }, ['CHECK_IN_REQUIRED']],
    [
      'suspended through today',
      { suspension: { until: '2026-12-10', cause: null } },
      ['MEMBER_SUSPENDED'],
    ],
    ['suspension ended yesterday', { suspension: { until: '2026-12-09', cause: null } }, []],
    ['overdue elsewhere', { openLoans: loansAt(2, 1, '2026-12-09') }, ['MEMBER_HAS_OVERDUE']],
    ['due today is not overdue', { openLoans: loansAt(2, 1, '2026-12-10') }, []],
    ['library limit', { openLoans: loansAt(1, 5) }, ['LIBRARY_LOAN_LIMIT']],
    ['network limit', { openLoans: loansAt(2, 20) }, ['NETWORK_LOAN_LIMIT']],
    ['unknown item', { item: null }, ['ITEM_UNKNOWN']],
    ['reference item', { item: { loanable: false, onLoan: false } }, ['ITEM_NOT_LOANABLE']],
    ['item on loan', { item: { loanable: true, onLoan: true } }, ['ITEM_ON_LOAN']],
    [
      'every reason at once',
      {
        checkedIn: false,
        suspension: { until: '2026-12-31', cause: null },
        openLoans: [...loansAt(1, 5, '2026-12-01')],
        item: null,
      },
      [
        'CHECK_IN_REQUIRED',
        'MEMBER_SUSPENDED',
        'MEMBER_HAS_OVERDUE',
        'MEMBER_HAS_OVERDUE',
        'MEMBER_HAS_OVERDUE',
        'MEMBER_HAS_OVERDUE',
        'MEMBER_HAS_OVERDUE',
        'LIBRARY_LOAN_LIMIT',
        'ITEM_UNKNOWN',
      ],
    ],
  ])('%s', (_case, changes, codes) => {
    expect(checkoutRefusals({ ...eligible, ...changes }).map((r) => r.code)).toEqual(codes);
  });

  it('says until when, why, and from when borrowing resumes', () => {
    const [reason] = checkoutRefusals({
      ...eligible,
      suspension: {
        until: '2026-12-12',
        cause: {
          library: '진주시립연암도서관',
          libraryEn: 'Jinju Yonam Library',
          daysLate: 3,
          returnDay: '2026-12-10',
        },
      },
    });
    expect(reason?.params).toMatchObject({
      until: '2026-12-12',
      resume: '2026-12-13',
      daysLate: 3,
      causeLibraryEn: 'Jinju Yonam Library',
    });
  });
});

describe('renewal refusals', () => {
  const base: RenewalFacts = {
    today: '2026-12-10',
    dueDate: '2026-12-15',
    renewals: 0,
    rules: { maxRenewals: 1, onlineRenewal: true },
    online: false,
    suspension: null,
  };
  it.each<[string, Partial<RenewalFacts>, string[]]>([
    ['a renewable loan', {}, []],
    ['overdue', { dueDate: '2026-12-09' }, ['RENEWAL_OVERDUE']],
    ['renewals used up', { renewals: 1 }, ['RENEWAL_LIMIT']],
    ['suspended', { suspension: { until: '2026-12-11', cause: null } }, ['MEMBER_SUSPENDED']],
    [
      'online where not allowed',
      { online: true, rules: { maxRenewals: 1, onlineRenewal: false } },
      ['RENEWAL_NOT_ONLINE'],
    ],
  ])('%s', (_case, changes, codes) => {
    expect(renewalRefusals({ ...base, ...changes }).map((r) => r.code)).toEqual(codes);
  });
});
