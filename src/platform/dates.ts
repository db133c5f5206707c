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

/**
 * Days since 1970-01-01 of a real `YYYY-MM-DD` date, or null (then the Temporal path below gives
 * the answer or the error). Plain integer arithmetic: the checkout path does several date
 * operations per request, and the Temporal polyfill made them a visible share of its CPU.
 */
function epochDay(date: BusinessDate): number | null {
  if (date.length !== 10 || !DATE_PATTERN.test(date)) return null;
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (y < 1000) return null;
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    return null;
  }
  return ms / 86_400_000;
}

function fromEpochDay(day: number): BusinessDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  const day = epochDay(date);
  if (day !== null && Number.isInteger(days)) {
    const result = fromEpochDay(day + days);
    if (DATE_PATTERN.test(result)) return result;
  }
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

export function weekdayOf(date: BusinessDate): Weekday {
  const day = epochDay(date);
  // 1970-01-01 was a Thursday (ISO weekday 4).
  if (day !== null) return (((((day + 3) % 7) + 7) % 7) + 1) as Weekday;
  return Temporal.PlainDate.from(date).dayOfWeek as Weekday;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  const a = epochDay(from);
  const b = epochDay(to);
  if (a !== null && b !== null) return b - a;
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' })
    .days;
}

export function compareDates(a: BusinessDate, b: BusinessDate): number {
  // Real `YYYY-MM-DD` dates (four-digit years) sort as text.
  if (epochDay(a) !== null && epochDay(b) !== null) return a < b ? -1 : a > b ? 1 : 0;
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

/** An instant's wall-clock time in a time zone, each part as digits (month, day… two of them). */
export interface WallClockTime {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

/** One formatter per time zone, made once: a formatter costs far more to make than to use. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let clock = wallClocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    wallClocks.set(timeZone, clock);
  }
  return clock;
}

/** Each time zone's last second formatted: the messages of one second share it. */
const lastSeconds = new Map<string, { second: number; time: Readonly<WallClockTime> }>();

/**
 * The wall-clock time of an instant in `timeZone` (every SIP2 message carries one). Formatting
 * is the dear part, and under load hundreds of messages a second ask for the same second.
 */
export function wallClockTime(instant: Date, timeZone: string): Readonly<WallClockTime> {
  const second = Math.floor(instant.getTime() / 1000);
  const last = lastSeconds.get(timeZone);
  if (last?.second === second) return last.time;
  const time: WallClockTime = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const part of wallClock(timeZone).formatToParts(instant)) {
    if (part.type in time) time[part.type as keyof WallClockTime] = part.value;
  }
  lastSeconds.set(timeZone, { second, time: Object.freeze(time) });
  return time;
}
