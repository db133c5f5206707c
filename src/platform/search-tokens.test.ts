import { describe, expect, it } from 'vitest';
import { searchTokens, searchWords, workKey } from './search-tokens.js';

describe('searchTokens', () => {
  it('cuts Hangul words into overlapping two-syllable pieces; one syllable stays whole', () => {
    expect(searchTokens('푸른 바다의 전설')).toEqual(['다의', '바다', '전설', '푸른'].sort());
    expect(searchTokens('흰')).toEqual(['흰']);
    expect(searchTokens('김영하')).toEqual(['김영', '영하']);
  });

  it('keeps other words whole, in lower case and without accents; Hangul next to Latin splits', () => {
    expect(searchTokens('The Old Man and the SEA')).toEqual(['and', 'man', 'old', 'sea', 'the']);
    expect(searchTokens('Café Müller')).toEqual(['cafe', 'muller']);
    expect(searchWords('C언어 100%')).toEqual(['c', '언어', '100']);
  });

  it('joins title and author, composes decomposed Hangul and skips what is missing', () => {
    const decomposed = '바다'.normalize('NFD');
    expect(searchTokens(decomposed, null, '한강')).toEqual(['바다', '한강']);
    expect(searchTokens('!!', undefined)).toEqual([]);
  });

  it('finds a query in a title when every query token is among the title tokens', () => {
    const title = new Set(searchTokens('바닷가의 여행자', '이바다'));
    for (const query of ['바닷가', '여행', '이바다', '바다']) {
      expect(
        searchTokens(query).every((token) => title.has(token)),
        query,
      ).toBe(true);
    }
    expect(searchTokens('바다여행').every((token) => title.has(token))).toBe(false);
  });
});

describe('workKey', () => {
  it('is the ISBN when there is one, else the normalised title and author', () => {
    expect(workKey({ title: 'X', author: null, isbn: '9788936433598' })).toBe('isbn:9788936433598');
    expect(workKey({ title: ' 향토  문집', author: '경남 문인회', isbn: null })).toBe(
      workKey({ title: '향토 문집', author: '경남  문인회 ', isbn: null }),
    );
    expect(workKey({ title: 'Sea', author: null, isbn: null })).toBe(
      workKey({ title: 'SEA', author: '', isbn: null }),
    );
    expect(workKey({ title: '바다', author: '김', isbn: null })).not.toBe(
      workKey({ title: '바다', author: null, isbn: null }),
    );
  });
});
