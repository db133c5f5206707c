import { describe, expect, it } from 'vitest';
import { isOpenOn, type LibraryCalendar, loanRulesRefusals, nextOpenDay } from './domain.js';

const mondaysAndChristmas: LibraryCalendar = {
  closedWeekdays: [1],
  holidays: new Set(['2026-12-25']),
};

describe('library calendar', () => {
  it('is closed on its weekly closed days and listed holidays', () => {
    expect(isOpenOn(mondaysAndChristmas, '2026-12-07')).toBe(false); // Monday
    expect(isOpenOn(mondaysAndChristmas, '2026-12-25')).toBe(false); // Friday, a holiday
    expect(isOpenOn(mondaysAndChristmas, '2026-12-26')).toBe(true);
  });

  it('moves a closed day to the next open day, skipping runs of closed days', () => {
    const calendar: LibraryCalendar = { closedWeekdays: [7, 1], holidays: new Set(['2026-12-08']) };
    expect(nextOpenDay(calendar, '2026-12-06')).toBe('2026-12-09'); // Sun, Mon, holiday Tue
    expect(nextOpenDay(calendar, '2026-12-09')).toBe('2026-12-09');
  });

  it('keeps the date when a misconfigured library is never open', () => {
    const never: LibraryCalendar = { closedWeekdays: [1, 2, 3, 4, 5, 6, 7], holidays: new Set() };
    expect(nextOpenDay(never, '2026-12-06')).toBe('2026-12-06');
  });
});

describe('loan rules against the network rules', () => {
  it('refuses a library limit above the network limit, naming the network limit', () => {
    expect(loanRulesRefusals({ loanLimit: 25 }, { networkLoanLimit: 20 })).toEqual([
      { code: 'LOAN_LIMIT_ABOVE_NETWORK', params: { limit: 20, requested: 25 } },
    ]);
    expect(loanRulesRefusals({ loanLimit: 20 }, { networkLoanLimit: 20 })).toEqual([]);
    expect(loanRulesRefusals({ loanLimit: 0 }, { networkLoanLimit: 20 })).toEqual([]);
  });
});
