import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Directory, parseDirectoryCsv } from '../../src/modules/libraries/directory-csv.js';
import { addLibraries, seedLibraryDirectory } from '../../src/modules/libraries/index.js';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../support/database.js';

const header = 'english_name,korean_name,region_ko,region_en,address_ko,phone,closed_days';
const haman = 'Haman Library,함안도서관,함안군,Haman-gun,,055-580-1234,Every Monday';

function directoryOf(...rows: string[]): Directory {
  const parsed = parseDirectoryCsv([header, ...rows].join('\n'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.directory;
}

describe(`libraries joining a running network (${testDatabaseKind})`, () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase({ poolSize: 10 });
    await seedLibraryDirectory(
      test.database.db,
      { participating: true, plannedStart: null },
      directoryOf(haman),
    );
  });
  afterAll(async () => test?.drop());

  it('eight operators adding the same new libraries at once: each library and region written once, nothing refused', async () => {
    const joining = directoryOf(
      haman,
      'Uiryeong Library,의령도서관,의령군,Uiryeong-gun,,,Every Tuesday',
      'Changnyeong Library,창녕도서관,창녕군,Changnyeong-gun,,,',
      'Uiryeong Children Library,의령어린이도서관,의령군,Uiryeong-gun,,,',
    );
    const at = new Date('2026-12-07T01:00:00Z');
    const reports = await Promise.all(
      Array.from({ length: 8 }, () => addLibraries(test.database.db, at, joining)),
    );
    const added = reports.flatMap((r) => r.added.map((l) => l.code)).sort();
    expect(added).toEqual(['changnyeong-library', 'uiryeong-children-library', 'uiryeong-library']);
    const regions = reports.flatMap((r) => r.regionsAdded.map((region) => region.code)).sort();
    expect(regions).toEqual(['changnyeong-gun', 'uiryeong-gun']);

    const db = test.database.db;
    const libraries = await db
      .selectFrom('libraries')
      .innerJoin('regions', 'regions.id', 'libraries.region_id')
      .select(['libraries.code', 'libraries.status', 'regions.code as region'])
      .orderBy('libraries.code')
      .execute();
    expect(libraries).toEqual([
      { code: 'changnyeong-library', status: 'planned', region: 'changnyeong-gun' },
      { code: 'haman-library', status: 'participating', region: 'haman-gun' },
      { code: 'uiryeong-children-library', status: 'planned', region: 'uiryeong-gun' },
      { code: 'uiryeong-library', status: 'planned', region: 'uiryeong-gun' },
    ]);
    // Each new library has its rules (its weekly closed days) and one audit line.
    const rules = await db
      .selectFrom('library_loan_rules')
      .innerJoin('libraries', 'libraries.id', 'library_loan_rules.library_id')
      .select(['libraries.code', 'closed_weekdays'])
      .where('libraries.code', '=', 'uiryeong-library')
      .execute();
    expect(rules).toEqual([{ code: 'uiryeong-library', closed_weekdays: [2] }]);
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'library.added')
      .execute();
    expect(audit).toHaveLength(3);
  });
});
