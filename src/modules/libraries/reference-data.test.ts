import { describe, expect, it } from 'vitest';
import {
  closedDates,
  publicHolidays,
  seedDirectory,
  splitClosedDates,
  weeklyClosedDays,
  withoutRemarks,
} from './reference-data.js';

describe('the seed document directory', () => {
  const { regions, libraries } = seedDirectory();

  it('holds the provincial library and 28 libraries in 11 cities and counties', () => {
    expect(libraries).toHaveLength(29);
    const cities = regions.filter((r) => r.kind !== 'province');
    expect(cities).toHaveLength(11);
    const provincial = libraries.filter((l) => l.regionCode === 'gyeongsangnam-do');
    expect(provincial.map((l) => l.nameEn)).toEqual(['Gyeongnamdaepyo Library']);
  });

  it('keeps the English names exactly as the seed writes them, with Korean names', () => {
    const names = libraries.map((l) => l.nameEn);
    expect(names).toContain("Jinju specializing in Children's Library");
    expect(names).toContain('Humanbilldungji Small Library');
    expect(libraries.find((l) => l.nameEn === 'Tongyeong Yokjido Library')?.nameKo).toBe(
      '통영시립욕지도서관',
    );
  });

  it('reads weekly closed days and the holidays a library names', () => {
    expect(weeklyClosedDays('Every Sunday and Monday; public holidays')).toEqual([1, 7]);
    expect(weeklyClosedDays('Every Monday (inferred)')).toEqual([1]);
    const dates = closedDates(
      "Every Monday; New Year's Day; Seollal and Chuseok holidays",
      publicHolidays(),
    );
    expect(dates.map((d) => d.date)).toContain('2027-02-07');
    expect(dates.map((d) => d.date)).not.toContain('2026-03-01');
  });

  it('turns "1st Monday of each month" into listed closed dates', () => {
    const jinju = libraries.find((l) => l.nameEn === 'Jinju Yonam Library')!;
    expect(jinju.closedWeekdays).toEqual([]);
    expect(jinju.holidays.map((h) => h.date)).toContain('2026-12-07');
  });

  it('keeps the closed days in Korean and English, without the "(inferred)" remarks', () => {
    const provincial = libraries.find((l) => l.nameEn === 'Gyeongnamdaepyo Library')!;
    expect(provincial.closedDaysNote).toEqual({
      ko: '매주 금요일, 법정 공휴일 (공휴일이 아닌 일요일은 개관)',
      en: 'Every Friday; public holidays (open Sundays unless a holiday)',
    });
    for (const library of libraries) {
      expect(JSON.stringify(library.closedDaysNote)).not.toContain('inferred');
      expect(library.closedDaysNote.ko === null).toBe(library.closedDaysNote.en === null);
    }
    expect(withoutRemarks('Every Monday (inferred)')).toBe('Every Monday');
    expect(withoutRemarks('1st Monday of each month; holidays (Jinju city rule; inferred)')).toBe(
      '1st Monday of each month; holidays',
    );
  });

  it('leaves unknown facts unknown', () => {
    const dongbu = libraries.find((l) => l.nameEn === 'Dongbu Library')!;
    expect(dongbu.addressKo).toBeNull();
    expect(dongbu.phone).toBeNull();
    expect(dongbu.closedDaysNote).toEqual({ ko: null, en: null });
  });

  it("keeps a library's own days and marks the public holidays it is open on", () => {
    const network = publicHolidays();
    const jinju = libraries.find((l) => l.nameEn === 'Jinju Yonam Library')!;
    const { own, openOn } = splitClosedDates(jinju, network);
    expect(own.map((h) => h.date)).toContain('2026-12-07'); // 정기 휴관일 stays the library's
    expect(own.every((h) => h.nameKo === '정기 휴관일')).toBe(true);
    // It closes on New Year's Day, 설날 and 추석 only: open on the other public holidays.
    expect(openOn).toContain('2026-12-25');
    expect(openOn).not.toContain('2027-01-01');
    const silent = splitClosedDates({ holidays: [], closedWeekdays: [1] }, network);
    expect(silent.own).toEqual([]);
    // Open on every public holiday but those on its closed Monday (대체공휴일 2026-10-05).
    expect(silent.openOn).toContain('2026-12-25');
    expect(silent.openOn).not.toContain('2026-10-05');
  });
});
