import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LibraryRef } from '../api/types';
import type { Language } from './index';

const LOCALES: Record<Language, string> = { ko: 'ko-KR', en: 'en-GB' };

/** A `YYYY-MM-DD` business date as the calendar day it names, whatever the reader's time zone. */
function dayOf(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** A calendar date (no time of day) in the reader's language, with the parts asked for. */
function formatDay(date: string, language: Language, parts: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: 'UTC', ...parts }).format(
    dayOf(date),
  );
}

/** 2026년 12월 15일 (화) · Tue 15 December 2026 */
export function formatDate(date: string, language: Language, withWeekday = true): string {
  const text = formatDay(date, language, { year: 'numeric', month: 'long', day: 'numeric' });
  if (!withWeekday) return text;
  const weekday = formatDay(date, language, { weekday: 'short' });
  return language === 'ko' ? `${text} (${weekday})` : `${weekday} ${text}`;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD` business dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayOf(to).getTime() - dayOf(from).getTime()) / 86_400_000);
}

/** How a due date stands on the service's day: days left (D-3), due today (D-day), or days late. */
export type DueCountdown =
  | { kind: 'left'; days: number }
  | { kind: 'today' }
  | { kind: 'late'; days: number };

export function dueCountdown(dueDate: string, today: string): DueCountdown {
  const days = daysBetween(today, dueDate);
  if (days > 0) return { kind: 'left', days };
  if (days === 0) return { kind: 'today' };
  return { kind: 'late', days: -days };
}

/** Korean phone numbers as people write them: 01020260001 → 010-2026-0001. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '—';
  const digits = phone.replace(/\D/g, '');
  if (/^02\d{7,8}$/.test(digits)) return digits.replace(/^(02)(\d{3,4})(\d{4})$/, '$1-$2-$3');
  if (/^0\d{9,10}$/.test(digits)) return digits.replace(/^(0\d{2})(\d{3,4})(\d{4})$/, '$1-$2-$3');
  return phone;
}

/** The month of a date: 2026년 12월 · December 2026. */
export function formatMonth(date: string, language: Language): string {
  return formatDay(date, language, { year: 'numeric', month: 'long' });
}

/** A chart's axis: 11. 8. · 8 Nov (not "08/11", which reads as August to half the world). */
export function formatShortDate(date: string, language: Language): string {
  return formatDay(date, language, {
    month: language === 'ko' ? 'numeric' : 'short',
    day: 'numeric',
  });
}

/** The service's calendar day (Korean time) of a point in time, as `YYYY-MM-DD`. */
export function koreanDay(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(instant));
}

/**
 * A point in time, in Korean time (the service's calendar), in the one date style:
 * 2026년 12월 2일 (수) 15:05 · Wed 2 December 2026, 15:05.
 */
export function formatDateTime(instant: string, language: Language): string {
  const moment = new Date(instant);
  const day = koreanDay(instant);
  const time = new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: 'Asia/Seoul',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(moment);
  return language === 'ko'
    ? `${formatDate(day, language)} ${time}`
    : `${formatDate(day, language)}, ${time}`;
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language]).format(value);
}

export function formatPercent(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(value);
}

export function weekdayName(isoWeekday: number, language: Language): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: 'UTC', weekday: 'long' }).format(
    new Date(Date.UTC(2024, 0, isoWeekday)),
  );
}

export function nameOf(named: Pick<LibraryRef, 'nameKo' | 'nameEn'>, language: Language): string {
  // An English name is optional (closed days): the Korean one stands in.
  return (language === 'en' && named.nameEn) || named.nameKo;
}

/**
 * A due date's countdown as Korean readers know it: D-3, D-day, 2일 연체 (English: 3 days left,
 * due today, 2 days overdue).
 */
export function formatCountdown(countdown: DueCountdown, t: TFunction): string {
  if (countdown.kind === 'today') return t('loans.dueToday');
  return t(countdown.kind === 'left' ? 'loans.dueIn' : 'loans.overdueBy', {
    count: countdown.days,
  });
}

/** Formatting in the reader's language, for components. */
export function useFormat() {
  const { i18n, t } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'ko';
  return {
    language,
    date: (date: string, withWeekday = true) => formatDate(date, language, withWeekday),
    shortDate: (date: string) => formatShortDate(date, language),
    month: (date: string) => formatMonth(date, language),
    dateTime: (instant: string) => formatDateTime(instant, language),
    /** The Korean calendar day of a point in time (not its UTC day: 08:00 KST is the day before in UTC). */
    dayOf: (instant: string, withWeekday = true) =>
      formatDate(koreanDay(instant), language, withWeekday),
    number: (value: number) => formatNumber(value, language),
    percent: (value: number) => formatPercent(value, language),
    weekday: (isoWeekday: number) => weekdayName(isoWeekday, language),
    name: (named: Pick<LibraryRef, 'nameKo' | 'nameEn'>) => nameOf(named, language),
    countdown: (dueDate: string, today: string) => formatCountdown(dueCountdown(dueDate, today), t),
  };
}
