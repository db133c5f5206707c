import Holidays from 'date-holidays';
import type { BusinessDate } from '../../platform/clock.js';
import { addDays } from '../../platform/dates.js';

export interface NamedDate {
  date: BusinessDate;
  nameKo: string;
  nameEn: string;
}

/**
 * Korea's public holidays of a year from the date-holidays package (pinned in package.json), for
 * years the official list (관보) has not reached yet. Multi-day holidays become one date each: the
 * middle day keeps the holiday's name, the others are its "연휴". The package starts 설날 on the
 * lunar new year's day itself; the holiday is the day before to the day after, so it is moved back
 * a day. 대체공휴일 follow the package's rules and election days are missing: the network admin
 * checks the list against the official one and adds those by hand (docs/decisions.md).
 */
export function bundledPublicHolidays(year: number): NamedDate[] {
  const calendar = new Holidays('KR');
  const ko = calendar.getHolidays(year, 'ko').filter((h) => h.type === 'public');
  const en = calendar.getHolidays(year, 'en').filter((h) => h.type === 'public');
  const dates = new Map<BusinessDate, NamedDate>();
  ko.forEach((holiday, index) => {
    const english = en[index]?.name ?? '';
    const days = Math.max(
      1,
      Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000),
    );
    let first = holiday.date.slice(0, 10);
    if (holiday.rule.startsWith('korean 01-0-01')) first = addDays(first, -1);
    for (let day = 0; day < days; day++) {
      const date = addDays(first, day);
      const main = days === 1 || day === 1;
      const entry = main
        ? { date, nameKo: holiday.name, nameEn: english }
        : { date, nameKo: `${holiday.name} 연휴`, nameEn: english ? `${english} holiday` : '' };
      const known = dates.get(date);
      // Two holidays on one date (a substitute for two): one entry, both names.
      dates.set(
        date,
        known
          ? {
              date,
              nameKo: `${known.nameKo}·${entry.nameKo}`,
              nameEn: [known.nameEn, entry.nameEn].filter(Boolean).join(' / '),
            }
          : entry,
      );
    }
  });
  return [...dates.values()]
    .filter((h) => h.date.startsWith(`${year}-`))
    .sort((a, b) => a.date.localeCompare(b.date));
}
