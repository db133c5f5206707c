import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isbn10CheckDigit, isbn13CheckDigit, normalizeIsbn } from './isbn.js';

const digits = (length: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })
    .map((list) => list.join(''));

/** A valid ISBN-13 built from a 978/979 prefix, 9 random digits and the computed check digit. */
const validIsbn13 = fc
  .tuple(fc.constantFrom('978', '979'), digits(9))
  .map(([prefix, body]) => prefix + body + isbn13CheckDigit(prefix + body));

const validIsbn10 = digits(9).map((body) => body + isbn10CheckDigit(body));

/** The same string with one digit replaced by a different digit. */
function withOneDigitChanged(isbn: string, position: number, shift: number): string {
  const index = position % isbn.length;
  const original = isbn[index] === 'X' ? 10 : Number(isbn[index]);
  const changed = (original + shift) % 10;
  return isbn.slice(0, index) + String(changed) + isbn.slice(index + 1);
}

describe('isbn13CheckDigit', () => {
  it('computes the check digit of real ISBN-13s', () => {
    expect(isbn13CheckDigit('978893643359')).toBe('8'); // 채식주의자, 창비
    expect(isbn13CheckDigit('978006231609')).toBe('7'); // Sapiens, Harper
    expect(isbn13CheckDigit('979109063607')).toBe('1');
  });

  it('makes the weighted sum of all 13 digits a multiple of 10, for any 12 digits', () => {
    fc.assert(
      fc.property(digits(12), (first12) => {
        const isbn = first12 + isbn13CheckDigit(first12);
        const sum = [...isbn].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
        expect(sum % 10).toBe(0);
      }),
    );
  });

  it('refuses anything but 12 digits', () => {
    expect(() => isbn13CheckDigit('97889364335')).toThrow(RangeError);
    expect(() => isbn13CheckDigit('97889364335X')).toThrow(RangeError);
  });
});

describe('isbn10CheckDigit', () => {
  it('computes digits and X', () => {
    expect(isbn10CheckDigit('893643359')).toBe('8');
    expect(isbn10CheckDigit('080442957')).toBe('X');
    expect(isbn10CheckDigit('000000000')).toBe('0');
  });

  it('refuses anything but 9 digits', () => {
    expect(() => isbn10CheckDigit('80442957')).toThrow(RangeError);
  });
});

describe('normalizeIsbn', () => {
  it('accepts an ISBN-13 with hyphens and gives its ISBN-10', () => {
    expect(normalizeIsbn('978-89-364-3359-8')).toEqual({
      ok: true,
      isbn13: '9788936433598',
      isbn10: '8936433598',
    });
  });

  it('converts an ISBN-10 to ISBN-13, including a final X in either case', () => {
    const expected = { ok: true, isbn13: '9780804429573', isbn10: '080442957X' };
    expect(normalizeIsbn('0-8044-2957-X')).toEqual(expected);
    expect(normalizeIsbn('0 8044 2957 x')).toEqual(expected);
    expect(normalizeIsbn('89-364-3359-8')).toEqual({
      ok: true,
      isbn13: '9788936433598',
      isbn10: '8936433598',
    });
  });

  it('gives no ISBN-10 for a 979 ISBN', () => {
    expect(normalizeIsbn('979-10-90636-07-1')).toEqual({
      ok: true,
      isbn13: '9791090636071',
      isbn10: null,
    });
  });

  it('accepts a leading ISBN label and surrounding spaces', () => {
    expect(normalizeIsbn('  ISBN 978-89-364-3359-8 ')).toMatchObject({ isbn13: '9788936433598' });
    expect(normalizeIsbn('ISBN-13: 9788936433598')).toMatchObject({ isbn13: '9788936433598' });
    expect(normalizeIsbn('ISBN-10: 0-8044-2957-X')).toMatchObject({ isbn13: '9780804429573' });
    // "10" here is the start of the number, not a label
    expect(normalizeIsbn('ISBN 1000000001')).toMatchObject({ ok: true, isbn10: '1000000001' });
  });

  it.each([
    ['', 'ISBN is empty'],
    ['   ', 'ISBN is empty'],
    ['978893643359', 'ISBN must have 10 or 13 digits'],
    ['97889364335988', 'ISBN must have 10 or 13 digits'],
    ['9.78894E+12', 'ISBN may contain only digits, hyphens, spaces and a final X'],
    ['978-89-364-3359-9', 'ISBN check digit is wrong'],
    ['89-364-3359-7', 'ISBN check digit is wrong'],
    ['977-89-364-3359-8', 'ISBN-13 must start with 978 or 979'],
    ['80X4429573', 'Only the last character of an ISBN-10 may be X'],
    ['978893643359X', 'An ISBN-13 may not contain X'],
  ])('refuses %j: %s', (input, reason) => {
    expect(normalizeIsbn(input)).toMatchObject({ ok: false, reason });
  });

  it('accepts any 978/979 prefix + 9 digits + the computed check digit, with or without hyphens', () => {
    fc.assert(
      fc.property(validIsbn13, (isbn) => {
        const hyphenated = `${isbn.slice(0, 3)}-${isbn.slice(3, 5)}-${isbn.slice(5, 12)}-${isbn[12]}`;
        const result = normalizeIsbn(hyphenated);
        expect(result).toMatchObject({ ok: true, isbn13: isbn });
        if (result.ok) expect(result.isbn10 === null).toBe(isbn.startsWith('979'));
      }),
    );
  });

  it('refuses an ISBN-13 with any one digit changed', () => {
    fc.assert(
      fc.property(validIsbn13, fc.nat(), fc.integer({ min: 1, max: 9 }), (isbn, at, shift) => {
        expect(normalizeIsbn(withOneDigitChanged(isbn, at, shift)).ok).toBe(false);
      }),
    );
  });

  it('converts any valid ISBN-10 to an ISBN-13 that gives the same ISBN-10 back', () => {
    fc.assert(
      fc.property(validIsbn10, (isbn10) => {
        const result = normalizeIsbn(isbn10);
        expect(result).toMatchObject({ ok: true, isbn10 });
        if (result.ok) expect(normalizeIsbn(result.isbn13)).toEqual(result);
      }),
    );
  });

  it('refuses an ISBN-10 with any one digit changed', () => {
    fc.assert(
      fc.property(validIsbn10, fc.nat(), fc.integer({ min: 1, max: 9 }), (isbn, at, shift) => {
        expect(normalizeIsbn(withOneDigitChanged(isbn, at, shift)).ok).toBe(false);
      }),
    );
  });
});
