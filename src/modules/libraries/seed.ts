import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit.js';
import type { BusinessDate } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import type { Directory } from './directory-csv.js';
import {
  type PublicHoliday,
  publicHolidays,
  type SeedLibrary,
  type SeedRegion,
  seedDirectory,
  splitClosedDates,
} from './reference-data.js';

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

type Writer = Kysely<DB>;

async function insertRegion(tx: Writer, region: SeedRegion, parentId: number | null) {
  const { id } = await tx
    .insertInto('regions')
    .values({
      code: region.code,
      kind: region.kind,
      ...(parentId === null ? {} : { parent_id: parentId }),
      name_ko: region.nameKo,
      name_en: region.nameEn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * A region of the file: written if new, else the one there (another run may have written it
 * meanwhile: the insert waits for that run to commit, then reads it).
 */
async function regionOf(tx: Writer, region: SeedRegion, parentId: number) {
  const inserted = await tx
    .insertInto('regions')
    .values({
      code: region.code,
      kind: region.kind,
      parent_id: parentId,
      name_ko: region.nameKo,
      name_en: region.nameEn,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, added: true };
  const { id } = await tx
    .selectFrom('regions')
    .select('id')
    .where('code', '=', region.code)
    .executeTakeFirstOrThrow();
  return { id, added: false };
}

interface LibraryStart {
  participating: boolean;
  plannedStart: BusinessDate | null;
}

/**
 * One library with its loan rules (its weekly closed days) and the closed dates of its note;
 * null when a library of that code is already there.
 */
async function insertLibrary(
  tx: Writer,
  library: SeedLibrary,
  regionId: number,
  start: LibraryStart,
  network: PublicHoliday[],
): Promise<number | null> {
  const inserted = await tx
    .insertInto('libraries')
    .values({
      code: library.code,
      region_id: regionId,
      name_ko: library.nameKo,
      name_en: library.nameEn,
      status: start.participating ? 'participating' : 'planned',
      planned_start: start.plannedStart,
      participating_since: start.participating ? SEED_PLANNED_START : null,
      address_ko: library.addressKo,
      phone: library.phone,
      address_en: null,
      closed_days_note_ko: library.closedDaysNote.ko,
      closed_days_note_en: library.closedDaysNote.en,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  const { id } = inserted;
  await tx
    .insertInto('library_loan_rules')
    .values({ library_id: id, closed_weekdays: library.closedWeekdays })
    .execute();
  const { own, openOn } = splitClosedDates(library, network);
  if (own.length > 0) {
    await tx
      .insertInto('library_holidays')
      .values(
        own.map((h) => ({ library_id: id, date: h.date, name_ko: h.nameKo, name_en: h.nameEn })),
      )
      .execute();
  }
  if (openOn.length > 0) {
    await tx
      .insertInto('library_holiday_exceptions')
      .values(openOn.map((date) => ({ library_id: id, date })))
      .execute();
  }
  return id;
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
    const provinceId = await insertRegion(tx, province, null);
    const regionIds = new Map<string, number>([[province.code, provinceId]]);
    for (const region of regions.filter((r) => r !== province)) {
      regionIds.set(region.code, await insertRegion(tx, region, provinceId));
    }
    const start = { participating: options.participating, plannedStart };
    for (const library of libraries) {
      await insertLibrary(tx, library, regionIds.get(library.regionCode)!, start, network);
    }
    return { regions: regions.length, libraries: libraries.length };
  });
}

export class NoNetworkError extends Error {
  override name = 'NoNetworkError';
}

export interface LibrariesAdded {
  /** New libraries, planned, with no start date: the network admin lets each one lend. */
  added: SeedLibrary[];
  /** Libraries of the file whose code the network already has: left as they are. */
  alreadyThere: SeedLibrary[];
  regionsAdded: SeedRegion[];
}

/**
 * Libraries joining a network already running (`library-one add-libraries`), from a CSV in
 * `init`'s format: the new ones are written as `init` writes them, planned, with their regions;
 * a library whose code is already there is left as it is, so the same file can be given again.
 */
export async function addLibraries(
  db: Kysely<DB>,
  at: Date,
  directory: Directory,
): Promise<LibrariesAdded> {
  const network = publicHolidays();
  return db.transaction().execute(async (tx) => {
    const known = await tx.selectFrom('regions').select(['id', 'code', 'kind']).execute();
    const province = known.find((r) => r.kind === 'province');
    if (!province) throw new NoNetworkError();
    const regionIds = new Map(known.map((r) => [r.code, r.id]));
    const regionsAdded: SeedRegion[] = [];
    for (const region of directory.regions) {
      if (regionIds.has(region.code) || region.kind === 'province') continue;
      const { id, added } = await regionOf(tx, region, province.id);
      regionIds.set(region.code, id);
      if (added) regionsAdded.push(region);
    }
    const added: SeedLibrary[] = [];
    const alreadyThere: SeedLibrary[] = [];
    const start = { participating: false, plannedStart: null };
    for (const library of directory.libraries) {
      const regionId = regionIds.get(library.regionCode) ?? province.id;
      const id = await insertLibrary(tx, library, regionId, start, network);
      if (id === null) {
        alreadyThere.push(library);
        continue;
      }
      added.push(library);
      await recordAudit(tx, null, at, {
        action: 'library.added',
        subjectKind: 'library',
        subjectId: id,
        libraryId: id,
        details: { code: library.code },
      });
    }
    return { added, alreadyThere, regionsAdded };
  });
}
