import type { Kysely } from 'kysely';
import type { BusinessDate } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { Directory } from './directory-csv.js';
import { publicHolidays, seedDirectory, splitClosedDates } from './reference-data.js';

export const SEED_PLANNED_START: BusinessDate = '2018-03-01';

export interface DirectorySeedOptions {
  /** The seed document plans all 29 libraries for March 2018; the demo lets them lend. */
  participating: boolean;
  /**
   * When the libraries are planned to start lending: the seed document's date for its own 29;
   * none for an operator's CSV (the network admin sets each library's date).
   */
  plannedStart?: BusinessDate | null;
}

/** Writes the seed document's regions and libraries, with their rules and closed dates. */
export async function seedLibraryDirectory(
  db: Kysely<DB>,
  options: DirectorySeedOptions,
  directory: Directory = seedDirectory(),
): Promise<{ regions: number; libraries: number }> {
  const { regions, libraries } = directory;
  const plannedStart =
    options.plannedStart === undefined ? SEED_PLANNED_START : options.plannedStart;
  const network = publicHolidays();
  return db.transaction().execute(async (tx) => {
    // Migration 0027 wrote the same list; a network that edited it keeps its edits.
    await tx
      .insertInto('network_holidays')
      .values(network.map((h) => ({ date: h.date, name_ko: h.nameKo, name_en: h.nameEn })))
      .onConflict((oc) => oc.column('date').doNothing())
      .execute();
    const province = regions.find((r) => r.kind === 'province')!;
    const { id: provinceId } = await tx
      .insertInto('regions')
      .values({
        code: province.code,
        kind: province.kind,
        name_ko: province.nameKo,
        name_en: province.nameEn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const regionIds = new Map<string, number>([[province.code, provinceId]]);
    for (const region of regions.filter((r) => r !== province)) {
      const { id } = await tx
        .insertInto('regions')
        .values({
          code: region.code,
          kind: region.kind,
          parent_id: provinceId,
          name_ko: region.nameKo,
          name_en: region.nameEn,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      regionIds.set(region.code, id);
    }
    for (const library of libraries) {
      const { id } = await tx
        .insertInto('libraries')
        .values({
          code: library.code,
          region_id: regionIds.get(library.regionCode)!,
          name_ko: library.nameKo,
          name_en: library.nameEn,
          status: options.participating ? 'participating' : 'planned',
          planned_start: plannedStart,
          participating_since: options.participating ? SEED_PLANNED_START : null,
          address_ko: library.addressKo,
          phone: library.phone,
          address_en: null,
          closed_days_note_ko: library.closedDaysNote.ko,
          closed_days_note_en: library.closedDaysNote.en,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('library_loan_rules')
        .values({ library_id: id, closed_weekdays: library.closedWeekdays })
        .execute();
      const { own, openOn } = splitClosedDates(library, network);
      if (own.length > 0) {
        await tx
          .insertInto('library_holidays')
          .values(
            own.map((h) => ({
              library_id: id,
              date: h.date,
              name_ko: h.nameKo,
              name_en: h.nameEn,
            })),
          )
          .execute();
      }
      if (openOn.length > 0) {
        await tx
          .insertInto('library_holiday_exceptions')
          .values(openOn.map((date) => ({ library_id: id, date })))
          .execute();
      }
    }
    return { regions: regions.length, libraries: libraries.length };
  });
}
