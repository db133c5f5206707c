import { useTranslation } from 'react-i18next';
import { useLibraries } from '../api/directory';
import type { AuditPage } from '../api/types';
import { useFormat } from '../i18n/format';

export type AuditEvent = AuditPage['events'][number];

export type AuditCells = ReturnType<typeof useAuditCells>;

/**
 * An event's cells, in the columns' order, the same on the screen and in the file: when (the
 * file's as `YYYY-MM-DD HH:mm:ss` in Korea, for a spreadsheet to sort), who, where (the whole
 * network's log only), what, on what, the recorded details.
 */
export function useAuditCells(network: boolean) {
  const { t } = useTranslation();
  const format = useFormat();
  const libraries = useLibraries();
  const libraryName = (id: number | null) => {
    const library = libraries.data?.find((l) => l.id === id);
    return library ? format.name(library) : t('audit.noLibrary');
  };
  const columns = [
    t('audit.column.at'),
    t('audit.column.actor'),
    ...(network ? [t('audit.column.library')] : []),
    t('audit.column.action'),
    t('audit.column.subject'),
    t('audit.column.details'),
  ];
  const cellsOf = (event: AuditEvent, at: string) => [
    at,
    actorOf(event, t),
    ...(network ? [libraryName(event.libraryId)] : []),
    t(`audit.action.${event.action}`, { defaultValue: event.action }),
    subjectOf(event, t, libraryName),
    detailsOf(event, { t, format, libraryName }),
  ];
  return {
    columns,
    forScreen: (event: AuditEvent) => cellsOf(event, format.dateTime(String(event.at))),
    forFile: (event: AuditEvent) => cellsOf(event, koreanTimestamp(String(event.at))),
  };
}

/** `2026-12-09 10:00:00`, in Korea. */
function koreanTimestamp(instant: string): string {
  return new Date(instant).toLocaleString('sv-SE', { timeZone: 'Asia/Seoul' });
}

/** The first characters of a member's pseudonym: enough to tell one person's events apart. */
export const shortPseudonym = (pseudonym: string) => pseudonym.slice(0, 8);

type T = ReturnType<typeof useTranslation>['t'];

function actorOf(event: AuditEvent, t: T): string {
  switch (event.actorKind) {
    case 'staff':
      return t('audit.actor.staff', { name: event.actorName ?? `#${event.actorId}` });
    case 'terminal':
      return t('audit.actor.terminal', { name: event.actorName ?? `#${event.actorId}` });
    case 'member':
      return event.memberPseudonym
        ? t('audit.actor.member', { pseudonym: shortPseudonym(event.memberPseudonym) })
        : t('audit.actor.memberGone');
    default:
      return t('audit.actor.system');
  }
}

/**
 * The subject as a reader knows it. A member (or their card) only by the first characters of
 * their pseudonym: enough to see one person looked up again and again, not who they are.
 */
function subjectOf(event: AuditEvent, t: T, libraryName: (id: number | null) => string): string {
  const kind = t(`audit.subject.${event.subjectKind}`, { defaultValue: event.subjectKind });
  if (event.subjectKind === 'library') return libraryName(Number(event.subjectId));
  if ((event.subjectKind === 'member' || event.subjectKind === 'card') && event.memberPseudonym)
    return t('audit.pseudonymous', { kind, pseudonym: shortPseudonym(event.memberPseudonym) });
  const name = event.subjectName ?? (event.subjectId ? `#${event.subjectId}` : null);
  return name ? `${kind} ${name}` : kind;
}

/** What wording an event's details needs: the language, its formats, the libraries' names. */
interface Wording {
  t: T;
  format: ReturnType<typeof useFormat>;
  libraryName: (id: number | null) => string;
}

/**
 * The event's facts (codes and identifiers, no personal data), each worded: `반납 예정일: 2026년
 * 12월 15일`; a change as `상태: 보냄 → 도착`; a copy or a title by its barcode or title unless
 * the subject names it already; nothing for a fact recorded empty. A fact an earlier release
 * recorded under a name not worded here shows its key.
 */
