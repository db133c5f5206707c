import { describe, expect, it } from 'vitest';
import { queryTokens, searchTokens, searchWords, workKey } from './search-tokens.js';

describe('searchTokens', () => {
  it('cuts Hangul words into overlapping two-syllable pieces; one syllable stays whole', () => {
    expect(queryTokens('푸른 바다의 전설')).toEqual(['다의', '바다', '전설', '푸른'].sort());
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
        queryTokens(query).every((token) => title.has(token)),
        query,
      ).toBe(true);
    }
    expect(queryTokens('바다여행').every((token) => title.has(token))).toBe(false);
  });
});

describe('a query typed without its spaces, or with spaces the title lacks', () => {
  const finds = (query: string, ...record: (string | null)[]) => {
    const indexed = new Set(searchTokens(...record));
    return queryTokens(query).every((token) => indexed.has(token));
  };

  it('finds the title all the same', () => {
    expect(finds('소년이온다', '소년이 온다', '한강')).toBe(true);
    expect(finds('프로젝트헤일메리', '프로젝트 헤일 메리', '앤디 위어')).toBe(true);
    expect(finds('채식 주의자', '채식주의자', '한강')).toBe(true);
    expect(finds('소년이 온다', '소년이 온다', '한강')).toBe(true);
  });

  it("still finds a title by words a comma or the author's name separates, and no more", () => {
    expect(finds('소년이 온다', '소년이, 온다', null)).toBe(true);
    expect(finds('채식주의자 한강', '채식주의자', '한강')).toBe(true);
    expect(finds('소년이온다', '소년이, 온다', null)).toBe(false);
    expect(finds('바다여행', '바닷가의 여행자', '이바다')).toBe(false);
  });

  it('indexes the pair across each space between Hangul words only', () => {
    expect(searchTokens('소년이 온다')).toEqual(['년이', '소년', '온다', '이온']);
    expect(searchTokens('C언어 입문')).toEqual(['c', '어입', '언어', '입문']);
    expect(searchTokens('Harry 포터')).toEqual(['harry', '포터']);
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
