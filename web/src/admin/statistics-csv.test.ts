import { describe, expect, it } from 'vitest';
import { statisticsCsv } from './statistics-csv';

const headers = {
  date: '날짜',
  loans: '대출',
  suspensions: '연체 반납',
  library: '도서관',
  toOtherLibraryMembers: '다른 도서관 회원에게',
  month: '월',
  from: '시작일',
  to: '종료일',
};

describe('the statistics as CSV files', () => {
  it('writes a row a day, a row a month and a row a library, with a byte-order mark and quoted names', () => {
    const { perDay, perLibrary, perMonth } = statisticsCsv(
      {
        from: '2026-12-01',
        to: '2026-12-02',
        scope: { kind: 'network' },
        totals: {
          loans: 5,
          toOtherLibraryMembers: 2,
          toHomeMembers: 3,
          unknownHome: 0,
          shareToOtherLibraryMembers: 0.4,
          suspensionsStarted: 1,
        },
        loansPerDay: [
          { date: '2026-12-01', loans: 2 },
          { date: '2026-12-02', loans: 3 },
        ],
        suspensionsPerDay: [
          { date: '2026-12-01', started: 0 },
          { date: '2026-12-02', started: 1 },
        ],
        loansPerMonth: [
          {
            month: '2026-12',
            from: '2026-12-01',
            to: '2026-12-02',
            loans: 5,
            suspensionsStarted: 1,
          },
        ],
        members: { joined: 0, withdrawn: 0 },
        requests: { placed: 0, collected: 0, sent: 0, notFilled: 0 },
        loansPerLibrary: [
          {
            library: { id: 1, nameKo: '경남대표도서관', nameEn: 'G' },
            loans: 4,
            toOtherLibraryMembers: 2,
          },
          {
            library: { id: 2, nameKo: '도서관, 분관', nameEn: 'B' },
            loans: 1,
            toOtherLibraryMembers: 0,
          },
        ],
      },
      headers,
      (library) => library.nameKo,
    );
    expect(perDay).toBe('\ufeff날짜,대출,연체 반납\n2026-12-01,2,0\n2026-12-02,3,1\n');
    expect(perMonth).toBe(
      '\ufeff월,시작일,종료일,대출,연체 반납\n2026-12,2026-12-01,2026-12-02,5,1\n',
    );
    expect(perLibrary).toBe(
      '\ufeff도서관,대출,다른 도서관 회원에게\n경남대표도서관,4,2\n"도서관, 분관",1,0\n',
    );
  });
});
