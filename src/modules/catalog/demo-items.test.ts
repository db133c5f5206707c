import { describe, expect, it } from 'vitest';
import {
  demoBarcodePrefix,
  demoBarcodePrefixes,
  demoItems,
  hashString,
  mulberry32,
} from './demo-items.js';
import { normalizeIsbn } from './isbn.js';
import type { ItemRecord } from './item.js';
import { ITEM_CSV_COLUMNS, parseItemCsv } from './item-csv.js';

const HANGUL = /[가-힣]/;

function toCsv(items: readonly ItemRecord[]): Buffer {
  const quote = (value: string | number | boolean | null) =>
    `"${String(value ?? '').replaceAll('"', '""')}"`;
  const lines = items.map((item) =>
    [
      item.barcode,
      item.title,
      item.author,
      item.publisher,
      item.year,
      item.isbn,
      item.callNumber,
      item.loanable,
    ]
      .map(quote)
      .join(','),
  );
  return Buffer.from([ITEM_CSV_COLUMNS.slice(0, 8).join(','), ...lines].join('\r\n'), 'utf8');
}

describe('demo random numbers', () => {
  it('hashes strings to stable 32-bit numbers', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('jinju-seobu-library')).toBe(hashString('jinju-seobu-library'));
    expect(hashString('a')).not.toBe(hashString('b'));
  });

  it('draws the same sequence from the same seed, within [0, 1)', () => {
    const first = mulberry32(42);
    const second = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => first());
    expect(Array.from({ length: 1000 }, () => second())).toEqual(draws);
    expect(draws.every((draw) => draw >= 0 && draw < 1)).toBe(true);
    expect(new Set(draws).size).toBeGreaterThan(990);
  });
});

describe('demoBarcodePrefix', () => {
  it('takes two or three letters from the library code', () => {
    expect(demoBarcodePrefix('jinju-seobu-library')).toBe('JSL');
    expect(demoBarcodePrefix('gyeongnamdaepyo-library')).toBe('GL');
    expect(demoBarcodePrefix('dodong-childrens-library-annex')).toBe('DCL');
    expect(demoBarcodePrefix('gimhae')).toBe('GI');
    expect(demoBarcodePrefix('42')).toBe('LB');
  });

  it('gives no two libraries of the demo one prefix: the later one numbered', () => {
    const prefixes = demoBarcodePrefixes([
      'tongyeong-city-library',
      'jinju-seobu-library',
      'tongyeong-chungmu-library',
      'tongyeong-cheonghae-library',
    ]);
    expect([...prefixes.values()]).toEqual(['TCL', 'JSL', 'TCL2', 'TCL3']);
  });
});

describe('demoItems', () => {
  const items = demoItems('jinju-seobu-library', 600);

  it('gives the same items for the same library, and other items for another', () => {
    expect(demoItems('jinju-seobu-library', 600)).toEqual(items);
    const other = demoItems('changwon-library', 600);
    expect(other.map((item) => item.title)).not.toEqual(items.map((item) => item.title));
  });

  it('gives exactly the number of items asked for', () => {
    expect(demoItems('gimhae-library', 0)).toEqual([]);
    expect(demoItems('gimhae-library', 1)).toHaveLength(1);
    expect(items).toHaveLength(600);
    expect(() => demoItems('gimhae-library', -1)).toThrow(RangeError);
    expect(() => demoItems('gimhae-library', 1.5)).toThrow(RangeError);
  });

  it('numbers barcodes uniquely with the library prefix', () => {
    expect(items[0]?.barcode).toBe('JSL0000001');
    expect(items[599]?.barcode).toBe('JSL0000600');
    expect(new Set(items.map((item) => item.barcode)).size).toBe(600);
  });

  it('gives every item a valid ISBN-13, the same for a title in every library', () => {
    const isbnOfTitle = new Map<string, string>();
    const titleOfIsbn = new Map<string, string>();
    for (const item of [...items, ...demoItems('tongyeong-library', 600)]) {
      expect(item.isbn).not.toBeNull();
      const isbn = item.isbn ?? '';
      expect(normalizeIsbn(isbn)).toMatchObject({ ok: true, isbn13: isbn });
      expect(isbnOfTitle.get(item.title) ?? isbn).toBe(isbn);
      expect(titleOfIsbn.get(isbn) ?? item.title).toBe(item.title);
      isbnOfTitle.set(item.title, isbn);
      titleOfIsbn.set(isbn, item.title);
    }
  });

  it('uses 978-89 ISBNs for Korean publishers and 978-0 for English-language ones', () => {
    for (const item of items) {
      const group = HANGUL.test(item.publisher ?? '') ? '97889' : '9780';
      expect(item.isbn?.startsWith(group)).toBe(true);
    }
  });

  it('holds mostly Korean titles, some English ones, from ~140 distinct titles', () => {
    const korean = items.filter((item) => HANGUL.test(item.title)).length;
    expect(korean / items.length).toBeGreaterThan(0.7);
    expect(korean).toBeLessThan(items.length);
    const titles = new Set(demoItems('changwon-library', 5000).map((item) => item.title));
    expect(titles.size).toBeGreaterThanOrEqual(120);
    expect(titles.size).toBeLessThanOrEqual(150);
  });

  it('makes about 3% of copies reference copies, marked 참 in the call number', () => {
    const reference = items.filter((item) => !item.loanable);
    expect(reference.length).toBeGreaterThan(0);
    expect(reference.length / items.length).toBeLessThan(0.07);
    expect(reference.every((item) => item.callNumber?.startsWith('참 '))).toBe(true);
  });

  it('gives KDC call numbers with an author mark, and copy marks for second copies', () => {
    for (const item of items) {
      expect(item.callNumber).toMatch(
        /^(?:[참아] )?\d{3}(?:\.\d+)?-(?:[가-힣]\d{2}[ㄱ-ㅎ\d]|[A-Z]\d{3}[a-z\d])(?:=\d+)?$/,
      );
    }
    expect(items.some((item) => item.callNumber?.endsWith('=2'))).toBe(true);
    const hangang = items.find((item) => item.title === '채식주의자');
    expect(hangang?.callNumber).toMatch(/^(?:참 )?813\.7-한\d{2}ㅊ/);
  });

  it('gives complete records that the CSV import accepts unchanged', () => {
    const result = parseItemCsv(toCsv(items), { currentYear: 2026 });
    expect(result.ok && result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.rows.map(({ line: _, ...rest }) => rest)).toEqual(
      items.map(({ line: _, ...rest }) => rest),
    );
    expect(items.every((item) => item.author && item.publisher && item.year)).toBe(true);
  });
});
