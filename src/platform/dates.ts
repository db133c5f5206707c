import { Temporal } from 'temporal-polyfill';
import type { BusinessDate } from './clock.js';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

export function weekdayOf(date: BusinessDate): Weekday {
  return Temporal.PlainDate.from(date).dayOfWeek as Weekday;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' })
    .days;
}

export function compareDates(a: BusinessDate, b: BusinessDate): number {
  return Temporal.PlainDate.compare(Temporal.PlainDate.from(a), Temporal.PlainDate.from(b));
}

export function maxDate(a: BusinessDate, b: BusinessDate): BusinessDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** Age in whole years on `today` of someone born on `birthDate`. */
export function ageOn(birthDate: BusinessDate, today: BusinessDate): number {
  return Temporal.PlainDate.from(birthDate).until(Temporal.PlainDate.from(today), {
    largestUnit: 'years',
  }).years;
}
