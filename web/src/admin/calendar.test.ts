import { describe, expect, it } from 'vitest';
import { monthRange, shiftDate, shiftMonth } from './MonthGrid';
import { firstYearShown, holidayFileProblems, parseHolidayFile } from './NetworkHolidays';

describe('the month view and holiday files', () => {
  it('walks days and months, clamping to the month end', () => {
    expect(monthRange('2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftMonth('2027-01-31', 1)).toBe('2027-02-28');
    expect(shiftMonth('2027-01-15', -1)).toBe('2026-12-15');
  });

  it('reads a CSV or a JSON list of public holidays', () => {
    const csv =
      '\uFEFFdate,name_ko,name_en\n2028-04-12,국회의원 선거일,Election day\n2028-10-05,대체공휴일,\n';
    expect(parseHolidayFile(csv)).toEqual([
      { date: '2028-04-12', nameKo: '국회의원 선거일', nameEn: 'Election day' },
      { date: '2028-10-05', nameKo: '대체공휴일', nameEn: '' },
    ]);
    expect(parseHolidayFile('[{"date":"2028-01-27","nameKo":"설날"}]')).toEqual([
      { date: '2028-01-27', nameKo: '설날', nameEn: '' },
    ]);
  });

  it('keeps a quoted name with a comma whole, and says which holidays of a file stop it', () => {
    const csv =
      'Date,Name_Ko,Name_En\n2027-10-11,"임시, 공휴일","Temporary, holiday"\n2027-13-01,잘못된 날,\n2027-11-02,,No name\n';
    const read = parseHolidayFile(csv);
    expect(read[0]).toEqual({
      date: '2027-10-11',
      nameKo: '임시, 공휴일',
      nameEn: 'Temporary, holiday',
    });
    expect(holidayFileProblems(read)).toEqual([
      { position: 2, problem: 'date', value: '2027-13-01' },
      { position: 3, problem: 'name', value: '2027-11-02' },
    ]);
    expect(holidayFileProblems(read.slice(0, 1))).toEqual([]);
  });
});

describe('the year the holiday calendar opens on', () => {
  it("is this year's until October, then the next year's, whose holidays are then announced", () => {
    expect(firstYearShown('2027-03-15')).toBe(2027);
    expect(firstYearShown('2027-09-30')).toBe(2027);
    expect(firstYearShown('2027-10-01')).toBe(2028);
    expect(firstYearShown('2026-12-07')).toBe(2027);
  });
});
