import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importItems } from '../../src/modules/catalog/import-items.js';
import { seedDemoItems } from '../../src/modules/catalog/repository.js';
import { searchCatalogue } from '../../src/modules/catalog/search.js';
import { testDatabaseKind } from '../support/database.js';
import { Client } from '../support/http.js';
import {
  type CatalogTestApp,
  createCatalogTestApp,
  csv,
  lendDirectly,
  libraryIdOf,
} from './support.js';

const HEADER = 'barcode,title,author,publisher,year,isbn,loanable';
/** 채식주의자 (Changbi, 2007): 978-89-364-3359-8, whose ISBN-10 is 89-364-3359-8. */
const VEGETARIAN_13 = '9788936433598';

interface Holding {
  library: { id: number; nameKo: string; nameEn: string; region: { code: string } };
  copies: number;
  available: number;
}

interface Title {
  title: string;
  author: string | null;
  isbn: string | null;
  copies: number;
  available: number;
  holdings: Holding[];
}

describe(`network catalogue search (${testDatabaseKind})`, () => {
  let t: CatalogTestApp;
  let home: number;
  let yonam: number;
  let tongyeong: number;
  const anonymous = () => new Client(t.app);
  const search = async (query: string): Promise<Title[]> => {
    const response = await anonymous().get(`/api/v1/catalogue?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json().titles;
  };

  beforeAll(async () => {
    t = await createCatalogTestApp();
    home = await libraryIdOf(t.db, 'gyeongnamdaepyo-library');
    yonam = await libraryIdOf(t.db, 'jinju-yonam-library');
    tongyeong = await libraryIdOf(t.db, 'tongyeong-city-library');
    const load = async (libraryId: number, ...rows: string[]) => {
      const report = await importItems(t.context, 'system', libraryId, csv(HEADER, ...rows));
      expect(report.errors).toEqual([]);
    };
    await load(
      home,
      `H1,채식주의자,한강,창비,2007,${VEGETARIAN_13},`,
      `H2,채식주의자,한강,창비,2007,${VEGETARIAN_13},`,
      'H3,100% 국산 콩 요리,김요리,,2020,,',
      'H4,1000가지 요리,박요리,,2021,,',
      'H5,향토 문집,경남 문인회,,1999,,',
      'H6,a_c 이야기,저자,,,,',
    );
    await load(
      yonam,
      `Y1,채식주의자,한강,창비,2007,${VEGETARIAN_13},yes`,
      `Y2,채식주의자,한강,창비,2007,${VEGETARIAN_13},`,
      `Y3,채식주의자 (참고),한강,창비,2007,${VEGETARIAN_13},관내열람`,
      'Y4,향토 문집,경남 문인회,,1999,,',
      'Y5,abc 이야기,저자,,,,',
      'Y6,1000가지 요리,박요리,,2021,,',
    );
    // A library that does not take part (yet) is not in the network catalogue.
    await load(tongyeong, `N1,채식주의자,한강,창비,2007,${VEGETARIAN_13},`);
    await t.db
      .updateTable('libraries')
      .set({ status: 'planned', participating_since: null })
      .where('id', '=', tongyeong)
      .execute();
    await lendDirectly(t.db, t.clock, home, 'H1');
  });
  afterAll(async () => t?.close());

  it('finds one ISBN at two libraries, with copies and availability', async () => {
    const titles = await search(`isbn=${VEGETARIAN_13}`);
    expect(titles).toHaveLength(1);
    const [vegetarian] = titles;
    expect(vegetarian).toMatchObject({
      title: '채식주의자',
      author: '한강',
      publisher: '창비',
      year: 2007,
      isbn: VEGETARIAN_13,
      copies: 5,
      available: 3,
    });
    const holdings = vegetarian!.holdings.map((h) => [h.library.id, h.copies, h.available]);
    // Those with more copies on the shelf first; the planned library is left out.
    expect(holdings).toEqual([
      [yonam, 3, 2],
      [home, 2, 1],
    ]);
    expect(vegetarian!.holdings[0]!.library).toMatchObject({
      nameKo: '진주시립연암도서관',
      nameEn: 'Jinju Yonam Library',
      region: { code: expect.any(String) },
    });
  });

  it('finds the ISBN-13 item from its ISBN-10, hyphens or not, and from q', async () => {
    for (const isbn10 of ['8936433598', '89-364-3359-8', 'ISBN 89-364-3359-8']) {
      const titles = await search(`isbn=${encodeURIComponent(isbn10)}`);
      expect(titles.map((title) => title.isbn)).toEqual([VEGETARIAN_13]);
    }
    expect((await search('q=8936433598')).map((title) => title.isbn)).toEqual([VEGETARIAN_13]);
  });

  it('searches title and author, case-insensitive, grouping copies without ISBN', async () => {
    const byAuthor = await search(`q=${encodeURIComponent('한강')}`);
    expect(byAuthor.map((title) => title.isbn)).toEqual([VEGETARIAN_13]);
    const anthology = await search(`q=${encodeURIComponent('문집')}`);
    expect(anthology).toHaveLength(1);
    expect(anthology[0]).toMatchObject({ title: '향토 문집', isbn: null, copies: 2, available: 2 });
    expect(anthology[0]!.holdings.map((h) => h.library.id).sort()).toEqual([home, yonam].sort());
    // Held by two libraries first, then by title.
    const recipes = await search(`q=${encodeURIComponent('요리')}`);
    expect(recipes.map((title) => title.title)).toEqual(['1000가지 요리', '100% 국산 콩 요리']);
  });

  it('takes % and _ in q literally', async () => {
    const percent = await search(`q=${encodeURIComponent('100%')}`);
    expect(percent.map((title) => title.title)).toEqual(['100% 국산 콩 요리']);
    expect((await search(`q=${encodeURIComponent('%')}`)).map((title) => title.title)).toEqual([
      '100% 국산 콩 요리',
    ]);
    const underscore = await search(`q=${encodeURIComponent('a_c')}`);
    expect(underscore.map((title) => title.title)).toEqual(['a_c 이야기']);
    expect(await search(`q=${encodeURIComponent('\\')}`)).toEqual([]);
  });

  it('needs q or isbn, and a valid ISBN', async () => {
    for (const query of ['', 'q=', 'q=%20%20']) {
      const response = await anonymous().get(`/api/v1/catalogue?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    }
    const wrong = await anonymous().get('/api/v1/catalogue?isbn=9788936433591');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().reasons[0].params.field).toBe('querystring.isbn');
  });

  it('seeds demo holdings in every library, so the network shares titles', async () => {
    const seeded = await seedDemoItems(t.db, 50);
    expect(seeded.libraries).toBe(29);
    expect(seeded.items).toBe(29 * 50);
    expect((await seedDemoItems(t.db, 50)).items).toBe(0);
    const titles = await searchCatalogue(t.db, { q: '김' });
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.length).toBeLessThanOrEqual(50);
    const counts = titles.map((title) => title.holdings.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBeGreaterThan(1);
  });
});
