/**
 * The directory part of the generated network, written with ordinary inserts (it is small): the
 * seed's 29 libraries with their real regions and rules, for a national network the other
 * provinces' districts and libraries (some cities' libraries forming a check-in group), and one
 * desk account and one self-check terminal per library — with one known password hashed once.
 */
import type { Kysely } from 'kysely';
import { seedLibraryDirectory } from '../../src/modules/libraries/seed.js';
import { terminalUsername } from '../../src/modules/terminals/terminals.js';
import type { DB } from '../../src/platform/db/schema.js';
import { staffUsername } from '../../src/seed/demo-accounts.js';
import { libraryName, OTHER_PROVINCES } from '../../src/seed/generate/korean.js';
import { Rng } from '../../src/seed/generate/random.js';
import type { PlannedLibrary } from './plan.js';

/** Every generated desk and terminal account has this password (bench databases only). */
export const BENCH_PASSWORD = 'library-one-bench';
/** Every generated member's self-check PIN. */
export const BENCH_PIN = '2468';

export type DirectoryLibrary = Omit<PlannedLibrary, 'weight' | 'itemStart' | 'itemCount'>;

const GYEONGNAM_SHARE = 63;

async function insertInBatches<T>(
  rows: T[],
  size: number,
  write: (batch: T[]) => Promise<unknown>,
) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

export async function writeDirectory(
  db: Kysely<DB>,
  libraryCount: number,
  passwordHash: string,
): Promise<DirectoryLibrary[]> {
  await seedLibraryDirectory(db, { participating: true });
  const seeded = await db
    .selectFrom('libraries as l')
    .innerJoin('regions as r', 'r.id', 'l.region_id')
    .select(['l.id', 'l.code', 'l.region_id', 'r.parent_id'])
    .orderBy('l.id')
    .execute();
  const libraries: DirectoryLibrary[] = seeded.map((l) => ({
    id: l.id,
    code: l.code,
    districtKey: l.region_id,
    provinceKey: l.parent_id ?? l.region_id,
  }));
  const extra = libraryCount - libraries.length;
  if (extra > 0) libraries.push(...(await writeNationalLibraries(db, extra)));
  await insertInBatches(libraries, 500, (batch) =>
    db
      .insertInto('staff')
      .values(
        batch.map((l) => ({
          library_id: l.id,
          username: staffUsername(l.code, 'desk'),
          display_name: `${l.code} 안내데스크`,
          role: 'desk' as const,
          password_hash: passwordHash,
        })),
      )
      .execute(),
  );
  await insertInBatches(libraries, 500, (batch) =>
    db
      .insertInto('terminals')
      .values(
        batch.map((l) => ({
          library_id: l.id,
          username: terminalUsername(l.code),
          password_hash: passwordHash,
        })),
      )
      .execute(),
  );
  return libraries;
}

/** Libraries beyond the seed's, spread over the provinces by population. */
async function writeNationalLibraries(db: Kysely<DB>, extra: number): Promise<DirectoryLibrary[]> {
  const rng = new Rng(7, 7);
  const gyeongnam = await db
    .selectFrom('regions')
    .select(['id', 'parent_id', 'name_ko', 'name_en', 'kind'])
    .execute();
  const gyeongnamProvince = gyeongnam.find((r) => r.kind === 'province')!;
  const gyeongnamDistricts = gyeongnam.filter((r) => r.kind !== 'province');
  const provinces = [
    ...OTHER_PROVINCES.map((p) => ({ share: p.share, province: p })),
    { share: GYEONGNAM_SHARE, province: null },
  ];
  const totalShare = provinces.reduce((a, p) => a + p.share, 0);
  const counts = provinces.map((p) => Math.floor((extra * p.share) / totalShare));
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < extra; i++) counts[i % counts.length]! += 1;

  const out: DirectoryLibrary[] = [];
  for (const [index, { province }] of provinces.entries()) {
    const count = counts[index]!;
    if (count === 0) continue;
    let provinceId: number;
    let districts: { id: number; names: [string, string] }[];
    if (province) {
      const row = await db
        .insertInto('regions')
        .values({
          code: province.code,
          kind: 'province',
          name_ko: province.nameKo,
          name_en: province.nameEn,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      provinceId = row.id;
      districts = [];
      for (const [ko, en] of province.districts) {
        const district = await db
          .insertInto('regions')
          .values({
            code: `${province.code}-${en.toLowerCase().replace(/[^a-z]+/g, '-')}`,
            kind: en.endsWith('-gun') ? 'county' : 'city',
            parent_id: provinceId,
            name_ko: ko,
            name_en: en,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        districts.push({ id: district.id, names: [ko, en] });
      }
    } else {
      provinceId = gyeongnamProvince.id;
      districts = gyeongnamDistricts.map((d) => ({ id: d.id, names: [d.name_ko, d.name_en] }));
    }
    // Bigger districts get more libraries: the first ones listed are the most populous.
    const perDistrict = new Array<number>(districts.length).fill(0);
    for (let k = 0; k < count; k++) {
      const d = Math.min(districts.length - 1, Math.floor(districts.length * rng.next() ** 1.6));
      perDistrict[d]! += 1;
    }
    for (const [d, district] of districts.entries()) {
      const n = perDistrict[d]!;
      if (n === 0) continue;
      let groupId: number | null = null;
      if (n >= 3 && rng.chance(0.5)) {
        const group = await db
          .insertInto('check_in_groups')
          .values({
            name_ko: `${district.names[0]} 통합도서관`,
            name_en: `${district.names[1]} Libraries`,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        groupId = group.id;
      }
      const rows = Array.from({ length: n }, (_, k) => {
        const [nameKo, nameEn] = libraryName(district.names, k);
        return {
          code: `lib-${district.id}-${k + 1}`,
          region_id: district.id,
          name_ko: nameKo,
          name_en: nameEn,
          status: 'participating' as const,
          planned_start: '2018-03-01',
          participating_since: '2018-03-01',
          phone: `0${2 + (district.id % 60)}-${String(100 + k).padStart(3, '0')}-${String(1000 + district.id).slice(-4)}`,
          check_in_group_id: groupId,
        };
      });
      const inserted = await db
        .insertInto('libraries')
        .values(rows)
        .returning(['id', 'code'])
        .execute();
      await db
        .insertInto('library_loan_rules')
        .values(inserted.map((l) => ({ library_id: l.id })))
        .execute();
      for (const l of inserted) {
        out.push({ id: l.id, code: l.code, districtKey: district.id, provinceKey: provinceId });
      }
    }
  }
  return out;
}
