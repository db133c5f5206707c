import { josa, numberToHangul } from 'es-hangul';

/** The particles a sentence may ask for after an inserted name or number. */
export type Particle =
  | '이/가'
  | '을/를'
  | '은/는'
  | '으로/로'
  | '와/과'
  | '이나/나'
  | '이에요/예요';

const PARTICLES = new Set<string>([
  '이/가',
  '을/를',
  '은/는',
  '으로/로',
  '와/과',
  '이나/나',
  '이에요/예요',
]);

export function isParticle(value: string): value is Particle {
  return PARTICLES.has(value);
}

/**
 * The part of the text a reader says before the particle: an aside in brackets at the end is
 * skipped (2026년 12월 3일 (목) → …3일, so 3일로), closing quotes and marks too (《채식주의자》 → 채식주의자).
 */
function spoken(word: string): string {
  return word
    .trim()
    .replace(/\s*\([^()]*\)$/, '')
    .replace(/[\s)\]}》〉」』"'’”.,!?]+$/, '');
}

/**
 * The particle that fits the word as Koreans read it (es-hangul): 도서관이, 카드가, and for a
 * number its Korean reading (18 → 십팔 → 18을, 3 → 삼 → 3으로). A word ending in neither (a
 * Latin name) takes the form after a vowel, as most such words are read.
 */
export function pickParticle(word: string, particle: Particle): string {
  const read = spoken(word);
  const trailing = /(\d+)$/.exec(read);
  const last = read.at(-1) ?? '';
  if (/\d/.test(last) && trailing) return josa.pick(numberToHangul(Number(trailing[1])), particle);
  if (/[가-힣]/.test(last)) return josa.pick(read, particle);
  return josa.pick('가', particle);
}

/** The word with its particle: 전화번호는, 진주시립연암도서관이. */
export function withParticle(word: string, particle: Particle): string {
  return `${word}${pickParticle(word, particle)}`;
}
