/**
 * ISBN rules: check digits, validation and the ISBN-10 → ISBN-13 conversion.
 * A library keeps the ISBN-13 of every item; the ISBN-10 exists only for 978 books.
 */

export type IsbnResult =
  | { ok: true; isbn13: string; isbn10: string | null }
  | { ok: false; reason: string; code: IsbnProblem };

/** Stable codes of what is wrong with an ISBN (sentences in src/platform/i18n/item-import.json). */
export type IsbnProblem =
  | 'VALUE_EMPTY'
  | 'ISBN_CHARACTERS'
  | 'ISBN_LENGTH'
  | 'ISBN10_X'
  | 'ISBN13_X'
  | 'ISBN13_PREFIX'
  | 'ISBN_CHECK_DIGIT';

const NINE_DIGITS = /^\d{9}$/;
const TWELVE_DIGITS = /^\d{12}$/;
/** "ISBN", "ISBN:", "ISBN-13:", "ISBN 10 " written before the number. */
const LABEL = /^ISBN(?:[- ]?1[03](?=[:\s]))?:?\s*/i;

/** The 13th digit of an ISBN-13 (EAN-13): weights 1,3,1,3… modulo 10. */
export function isbn13CheckDigit(first12: string): string {
  if (!TWELVE_DIGITS.test(first12)) throw new RangeError('expected exactly 12 digits');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** The 10th character of an ISBN-10: weights 10…2 modulo 11, where 10 is written X. */
export function isbn10CheckDigit(first9: string): string {
  if (!NINE_DIGITS.test(first9)) throw new RangeError('expected exactly 9 digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** Accepts an ISBN-10 or ISBN-13 with hyphens or spaces; returns both forms when they exist. */
export function normalizeIsbn(input: string): IsbnResult {
  const compact = input.trim().replace(LABEL, '').replace(/[\s-]/g, '').toUpperCase();
  if (compact === '') return { ok: false, reason: 'ISBN is empty', code: 'VALUE_EMPTY' };
  if (!/^[\dX]+$/.test(compact)) {
    return {
      ok: false,
      reason: 'ISBN may contain only digits, hyphens, spaces and a final X',
      code: 'ISBN_CHARACTERS',
    };
  }
  if (compact.length === 10) return fromIsbn10(compact);
  if (compact.length === 13) return fromIsbn13(compact);
  return { ok: false, reason: 'ISBN must have 10 or 13 digits', code: 'ISBN_LENGTH' };
}

function fromIsbn10(isbn10: string): IsbnResult {
  if (!/^\d{9}[\dX]$/.test(isbn10)) {
    return {
      ok: false,
      reason: 'Only the last character of an ISBN-10 may be X',
      code: 'ISBN10_X',
    };
  }
  if (isbn10CheckDigit(isbn10.slice(0, 9)) !== isbn10[9]) {
    return { ok: false, reason: 'ISBN check digit is wrong', code: 'ISBN_CHECK_DIGIT' };
  }
  const first12 = `978${isbn10.slice(0, 9)}`;
  return { ok: true, isbn13: first12 + isbn13CheckDigit(first12), isbn10 };
}

function fromIsbn13(isbn13: string): IsbnResult {
  if (!/^\d{13}$/.test(isbn13))
    return { ok: false, reason: 'An ISBN-13 may not contain X', code: 'ISBN13_X' };
  if (!isbn13.startsWith('978') && !isbn13.startsWith('979')) {
    return { ok: false, reason: 'ISBN-13 must start with 978 or 979', code: 'ISBN13_PREFIX' };
  }
  if (isbn13CheckDigit(isbn13.slice(0, 12)) !== isbn13[12]) {
    return { ok: false, reason: 'ISBN check digit is wrong', code: 'ISBN_CHECK_DIGIT' };
  }
  return { ok: true, isbn13, isbn10: isbn10Of(isbn13) };
}

/** Only 978 ISBNs have an ISBN-10; 979 ones never had one. */
function isbn10Of(isbn13: string): string | null {
  if (!isbn13.startsWith('978')) return null;
  const first9 = isbn13.slice(3, 12);
  return first9 + isbn10CheckDigit(first9);
}
