import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { BusinessDate } from '../../platform/clock.js';
import { addDays, type Weekday, weekdayOf } from '../../platform/dates.js';

/** The seed document's 29 libraries and Korea's public holidays, copied from the shared reference data. */

interface LibraryRow {
  english_name: string;
  korean_name: string;
  region_ko: string;
  region_en: string;
  address_ko: string;
  phone: string;
  /** English, as the seed document writes it; the dates are read from it. */
  closed_days: string;
  /** The same facts as a Korean library writes them. */
  closed_days_ko: string;
  confirmed: string;
}

interface HolidayRow {
  date: string;
  name_ko: string;
  name_en: string;
}

export interface PublicHoliday {
  date: BusinessDate;
  nameKo: string;
  nameEn: string;
}

export interface SeedRegion {
  code: string;
  kind: 'province' | 'city' | 'county';
  nameKo: string;
  nameEn: string;
}

export interface SeedLibrary {
  code: string;
  nameKo: string;
  nameEn: string;
  regionCode: string;
  addressKo: string | null;
  phone: string | null;
  closedDaysNote: { ko: string | null; en: string | null };
  closedWeekdays: Weekday[];
  holidays: PublicHoliday[];
}

export const PROVINCE: SeedRegion = {
  code: 'gyeongsangnam-do',
  kind: 'province',
  nameKo: '경상남도',
  nameEn: 'Gyeongsangnam-do',
};

/** The provincial library belongs to the province itself, as the seed document lists it. */
export const PROVINCIAL_LIBRARY = 'Gyeongnamdaepyo Library';

function readCsv<T>(file: string): T[] {
  const text = readFileSync(new URL(`./reference/${file}`, import.meta.url), 'utf8');
  return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as T[];
}

