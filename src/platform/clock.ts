import { Temporal } from 'temporal-polyfill';

/** A calendar date in Korea, as `YYYY-MM-DD`. */
export type BusinessDate = string;

export const BUSINESS_TIME_ZONE = 'Asia/Seoul';

/** The one source of "now" and of "today" (in Asia/Seoul) for the whole service. */
export interface Clock {
  now(): Date;
  today(): BusinessDate;
}

/** The business day last asked about, with its bounds in epoch milliseconds: [start, end). */
let lastDay = { date: '', start: 0, end: 0 };

/**
 * The date in Korea of an instant. Every request asks, nearly always about the same day, so the
 * day's bounds are kept and the time-zone arithmetic runs once a day.
 */
export function businessDateOf(instant: Date): BusinessDate {
  const ms = instant.getTime();
  if (ms >= lastDay.start && ms < lastDay.end) return lastDay.date;
  const date = Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(BUSINESS_TIME_ZONE)
    .toPlainDate();
  const start = date.toZonedDateTime(BUSINESS_TIME_ZONE);
  lastDay = {
    date: date.toString(),
    start: start.epochMilliseconds,
    end: start.add({ days: 1 }).epochMilliseconds,
  };
  return lastDay.date;
}

/** The instant a Korean calendar day begins. */
export function startOfBusinessDay(date: BusinessDate): Date {
  const start = Temporal.PlainDate.from(date).toZonedDateTime(BUSINESS_TIME_ZONE);
  return new Date(start.epochMilliseconds);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => businessDateOf(new Date()),
};

/** A clock that tests (and demos) move by hand. */
export class ManualClock implements Clock {
  #now: Date;

  constructor(start: Date | string = new Date()) {
    this.#now = new Date(start);
  }

  now(): Date {
    return new Date(this.#now);
  }

  today(): BusinessDate {
    return businessDateOf(this.#now);
  }

  set(instant: Date | string): void {
    this.#now = new Date(instant);
  }

  /** Sets the clock to noon, Korean time, of the given business date. */
  setBusinessDate(date: BusinessDate): void {
    this.#now = new Date(`${date}T12:00:00+09:00`);
  }

  advanceDays(days: number): void {
    this.#now = new Date(this.#now.getTime() + days * 86_400_000);
  }

  advanceMinutes(minutes: number): void {
    this.#now = new Date(this.#now.getTime() + minutes * 60_000);
  }
}
