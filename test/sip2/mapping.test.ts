import { describe, expect, it } from 'vitest';
import { formatPatronStatus } from '../../src/sip2/codec.js';
import { patronStatusFromRefusals } from '../../src/sip2/patron-flags.js';
import { localTime, reasonText, refusalText, say } from '../../src/sip2/screen.js';

describe('SIP2 patron status from our refusal codes', () => {
  it('may borrow: every flag clear', () => {
    expect(formatPatronStatus(patronStatusFromRefusals([]))).toBe(' '.repeat(14));
  });

  it.each([
    ['CHECK_IN_REQUIRED', 'Y             '],
    ['MEMBER_PENDING', 'YY            '],
    ['MEMBER_SUSPENDED', 'YY            '],
    ['MEMBER_HAS_OVERDUE', 'Y     Y       '],
    ['LIBRARY_LOAN_LIMIT', 'Y    Y        '],
    ['NETWORK_LOAN_LIMIT', 'Y    Y        '],
    ['CARD_LOST', 'YYYYY         '],
    ['CARD_BLOCKED', 'YYYY          '],
    ['CARD_UNKNOWN', 'YYYY          '],
  ] as const)('%s → %j', (code, flags) => {
    expect(formatPatronStatus(patronStatusFromRefusals([{ code }]))).toBe(flags);
  });
});

describe('SIP2 screen messages', () => {
  it('prefix each refusal with its code, in the terminal language, all of them', () => {
    const suspended = {
      code: 'MEMBER_SUSPENDED' as const,
      params: {
        until: '2026-12-12',
        resume: '2026-12-13',
        reason: '연체 반납',
        reasonEn: 'a late return',
      },
    };
    expect(reasonText(suspended, 'ko')).toBe(
      '[MEMBER_SUSPENDED] 2026년 12월 12일 (토)까지 대출이 정지되어 있습니다 (사유: 연체 반납). 2026년 12월 13일 (일)부터 다시 빌릴 수 있습니다.',
    );
    expect(refusalText([suspended, { code: 'ITEM_ON_LOAN' }], 'en')).toBe(
      '[MEMBER_SUSPENDED] Borrowing is suspended until Sat 12 December 2026 (because: a late return). Borrowing is possible again from Sun 13 December 2026. / [ITEM_ON_LOAN] This item is already on loan.',
    );
  });

  it('show instants in Korean time', () => {
    expect(localTime('2026-12-01T01:10:00.000Z')).toBe('2026-12-01 10:10');
    expect(
      reasonText({ code: 'SIGN_IN_LOCKED', params: { until: '2026-12-01T15:30:00.000Z' } }, 'en'),
    ).toBe('[SIGN_IN_LOCKED] Too many wrong attempts: sign-in is locked until 2026-12-02 00:30.');
    expect(say('checkedOut', 'en', { dueDate: '2026-12-15' })).toBe(
      'Checked out. Due on 2026-12-15.',
    );
  });
});
