import { describe, expect, it } from 'vitest';
import { conflictSentence, validationSentence } from './messages.js';

describe('validation sentences', () => {
  it('name a known field in the reader’s language, with its particle', () => {
    const params = {
      field: 'body.phone',
      keyword: 'minLength',
      limit: 9,
      reason: 'must NOT have fewer than 9 characters',
    };
    expect(validationSentence('ko', params)).toBe('전화번호는 9자 이상이어야 합니다.');
  });

  it('say a sentence addressed to the person alone, without the field it was put on', () => {
    const params = {
      field: 'body.phone',
      reason: 'a phone number or an e-mail address is required',
    };
    expect(validationSentence('ko', params)).toBe(
      '전화번호나 이메일 중 하나는 꼭 입력해야 합니다.',
    );
    expect(validationSentence('en', params)).toBe(
      'A phone number or an e-mail address is required.',
    );
    expect(validationSentence('ko', { field: 'querystring.q', reason: 'give q or isbn' })).toBe(
      '검색어나 ISBN을 입력해 주세요.',
    );
    // The statistics' period: a sentence about the period, not about its start date.
    const period = { field: 'querystring.from', reason: 'the period may cover at most 367 days' };
    expect(validationSentence('ko', period)).toBe('기간은 최대 367일까지 고를 수 있습니다.');
    expect(validationSentence('en', period)).toBe('The period may cover at most 367 days.');
    const reversed = { field: 'querystring.from', reason: 'must not be after the end date' };
    expect(validationSentence('ko', reversed)).toBe('시작일은 종료일보다 늦을 수 없습니다.');
    expect(validationSentence('en', reversed)).toBe('Start date must not be after the end date.');
  });

  it('never take a name or reason from the object prototype (a field called "constructor")', () => {
    for (const field of ['body.constructor', 'body.toString', 'body.__proto__']) {
      const sentence = validationSentence('ko', {
        field,
        keyword: 'constructor',
        reason: 'constructor',
      });
      expect(sentence === null || sentence.startsWith('입력값이 올바르지 않습니다')).toBe(true);
    }
    expect(conflictSentence('ko', { reason: 'constructor' })).toBeNull();
  });
});
