import { describe, expect, it } from 'vitest';
import type { Weekday } from '../../platform/dates.js';
import {
  isOpenOn,
  isPastDate,
  type LibraryCalendar,
  loanRulesRefusals,
  nextOpenDay,
} from './domain.js';

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
    const rules = (loanLimit: number) => ({ loanLimit, closedWeekdays: [1] as Weekday[] });
    expect(loanRulesRefusals(rules(25), { networkLoanLimit: 20 })).toEqual([
      { code: 'LOAN_LIMIT_ABOVE_NETWORK', params: { limit: 20, requested: 25 } },
    ]);
    expect(loanRulesRefusals(rules(20), { networkLoanLimit: 20 })).toEqual([]);
    expect(loanRulesRefusals(rules(0), { networkLoanLimit: 20 })).toEqual([]);
  });

  it('refuses a library closed on all seven weekdays, and takes six', () => {
    const network = { networkLoanLimit: 20 };
    const closed = (closedWeekdays: Weekday[]) =>
      loanRulesRefusals({ loanLimit: 5, closedWeekdays }, network).map((r) => r.params?.field);
    expect(closed([1, 2, 3, 4, 5, 6, 7])).toEqual(['body.closedWeekdays']);
    expect(closed([7, 6, 5, 4, 3, 2, 1, 1])).toEqual(['body.closedWeekdays']);
    expect(closed([1, 2, 3, 4, 5, 6])).toEqual([]);
  });
});

describe('one network calendar: public holidays, library days, exceptions', () => {
  // Chuseok 2028 (2 – 4 October) and 개천절 (3 October) are network holidays.
  const network = new Set(['2028-10-02', '2028-10-03', '2028-10-04', '2028-10-05']);
  const calendar: LibraryCalendar = {
    closedWeekdays: [1],
    holidays: new Set(['2028-10-06']),
    networkHolidays: network,
    openOnHolidays: new Set(['2028-10-05']),
  };

  it('is closed on a network holiday unless the library is open on it', () => {
    expect(isOpenOn(calendar, '2028-10-03')).toBe(false);
    expect(isOpenOn(calendar, '2028-10-05')).toBe(true); // the library's exception
    expect(isOpenOn({ ...calendar, openOnHolidays: new Set() }, '2028-10-05')).toBe(false);
  });

  it('an exception does not open a weekly closed day or a day the library lists', () => {
    const mondayHoliday: LibraryCalendar = {
      closedWeekdays: [1],
      holidays: new Set(['2028-10-06']),
      networkHolidays: new Set(['2028-10-02', '2028-10-06']),
      openOnHolidays: new Set(['2028-10-02', '2028-10-06']),
    };
    expect(isOpenOn(mondayHoliday, '2028-10-02')).toBe(false); // a Monday
    expect(isOpenOn(mondayHoliday, '2028-10-06')).toBe(false); // the library's own day
  });

  it('moves a due date past the network holidays to the exception day', () => {
    expect(nextOpenDay(calendar, '2028-10-02')).toBe('2028-10-05');
    expect(nextOpenDay({ ...calendar, openOnHolidays: new Set() }, '2028-10-02')).toBe(
      '2028-10-07',
    );
  });

  it('refuses past dates only', () => {
    expect(isPastDate('2026-12-01', '2026-12-02')).toBe(true);
    expect(isPastDate('2026-12-02', '2026-12-02')).toBe(false);
  });
});
