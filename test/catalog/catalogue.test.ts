import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importItems } from '../../src/modules/catalog/import-items.js';
import { seedDemoItems } from '../../src/modules/catalog/repository.js';
import { CATALOGUE_HOLDINGS_SHOWN, searchCatalogue } from '../../src/modules/catalog/search.js';
import { data as reindexAcrossSpaces } from '../../src/platform/db/migrations/0039_search_tokens_across_spaces.js';
import { queryTokens } from '../../src/platform/search-tokens.js';
import { demoCardNumber, staffUsername } from '../../src/seed/demo-accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { checkInDirectly } from '../support/check-ins.js';
import { testDatabaseKind } from '../support/database.js';
import { Client, memberClient, staffClient } from '../support/http.js';
import { csv, lendDirectly, libraryIdOf } from './support.js';

const HEADER = 'barcode,title,author,publisher,year,isbn,loanable,call_number,kdc,subjects';
/** 채식주의자 (Changbi, 2007): 978-89-364-3359-8, whose ISBN-10 is 89-364-3359-8. */
const VEGETARIAN_13 = '9788936433598';
const MEMBER_CARD = demoCardNumber(1);

interface Holding {
  library: { id: number; nameKo: string; region: { code: string }; phone?: string | null };
  copies: number;
  available: number;
  checkedIn: boolean | null;
  callNumbers?: string[];
}

interface Title {
  id: number;
  title: string;
  author: string | null;
  isbn: string | null;
  kdc: string | null;
  libraryCount: number;
  copies: number;
  available: number;
  holdings: Holding[];
}

