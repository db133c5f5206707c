import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { isoFile, isoRecord, kormarcBook, marcXml } from '../../../test/support/marc.js';
import { decodeText } from '../../platform/text-encoding.js';
import { formatOfFileName, parseImportFile, sniffFormat } from './import-file.js';
import { authorOf, stripIsbd, titleOf, yearOf } from './marc-items.js';
import { readIso2709, readMarcXml } from './marc-read.js';

const YEAR = 2026;

const VEGETARIAN = kormarcBook({
  controlNumber: 'KMO200700001',
  title: '채식주의자',
  subtitle: '한강 연작소설',
  author: '한강',
  publisher: '창비',
  year: 'c2007',
  isbn: '9788936433598',
  kdc: '813.7',
  callNumber: ['813.7', '한12ㅊ'],
  subjects: ['한국 현대 소설', '연작소설'],
  barcodes: ['EM0000101', 'EM0000102'],
});

function parse(content: Buffer, format?: 'csv' | 'marc' | 'marcxml') {
  const result = parseImportFile(content, { currentYear: YEAR, format });
  if (!result.ok) throw new Error(`refused: ${result.code}`);
  return result;
}

describe('ISO 2709 (KORMARC) → copies', () => {
  it.each(['utf-8', 'euc-kr'] as const)(
    'reads a %s record with two registration numbers',
    (encoding) => {
      const file = isoFile(
        [{ ...VEGETARIAN, leader09: encoding === 'utf-8' ? 'a' : ' ' }],
        encoding,
      );
      const result = parse(file, 'marc');
      expect(result).toMatchObject({
        format: 'marc',
        encoding,
        records: 1,
        totalRows: 2,
        errors: [],
      });
      expect(result.rows).toEqual(
        ['EM0000101', 'EM0000102'].map((barcode) => ({
          line: 1,
          barcode,
          title: '채식주의자 : 한강 연작소설',
          author: '한강',
          publisher: '창비',
          year: 2007,
          isbn: '9788936433598',
          callNumber: '813.7 한12ㅊ',
          loanable: true,
          kdc: '813.7',
          subjects: ['한국 현대 소설', '연작소설'],
        })),
      );
    },
  );

  it('reads a UTF-8 file whose leader/09 is blank, and obeys a chosen encoding', () => {
    const file = isoFile([VEGETARIAN], 'utf-8');
    expect(parse(file).encoding).toBe('utf-8');
    const euc = isoFile([VEGETARIAN], 'euc-kr');
    expect(parseImportFile(euc, { currentYear: YEAR, encoding: 'utf-8' })).toMatchObject({
      ok: true,
      rows: [],
      errors: [{ line: 1, controlNumber: 'KMO200700001', code: 'MARC_RECORD_ENCODING' }],
    });
  });

  it('takes 852 holdings ($p barcode, $h $i call number), 264 and MARC 21 names', () => {
    const record = {
      leader09: 'a' as const,
      fields: [
        ['001', 'ocm1'],
        ['020', '  ', 'a', '0-06-231609-5 (pbk.) :', 'c', '$22.99'],
        ['100', '1 ', 'a', 'Harari, Yuval Noah,', 'e', 'author.'],
        [
          '245',
          '10',
          'a',
          'Sapiens :',
          'b',
          'a brief history of humankind /',
          'c',
          'Yuval Noah Harari.',
        ],
        ['264', ' 4', 'c', '©2014'],
        ['264', ' 1', 'a', 'New York :', 'b', 'Harper,', 'c', '[2015]'],
        ['650', ' 0', 'a', 'Human beings', 'x', 'History.'],
        ['852', '  ', 'h', '909', 'i', 'H254s', 'p', 'EN-001'],
        ['852', '  ', 'p', 'EN-002'],
      ],
    };
    const [first, second] = parse(isoFile([record]), 'marc').rows;
    expect(first).toMatchObject({
      barcode: 'EN-001',
      title: 'Sapiens : a brief history of humankind',
      author: 'Harari, Yuval Noah',
      publisher: 'Harper',
      year: 2015,
      isbn: '9780062316097',
      callNumber: '909 H254s',
      subjects: ['Human beings -- History'],
      kdc: null,
    });
    expect(second).toMatchObject({ barcode: 'EN-002', callNumber: null });
  });

  it('reports a record without a barcode, a broken record and a repeated barcode, and keeps the rest', () => {
    const good = kormarcBook({ ...bookOf('KMO1'), barcodes: ['B-1'] });
    const noCopy = kormarcBook({ ...bookOf('KMO2'), barcodes: [] });
    const again = kormarcBook({ ...bookOf('KMO4'), barcodes: ['B-1', 'B-4'] });
    const broken = Buffer.from('00042nam  2200025   4500XYZ\x1e\x1d', 'latin1');
    const file = Buffer.concat([
      isoRecord(good),
      isoRecord(noCopy),
      broken,
      Buffer.from('\r\n'),
      isoRecord(again),
    ]);
    const result = parse(file);
    expect(result.format).toBe('marc');
    expect(result.rows.map((row) => [row.line, row.barcode])).toEqual([
      [1, 'B-1'],
      [4, 'B-4'],
    ]);
    expect(result.errors.map((e) => [e.line, e.controlNumber, e.barcode, e.field, e.code])).toEqual(
      [
        [2, 'KMO2', null, 'barcode', 'MARC_NO_BARCODE'],
        [3, null, null, 'record', 'MARC_RECORD_UNREADABLE'],
        [4, 'KMO4', 'B-1', 'barcode', 'BARCODE_REPEATED_RECORD'],
      ],
    );
    expect(result.errors[2]?.params).toEqual({ firstRecord: 1 });
    expect(result).toMatchObject({ records: 4, totalRows: 5 });
  });

  it('refuses a file without any record', () => {
    expect(readIso2709(Buffer.from('\r\n'))).toEqual({
      ok: false,
      code: 'MARC_NO_RECORDS',
      params: {},
    });
  });
});

