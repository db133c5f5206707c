import { type RawBuilder, sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { AppError } from '../../platform/errors.js';

/**
 * What a library tells its readers, in Korean and English: address, phone, opening hours and the
 * closed-days note. The library's admin (or the network admin) writes them; the closed dates
 * themselves are the calendar's.
 */
export interface LibraryFacts {
  addressKo: string | null;
  addressEn: string | null;
  phone: string | null;
  openingHoursKo: string | null;
  openingHoursEn: string | null;
  closedDaysNoteKo: string | null;
  closedDaysNoteEn: string | null;
}

export const FACT_FIELDS = [
  'addressKo',
  'addressEn',
  'phone',
  'openingHoursKo',
  'openingHoursEn',
  'closedDaysNoteKo',
  'closedDaysNoteEn',
] as const satisfies readonly (keyof LibraryFacts)[];

const COLUMNS = {
  addressKo: 'address_ko',
  addressEn: 'address_en',
  phone: 'phone',
  openingHoursKo: 'opening_hours_ko',
  openingHoursEn: 'opening_hours_en',
  closedDaysNoteKo: 'closed_days_note_ko',
  closedDaysNoteEn: 'closed_days_note_en',
} as const satisfies Record<keyof LibraryFacts, string>;

/** The facts as a select list of the libraries table under `alias`, named as LibraryFacts names them. */
export function libraryFactsColumns(alias: string): RawBuilder<unknown> {
  return sql.join(
    FACT_FIELDS.map((field) => sql`${sql.ref(`${alias}.${COLUMNS[field]}`)} as ${sql.ref(field)}`),
  );
}

/** Only the facts of a row that carries them (and more). */
export function pickLibraryFacts(row: LibraryFacts): LibraryFacts {
  return Object.fromEntries(FACT_FIELDS.map((field) => [field, row[field]])) as never;
}

/** A fact as stored: trimmed, Hangul composed (text pasted from macOS), blank meaning unknown. */
export function cleanFacts(facts: LibraryFacts): LibraryFacts {
  const clean = (text: string | null) => {
    const value = (text ?? '')
      .normalize('NFC')
      .replace(/[\s\p{Cc}]+/gu, ' ')
      .trim();
    return value === '' ? null : value;
  };
  return Object.fromEntries(FACT_FIELDS.map((field) => [field, clean(facts[field])])) as never;
}

/** The fields that change, with what they were and what they become (for the audit log). */
export function changedFacts(before: LibraryFacts, after: LibraryFacts) {
  const changed = FACT_FIELDS.filter((field) => before[field] !== after[field]);
  return {
    fields: changed,
    before: Object.fromEntries(changed.map((field) => [field, before[field]])),
    after: Object.fromEntries(changed.map((field) => [field, after[field]])),
  };
}

/** The library's admin (their own library) or the network admin (any) rewrites its facts. */
export async function updateLibraryFacts(
  context: AppContext,
  actor: Actor,
  libraryId: number,
  facts: LibraryFacts,
) {
  authorize(actor, 'library.manage', { libraryId });
  const { db, clock } = context;
  const after = cleanFacts(facts);
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('libraries')
      .select(FACT_FIELDS.map((field) => `${COLUMNS[field]} as ${field}` as const))
      .where('id', '=', libraryId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const change = changedFacts(row, after);
    if (change.fields.length === 0) return;
    await tx
      .updateTable('libraries')
      .set(Object.fromEntries(change.fields.map((field) => [COLUMNS[field], after[field]])))
      .where('id', '=', libraryId)
      .execute();
    await recordAudit(tx, actor, clock.now(), {
      action: 'library.facts_updated',
      subjectKind: 'library',
      subjectId: libraryId,
      libraryId,
      details: change,
    });
  });
  return context.libraries.findById(libraryId);
}
