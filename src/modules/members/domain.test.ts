import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { generateCardNumber, isValidCardNumber } from './card-number.js';
import {
  checkPersonalDetails,
  consentExpiresOn,
  consentRenewalDue,
  identityKey,
  maskEmail,
  maskPhone,
} from './domain.js';

const today = '2026-12-01';

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AppError
      ? `${error.code}:${JSON.stringify(error.reasons[0]?.params ?? {})}`
      : 'other';
  }
}

describe('card numbers', () => {
  it('generates numbers whose check digit holds', () => {
    fc.assert(fc.property(fc.integer(), () => isValidCardNumber(generateCardNumber())));
  });

  it('rejects any single mistyped digit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (position, delta) => {
          const number = generateCardNumber();
          const changed = (Number(number[position]) + delta) % 10;
          const typo = number.slice(0, position) + changed + number.slice(position + 1);
          return !isValidCardNumber(typo);
        },
      ),
    );
  });

  it('rejects wrong lengths and letters', () => {
    expect(isValidCardNumber('2900000000000')).toBe(false);
    expect(isValidCardNumber('29000000000a00')).toBe(false);
  });
});

describe('personal details', () => {
  const adult = { name: '홍길동', birthDate: '1990-05-05', phone: '010-1234-5678' };

  it('accepts an adult with a phone', () => {
    expect(codeOf(() => checkPersonalDetails(adult, today))).toBeUndefined();
  });

  it('names the wrong field', () => {
    expect(
      codeOf(() => checkPersonalDetails({ ...adult, birthDate: '2026-02-30' }, today)),
    ).toContain('body.birthDate');
    expect(
      codeOf(() => checkPersonalDetails({ ...adult, birthDate: '2027-01-01' }, today)),
    ).toContain('in the future');
    expect(
      codeOf(() => checkPersonalDetails({ ...adult, birthDate: '1850-01-01' }, today)),
    ).toContain('130 years');
    expect(codeOf(() => checkPersonalDetails({ ...adult, phone: '12345' }, today))).toContain(
      'body.phone',
    );
    expect(
      codeOf(() => checkPersonalDetails({ name: 'A', birthDate: '1990-01-01' }, today)),
    ).toContain('phone number or an e-mail');
  });

  it('requires a guardian’s name, relationship and consent under 14, by Korean date', () => {
    const child = { name: '김아이', birthDate: '2012-12-02', phone: '01011112222' };
    expect(codeOf(() => checkPersonalDetails(child, today))).toMatch(/^GUARDIAN_CONSENT_REQUIRED/);
    expect(
      codeOf(() =>
        checkPersonalDetails(
          { ...child, guardian: { name: '김부모', relationship: '모', consent: false } },
          today,
        ),
      ),
    ).toMatch(/^GUARDIAN_CONSENT_REQUIRED/);
    expect(
      codeOf(() =>
        checkPersonalDetails(
          { ...child, guardian: { name: '김부모', relationship: '모', consent: true } },
          today,
        ),
      ),
    ).toBeUndefined();
    // Fourteen today: no guardian needed.
    expect(
      codeOf(() => checkPersonalDetails({ ...child, birthDate: '2012-12-01' }, today)),
    ).toBeUndefined();
  });

  it('treats the same name, birth date and phone as the same person, however written', () => {
    expect(identityKey({ name: ' 홍길동 ', birthDate: '1990-05-05', phone: '010-1234-5678' })).toBe(
      identityKey({ name: '홍길동', birthDate: '1990-05-05', phone: '01012345678' }),
    );
  });

  it('masks contact details', () => {
    expect(maskPhone('010-1234-5678')).toBe('010-****-5678');
    expect(maskEmail('hong@example.com')).toBe('h***@example.com');
  });

  it('reminds of consent renewal a month before two years are up', () => {
    expect(consentExpiresOn('2024-02-29')).toBe('2026-03-01');
    expect(consentRenewalDue('2025-01-01', today)).toBe(false);
    expect(consentRenewalDue('2024-12-31', today)).toBe(true);
  });
});
