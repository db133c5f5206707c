import type { Selectable } from 'kysely';
import type { ItemsTable } from '../../platform/db/schema.js';
import { normalizeIsbn } from './isbn.js';

/** One copy a library holds, as the import, the demo data and (later) the API give it. */
export interface ItemRecord
  extends Pick<Selectable<ItemsTable>, 'barcode' | 'title' | 'author' | 'publisher' | 'year'> {
  /** The line of the import file the item came from (1-based, header = 1); 0 when not imported. */
  line: number;
  /** Normalized ISBN-13, digits only. */
  isbn: string | null;
  callNumber: string | null;
  /** false for reference copies, read in the library only. */
  loanable: boolean;
}

export const ITEM_LIMITS = {
  barcode: 32,
  title: 500,
  author: 200,
  publisher: 200,
  callNumber: 100,
  earliestYear: 1000,
} as const;

export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

const BARCODE = /^[A-Za-z0-9-]+$/;

const LOANABLE_WORDS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['yes', true],
  ['y', true],
  ['1', true],
  ['대출가능', true],
  ['false', false],
  ['no', false],
  ['n', false],
  ['0', false],
  ['관내열람', false],
]);

function valid<T>(value: T): FieldResult<T> {
  return { ok: true, value };
}

function invalid<T>(message: string): FieldResult<T> {
  return { ok: false, message };
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
  if (barcode === '') return invalid('Barcode is empty');
  if (barcode.length > ITEM_LIMITS.barcode) {
    return invalid(`Barcode is longer than ${ITEM_LIMITS.barcode} characters`);
  }
  if (!BARCODE.test(barcode)) {
    return invalid('Barcode may contain only letters A-Z, digits and hyphens');
  }
  return valid(barcode);
}

export function parseTitle(raw: string): FieldResult<string> {
  const title = cleanText(raw);
  if (title === '') return invalid('Title is empty');
  if (characterCount(title) > ITEM_LIMITS.title) {
    return invalid(`Title is longer than ${ITEM_LIMITS.title} characters`);
  }
  return valid(title);
}

/** Author, publisher or call number: empty means unknown. */
export function parseOptionalText(
  raw: string,
  label: string,
  maxLength: number,
): FieldResult<string | null> {
  const text = cleanText(raw);
  if (text === '') return valid(null);
  if (characterCount(text) > maxLength) {
    return invalid(`${label} is longer than ${maxLength} characters`);
  }
  return valid(text);
}

export function parseYear(raw: string, currentYear: number): FieldResult<number | null> {
  const text = cleanText(raw);
  if (text === '') return valid(null);
  const latest = currentYear + 1;
  const year = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(year >= ITEM_LIMITS.earliestYear && year <= latest)) {
    return invalid(`Year must be a whole number from ${ITEM_LIMITS.earliestYear} to ${latest}`);
  }
  return valid(year);
}

export function parseIsbn(raw: string): FieldResult<string | null> {
  const text = cleanText(raw);
  if (text === '') return valid(null);
  const isbn = normalizeIsbn(text);
  return isbn.ok ? valid(isbn.isbn13) : invalid(isbn.reason);
}

/** Empty means loanable: most of a collection circulates. */
export function parseLoanable(raw: string): FieldResult<boolean> {
  const text = cleanText(raw).toLowerCase();
  if (text === '') return valid(true);
  const loanable = LOANABLE_WORDS.get(text);
  if (loanable === undefined) {
    return invalid('Loanable must be true/false, yes/no, y/n, 1/0, 대출가능 or 관내열람');
  }
  return valid(loanable);
}