describe(`network catalogue search (${testDatabaseKind})`, () => {
  let t: TestApp;
  let home: number;
  let yonam: number;
  let tongyeong: number;
  let yonamRegion: string;
  const anonymous = () => new Client(t.app);
  const page = async (query: string, client: Client = anonymous()) => {
    const response = await client.get(`/api/v1/catalogue?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { titles: Title[]; nextCursor: string | null };
  };
  const search = async (query: string, client?: Client) => (await page(query, client)).titles;
  const q = (text: string) => `q=${encodeURIComponent(text)}`;
  const titlesOf = async (query: string) => (await search(query)).map((title) => title.title);

  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    const member = await t.db
      .selectFrom('cards')
      .innerJoin('members', 'members.id', 'cards.member_id')
      .select('members.home_library_id')
      .where('cards.number', '=', MEMBER_CARD)
      .executeTakeFirstOrThrow();
    home = member.home_library_id;
    yonam = await libraryIdOf(t.db, 'jinju-yonam-library');
    tongyeong = await libraryIdOf(t.db, 'tongyeong-city-library');
    expect(new Set([home, yonam, tongyeong]).size).toBe(3);
    const region = await t.db
      .selectFrom('libraries')
      .innerJoin('regions', 'regions.id', 'libraries.region_id')
      .select('regions.code')
      .where('libraries.id', '=', yonam)
      .executeTakeFirstOrThrow();
    yonamRegion = region.code;
    const load = async (libraryId: number, ...rows: string[]) => {
      const report = await importItems(t.context, 'system', libraryId, csv(HEADER, ...rows));
      expect(report.errors).toEqual([]);
    };
    await load(
      home,
      `H1,채식주의자,한강,창비,2007,${VEGETARIAN_13},,813.7-한12ㅊ,,`,
      `H2,채식주의자,한강,창비,2007,${VEGETARIAN_13},,813.7-한12ㅊ c.2,,`,
      'H3,푸른 바다의 전설,김작가,,2016,,,,,',
      'H4,바다 가는 길,최작가,,2019,,,,,',
      'H5,바다 이야기,정작가,,2010,,,,,',
      'H6,산,이바다,,2001,,,,,',
      'H7,The Old Man and the Sea,Ernest Hemingway,Scribner,1952,,,,,',
      'H8,100% 국산 콩 요리,김요리,,2020,,,,,',
    );
    await load(
      yonam,
      // The second import brings the KDC class and subjects the record lacked.
      `Y1,채식주의자,한강,창비,2007,${VEGETARIAN_13},yes,813.7-한12ㅊ,813.7,한국소설; 연작소설`,
      `Y2,채식주의자,한강,창비,2007,${VEGETARIAN_13},,813.7-한12ㅊ,,`,
      `Y3,채식주의자 (참고),한강,창비,2007,${VEGETARIAN_13},관내열람,,,`,
      'Y4,바다 이야기,정작가,,2010,,,,,',
      'Y5,바다,박시인,,2003,,,,,',
    );
    // A library that does not take part (yet) is not in the network catalogue.
    await load(tongyeong, `N1,채식주의자,한강,창비,2007,${VEGETARIAN_13},,,,`, 'N2,바다,,,,,,,,');
    await t.db
      .updateTable('libraries')
      .set({ status: 'planned', participating_since: null })
      .where('id', '=', tongyeong)
      .execute();
    await lendDirectly(t.db, t.clock, home, 'H1');
    await lendDirectly(t.db, t.clock, home, 'H4');
  });
  afterAll(async () => t?.close());

  it('keeps one record per ISBN, and per title and author without one, across libraries', async () => {
    const records = await t.db
      .selectFrom('bib_records')
      .select(['title', 'isbn', 'kdc', 'subjects'])
      .where('title', 'in', ['채식주의자', '바다 이야기', '바다'])
      .orderBy('title')
      .execute();
    // 바다 by 박시인 and 바다 with no author are two works.
    expect(records).toEqual([
      { title: '바다', isbn: null, kdc: null, subjects: [] },
      { title: '바다', isbn: null, kdc: null, subjects: [] },
      { title: '바다 이야기', isbn: null, kdc: null, subjects: [] },
      {
        title: '채식주의자',
        isbn: VEGETARIAN_13,
        kdc: '813.7',
        subjects: ['한국소설', '연작소설'],
      },
    ]);
  });

  it('finds a title by ISBN-13 or ISBN-10, with or without hyphens, in isbn or q', async () => {
    const queries = [
      `isbn=${VEGETARIAN_13}`,
      'isbn=89-364-3359-8',
      q('978-89-364-3359-8'),
      q('8936433598'),
      q('ISBN 89-364-3359-8'),
    ];
    for (const query of queries) {
      const titles = await search(query);
      expect(
        titles.map((title) => title.isbn),
        query,
      ).toEqual([VEGETARIAN_13]);
    }
    const [vegetarian] = await search(`isbn=${VEGETARIAN_13}`);
    expect(vegetarian).toMatchObject({
      title: '채식주의자',
      author: '한강',
      kdc: '813.7',
      libraryCount: 2,
      copies: 5,
      available: 3,
    });
    // Most on the shelf first; the planned library is left out; nobody signed in: no checkedIn.
    expect(vegetarian!.holdings.map((h) => [h.library.id, h.copies, h.available])).toEqual([
      [yonam, 3, 2],
      [home, 2, 1],
    ]);
    expect(vegetarian!.holdings.map((h) => h.checkedIn)).toEqual([null, null]);
    expect(vegetarian!.holdings[0]).not.toHaveProperty('callNumbers');
  });

  it('finds two-syllable Korean words inside longer words, Latin words and authors', async () => {
    expect(await titlesOf(q('바다'))).toEqual([
      '바다', // the exact title
      '바다 이야기', // title prefix, two libraries
      '바다 가는 길', // title prefix, one library
      '푸른 바다의 전설', // the word inside a title word
      '산', // by 이바다
    ]);
    expect(await titlesOf(q('SEA'))).toEqual(['The Old Man and the Sea']);
    expect(await titlesOf(q('hemingway'))).toEqual(['The Old Man and the Sea']);
    expect(await titlesOf(q('한강'))).toEqual(['채식주의자']);
    // Every word must match: title words and an author together narrow it.
    expect(await titlesOf(q('바다 정작가'))).toEqual(['바다 이야기']);
    expect(await titlesOf(q('바다 nothing'))).toEqual([]);
    expect(await titlesOf(q('100% 국산'))).toEqual(['100% 국산 콩 요리']);
    expect(await titlesOf(q('%%'))).toEqual([]);
  });

  it('finds a title typed without its spaces, or with spaces it lacks, first when it is the whole title', async () => {
    expect((await titlesOf(q('바다이야기')))[0]).toBe('바다 이야기');
    expect(await titlesOf(q('푸른바다의전설'))).toEqual(['푸른 바다의 전설']);
    expect(await titlesOf(q('바다가는길'))).toEqual(['바다 가는 길']);
    expect(await titlesOf(q('채식 주의자'))).toEqual(['채식주의자']);
    // The query's own spaces ask for no piece across them: title and author still narrow it.
    expect(await titlesOf(q('채식주의자 한강'))).toEqual(['채식주의자']);
  });

  it('indexes the records of an older release again (migration 0039), their postings with them', async () => {
    const record = await t.db
      .selectFrom('bib_records')
      .select(['id', 'search_tokens'])
      .where('title', '=', '바다 가는 길')
      .executeTakeFirstOrThrow();
    // As the release before it indexed them: no piece across the spaces.
    await t.db
      .updateTable('bib_records')
      .set({ search_tokens: queryTokens('바다 가는 길 최작가') })
      .where('id', '=', record.id)
      .execute();
    expect(await titlesOf(q('바다가는길'))).toEqual([]);
    await reindexAcrossSpaces(t.db as never);
    expect(await titlesOf(q('바다가는길'))).toEqual(['바다 가는 길']);
    const again = await t.db
      .selectFrom('bib_records')
      .select('search_tokens')
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect([...again.search_tokens].sort()).toEqual([...record.search_tokens].sort());
  });

  it('pages with a cursor, without duplicates or gaps', async () => {
    const all = (await search(`${q('바다')}&limit=50`)).map((title) => title.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const next: { titles: Title[]; nextCursor: string | null } = await page(
        `${q('바다')}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(next.titles.length).toBeLessThanOrEqual(2);
      seen.push(...next.titles.map((title) => title.id));
      cursor = next.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    const bad = await anonymous().get(`/api/v1/catalogue?${q('바다')}&cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().reasons[0].params.field).toBe('querystring.cursor');
  });

  it('refuses a query shorter than two characters, clearly, in Korean and English', async () => {
    for (const query of [q('바'), q(' a '), '', 'q=%20%20']) {
      const response = await anonymous().get(`/api/v1/catalogue?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.json().reasons[0].params.field).toBe('querystring.q');
    }
    const korean = await anonymous().get(`/api/v1/catalogue?${q('바')}`);
    expect(korean.json().detail).toContain('두 글자 이상');
    const english = await t.app.inject({
      url: `/api/v1/catalogue?${q('바')}`,
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().detail).toContain('at least 2 characters');
    const wrong = await anonymous().get('/api/v1/catalogue?isbn=9788936433591');
    expect(wrong.json().reasons[0].params.field).toBe('querystring.isbn');
    expect(wrong.json().detail).toBe('ISBN의 체크 숫자가 맞지 않습니다.');
  });

  it('filters by region, library and copies on the shelf now', async () => {
    const inRegion = await search(`${q('바다')}&region=${yonamRegion}`);
    expect(inRegion.map((title) => title.title)).toEqual(['바다', '바다 이야기']);
    expect(inRegion.flatMap((title) => title.holdings.map((h) => h.library.id))).toEqual([
      yonam,
      yonam,
    ]);
    // The count of libraries stays the network's.
    expect(inRegion[1]!.libraryCount).toBe(2);
    expect(await titlesOf(`${q('바다')}&library=${home}`)).toEqual([
      '바다 이야기',
      '바다 가는 길',
      '푸른 바다의 전설',
      '산',
    ]);
    // H4 (바다 가는 길) is on loan: not on any shelf now.
    expect(await titlesOf(`${q('바다')}&library=${home}&available=true`)).toEqual([
      '바다 이야기',
      '푸른 바다의 전설',
      '산',
    ]);
    const [vegetarian] = await search(`isbn=${VEGETARIAN_13}&available=true&library=${home}`);
    expect(vegetarian!.holdings.map((h) => [h.library.id, h.available])).toEqual([[home, 1]]);
  });

  it("shows a bounded number of holding libraries per result, the viewer's own among them", async () => {
    // One copy of a title in every participating library: more than a result shows.
    const libraries = await t.db
      .selectFrom('libraries')
      .select(['id', 'code'])
      .where('status', '=', 'participating')
      .orderBy('id')
      .execute();
    expect(libraries.length).toBeGreaterThan(CATALOGUE_HOLDINGS_SHOWN + 2);
    for (const library of libraries) {
      const report = await importItems(
        t.context,
        'system',
        library.id,
        csv(HEADER, `W-${library.id},파도소리 일기,윤해안,,2021,,,,,`),
      );
      expect(report.errors).toEqual([]);
    }
    const ids = libraries.map((library) => library.id);
    const shownIds = async (query: string, client?: Client) => {
      const [title] = await search(query, client);
      return { title: title!, ids: title!.holdings.map((h) => h.library.id) };
    };
    const anonymous8 = await shownIds(q('파도소리'));
    expect(anonymous8.title.libraryCount).toBe(libraries.length);
    expect(anonymous8.ids).toEqual(ids.slice(0, CATALOGUE_HOLDINGS_SHOWN));
    // Copies and on the shelf are counted over the libraries shown.
    expect(anonymous8.title).toMatchObject({
      copies: CATALOGUE_HOLDINGS_SHOWN,
      available: CATALOGUE_HOLDINGS_SHOWN,
    });

    // A member checked in at the library with the highest id sees it, first with their home.
    const { id: memberId } = await t.db
      .selectFrom('cards')
      .select('member_id as id')
      .where('number', '=', MEMBER_CARD)
      .executeTakeFirstOrThrow();
    const last = ids.at(-1)!;
    await checkInDirectly(t.db, { memberId: memberId! }, last, t.clock.now());
    const member = await memberClient(t.app, MEMBER_CARD);
    const forMember = await shownIds(q('파도소리'), member);
    const own = forMember.title.holdings.filter((h) => h.checkedIn).map((h) => h.library.id);
    expect(own).toContain(home);
    expect(own).toContain(last);
    expect(forMember.ids).toHaveLength(CATALOGUE_HOLDINGS_SHOWN);
    expect(forMember.ids.slice(0, own.length)).toEqual(own);
    expect(forMember.ids.slice(own.length)).toEqual(
      ids.filter((id) => !own.includes(id)).slice(0, CATALOGUE_HOLDINGS_SHOWN - own.length),
    );
    // The title page still lists every holding library.
    const whole = await member.get(`/api/v1/catalogue/titles/${forMember.title.id}`);
    expect(whole.json().holdings).toHaveLength(libraries.length);

    // Staff: their own library's holding is carried, even when its id is the highest.
    const lastCode = libraries.at(-1)!.code;
    const desk = await staffClient(t.app, staffUsername(lastCode, 'desk'));
    expect((await shownIds(q('파도소리'), desk)).ids).toContain(last);

    // The filters still choose: a region shows only its libraries; on the shelf now skips a
    // library whose copy is out.
    const inRegion = await search(`${q('파도소리')}&region=${yonamRegion}`);
    const regionIds = await t.db
      .selectFrom('libraries')
      .innerJoin('regions', 'regions.id', 'libraries.region_id')
      .select('libraries.id')
      .where('regions.code', '=', yonamRegion)
      .where('libraries.status', '=', 'participating')
      .orderBy('libraries.id')
      .execute();
    expect(inRegion[0]!.holdings.map((h) => h.library.id).sort((a, b) => a - b)).toEqual(
      regionIds.map((row) => row.id).slice(0, CATALOGUE_HOLDINGS_SHOWN),
    );
    await lendDirectly(t.db, t.clock, ids[0]!, `W-${ids[0]}`);
    const onShelf = await shownIds(`${q('파도소리')}&available=true`);
    expect(onShelf.ids).toEqual(ids.slice(1, CATALOGUE_HOLDINGS_SHOWN + 1));
    expect(onShelf.title.available).toBe(CATALOGUE_HOLDINGS_SHOWN);
    await t.db
      .deleteFrom('check_ins')
      .where('member_id', '=', memberId!)
      .where('library_id', '=', last)
      .execute();
  });

  it("puts a member's own libraries first, and shows call numbers to staff only", async () => {
    // The demo member is checked in at 연암 too: not any more, for this look.
    const { id: memberId } = await t.db
      .selectFrom('cards')
      .select('member_id as id')
      .where('number', '=', MEMBER_CARD)
      .executeTakeFirstOrThrow();
    await t.db.deleteFrom('check_ins').where('member_id', '=', memberId!).execute();
    const member = await memberClient(t.app, MEMBER_CARD);
    const [forMember] = await search(`isbn=${VEGETARIAN_13}`, member);
    expect(forMember!.holdings.map((h) => [h.library.id, h.checkedIn])).toEqual([
      [home, true],
      [yonam, false],
    ]);
    expect(forMember!.holdings[0]).not.toHaveProperty('callNumbers');
    const desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    const [forStaff] = await search(`isbn=${VEGETARIAN_13}`, desk);
    expect(forStaff!.holdings.map((h) => [h.library.id, h.callNumbers])).toEqual([
      [yonam, ['813.7-한12ㅊ']],
      [home, ['813.7-한12ㅊ', '813.7-한12ㅊ c.2']],
    ]);
  });

  it('gives one title with every holding library and its facts; NOT_FOUND otherwise', async () => {
    const [vegetarian] = await search(`isbn=${VEGETARIAN_13}`);
    const response = await anonymous().get(`/api/v1/catalogue/titles/${vegetarian!.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const { title, holdings } = response.json();
    expect(title).toMatchObject({ title: '채식주의자', subjects: ['한국소설', '연작소설'] });
    expect(holdings.map((h: Holding) => h.library.id)).toEqual([yonam, home]);
    expect(holdings[0].library).toHaveProperty('phone');
    expect(holdings[0].library).toHaveProperty('openingHoursKo');
    const missing = await anonymous().get('/api/v1/catalogue/titles/99999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('NOT_FOUND');
  });

  it('answers a token query from the GIN index', async () => {
    // Few rows here: the planner would read the table; without that choice it must use the index.
    const plan = await t.db.transaction().execute(async (tx) => {
      await sql`set local enable_seqscan = off`.execute(tx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`
        explain select id from bib_records where search_tokens @> array['바다']::text[]`.execute(
        tx,
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Bitmap Index Scan on bib_records_search_tokens');
  });

  it('writes nothing for an anonymous search, and limits anonymous callers per minute', async () => {
    const counts = async () => {
      const { rows } = await sql<{ audit: number; throttles: number; sessions: number }>`
        select (select count(*) from audit_events)::int as audit,
               (select count(*) from sign_in_throttles)::int as throttles,
               (select count(*) from sessions)::int as sessions`.execute(t.db);
      return rows[0];
    };
    t.clock.advanceMinutes(2);
    const before = await counts();
    await search(q('바다'));
    await search(`isbn=${VEGETARIAN_13}`);
    expect(await counts()).toEqual(before);
    // 60 a minute from one address, the two above included (a refused query counts too).
    for (let i = 0; i < 58; i++) {
      expect((await anonymous().get(`/api/v1/catalogue?${q('바')}`)).statusCode).toBe(400);
    }
    const limited = await anonymous().get(`/api/v1/catalogue?${q('바다')}`);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    // When to come back: the seconds left in this address's minute (no clock moved since it began).
    expect(limited.headers['retry-after']).toBe('60');
    t.clock.advanceMinutes(0.5);
    const later = await anonymous().get(`/api/v1/catalogue?${q('바다')}`);
    expect(later.statusCode).toBe(429);
    expect(later.headers['retry-after']).toBe('30');
    const member = await memberClient(t.app, MEMBER_CARD);
    expect((await member.get(`/api/v1/catalogue?${q('바다')}`)).statusCode).toBe(200);
    t.clock.advanceMinutes(0.5);
    expect((await anonymous().get(`/api/v1/catalogue?${q('바다')}`)).statusCode).toBe(200);
  });

  it('seeds demo holdings in every library, sharing their titles', async () => {
    const seeded = await seedDemoItems(t.db, 50);
    expect(seeded).toEqual({ libraries: 29, items: 29 * 50 });
    expect((await seedDemoItems(t.db, 50)).items).toBe(0);
    const { titles } = await searchCatalogue(
      t.db,
      { q: '김영하', limit: 50 },
      { memberId: null, staff: false },
    );
    expect(titles.length).toBeGreaterThan(0);
    expect(titles[0]!.libraryCount).toBeGreaterThan(1);
  });
});
