import { describe, expect, it } from 'vitest';
import { bundledPublicHolidays } from './holiday-source.js';
import { publicHolidays } from './reference-data.js';

describe('the bundled public holidays (date-holidays) for years the official list lacks', () => {
  it('gives 2028 the three days of 설날 and 추석 and their 대체공휴일', () => {
    const list = bundledPublicHolidays(2028);
    const dates = list.map((h) => h.date);
    expect(dates).toEqual(
      expect.arrayContaining([
        '2028-01-26',
        '2028-01-27',
        '2028-01-28',
        '2028-10-02',
        '2028-10-04',
      ]),
    );
    expect(dates).not.toContain('2028-01-29');
    expect(list.find((h) => h.date === '2028-01-27')?.nameKo).toBe('설날');
    expect(list.find((h) => h.date === '2028-01-26')?.nameKo).toBe('설날 연휴');
    expect(list.find((h) => h.date === '2028-10-05')?.nameKo).toContain('대체공휴일');
    expect(list.every((h) => h.nameEn !== '')).toBe(true);
  });

  it('agrees with the official 2027 list on 설날 and 추석', () => {
    const official = publicHolidays()
      .filter((h) => h.date.startsWith('2027-') && /설날|추석/.test(h.nameKo))
      .map((h) => h.date);
    const bundled = bundledPublicHolidays(2027).map((h) => h.date);
    expect(bundled).toEqual(expect.arrayContaining(official));
  });
});
