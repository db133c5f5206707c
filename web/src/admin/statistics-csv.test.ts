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
  figure: '항목',
  value: '값',
  share: '다른 도서관 회원에게 대출한 비율',
  membersJoined: '새로 가입한 회원',
  membersWithdrawn: '탈퇴한 회원',
  requests: {
    placed: '상호대차 신청',
    collected: '상호대차로 받아 간 책',
    sent: '다른 도서관에 보낸 책',
    notFilled: '이루어지지 않은 신청',
  },
  holds: {
    placed: '예약',
    collected: '예약해 빌려 간 책',
    notCollected: '찾아가지 않은 예약',
    cancelled: '취소된 예약',
  },
};

describe('the statistics as CSV files', () => {
  it('writes a row a day, a row a month, a row a library and the totals, with a byte-order mark and quoted names', () => {
    const { perDay, perLibrary, perMonth, summary } = statisticsCsv(
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
            membersJoined: 7,
            membersWithdrawn: 1,
          },
        ],
        members: { joined: 7, withdrawn: 1 },
        membersPerDay: [
          { date: '2026-12-01', joined: 5, withdrawn: 0 },
          { date: '2026-12-02', joined: 2, withdrawn: 1 },
        ],
        requests: { placed: 4, collected: 3, sent: 2, notFilled: 1 },
        holds: { placed: 9, collected: 6, notCollected: 2, cancelled: 1 },
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
    expect(perDay).toBe(
      '\ufeff날짜,대출,연체 반납,새로 가입한 회원,탈퇴한 회원\n2026-12-01,2,0,5,0\n2026-12-02,3,1,2,1\n',
    );
    expect(perMonth).toBe(
      '\ufeff월,시작일,종료일,대출,연체 반납,새로 가입한 회원,탈퇴한 회원\n2026-12,2026-12-01,2026-12-02,5,1,7,1\n',
    );
    expect(summary.split('\n')).toEqual([
      '\ufeff항목,값',
      '시작일,2026-12-01',
      '종료일,2026-12-02',
      '대출,5',
      '다른 도서관 회원에게 대출한 비율,0.4',
      '연체 반납,1',
      '새로 가입한 회원,7',
      '탈퇴한 회원,1',
      '상호대차 신청,4',
      '상호대차로 받아 간 책,3',
      '다른 도서관에 보낸 책,2',
      '이루어지지 않은 신청,1',
      '예약,9',
      '예약해 빌려 간 책,6',
      '찾아가지 않은 예약,2',
      '취소된 예약,1',
      '',
    ]);
    expect(perLibrary).toBe(
      '\ufeff도서관,대출,다른 도서관 회원에게\n경남대표도서관,4,2\n"도서관, 분관",1,0\n',
    );
  });
});