describe('MARCXML → copies', () => {
  it.each(['', 'marc'])('reads a collection (prefix "%s") with one bad record', (prefix) => {
    const bad = kormarcBook({ ...bookOf('KMO9'), title: '', barcodes: ['X-9'] });
    const file = marcXml(
      [kormarcBook({ ...bookOf('KMO8'), title: 'A & B <시집>', barcodes: ['X-8'] }), bad],
      prefix,
    );
    const result = parse(file);
    expect(result.format).toBe('marcxml');
    expect(result.rows.map((row) => [row.barcode, row.title])).toEqual([['X-8', 'A & B <시집>']]);
    expect(result.errors.map((e) => [e.line, e.controlNumber, e.field, e.code])).toEqual([
      [2, 'KMO9', 'title', 'VALUE_EMPTY'],
    ]);
  });

  it('reads an EUC-KR document its declaration names', () => {
    const text = marcXml([kormarcBook({ ...bookOf('K1'), barcodes: ['E-1'] })])
      .toString('utf8')
      .replace('encoding="UTF-8"', 'encoding="EUC-KR"');
    const result = parse(iconv.encode(text, 'cp949'));
    expect(result).toMatchObject({ encoding: 'euc-kr', rows: [{ barcode: 'E-1', title: '바다' }] });
  });

  it('refuses XML that is not well-formed, or not MARC', () => {
    expect(readMarcXml(Buffer.from('<collection>\n<record><leader>x</record>'))).toMatchObject({
      ok: false,
      code: 'MARCXML_UNREADABLE',
      params: { line: 2 },
    });
    expect(readMarcXml(Buffer.from('<html><body/></html>'))).toEqual({
      ok: false,
      code: 'MARCXML_NOT_MARC',
      params: { root: 'html' },
    });
  });
});

describe('damaged files', () => {
  it('never throws on random bytes or a cut record: a refusal or per-record errors', () => {
    let seed = 18;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const whole = isoFile([VEGETARIAN]);
    for (let round = 0; round < 200; round += 1) {
      const cut = whole.subarray(0, random() % whole.length);
      const noise = Buffer.from(Array.from({ length: random() % 300 }, () => random() % 256));
      for (const content of [cut, noise, Buffer.concat([whole, noise])]) {
        for (const format of ['marc', 'marcxml', 'csv'] as const) {
          const result = parseImportFile(content, { currentYear: YEAR, format });
          expect(typeof result.ok).toBe('boolean');
        }
      }
    }
  });

  it('does not expand entities a document declares for itself', () => {
    const bomb = '<!DOCTYPE r [<!ENTITY a "aaaaaaaa">]><record><leader/>&a;&a;</record>';
    expect(readMarcXml(Buffer.from(bomb))).toMatchObject({ ok: false, code: 'MARCXML_UNREADABLE' });
  });
});

