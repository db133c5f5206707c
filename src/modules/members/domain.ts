import type { BusinessDate } from '../../platform/clock.js';
import { addDays, ageOn, compareDates, isValidDate } from '../../platform/dates.js';
import { AppError, validationFailed } from '../../platform/errors.js';

/** ID documents a desk may check; only the type is recorded, never the document's number. */
export const ID_DOCUMENT_TYPES = [
  'resident_registration_card',
  'driver_license',
  'passport',
  'alien_registration_card',
  'disability_card',
  'student_id',
  'guardian_id',
] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export const GUARDIAN_AGE = 14;
export const CONSENT_YEARS = 2;
export const CONSENT_REMINDER_DAYS = 30;
const OLDEST_AGE = 130;

export interface Guardian {
  name: string;
  relationship: string;
  consent: boolean;
}

export interface PersonalDetails {
  name: string;
  birthDate: BusinessDate;
  phone?: string | undefined;
  email?: string | undefined;
  guardian?: Guardian | undefined;
}

/** `010-1234-5678`, `+82 10 1234 5678` → `01012345678`. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/[\s\-().]/g, '');
  return digits.startsWith('+82') ? `0${digits.slice(3)}` : digits;
}

export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/**
 * The checks schema validation cannot make: a real, past birth date; a way to reach the member;
 * a guardian's consent under 14 (Korean time).
 */
export function checkPersonalDetails(details: PersonalDetails, today: BusinessDate): void {
  if (normalizeName(details.name) === '') throw validationFailed('body.name', 'must not be empty');
  if (!isValidDate(details.birthDate))
    throw validationFailed('body.birthDate', 'is not a real date');
  if (compareDates(details.birthDate, today) > 0) {
    throw validationFailed('body.birthDate', 'is in the future');
  }
  if (ageOn(details.birthDate, today) > OLDEST_AGE) {
    throw validationFailed('body.birthDate', `is more than ${OLDEST_AGE} years ago`);
  }
  if (details.phone !== undefined && !/^0\d{8,10}$/.test(normalizePhone(details.phone))) {
    throw validationFailed('body.phone', 'is not a Korean phone number');
  }
  if (!details.phone && !details.email) {
    throw validationFailed('body.phone', 'a phone number or an e-mail address is required');
  }
  if (needsGuardian(details.birthDate, today)) {
    const g = details.guardian;
    if (!g || normalizeName(g.name) === '' || g.relationship.trim() === '' || g.consent !== true) {
      throw new AppError('GUARDIAN_CONSENT_REQUIRED');
    }
  }
}

export function needsGuardian(birthDate: BusinessDate, today: BusinessDate): boolean {
  return ageOn(birthDate, today) < GUARDIAN_AGE;
}

/** The same name, birth date and phone (or e-mail, without a phone) is the same person. */
export function identityKey(details: PersonalDetails): string {
  const contact = details.phone
    ? normalizePhone(details.phone)
    : (details.email ?? '').trim().toLowerCase();
  return [normalizeName(details.name).toLowerCase(), details.birthDate, contact].join('|');
}

/** `01012345678` → `010-****-5678`. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = normalizePhone(phone);
  return `${digits.slice(0, 3)}-****-${digits.slice(-4)}`;
}

/** `hong@example.com` → `h***@example.com`. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export function consentExpiresOn(givenOn: BusinessDate): BusinessDate {
  const [y, m, d] = givenOn.split('-');
  const next = `${Number(y) + CONSENT_YEARS}-${m}-${d}`;
  return isValidDate(next) ? next : addDays(`${Number(y) + CONSENT_YEARS}-${m}-28`, 1);
}

/** The desk and the portal remind the member from a month before the two years are up. */
export function consentRenewalDue(givenOn: BusinessDate | null, today: BusinessDate): boolean {
  if (!givenOn) return false;
  return compareDates(today, addDays(consentExpiresOn(givenOn), -CONSENT_REMINDER_DAYS)) >= 0;
}