export function publicHolidays(): PublicHoliday[] {
  return readCsv<HolidayRow>('kr-public-holidays-2026-2027.csv').map((row) => ({
    date: row.date,
    nameKo: row.name_ko,
    nameEn: row.name_en,
  }));
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function cityRegion(row: LibraryRow): SeedRegion {
  const nameEn = row.region_en.replace(/\s*\(.*\)$/, '');
  return {
    code: slug(nameEn),
    kind: nameEn.endsWith('-gun') ? 'county' : 'city',
    nameKo: row.region_ko.split(' ')[0]!,
    nameEn,
  };
}

const WEEKDAYS: Record<string, Weekday> = {
  Monday: 1,
  Tuesday: 2,
  Wednesday: 3,
  Thursday: 4,
  Friday: 5,
  Saturday: 6,
  Sunday: 7,
};

/**
 * A closed-days note as readers see it: without the "(… inferred)" remarks the shared reference
 * data writes (notes for us, not facts for readers; its `confirmed` column already says the closed
 * days were not confirmed). Null when nothing is left.
 */
export function withoutRemarks(note: string | null | undefined): string | null {
  const text = (note ?? '').replace(/\s*\([^()]*inferred\)/g, '').trim();
  return text === '' ? null : text;
}

/**
 * The Korean and English of a note the previous release stored in one column (read while an
 * upgrade has not yet added the two columns): a note in Korean is the Korean version.
 */
export function legacyClosedDaysNote(note: string | null): {
  ko: string | null;
  en: string | null;
} {
  if (note && /[가-힣]/.test(note)) return { ko: note, en: null };
  return { ko: null, en: withoutRemarks(note) };
}

/** "Every Sunday and Monday" → [7, 1]. */
export function weeklyClosedDays(note: string): Weekday[] {
  const every = /Every ([A-Za-z ]+?)(?:;|\(|$)/.exec(note);
  if (!every) return [];
  return Object.entries(WEEKDAYS)
    .filter(([name]) => every[1]!.includes(name))
    .map(([, day]) => day);
}

function firstMondays(holidays: PublicHoliday[]): PublicHoliday[] {
  const years = [...new Set(holidays.map((h) => h.date.slice(0, 4)))];
  const result: PublicHoliday[] = [];
  for (const year of years) {
    for (let month = 1; month <= 12; month++) {
      let day: BusinessDate = `${year}-${String(month).padStart(2, '0')}-01`;
      while (weekdayOf(day) !== 1) day = addDays(day, 1);
      result.push({ date: day, nameKo: '정기 휴관일', nameEn: 'Monthly closing day' });
    }
  }
  return result;
}

/** The dates a library's closed-days note names, from the public holiday list. */
export function closedDates(note: string, holidays: PublicHoliday[]): PublicHoliday[] {
  const dates: PublicHoliday[] = [];
  if (/1st Monday of each month/.test(note)) dates.push(...firstMondays(holidays));
  if (/public holidays|; holidays/.test(note)) {
    dates.push(...holidays);
  } else {
    if (note.includes("New Year's Day")) {
      dates.push(...holidays.filter((h) => h.nameEn === "New Year's Day"));
    }
    if (note.includes('Seollal and Chuseok')) {
      dates.push(...holidays.filter((h) => /Seollal|Chuseok/.test(h.nameEn)));
    }
  }
  const unique = new Map(dates.map((d) => [d.date, d]));
  return [...unique.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** One library of a libraries CSV row (the seed document's columns), in its region. */
export function seedLibraryOf(
  row: Pick<LibraryRow, 'english_name' | 'korean_name'> &
    Partial<Pick<LibraryRow, 'address_ko' | 'phone' | 'closed_days' | 'closed_days_ko'>>,
  regionCode: string,
  holidays: PublicHoliday[],
): SeedLibrary {
  const note = withoutRemarks(row.closed_days);
  const weekly = note ? weeklyClosedDays(note) : [];
  return {
    code: slug(row.english_name),
    nameKo: row.korean_name,
    nameEn: row.english_name,
    regionCode,
    addressKo: row.address_ko || null,
    phone: row.phone || null,
    closedDaysNote: { ko: row.closed_days_ko?.trim() || null, en: note },
    // Where the source is silent the rules.md default (closed on Mondays) applies.
    closedWeekdays:
      note === null || (weekly.length === 0 && !/1st Monday/.test(note)) ? [1] : weekly,
    holidays: note ? closedDates(note, holidays) : [],
  };
}

/**
 * A library's listed closed dates against the network's public holidays: its own days (not a
 * public holiday of the same name), and the public holidays it is open on (an exception; none
 * where its weekly closed day falls anyway). Migration 0027 splits the copies the same way.
 */
export function splitClosedDates(
  library: Pick<SeedLibrary, 'holidays' | 'closedWeekdays'>,
  publicHolidays: readonly PublicHoliday[],
): { own: PublicHoliday[]; openOn: BusinessDate[] } {
  const listed = new Map(library.holidays.map((h) => [h.date, h]));
  const own = library.holidays.filter(
    (h) => !publicHolidays.some((p) => p.date === h.date && p.nameKo === h.nameKo),
  );
  const openOn = publicHolidays
    .filter((p) => !listed.has(p.date) && !library.closedWeekdays.includes(weekdayOf(p.date)))
    .map((p) => p.date);
  return { own, openOn };
}

export function seedDirectory(): { regions: SeedRegion[]; libraries: SeedLibrary[] } {
  const holidays = publicHolidays();
  const rows = readCsv<LibraryRow>('seed-libraries.csv');
  const regions = new Map<string, SeedRegion>([[PROVINCE.code, PROVINCE]]);
  const libraries = rows.map((row): SeedLibrary => {
    const region = row.english_name === PROVINCIAL_LIBRARY ? PROVINCE : cityRegion(row);
    regions.set(region.code, region);
    return seedLibraryOf(row, region.code, holidays);
  });
  return { regions: [...regions.values()], libraries };
}
