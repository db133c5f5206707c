import { randomInt } from 'node:crypto';

/**
 * Card numbers: 14 digits, "29" + 11 random digits + a Luhn check digit. The check digit makes a
 * mistyped or mis-scanned number invalid rather than "unknown"; random digits make numbers
 * unguessable from one another.
 */
export const CARD_NUMBER_LENGTH = 14;
const PREFIX = '29';

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidCardNumber(value: string): boolean {
  if (!/^\d+$/.test(value) || value.length !== CARD_NUMBER_LENGTH || !value.startsWith(PREFIX))
    return false;
  return luhnCheckDigit(value.slice(0, -1)) === Number(value.at(-1));
}

export function generateCardNumber(random: (max: number) => number = randomInt): string {
  let body = PREFIX;
  while (body.length < CARD_NUMBER_LENGTH - 1) body += String(random(10));
  return body + String(luhnCheckDigit(body));
}

/** Scanners and people add spaces or dashes; the number itself is digits. */
export function normalizeCardNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}
