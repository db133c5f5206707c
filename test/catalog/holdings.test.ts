import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseItemCsv } from '../../src/modules/catalog/item-csv.js';
import { testDatabaseKind } from '../support/database.js';
import { Client, staffClient } from '../support/http.js';
import {
  type CatalogTestApp,
  createCatalogTestApp,
  csv,
  itemCount,
  lendDirectly,
  libraryIdOf,
  postCsv,
} from './support.js';

const HEADER = 'barcode,title,author,publisher,year,isbn,call_number,loanable';

describe(`holdings: import, add, list (${testDatabaseKind})`, () => {
  let t: CatalogTestApp;
  let home: number;
  let yonam: number;
  let admin: Client;
  beforeAll(async () => {
    t = await createCatalogTestApp();
    home = await libraryIdOf(t.db, 'gyeongnamdaepyo-library');
    yonam = await libraryIdOf(t.db, 'jinju-yonam-library');
    admin = await staffClient(t.app, 'gyeongnamdaepyo-admin');
  });
  afterAll(async () => t?.close());

  it('adds one copy, with the CSV rules and named fields', async () => {
    const added = await admin.post(`/api/v1/libraries/${home}/items`, {
      barcode: 'EXIST-1',
      title: '  이미 있는 책 ',
      author: '홍길동',
      isbn: '89-364-3359-X',
    });
    // 89-364-3359-X has a wrong check digit: every bad field is named at once.
    expect(added.statusCode).toBe(400);
    expect(added.json().code).toBe('VALIDATION_FAILED');
    const bad = await admin.post(`/api/v1/libraries/${home}/items`, {
      barcode: 'no spaces allowed',
      title: '',
      year: 30000,
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().reasons.map((r: { params: { field: string } }) => r.params.field);
    expect(fields).toEqual(['body.barcode', 'body.title', 'body.year']);
    // Each reason in Korean, naming the field as the screen does: no English inside.
    const details = bad.json().reasons.map((r: { detail: string }) => r.detail);
    expect(details[1]).toBe('제목이 비어 있습니다.');
    for (const detail of details) expect(detail).not.toMatch(/[A-Za-z]{3,}/);

    const ok = await admin.post(`/api/v1/libraries/${home}/items`, {
      barcode: 'EXIST-1',
      title: '  이미 있는 책 ',
      author: '홍길동',
      isbn: '0-06-231609-5',
      year: 2015,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      libraryId: home,
      barcode: 'EXIST-1',
      title: '이미 있는 책',
      isbn: '9780062316097',
      loanable: true,
      onLoan: false,
      dueDate: null,
    });
    const again = await admin.post(`/api/v1/libraries/${home}/items`, {
      barcode: 'EXIST-1',
      title: '다른 책',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CONFLICT');

    const desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    const byDesk = await desk.post(`/api/v1/libraries/${home}/items`, {
      barcode: 'X1',
      title: 'x',
    });
    expect(byDesk.statusCode).toBe(403);
  });

  it('imports a CSV: Korean titles, bad rows by line, a barcode the library has', async () => {
    const before = await itemCount(t.db, home);
    const file = csv(
      HEADER,
      'T0001,채식주의자,한강,창비,2007,978-89-364-3359-8,813.7-한12ㅊ,대출가능',
      'T0002,소년이 온다,한강,창비,2014,,813.7-한12ㅅ,',
      'T0003,,무명씨,,,,,',
      '',
      'T0004,"연도가 틀린 책",저자,,20777,,,',
      'T0001,같은 바코드,저자,,,,,',
      'EXIST-1,이미 있는 책,홍길동,,,,,',
      'T0005,"Sapiens: A Brief History of Humankind",Yuval Noah Harari,Harper,2015,0062316095,909-H254s,관내열람',
    );
    const response = await postCsv(admin, home, file);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ imported: 3, skipped: 4, totalRows: 7 });
    // In the reader's language (Korean first), with the column's name; the codes stay (issue 17).
    expect(report.errors).toEqual([
      {
        line: 4,
        barcode: 'T0003',
        field: 'title',
        column: '제목',
        code: 'VALUE_EMPTY',
        params: { column: 'title' },
        message: '제목이 비어 있습니다',
      },
      {
        line: 6,
        barcode: 'T0004',
        field: 'year',
        column: '발행 연도',
        code: 'YEAR_OUT_OF_RANGE',
        params: { column: 'year', min: 1000, max: 2027 },
        message: '발행 연도는 1000부터 2027까지의 정수여야 합니다',
      },
      {
        line: 7,
        barcode: 'T0001',
        field: 'barcode',
        column: '등록번호(바코드)',
        code: 'BARCODE_REPEATED',
        params: { firstLine: 2 },
        message: '같은 바코드가 2행에 이미 있습니다',
      },
      {
        line: 8,
        barcode: 'EXIST-1',
        field: 'barcode',
        column: '등록번호(바코드)',
        code: 'BARCODE_EXISTS',
        params: {},
        message: '이 도서관에 이미 있는 바코드입니다',
      },
    ]);
    expect(await itemCount(t.db, home)).toBe(before + 3);

    const item = (await admin.get(`/api/v1/libraries/${home}/items/T0001`)).json();
    expect(item).toMatchObject({
      title: '채식주의자',
      author: '한강',
      isbn: '9788936433598',
      callNumber: '813.7-한12ㅊ',
      loanable: true,
      onLoan: false,
    });
    const sapiens = (await admin.get(`/api/v1/libraries/${home}/items/T0005`)).json();
    expect(sapiens).toMatchObject({ isbn: '9780062316097', loanable: false });
    // The untouched copy keeps its own title.
    const existing = (await admin.get(`/api/v1/libraries/${home}/items/EXIST-1`)).json();
    expect(existing.title).toBe('이미 있는 책');

    const audit = await t.db
      .selectFrom('audit_events')
      .select(['actor_kind', 'library_id', 'subject_kind', 'subject_id', 'details'])
      .where('action', '=', 'items.imported')
      .execute();
    expect(audit).toEqual([
      {
        actor_kind: 'staff',
        library_id: home,
        subject_kind: 'library',
        subject_id: String(home),
        details: { imported: 3, skipped: 4, errors: 4, totalRows: 7, format: 'csv' },
      },
    ]);
  });

  it('imports nothing from a file it cannot read', async () => {
    const before = await itemCount(t.db, home);
    const unclosed = csv(
      HEADER,
      'U0001,좋은 책,저자,,,,,',
      'U0002,"따옴표가 닫히지 않은 책,저자,,,,,',
    );
    const notUtf8 = Buffer.concat([
      Buffer.from(`${HEADER}\r\nU0003,`, 'utf8'),
      // Bytes that are neither UTF-8 nor EUC-KR (CP949): a file damaged on the way.
      Buffer.from([0x81, 0x20, 0xff]),
      Buffer.from(',저자,,,,,\r\n', 'utf8'),
    ]);
    const noTitleColumn = csv('barcode,author', 'U0004,저자');
    const details: string[] = [];
    for (const file of [unclosed, notUtf8, noTitleColumn, Buffer.alloc(0)]) {
      const response = await postCsv(admin, home, file);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.json().reasons[0].params.field).toBe('file');
      details.push(response.json().detail);
    }
    expect(details).toEqual([
      'CSV로 읽을 수 없습니다: 3행에서 연 큰따옴표가 닫히지 않습니다.',
      'UTF-8로도 EUC-KR(CP949)로도 읽을 수 없는 파일입니다. 엑셀에서 "CSV UTF-8"로 저장한 뒤 다시 올려 주세요.',
      '머리글에 제목(title) 열이 없습니다. 첫 줄에 열 이름을 적어 주세요: barcode,title,author,publisher,year,isbn,call_number,loanable,kdc,subjects.',
      '빈 파일입니다.',
    ]);
    const english = await admin.request('POST', `/api/v1/libraries/${home}/items/import`, notUtf8, {
      'content-type': 'text/csv; charset=utf-8',
      'accept-language': 'en',
    });
    expect(english.json().detail).toContain('neither UTF-8 nor EUC-KR');
    expect(await itemCount(t.db, home)).toBe(before);
  });

  it('refuses the import to a desk, to the admin of another library and to anonymous users', async () => {
    const file = csv(HEADER, 'A0001,권한 시험,저자,,,,,');
    const desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    expect((await postCsv(desk, home, file)).statusCode).toBe(403);
    const otherAdmin = await staffClient(t.app, 'jinju-yonam-admin');
    const other = await postCsv(otherAdmin, home, file);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FORBIDDEN');
    expect((await postCsv(new Client(t.app), home, file)).statusCode).toBe(401);
    expect(
      await t.db.selectFrom('items').select('id').where('barcode', '=', 'A0001').execute(),
    ).toEqual([]);

    const network = await staffClient(t.app, 'network-admin');
    const imported = await postCsv(network, yonam, file);
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ imported: 1, skipped: 0, errors: [] });
    expect((await postCsv(network, 999_999, file)).statusCode).toBe(404);
  });

  it('accepts only CSV bodies', async () => {
    const json = await admin.post(`/api/v1/libraries/${home}/items/import`, { rows: [] });
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('VALIDATION_FAILED');
    const fromWindows = await admin.post(
      `/api/v1/libraries/${home}/items/import`,
      csv(HEADER, 'W0001,엑셀에서 온 책,저자,,,,,'),
      { 'content-type': 'application/vnd.ms-excel' },
    );
    expect(fromWindows.json()).toMatchObject({ imported: 1, skipped: 0 });
    const tooBig = Buffer.alloc(21 * 1024 * 1024, 'a');
    expect((await postCsv(admin, home, tooBig)).statusCode).toBe(413);
  });

  it('lists and finds copies with their loan status, for staff of the library', async () => {
    await lendDirectly(t.db, t.clock, home, 'T0002', '2026-12-15');
    const desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    const page = await desk.get(`/api/v1/libraries/${home}/items?q=${encodeURIComponent('한강')}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(
      page
        .json()
        .items.map((i: { barcode: string; onLoan: boolean; dueDate: string | null }) => [
          i.barcode,
          i.onLoan,
          i.dueDate,
        ]),
    ).toEqual([
      ['T0001', false, null],
      ['T0002', true, '2026-12-15'],
    ]);
    const byIsbn = (await desk.get(`/api/v1/libraries/${home}/items?q=0062316095`)).json();
    expect(byIsbn.items.map((i: { barcode: string }) => i.barcode)).toEqual(['EXIST-1', 'T0005']);
    const second = (await desk.get(`/api/v1/libraries/${home}/items?limit=2&offset=2`)).json();
    expect(second.items).toHaveLength(2);
    expect(second.total).toBe(await itemCount(t.db, home));
    const loaned = (await desk.get(`/api/v1/libraries/${home}/items/T0002`)).json();
    expect(loaned).toMatchObject({ onLoan: true, dueDate: '2026-12-15' });
    const missing = await desk.get(`/api/v1/libraries/${home}/items/NOPE`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ITEM_UNKNOWN');

    const otherDesk = await staffClient(t.app, 'jinju-yonam-desk');
    expect((await otherDesk.get(`/api/v1/libraries/${home}/items`)).statusCode).toBe(403);
    expect((await otherDesk.get(`/api/v1/libraries/${home}/items/T0001`)).statusCode).toBe(403);
    expect((await new Client(t.app).get(`/api/v1/libraries/${home}/items`)).statusCode).toBe(401);
    const network = await staffClient(t.app, 'network-admin');
    expect((await network.get(`/api/v1/libraries/${yonam}/items`)).json().total).toBe(1);
    expect((await network.get('/api/v1/libraries/999999/items')).statusCode).toBe(404);
  });

  it('serves the CSV template, which imports as it is', async () => {
    const response = await new Client(t.app).get('/api/v1/items/template.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const parsed = parseItemCsv(response.rawPayload, { currentYear: 2026 });
    expect(parsed).toMatchObject({ ok: true, errors: [], totalRows: 2 });
    const imported = await postCsv(admin, home, response.rawPayload);
    expect(imported.json()).toMatchObject({ imported: 2, skipped: 0 });
  });

  it('documents the routes in OpenAPI', async () => {
    const spec = (await new Client(t.app).get('/api/openapi.json')).json();
    const importRoute = spec.paths['/api/v1/libraries/{libraryId}/items/import'].post;
    expect(Object.keys(importRoute.requestBody.content)).toEqual([
      'text/csv',
      'application/vnd.ms-excel',
      'application/marc',
      'application/marcxml+xml',
      'application/xml',
      'text/xml',
      'application/octet-stream',
    ]);
    expect(importRoute.description).toContain('049 $l');
    expect(importRoute.description).toContain('call_number');
    expect(spec.paths['/api/v1/catalogue'].get.tags).toEqual(['catalogue']);
  });
});
