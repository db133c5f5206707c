import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRowError, importItemsCommand } from '../../src/cli/import-items.js';
import { seedLibraryDirectory } from '../../src/modules/libraries/seed.js';
import { lockDataDir } from '../../src/platform/db/data-dir-lock.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { createTestDatabase, testDatabaseUrl } from '../support/database.js';
import { isoFile, kormarcBook } from '../support/marc.js';
import { csv } from './support.js';

const BOOK = { author: '김훈', publisher: '문학동네', year: '2001' };

const HEADER = '등록번호,서명,저자,출판사,발행년,ISBN,청구기호,대출가능';

/** Runs the command, collecting what it prints. */
async function run(
  file: string,
  library: string,
  env: Record<string, string | undefined>,
  language: 'ko' | 'en' = 'ko',
) {
  const lines: string[] = [];
  const problems: string[] = [];
  const result = await importItemsCommand(file, {
    library,
    env,
    language,
    progress: false,
    print: (line) => lines.push(line),
    printError: (line) => problems.push(line),
  });
  return { result, lines, problems };
}

describe('library-one import-items (embedded DATA_DIR)', () => {
  let dir: string;
  let dataDir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'library-one-import-'));
    dataDir = path.join(dir, 'data');
    const database = await openDatabase({ dataDir });
    try {
      await migrateToLatest(database.db);
      await seedLibraryDirectory(database.db, { participating: true });
    } finally {
      await database.close();
    }
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file, prints the counts and every row error, and frees the data directory', async () => {
    const file = path.join(dir, '연암 장서.csv');
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        csv(
          HEADER,
          'JY-0001,작별하지 않는다,한강,문학동네,2021,,813.7-한12ㅈ,',
          'JY-0002,흰,한강,문학동네,2018,,813.7-한12ㅎ,관내열람',
          'JY-0003,,저자 없음,,,,,',
          'JY-0004,잘못된 ISBN,저자,,,12345,,',
        ),
      ]),
    );
    const env = { DATA_DIR: dataDir };
    const first = await run(file, 'jinju-yonam-library', env);
    expect(first.result.exitCode).toBe(0);
    expect(first.result.report).toMatchObject({ imported: 2, skipped: 2, totalRows: 4 });
    expect(first.problems).toEqual([]);
    // In Korean unless asked otherwise: the column's name and the reason (issue 17).
    expect(first.lines).toEqual([
      '연암 장서.csv를 진주시립연암도서관 (Jinju Yonam Library)에 가져옵니다…',
      '파일 형식 CSV, 문자 인코딩 UTF-8',
      '4행 중 2행을 가져왔고 2행은 건너뛰었습니다.',
      '4행 (JY-0003), 제목: 제목이 비어 있습니다',
      '5행 (JY-0004), ISBN: ISBN은 10자리나 13자리여야 합니다',
    ]);
    expect(first.result.report?.errors.map((e) => e.code)).toEqual(['VALUE_EMPTY', 'ISBN_LENGTH']);

    // Again, in English: the two imported barcodes now exist.
    const second = await run(file, 'jinju-yonam-library', env, 'en');
    expect(second.result.report).toMatchObject({ imported: 0, skipped: 4 });
    expect(second.lines).toContain('Imported 0 of 4 rows; skipped 4.');
    expect(second.lines).toContain('line 2 (JY-0001): Barcode already exists at this library');
    expect(second.lines).toContain('line 4 (JY-0003): Title is empty');

    // The command closed the embedded database and released its lock.
    const release = lockDataDir(dataDir);
    const database = await openDatabase({ dataDir });
    try {
      const items = await database.db
        .selectFrom('items as i')
        .innerJoin('libraries as l', 'l.id', 'i.library_id')
        .innerJoin('bib_records as b', 'b.id', 'i.record_id')
        .select(['l.code', 'i.barcode', 'b.title', 'i.loanable'])
        .orderBy('i.barcode')
        .execute();
      expect(items).toEqual([
        {
          code: 'jinju-yonam-library',
          barcode: 'JY-0001',
          title: '작별하지 않는다',
          loanable: true,
        },
        { code: 'jinju-yonam-library', barcode: 'JY-0002', title: '흰', loanable: false },
      ]);
      const audit = await database.db
        .selectFrom('audit_events')
        .select(['actor_kind', 'action', 'details'])
        .orderBy('id')
        .execute();
      expect(audit).toEqual([
        {
          actor_kind: 'system',
          action: 'items.imported',
          details: { imported: 2, skipped: 2, errors: 2, totalRows: 4, format: 'csv' },
        },
        {
          actor_kind: 'system',
          action: 'items.imported',
          details: { imported: 0, skipped: 4, errors: 4, totalRows: 4, format: 'csv' },
        },
      ]);
    } finally {
      await database.close();
      release();
    }
  });

  it('checks a KORMARC file in EUC-KR with --dry-run, then imports it', async () => {
    const file = path.join(dir, '연암 신착.mrc');
    const records = [
      kormarcBook({
        ...BOOK,
        controlNumber: 'KMO1',
        title: '칼의 노래',
        barcodes: ['JM-1', 'JM-2'],
      }),
      kormarcBook({ ...BOOK, controlNumber: 'KMO2', title: '흑산', barcodes: [] }),
    ];
    fs.writeFileSync(file, isoFile(records, 'euc-kr'));
    const env = { DATA_DIR: dataDir };
    const dry = await importItemsCommand(file, {
      library: 'jinju-yonam-library',
      env,
      progress: false,
      dryRun: true,
      print: () => {},
    });
    expect(dry.report).toMatchObject({ dryRun: true, imported: 2, skipped: 1, records: 2 });
    // The dry run wrote nothing: the real import still finds both barcodes new.
    const real = await run(file, 'jinju-yonam-library', env);
    expect(real.lines.slice(1)).toEqual([
      '파일 형식 MARC (ISO 2709), 문자 인코딩 EUC-KR (CP949)',
      '레코드 2개, 책 3권 중 2권을 가져왔고 1권은 건너뛰었습니다.',
      '2번째 레코드 (KMO2, 바코드 없음), 등록번호(바코드): 등록번호(049 ▾l)나 바코드(852 ▾p)가 없어 가져올 책이 없습니다',
    ]);
    expect(real.result.report).toMatchObject({ dryRun: false, imported: 2 });
    const again = { line: 1, controlNumber: 'KMO1', barcode: 'JM-1', field: 'barcode' };
    expect(
      formatRowError({ ...again, code: 'BARCODE_EXISTS', params: {}, message: '' }, 'en'),
    ).toBe('record 1 (KMO1, JM-1): Barcode already exists at this library');
    // A barcode that looks like a date is written as it is, not as a day.
    const dated = { line: 4, barcode: '2026-12-01', field: 'barcode', params: {}, message: '' };
    expect(formatRowError({ ...dated, code: 'BARCODE_EXISTS' }, 'ko')).toBe(
      '4행 (2026-12-01), 등록번호(바코드): 이 도서관에 이미 있는 바코드입니다',
    );
  });

  it('exits non-zero and imports nothing when the file cannot be read', async () => {
    const broken = path.join(dir, 'broken.csv');
    fs.writeFileSync(broken, csv(HEADER, 'JY-0100,"닫히지 않은 따옴표,저자,,,,,'));
    const env = { DATA_DIR: dataDir };
    const unreadable = await run(broken, 'jinju-yonam-library', env);
    expect(unreadable.result).toMatchObject({ exitCode: 1, report: null });
    expect(unreadable.problems).toEqual([
      'library-one: broken.csv: CSV로 읽을 수 없습니다: 2행에서 연 큰따옴표가 닫히지 않습니다. 아무것도 가져오지 않았습니다.',
    ]);
    const english = await run(broken, 'jinju-yonam-library', env, 'en');
    expect(english.problems).toEqual([
      'library-one: broken.csv: The file cannot be read as CSV: a quote is never closed (line 2). Nothing was imported.',
    ]);

    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, csv(HEADER, 'X-1,책,저자,,,,,'));
    const unknown = await run(good, 'no-such-library', env);
    expect(unknown.result.exitCode).toBe(1);
    expect(unknown.problems[0]).toContain('no-such-library');

    const missing = await run(path.join(dir, 'missing.csv'), 'jinju-yonam-library', env);
    expect(missing.result.exitCode).toBe(1);
    expect(missing.problems[0]).toContain('ENOENT');

    const database = await openDatabase({ dataDir });
    try {
      const barcodes = await database.db.selectFrom('items').select('barcode').execute();
      expect(barcodes.map((b) => b.barcode).sort()).toEqual(['JM-1', 'JM-2', 'JY-0001', 'JY-0002']);
    } finally {
      await database.close();
    }
  });

  it('imports into the database the configuration names (DATABASE_URL, or else DATA_DIR)', async () => {
    const file = path.join(dir, 'server.csv');
    fs.writeFileSync(file, csv(HEADER, 'S-1,서버로 가는 책,저자,,,,,'));
    if (testDatabaseUrl) {
      const testDatabase = await createTestDatabase();
      try {
        await seedLibraryDirectory(testDatabase.database.db, { participating: true });
        const { result } = await run(file, 'geoje-okpo-library', {
          DATABASE_URL: testDatabase.url!,
          DATA_DIR: path.join(dir, 'unused'),
        });
        expect(result.report).toMatchObject({ imported: 1, skipped: 0 });
        const items = await testDatabase.database.db
          .selectFrom('items')
          .select('barcode')
          .execute();
        expect(items).toEqual([{ barcode: 'S-1' }]);
      } finally {
        await testDatabase.drop();
      }
      return;
    }
    const otherDir = path.join(dir, 'other-data');
    const seeded = await openDatabase({ dataDir: otherDir });
    await migrateToLatest(seeded.db);
    await seedLibraryDirectory(seeded.db, { participating: true });
    await seeded.close();
    const { result } = await run(file, 'geoje-okpo-library', { DATA_DIR: otherDir });
    expect(result.report).toMatchObject({ imported: 1, skipped: 0 });
    const reopened = await openDatabase({ dataDir: otherDir });
    try {
      expect(await reopened.db.selectFrom('items').select('barcode').execute()).toEqual([
        { barcode: 'S-1' },
      ]);
    } finally {
      await reopened.close();
    }
  });
});
