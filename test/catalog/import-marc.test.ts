import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../support/database.js';
import { type Client, staffClient } from '../support/http.js';
import { isoFile, kormarcBook, marcXml } from '../support/marc.js';
import { type CatalogTestApp, createCatalogTestApp, itemCount, libraryIdOf } from './support.js';

/** Holdings files as librarians have them (issue 18): KORMARC/MARC 21 and EUC-KR CSV. */

const book = (controlNumber: string, title: string, barcodes: string[], kdc = '813.7') =>
  kormarcBook({
    controlNumber,
    title,
    author: '김훈',
    publisher: '문학동네',
    year: '2012',
    kdc,
    callNumber: [kdc, '김95ㅋ'],
    subjects: ['한국 소설'],
    barcodes,
  });

describe(`holdings import: MARC and EUC-KR (${testDatabaseKind})`, () => {
  let t: CatalogTestApp;
  let library: number;
  let admin: Client;
  const post = (body: Buffer, type: string, query = '', language = 'ko') =>
    admin.post(`/api/v1/libraries/${library}/items/import${query}`, body, {
      'content-type': type,
      'accept-language': language,
    });
  const copies = (prefix: string) =>
    t.db
      .selectFrom('items as i')
      .innerJoin('bib_records as b', 'b.id', 'i.record_id')
      .select(['i.barcode', 'b.title', 'b.author', 'b.publisher', 'b.year', 'b.kdc', 'b.subjects'])
      .select('i.call_number')
      .where('i.library_id', '=', library)
      .where('i.barcode', 'like', `${prefix}%`)
      .orderBy('i.barcode')
      .execute();
  const auditRows = async () =>
    (
      await t.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'items.imported')
        .execute()
    ).length;

  beforeAll(async () => {
    t = await createCatalogTestApp();
    library = await libraryIdOf(t.db, 'tongyeong-city-library');
    admin = await staffClient(t.app, 'network-admin');
  });
  afterAll(async () => t?.close());

  it('imports ISO 2709 KORMARC in UTF-8 and in EUC-KR, every copy of a record', async () => {
    const utf8 = isoFile(
      [{ ...book('KMO1', '칼의 노래', ['MU-1', 'MU-2']), leader09: 'a' }],
      'utf-8',
    );
    const euc = isoFile([book('KMO2', '남한산성', ['ME-1'], '813.6')], 'euc-kr');
    const first = await post(utf8, 'application/marc');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      format: 'marc',
      encoding: 'utf-8',
      records: 1,
      totalRows: 2,
      imported: 2,
      skipped: 0,
      dryRun: false,
      errors: [],
    });
    const second = await post(euc, 'application/marc');
    expect(second.json()).toMatchObject({ encoding: 'euc-kr', imported: 1, errors: [] });
    const row = { author: '김훈', publisher: '문학동네', year: 2012, subjects: ['한국 소설'] };
    const [southern, sword] = [
      { title: '남한산성', ...row, kdc: '813.6' },
      { title: '칼의 노래', ...row, kdc: '813.7' },
    ];
    expect(await copies('M')).toEqual([
      { barcode: 'ME-1', ...southern, call_number: '813.6 김95ㅋ' },
      { barcode: 'MU-1', ...sword, call_number: '813.7 김95ㅋ' },
      { barcode: 'MU-2', ...sword, call_number: '813.7 김95ㅋ' },
    ]);
  });

  it("imports MARCXML with a bad record reported by number and 001, in the reader's language", async () => {
    const file = marcXml([book('KX1', '흑산', ['X-1']), book('KX2', '공터에서', [])], 'marc');
    const english = await post(file, 'application/marcxml+xml', '?dryRun=true', 'en');
    expect(english.json().errors).toEqual([
      {
        line: 2,
        controlNumber: 'KX2',
        barcode: null,
        field: 'barcode',
        column: 'Barcode',
        code: 'MARC_NO_BARCODE',
        params: {},
        message:
          'The record has no registration number (049 $l) or barcode (852 $p), so no copy to import',
      },
    ]);
    const korean = await post(file, 'text/xml; charset=utf-8');
    expect(korean.json()).toMatchObject({ format: 'marcxml', records: 2, imported: 1, skipped: 1 });
    expect(korean.json().errors[0]).toMatchObject({
      column: '등록번호(바코드)',
      message: '등록번호(049 ▾l)나 바코드(852 ▾p)가 없어 가져올 책이 없습니다',
    });
    expect((await copies('X-')).map((c) => c.title)).toEqual(['흑산']);

    const html = await post(Buffer.from('<html><body>장서</body></html>'), 'application/xml');
    expect(html.statusCode).toBe(400);
    expect(html.json().detail).toBe(
      'MARCXML이 아닙니다: 최상위 요소가 collection이나 record가 아니라 html입니다.',
    );
  });

  it('imports a CSV file Korean Excel saved in EUC-KR, or refuses it when UTF-8 is chosen', async () => {
    const text = '등록번호,서명,저자,발행년\r\nCE-1,자전거 여행,김훈,2000\r\nCE-2,,김훈,\r\n';
    const file = iconv.encode(text, 'cp949');
    const chosen = await post(file, 'text/csv', '?encoding=utf-8');
    expect(chosen.statusCode).toBe(400);
    expect(chosen.json().detail).toBe(
      'UTF-8 텍스트 파일이 아닙니다. 엑셀에서 "CSV UTF-8"로 저장한 뒤 다시 올려 주세요.',
    );
    const response = await post(file, 'text/csv');
    expect(response.json()).toMatchObject({
      format: 'csv',
      encoding: 'euc-kr',
      imported: 1,
      errors: [{ line: 3, column: '제목', message: '제목이 비어 있습니다' }],
    });
    expect((await copies('CE-')).map((c) => [c.title, c.author])).toEqual([
      ['자전거 여행', '김훈'],
    ]);
    const wrong = await post(file, 'text/csv', '?encoding=latin1');
    expect(wrong.statusCode).toBe(400);
  });

  it('dry run: the full report, barcodes the library has included, and nothing written', async () => {
    const file = isoFile([
      book('KD1', '라면을 끓이며', ['DR-1', 'MU-1']),
      book('KD2', '', ['DR-2']),
    ]);
    const [itemsBefore, auditBefore] = [await itemCount(t.db, library), await auditRows()];
    const dry = await post(file, 'application/octet-stream', '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, format: 'marc', imported: 1, skipped: 2 });
    expect(dry.json().errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [1, 'BARCODE_EXISTS'],
      [2, 'VALUE_EMPTY'],
    ]);
    expect(dry.json().errors[0]).toMatchObject({ controlNumber: 'KD1', barcode: 'MU-1' });
    expect([await itemCount(t.db, library), await auditRows()]).toEqual([itemsBefore, auditBefore]);

    const real = await post(file, 'application/marc');
    expect(real.json()).toMatchObject({ dryRun: false, imported: 1, skipped: 2 });
    expect(await itemCount(t.db, library)).toBe(itemsBefore + 1);
    expect(await auditRows()).toBe(auditBefore + 1);
  });
});