function detailsOf(event: AuditEvent, wording: Wording): string {
  const { from, to, itemId, recordId, ...rest } = event.details;
  const { itemBarcode, recordTitle } = event.detailNames;
  const named = (name: string | null | undefined, label: string) =>
    name && name !== event.subjectName ? [`${wording.t(label)}: ${name}`] : [];
  return [
    ...(from !== undefined && to !== undefined
      ? [
          `${changeLabel(from, wording.t)}: ${wordedValue('from', from, wording)} → ${wordedValue('to', to, wording)}`,
        ]
      : []),
    ...(itemId === undefined
      ? []
      : itemBarcode
        ? named(itemBarcode, 'audit.detail.item')
        : [worded('itemId', itemId, wording)]),
    ...(recordId === undefined
      ? []
      : recordTitle
        ? named(recordTitle, 'audit.detail.record')
        : [worded('recordId', recordId, wording)]),
    ...Object.entries(rest).flatMap(([key, value]) =>
      value === null ? [] : [worded(key, value, wording)],
    ),
  ].join(', ');
}

/** One fact as `label: value`, the label its name's words (its key while it has none). */
function worded(key: string, value: unknown, wording: Wording): string {
  return `${wording.t(`audit.detail.${key}`, { defaultValue: key })}: ${wordedValue(key, value, wording)}`;
}

/** What a change from one value to another is of: a period's days, a lending library, a state. */
function changeLabel(from: unknown, t: T): string {
  if (typeof from === 'string' && BUSINESS_DATE.test(from)) return t('audit.detail.period');
  if (typeof from === 'number') return t('audit.detail.lendingLibraryId');
  return t('audit.detail.state');
}

const BUSINESS_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Facts whose numbers are libraries' ids: the library's name instead. */
const LIBRARY_FACTS = new Set(['lendingLibraryId', 'libraryIds']);
/** Facts whose codes have words of their own elsewhere in the app (key → the words' prefix). */
const CODE_WORDS: Readonly<Record<string, string>> = {
  role: 'staff.role',
  idDocumentType: 'idType',
  suspensionMode: 'network.modes',
  from: 'audit.requestState',
  to: 'audit.requestState',
  outcome: 'audit.requestOutcome',
  status: 'audit.libraryStatus',
  reason: 'audit.reason',
  visibility: 'audit.visibility',
};
/** Codes look like `closed_day`; a machine's free-text reason for a block is shown as written. */
const CODE = /^[a-z][a-z_]*$/;

function wordedValue(key: string, value: unknown, wording: Wording): string {
  const { t, format, libraryName } = wording;
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) {
    if (key === 'closedWeekdays') return value.map((d) => format.weekday(Number(d))).join(', ');
    // The names of a library's facts that changed, as their own labels.
    if (key === 'fields')
      return value.map((f) => t(`audit.detail.${f}`, { defaultValue: String(f) })).join(', ');
    return value.map((v) => wordedValue(key, v, wording)).join(', ') || '—';
  }
  // A request passed to another lender records the two libraries as `from` and `to`.
  if (typeof value === 'number' && (LIBRARY_FACTS.has(key) || key === 'from' || key === 'to'))
    return libraryName(value);
  // Identifiers (a copy's, a title's, a machine's number) without a thousands separator.
  if (typeof value === 'number') return key.endsWith('Id') ? String(value) : format.number(value);
  if (typeof value === 'string') {
    if (BUSINESS_DATE.test(value)) return format.date(value, false);
    if (INSTANT.test(value)) return format.dateTime(value);
    const words = CODE_WORDS[key];
    return words && CODE.test(value) ? t(`${words}.${value}`, { defaultValue: value }) : value;
  }
  // A change recorded with what was before and after it: each side worded alike.
  const facts = Object.entries(value as Record<string, unknown>);
  return `(${facts.map(([k, v]) => worded(k, v, wording)).join(', ')})`;
}