describe('MARC field values', () => {
  it('drops ISBD punctuation but keeps initials and abbreviations', () => {
    expect(stripIsbd('바다 /')).toBe('바다');
    expect(stripIsbd('Sapiens :')).toBe('Sapiens');
    expect(stripIsbd('Harper,')).toBe('Harper');
    expect(stripIsbd('Rowling, J. K.')).toBe('Rowling, J. K.');
    expect(stripIsbd('History.')).toBe('History');
  });

  it('finds the title, the author (245 $d when no 1XX/7XX) and the year', () => {
    const record = {
      leader: '',
      fields: [
        {
          tag: '245',
          value: '',
          ind1: '1',
          ind2: '0',
          subfields: [
            { code: 'a', value: '칼의 노래 /' },
            { code: 'd', value: '김훈 지음' },
          ],
        },
        {
          tag: '260',
          value: '',
          ind1: ' ',
          ind2: ' ',
          subfields: [{ code: 'c', value: '2012[i.e. 2013]' }],
        },
      ],
    };
    expect(titleOf(record)).toBe('칼의 노래');
    expect(authorOf(record)).toBe('김훈 지음');
    expect(yearOf(record)).toBe('2012');
  });
});

describe('format and character set', () => {
  it('knows the format from the file name or the first bytes', () => {
    expect(formatOfFileName('장서.MRC')).toBe('marc');
    expect(formatOfFileName('export.xml')).toBe('marcxml');
    expect(formatOfFileName('items.csv')).toBe('csv');
    expect(formatOfFileName('README')).toBeUndefined();
    expect(sniffFormat(isoFile([VEGETARIAN]))).toBe('marc');
    expect(sniffFormat(Buffer.from('\uFEFF  <?xml version="1.0"?><collection/>'))).toBe('marcxml');
    expect(sniffFormat(Buffer.from('barcode,title\n12345,x\n'))).toBe('csv');
  });

  it('keeps UTF-8 as UTF-8, reads EUC-KR as CP949, and refuses what is neither', () => {
    expect(decodeText(Buffer.from('바다,여행'))).toEqual({
      ok: true,
      text: '바다,여행',
      encoding: 'utf-8',
    });
    // 똠 and 펲 are outside EUC-KR's 2,350 syllables: only CP949 (what Windows writes) has them.
    const cp949 = iconv.encode('바다,똠방각하,펲', 'cp949');
    expect(decodeText(cp949)).toEqual({ ok: true, text: '바다,똠방각하,펲', encoding: 'euc-kr' });
    expect(decodeText(cp949, 'utf-8')).toEqual({ ok: false });
    expect(decodeText(Buffer.from([0x81, 0x20]), 'euc-kr')).toEqual({ ok: false });
    expect(decodeText(Buffer.from([0x81, 0x20, 0xff]))).toEqual({ ok: false });
  });

  it('reads a CSV file Korean Excel saved in EUC-KR', () => {
    const text = '등록번호,서명,저자,발행년\r\nK-1,칼의 노래,김훈,2001\r\nK-2,,김훈,\r\n';
    const result = parse(iconv.encode(text, 'cp949'));
    expect(result).toMatchObject({ format: 'csv', encoding: 'euc-kr', totalRows: 2 });
    expect(result.rows.map((row) => [row.barcode, row.title, row.author])).toEqual([
      ['K-1', '칼의 노래', '김훈'],
    ]);
    expect(
      parseImportFile(iconv.encode(text, 'cp949'), { currentYear: YEAR, encoding: 'utf-8' }),
    ).toMatchObject({
      ok: false,
      code: 'FILE_NOT_UTF8',
    });
  });
});

function bookOf(controlNumber: string) {
  return { controlNumber, title: '바다', author: '김훈', publisher: '문학동네', year: '2004' };
}
