import { describe, expect, it } from 'vitest';
import { type ItemCsvResult, itemCsvTemplate, parseItemCsv, type RowError } from './item-csv.js';

const HEADER = 'barcode,title,author,publisher,year,isbn,call_number,loanable';

function csv(...lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

function parsed(content: Buffer | Uint8Array, currentYear = 2026) {
  const result = parseItemCsv(content, { currentYear });
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result;
}

function refusal(result: ItemCsvResult): string {
  if (result.ok) throw new Error('expected the whole file to be refused');
  return result.reason;
}

/** Where and what, in English (the codes are checked on their own). */
function plain(errors: RowError[]) {
  return errors.map(({ line, barcode, field, message }) => ({ line, barcode, field, message }));
}

/** The errors of a one-row file whose row is `row`. */
function errorsOf(row: string, header = HEADER) {
  const result = parsed(csv(header, row));
  expect(result.rows).toEqual([]);
  return plain(result.errors);
}

describe('parseItemCsv: a good file', () => {
  it('reads Korean headers and text, quoted commas, CRLF line ends and a BOM', () => {
    const text = [
      '등록번호,서명,저자,출판사,발행년,ISBN,청구기호,대출가능',
      'EM0000001,채식주의자,한강,창비,2007,978-89-364-3359-8,813.7-한12ㅊ,대출가능',
      'EM0000002,"총, 균, 쇠",재레드 다이아몬드,문학사상,2005,,909-다74ㅊ,관내열람',
      'EM0000003,"어서 오세요, 휴남동 서점입니다",황보름,클레이하우스,2022,89-364-3359-8,,',
    ].join('\r\n');
    const result = parsed(Buffer.from(`\uFEFF${text}\r\n`, 'utf8'));
    expect(result.errors).toEqual([]);
    expect(result.totalRows).toBe(3);
    expect(result.rows).toEqual([
      {
        line: 2,
        barcode: 'EM0000001',
        title: '채식주의자',
        author: '한강',
        publisher: '창비',
        year: 2007,
        isbn: '9788936433598',
        callNumber: '813.7-한12ㅊ',
        loanable: true,
      },
      {
        line: 3,
        barcode: 'EM0000002',
        title: '총, 균, 쇠',
        author: '재레드 다이아몬드',
        publisher: '문학사상',
        year: 2005,
        isbn: null,
        callNumber: '909-다74ㅊ',
        loanable: false,
      },
      {
        line: 4,
        barcode: 'EM0000003',
        title: '어서 오세요, 휴남동 서점입니다',
        author: '황보름',
        publisher: '클레이하우스',
        year: 2022,
        isbn: '9788936433598',
        callNumber: null,
        loanable: true,
      },
    ]);
  });

  it('takes columns in any order, in any case, and ignores unknown columns', () => {
    const result = parsed(csv('Notes,Call Number,TITLE,Barcode', 'gift,813.7-한12ㅊ,흰,B-1'));
    expect(result.rows).toEqual([
      {
        line: 2,
        barcode: 'B-1',
        title: '흰',
        author: null,
        publisher: null,
        year: null,
        isbn: null,
        callNumber: '813.7-한12ㅊ',
        loanable: true,
      },
    ]);
  });

  it('trims whitespace and composes decomposed Hangul', () => {
    const decomposed = '한강'.normalize('NFD');
    const result = parsed(csv('barcode,title,author', `  B1 ,  흰  , ${decomposed} `));
    expect(result.rows[0]).toMatchObject({ barcode: 'B1', title: '흰', author: '한강' });
  });

  it('skips blank rows, keeping spreadsheet line numbers', () => {
    const result = parsed(csv('barcode,title', 'B1,First', '', ',', ' , ', 'B2,Second'));
    expect(result.totalRows).toBe(2);
    expect(result.rows.map((row) => [row.line, row.barcode])).toEqual([
      [2, 'B1'],
      [6, 'B2'],
    ]);
  });

  it('counts a quoted value with a line break as one spreadsheet row', () => {
    const result = parsed(csv('barcode,title', 'B1,"Two\nlines"', ',', 'B2,Third'));
    expect(result.rows.map((row) => [row.line, row.title])).toEqual([
      [2, 'Two\nlines'],
      [4, 'Third'],
    ]);
  });

  it('accepts rows with trailing cells missing or empty', () => {
    const result = parsed(csv(HEADER, 'B1,Short row', 'B2,Trailing commas,,,,,,,,,'));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((row) => row.barcode)).toEqual(['B1', 'B2']);
  });

  it('keeps quotes inside an unquoted value', () => {
    const result = parsed(csv('barcode,title', 'B1,The "Best" Book'));
    expect(result.rows[0]?.title).toBe('The "Best" Book');
  });

  it.each([
    ['true', true],
    ['YES', true],
    ['y', true],
    ['1', true],
    ['대출가능', true],
    ['예', true],
    ['가능', true],
    ['대출 가능', true],
    ['', true],
    ['False', false],
    ['no', false],
    ['N', false],
    ['0', false],
    ['관내열람', false],
    ['대출불가', false],
    ['대출 불가', false],
    ['아니오', false],
    ['아니요', false],
    ['불가', false],
  ])('reads loanable %j as %s', (value, loanable) => {
    const result = parsed(csv('barcode,title,loanable', `B1,Title,${value}`));
    expect(result.rows[0]?.loanable).toBe(loanable);
  });

  it('accepts years from 1000 to next year', () => {
    const result = parsed(csv('barcode,title,year', 'B1,Old,1000', 'B2,Next,2027'), 2026);
    expect(result.rows.map((row) => row.year)).toEqual([1000, 2027]);
  });

  it('accepts values at their length limits, counting Hangul syllables as one character', () => {
    const row = ['B'.repeat(32), '가'.repeat(500), '나'.repeat(200), '다'.repeat(200)];
    const result = parsed(
      csv('barcode,title,author,publisher,call_number', [...row, 'x'.repeat(100)].join(',')),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
  });
});

describe('parseItemCsv: row errors', () => {
  it('skips bad rows and reports them with their spreadsheet line', () => {
    const result = parsed(
      csv(
        HEADER,
        'EM1,채식주의자,한강,창비,2007,9788936433598,,',
        ',No barcode,,,,,,',
        '',
        'EM2,흰,한강,문학동네,20O7,,,',
        'EM1,Repeated,,,,,,',
        'EM3,소년이 온다,한강,창비,2014,,,y',
        'EM1,Repeated again,,,,,,',
      ),
    );
    expect(result.rows.map((row) => [row.line, row.barcode])).toEqual([
      [2, 'EM1'],
      [7, 'EM3'],
    ]);
    expect(result.totalRows).toBe(6);
    expect(result.errors.map((e) => [e.code, e.params])).toEqual([
      ['VALUE_EMPTY', { column: 'barcode' }],
      ['YEAR_OUT_OF_RANGE', { column: 'year', min: 1000, max: 2027 }],
      ['BARCODE_REPEATED', { firstLine: 2 }],
      ['BARCODE_REPEATED', { firstLine: 2 }],
    ]);
    expect(plain(result.errors)).toEqual([
      { line: 3, barcode: null, field: 'barcode', message: 'Barcode is empty' },
      {
        line: 5,
        barcode: 'EM2',
        field: 'year',
        message: 'Year must be a whole number from 1000 to 2027',
      },
      { line: 6, barcode: 'EM1', field: 'barcode', message: 'Barcode already appears on line 2' },
      { line: 8, barcode: 'EM1', field: 'barcode', message: 'Barcode already appears on line 2' },
    ]);
  });

  it('reports every bad field of a row', () => {
    const errors = errorsOf('B 1,,,,999,123,,maybe');
    expect(errors.map((error) => [error.line, error.field])).toEqual([
      [2, 'barcode'],
      [2, 'title'],
      [2, 'year'],
      [2, 'isbn'],
      [2, 'loanable'],
    ]);
    expect(errors.every((error) => error.barcode === 'B 1')).toBe(true);
  });

  it.each([
    ['B'.repeat(33), 'Barcode is longer than 32 characters'],
    ['EM_001', 'Barcode may contain only letters A-Z, digits and hyphens'],
    ['EM 001', 'Barcode may contain only letters A-Z, digits and hyphens'],
    ['등록001', 'Barcode may contain only letters A-Z, digits and hyphens'],
  ])('refuses barcode %j', (barcode, message) => {
    expect(errorsOf(`${barcode},Title`, 'barcode,title')).toEqual([
      { line: 2, barcode, field: 'barcode', message },
    ]);
  });

  it.each([
    ['title', '  ', 'Title is empty'],
    ['title', '가'.repeat(501), 'Title is longer than 500 characters'],
    ['author', 'a'.repeat(201), 'Author is longer than 200 characters'],
    ['publisher', '출'.repeat(201), 'Publisher is longer than 200 characters'],
    ['call_number', '8'.repeat(101), 'Call number is longer than 100 characters'],
    ['year', '999', 'Year must be a whole number from 1000 to 2027'],
    ['year', '2028', 'Year must be a whole number from 1000 to 2027'],
    ['year', '2020.5', 'Year must be a whole number from 1000 to 2027'],
    ['year', '-2020', 'Year must be a whole number from 1000 to 2027'],
    ['year', '이천년', 'Year must be a whole number from 1000 to 2027'],
    ['isbn', '978-89-364-3359-9', 'ISBN check digit is wrong'],
    ['isbn', '12345', 'ISBN must have 10 or 13 digits'],
    [
      'loanable',
      'maybe',
      'Loanable must be yes/no, true/false, y/n, 1/0, 예/아니오, 가능/불가, 대출가능/대출불가 or 관내열람',
    ],
  ])('refuses %s %j', (field, value, message) => {
    const header = field === 'title' ? 'barcode,title' : `barcode,title,${field}`;
    const row = field === 'title' ? `B1,${value}` : `B1,Title,${value}`;
    expect(errorsOf(row, header)).toEqual([{ line: 2, barcode: 'B1', field, message }]);
  });

  it('refuses a row with more values than columns (an unquoted comma)', () => {
    expect(errorsOf('B1,총, 균, 쇠', 'barcode,title')).toEqual([
      {
        line: 2,
        barcode: 'B1',
        field: 'row',
        message:
          'Row has 4 values but the header has 2 columns; put quotes around values that contain commas',
      },
    ]);
  });

  it('treats barcodes as case-sensitive and trimmed when finding repeats', () => {
    const result = parsed(csv('barcode,title', 'ab1,One', 'AB1,Two', ' ab1 ,Three'));
    expect(result.rows.map((row) => row.barcode)).toEqual(['ab1', 'AB1']);
    expect(plain(result.errors)).toEqual([
      { line: 4, barcode: 'ab1', field: 'barcode', message: 'Barcode already appears on line 2' },
    ]);
  });
});

describe('parseItemCsv: whole-file refusals', () => {
  it('reads a file saved in EUC-KR, unless UTF-8 is chosen; refuses bytes that are neither', () => {
    const eucKrTitle = Buffer.from([0xbc, 0xad, 0xb8, 0xed]); // "서명" in EUC-KR
    const content = Buffer.concat([
      Buffer.from('barcode,title\nB1,'),
      eucKrTitle,
      Buffer.from('\n'),
    ]);
    expect(parseItemCsv(content)).toMatchObject({
      ok: true,
      encoding: 'euc-kr',
      rows: [{ title: '서명' }],
    });
    expect(refusal(parseItemCsv(content, { encoding: 'utf-8' }))).toBe(
      'The file is not UTF-8 text. Save it as "CSV UTF-8" and try again',
    );
    const neither = Buffer.concat([Buffer.from('barcode,title\nB1,'), Buffer.from([0x81, 0x20])]);
    expect(refusal(parseItemCsv(neither))).toBe(
      'The file is neither UTF-8 nor EUC-KR (CP949) text. Save it as "CSV UTF-8" and try again',
    );
  });

  it('refuses an unclosed quote, importing nothing', () => {
    const result = parseItemCsv(csv('barcode,title', 'B1,Good', '', 'B2,"Never closed', 'B3,Good'));
    expect(refusal(result)).toBe(
      'The file cannot be read as CSV: a quote is never closed (line 4)',
    );
  });

  it.each([
    ['no bytes', Buffer.alloc(0)],
    ['only a BOM', Buffer.from('\uFEFF', 'utf8')],
    ['only blank lines', Buffer.from(' \r\n\r\n', 'utf8')],
  ])('refuses an empty file (%s)', (_, content) => {
    expect(refusal(parseItemCsv(content))).toBe('The file is empty');
  });

  it('refuses a header without rows', () => {
    expect(refusal(parseItemCsv(csv(HEADER, '', ',,')))).toBe('The file has a header but no rows');
  });

  it('refuses a header without a required column, naming it', () => {
    expect(refusal(parseItemCsv(csv('barcode,author', 'B1,한강')))).toMatch(
      /^The header has no title column/,
    );
    expect(refusal(parseItemCsv(csv('B1,채식주의자', 'B2,흰')))).toMatch(
      /^The header has no barcode or title column/,
    );
  });

  it('refuses a header naming a column twice', () => {
    expect(refusal(parseItemCsv(csv('barcode,title,바코드', 'B1,흰,B2')))).toBe(
      'The header has more than one barcode column',
    );
  });

  it('refuses more rows than maxRows, not counting blank rows', () => {
    const content = csv('barcode,title', 'B1,One', '', 'B2,Two', 'B3,Three');
    expect(refusal(parseItemCsv(content, { maxRows: 2 }))).toBe(
      'The file has 3 rows; at most 2 can be imported at once',
    );
    expect(parseItemCsv(content, { maxRows: 3 }).ok).toBe(true);
  });

  it('accepts a Uint8Array as well as a Buffer', () => {
    const bytes = new TextEncoder().encode('barcode,title\nB1,흰\n');
    expect(parsed(bytes).rows).toHaveLength(1);
  });
});

describe('parseItemCsv: the title record columns', () => {
  it('reads the barcode column under the name its refusals give it, 등록번호(바코드)', () => {
    const result = parsed(csv('등록번호(바코드),서명,대출 가능 여부', 'B1,토지,대출불가'));
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([expect.objectContaining({ barcode: 'B1', loanable: false })]);
  });

  it('reads an optional KDC class and subjects, under English or Korean headers', () => {
    const result = parsed(
      csv(
        '바코드,서명,분류기호,주제어',
        'B1,흰,813.7, 한국소설 ;산문| 한국소설 ;',
        'B2,검은 사슴,,',
      ),
    );
    expect(result.rows.map((row) => [row.kdc, row.subjects])).toEqual([
      ['813.7', ['한국소설', '산문']],
      [null, []],
    ]);
    expect(errorsOf(`B1,T,${'9'.repeat(21)}`, 'barcode,title,kdc')).toEqual([
      { line: 2, barcode: 'B1', field: 'kdc', message: 'KDC class is longer than 20 characters' },
    ]);
  });
});

describe('itemCsvTemplate', () => {
  it('is a header and two example rows, one Korean and one English, that import cleanly', () => {
    const template = itemCsvTemplate();
    expect(template.startsWith(`\uFEFF${HEADER},kdc,subjects\r\n`)).toBe(true);
    const result = parsed(Buffer.from(template, 'utf8'));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((row) => [row.title, row.kdc, row.subjects])).toEqual([
      ['채식주의자', '813.7', ['한국소설', '연작소설']],
      ['Sapiens: A Brief History of Humankind', '909', []],
    ]);
  });
});
