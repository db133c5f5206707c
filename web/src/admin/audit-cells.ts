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
    detailsOf(event.details),
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

/** The event's facts as `key: value`, as recorded (codes and identifiers, no personal data). */
function detailsOf(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}
