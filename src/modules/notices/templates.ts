import type { BusinessDate } from '../../platform/clock.js';
import { addDays } from '../../platform/dates.js';
import type { NoticeKind } from '../../platform/db/schema.js';
import type { Language } from '../../platform/errors.js';
import { fillTemplate } from '../../platform/i18n/messages.js';
import en from '../../platform/i18n/notices.en.json' with { type: 'json' };
import ko from '../../platform/i18n/notices.ko.json' with { type: 'json' };

interface Catalog {
  subject: Record<NoticeKind, string>;
  body: Record<NoticeKind, string>;
  short: Record<NoticeKind, string>;
  footer: { phone: string; hours: string; settings: string };
}

const CATALOGS: Record<Language, Catalog> = { ko, en };

export const NOTICE_KINDS = Object.keys(ko.subject) as NoticeKind[];

/** What a notice's text says, read from current data at send time (never stored). */
export interface NoticeFacts {
  name: string;
  library: {
    nameKo: string;
    nameEn: string;
    phone: string | null;
    hoursKo: string | null;
    hoursEn: string | null;
  };
  title?: string | undefined;
  dueDate?: string | undefined;
  days?: number | undefined;
  daysOverdue?: number | undefined;
  daysLate?: number | undefined;
  until?: string | undefined;
  resumesOn?: string | undefined;
  renewalDate?: string | undefined;
  /** A hold's last pickup day. */
  pickupUntil?: string | undefined;
}

export interface RenderedNotice {
  subject: string;
  /** The plain-text part of an e-mail. */
  text: string;
  /** The HTML part: the same paragraphs. */
  html: string;
  /** SMS and KakaoTalk: one short line. */
  short: string;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * The notice in the member's language. Titles are quoted as Korean readers expect (《채식주의자》),
 * and every particle after a name or title fits it (es-hangul through fillTemplate).
 */
export function renderNotice(
  kind: NoticeKind,
  language: Language,
  facts: NoticeFacts,
): RenderedNotice {
  const catalog = CATALOGS[language];
  const params = {
    name: facts.name,
    library: facts.library.nameKo,
    libraryEn: facts.library.nameEn,
    phone: facts.library.phone,
    hours: facts.library.hoursKo,
    hoursEn: facts.library.hoursEn,
    title: facts.title === undefined ? undefined : `《${facts.title}》`,
    titleEn: facts.title === undefined ? undefined : `“${facts.title}”`,
    dueDate: facts.dueDate,
    days: facts.days,
    daysOverdue: facts.daysOverdue,
    daysLate: facts.daysLate,
    until: facts.until,
    resumesOn: facts.resumesOn,
    renewalDate: facts.renewalDate,
    pickupUntil: facts.pickupUntil,
  };
  const fill = (template: string) => fillTemplate(template, language, params);
  const paragraphs = fill(catalog.body[kind]).split('\n\n');
  const footer = [
    facts.library.phone ? fill(catalog.footer.phone) : fill('{library}'),
    (language === 'en' ? facts.library.hoursEn : facts.library.hoursKo)
      ? fill(catalog.footer.hours)
      : null,
    catalog.footer.settings,
  ].filter((line): line is string => line !== null);
  const text = `${paragraphs.join('\n\n')}\n\n--\n${footer.join('\n')}\n`;
  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"></head><body>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<hr><p style="color:#555;font-size:90%">${footer.map(escapeHtml).join('<br>')}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: fill(catalog.subject[kind]), text, html, short: fill(catalog.short[kind]) };
}

/**
 * Made-up facts for the admin's preview of a template, dated from the service's day as the real
 * notice would be (a due date `dueSoonDays` on for "due soon" — the library's setting, 3 when it
 * sends none —, eight days past for "overdue", …), so that a preview never says "3 days left" of
 * a date a week away, nor 3 days where the library tells its members 5 days before.
 */
export function sampleFacts(kind: NoticeKind, today: BusinessDate, dueSoonDays = 3): NoticeFacts {
  const daysBefore = dueSoonDays > 0 ? dueSoonDays : 3;
  const suspendedDays = 3;
  const until = addDays(today, suspendedDays - 1);
  return {
    name: '김민준',
    library: {
      nameKo: '진주시립연암도서관',
      nameEn: 'Jinju Yonam Library',
      phone: '055-749-5361',
      hoursKo: '09:00–22:00 (월요일 휴관)',
      hoursEn: '9:00–22:00 (closed on Mondays)',
    },
    title: '채식주의자',
    dueDate:
      kind === 'overdue'
        ? addDays(today, -8)
        : kind === 'due_today'
          ? today
          : addDays(today, daysBefore),
    days: daysBefore,
    daysOverdue: 8,
    daysLate: suspendedDays,
    // A suspension's last day, or a requested copy's last pickup day.
    until: kind === 'request_arrived' ? addDays(today, 5) : until,
    resumesOn: addDays(until, 1),
    renewalDate: addDays(today, 30),
    pickupUntil: addDays(today, 5),
  };
}
