import { createRequire } from 'node:module';
import { validationFailed } from '../errors.js';

/**
 * New secrets that are easy to guess are refused (NIST SP 800-63B, 5.1.1.2: a list of commonly
 * used passwords, and what the service knows of the person). Only where a person chooses one: a
 * registration, a change, a desk's reset; the lockout still guards every secret.
 */

let common: Set<string> | undefined;

/** The 49,000 most common passwords of zxcvbn-ts's list, read once, at the first check. */
function commonPasswords(): Set<string> {
  if (!common) {
    const require = createRequire(import.meta.url);
    const list = require('@zxcvbn-ts/language-common/src/passwords.json') as string[];
    common = new Set(list);
  }
  return common;
}

/** What the service knows of the person, as a password or a PIN might spell it. */
export interface PersonalFacts {
  name?: string | null | undefined;
  username?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  birthDate?: string | null | undefined;
}

const folded = (text: string) => text.toLowerCase().replace(/[\s\-_.]/g, '');

/** The person's facts as a new secret could be made of them (whole, or digits only). */
function personalWords({ name, username, phone, email, birthDate }: PersonalFacts): string[] {
  const digits = (text: string | null | undefined) => (text ?? '').replace(/\D/g, '');
  const words = [
    name,
    username,
    email?.split('@')[0],
    digits(phone),
    digits(phone).slice(-8),
    digits(birthDate),
    digits(birthDate).slice(2),
  ];
  return words.filter((w): w is string => !!w && w.length >= 4).map(folded);
}

/** Refuses a new password that is a common one, or the person's own facts with digits or signs. */
export function checkNewPassword(password: string, field: string, facts: PersonalFacts): void {
  const candidate = folded(password);
  if (commonPasswords().has(password.toLowerCase()) || commonPasswords().has(candidate)) {
    throw validationFailed(field, 'is one of the most common passwords: choose one hard to guess');
  }
  // The person's facts with nothing but digits or signs around them (minjun1985, 01012345678!).
  const madeOf = (word: string) => !/\p{L}/u.test(candidate.split(word).join(''));
  if (personalWords(facts).some((word) => candidate.includes(word) && madeOf(word))) {
    // A member has no user name: the sentence names what they have.
    throw validationFailed(
      field,
      facts.username
        ? 'must not be made of your name, user name, phone or birth date'
        : 'must not be made of your name, phone, e-mail or birth date',
    );
  }
}

/**
 * A changed password must change: a one-time password kept as the new one would stay where it
 * was handed over (a terminal's scroll-back, a note) while the screen says it no longer works.
 */
export function checkPasswordChanged(current: string, next: string, field: string): void {
  if (current === next) throw validationFailed(field, 'must differ from the current password');
}

/** A PIN of one digit repeated (0000), or a run up or down (1234, 9876). */
function isPattern(pin: string): boolean {
  const steps = [...pin].slice(1).map((d, i) => Number(d) - Number(pin[i]));
  return steps.every((s) => s === 0) || steps.every((s) => s === 1) || steps.every((s) => s === -1);
}

/** Refuses a new PIN that is a pattern, the end of the phone number or the birth date. */
export function checkNewPin(pin: string, field: string, facts: PersonalFacts): void {
  if (isPattern(pin)) {
    throw validationFailed(field, 'must not be one digit repeated or a run of digits (1111, 1234)');
  }
  const phone = (facts.phone ?? '').replace(/\D/g, '');
  const birth = (facts.birthDate ?? '').replace(/\D/g, '');
  const mine = [phone.slice(-pin.length), birth.slice(-pin.length), birth.slice(0, pin.length)];
  if (mine.some((digits) => digits.length === pin.length && digits === pin)) {
    throw validationFailed(field, 'must not be the end of your phone number or your birth date');
  }
}
