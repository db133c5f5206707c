import type { Selectable } from 'kysely';
import type { BibRecordsTable } from '../../platform/db/schema.js';
import { itemImportSentence } from '../../platform/i18n/item-import.js';
import { normalizeIsbn } from './isbn.js';

/** One copy a library holds, as the import, the demo data and (later) the API give it. */
export interface ItemRecord
  extends Pick<Selectable<BibRecordsTable>, 'title' | 'author' | 'publisher' | 'year'> {
  barcode: string;
  /** The line of the import file the item came from (1-based, header = 1); 0 when not imported. */
  line: number;
  /** Normalized ISBN-13, digits only. */
  isbn: string | null;
  callNumber: string | null;
  /** false for reference copies, read in the library only. */
  loanable: boolean;
  /** The KDC class (813.7), when the file gives one; kept on the title's record. */
  kdc?: string | null;
  /** Subject headings, when the file gives them; kept on the title's record. */
  subjects?: string[];
}

export const ITEM_LIMITS = {
  barcode: 32,
  title: 500,
  author: 200,
  publisher: 200,
  callNumber: 100,
  kdc: 20,
  subjects: 1000,
  earliestYear: 1000,
} as const;

/** What is wrong with a value: a stable code and its facts (item-import.json words them). */
export interface ValueProblem {
  code: string;
  params: Record<string, string | number>;
  /** The English sentence (logs, tests, and the API's field reasons). */
  message: string;
}

export type FieldResult<T> = { ok: true; value: T } | ({ ok: false } & ValueProblem);

const BARCODE = /^[A-Za-z0-9-]+$/;

const LOANABLE_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['yes', true],
  ['y', true],
  ['1', true],
  ['대출가능', true],
  ['대출 가능', true],
  ['예', true],
  ['가능', true],
  ['false', false],
  ['no', false],
  ['n', false],
  ['0', false],
  ['관내열람', false],
  ['대출불가', false],
  ['대출 불가', false],
  ['관내 열람', false],
  ['아니오', false],
  ['아니요', false],
  ['불가', false],
]);

function valid<T>(value: T): FieldResult<T> {
  return { ok: true, value };
}

function invalid<T>(code: string, params: Record<string, string | number>): FieldResult<T> {
  return { ok: false, code, params, message: itemImportSentence(code, 'en', params) };
}

/** Trims and composes Hangul (files saved on macOS often hold decomposed syllables). */
export function cleanText(raw: string): string {
  return raw.normalize('NFC').trim();
}

/** Length as a person counts it: one Hangul syllable or emoji is one character. */
function characterCount(text: string): number {
  return [...text].length;
}

export function parseBarcode(raw: string): FieldResult<string> {
  const barcode = cleanText(raw);
  const column = 'barcode';
  if (barcode === '') return invalid('VALUE_EMPTY', { column });
  if (barcode.length > ITEM_LIMITS.barcode) {
    return invalid('VALUE_TOO_LONG', { column, max: ITEM_LIMITS.barcode });
  }
  if (!BARCODE.test(barcode)) return invalid('BARCODE_CHARACTERS', { column });
  return valid(barcode);
}

export function parseTitle(raw: string): FieldResult<string> {
  const title = cleanText(raw);
  if (title === '') return invalid('VALUE_EMPTY', { column: 'title' });
  if (characterCount(title) > ITEM_LIMITS.title) {
    return invalid('VALUE_TOO_LONG', { column: 'title', max: ITEM_LIMITS.title });
  }
  return valid(title);
}

/** Author, publisher or call number: empty means unknown. */
export function parseOptionalText(
  raw: string,
  column: 'author' | 'publisher' | 'call_number' | 'kdc',
  maxLength: number,
): FieldResult<string | null> {
  const text = cleanText(raw);
  if (text === '') return valid(null);
  if (characterCount(text) > maxLength)
    return invalid('VALUE_TOO_LONG', { column, max: maxLength });
  return valid(text);
}

export function parseYear(raw: string, currentYear: number): FieldResult<number | null> {
  const text = cleanText(raw);
  if (text === '') return valid(null);
  const latest = currentYear + 1;
  const year = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(year >= ITEM_LIMITS.earliestYear && year <= latest)) {
    return invalid('YEAR_OUT_OF_RANGE', {
      column: 'year',
      min: ITEM_LIMITS.earliestYear,
      max: latest,
    });
  }
  return valid(year);
}

export function parseIsbn(raw: string): FieldResult<string | null> {
  const text = cleanText(raw);
  if (text === '') return valid(null);
  const isbn = normalizeIsbn(text);
  return isbn.ok ? valid(isbn.isbn13) : invalid(isbn.code, { column: 'isbn' });
}

/** Empty means loanable: most of a collection circulates. */
export function parseLoanable(raw: string): FieldResult<boolean> {
  const text = cleanText(raw).toLowerCase();
  if (text === '') return valid(true);
  const loanable = LOANABLE_WORDS.get(text);
  if (loanable === undefined) {
    return invalid('LOANABLE_UNKNOWN', { column: 'loanable' });
  }
  return valid(loanable);
}

/** Subject headings in one cell, separated by `;` or `|` (a comma may be part of a heading). */
export function parseSubjects(raw: string): FieldResult<string[]> {
  const text = cleanText(raw);
  if (characterCount(text) > ITEM_LIMITS.subjects) {
    return invalid('VALUE_TOO_LONG', { column: 'subjects', max: ITEM_LIMITS.subjects });
  }
  return valid([...new Set(text.split(/[;|]/).map(cleanText))].filter((s) => s !== ''));
}
