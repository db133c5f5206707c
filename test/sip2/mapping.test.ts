import { describe, expect, it } from 'vitest';
import { formatPatronStatus } from '../../src/sip2/codec.js';
import { patronStatusFromRefusals } from '../../src/sip2/patron-flags.js';
import { reasonText, refusalText, say } from '../../src/sip2/screen.js';

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

  it('show dates and instants as a person in Korea reads them, never 2026-12-15 (issue 17)', () => {
    const locked = {
      code: 'SIGN_IN_LOCKED' as const,
      params: { until: '2026-12-01T15:30:00.000Z' },
    };
    expect(reasonText(locked, 'ko')).toBe(
      '[SIGN_IN_LOCKED] 잘못된 시도가 반복되어 2026년 12월 2일 (수) 00:30까지 로그인이 잠겼습니다.',
    );
    expect(reasonText(locked, 'en')).toBe(
      '[SIGN_IN_LOCKED] Too many wrong attempts: sign-in is locked until Wed 2 December 2026 00:30.',
    );
    expect(say('checkedOut', 'ko', { dueDate: '2026-12-15' })).toBe(
      '대출되었습니다. 반납 예정일은 2026년 12월 15일 (화)입니다.',
    );
    expect(say('renewed', 'en', { dueDate: '2026-12-22' })).toBe(
      'Renewed. Now due on Tue 22 December 2026.',
    );
    expect(
      say('returnedLate', 'ko', { daysLate: 3, until: '2026-12-20', resume: '2026-12-21' }),
    ).toBe(
      '반납되었습니다. 3일 늦은 반납이라 2026년 12월 20일 (일)까지 대출이 정지됩니다 (2026년 12월 21일 (월)부터 다시 빌릴 수 있습니다).',
    );
    // A machine's message sent again: the first one's outcome, in the terminal's language.
    expect(say('alreadyReturned', 'en')).toBe('This item was returned today already.');
    expect(say('onHoldShelf', 'en', { name: '김*준', until: '2026-12-05' })).toBe(
      'On hold — put on the hold shelf: 김*준, until Sat 5 December 2026.',
    );
    expect(say('alreadyHeld', 'ko', { position: 2 })).toBe(
      '오늘 이미 예약한 자료입니다. 대기 순번은 2번입니다.',
    );
    expect(say('alreadyHeldReady', 'en', { until: '2026-12-08' })).toBe(
      'You placed this hold today already. It is ready for you until Tue 8 December 2026.',
    );
    expect(say('alreadyCancelled', 'en')).toBe('You cancelled this hold today already.');
  });
});
