/**
 * Korean names, book titles, publishers and places for the generated network. Surnames follow
 * their real shares (김 about a fifth, 이 a seventh …); titles mix fiction and non-fiction
 * patterns; regions are Korea's 17 provinces and metropolitan cities with real district names.
 */
import words from './korean-words.json' with { type: 'json' };
import type { Rng } from './random.js';

/** A pair of names (Korean, English) as the data file writes it. */
function pair(names: string[]): [string, string] {
  return [names[0] ?? '', names[1] ?? ''];
}

/** The word lists and regions, kept as data in korean-words.json. */
const DATA = {
  ...words,
  SURNAMES: words.SURNAMES.map(([name, share]): [string, number] => [String(name), Number(share)]),
  OTHER_PROVINCES: words.OTHER_PROVINCES.map((p) => ({ ...p, districts: p.districts.map(pair) })),
  LIBRARY_PLACES: words.LIBRARY_PLACES.map(pair),
};

/** Surname and its share of the population in per mille (Statistics Korea, 2015 census, rounded). */
export const SURNAMES: readonly [string, number][] = DATA.SURNAMES;

const SURNAME_CUMULATIVE = (() => {
  let sum = 0;
  return SURNAMES.map(([name, share]) => {
    sum += share;
    return [name, sum] as const;
  });
})();
const SURNAME_TOTAL = SURNAME_CUMULATIVE.at(-1)![1];

export function surname(rng: Rng): string {
  const target = rng.next() * SURNAME_TOTAL;
  for (const [name, upTo] of SURNAME_CUMULATIVE) if (target < upTo) return name;
  return '김';
}

/** Popular given names of several generations, and syllables to make rarer ones. */
const GIVEN_NAMES = DATA.GIVEN_NAMES;
const FIRST_SYLLABLES = DATA.FIRST_SYLLABLES;
const SECOND_SYLLABLES = DATA.SECOND_SYLLABLES;

export function givenName(rng: Rng): string {
  if (rng.chance(0.6)) return rng.pick(GIVEN_NAMES);
  return rng.pick(FIRST_SYLLABLES) + rng.pick(SECOND_SYLLABLES);
}

export function personName(rng: Rng): string {
  return surname(rng) + givenName(rng);
}

export const PUBLISHERS = DATA.PUBLISHERS;

const NOUNS = DATA.NOUNS;
const ADJECTIVES = DATA.ADJECTIVES;
const TOPICS = DATA.TOPICS;
const ENGLISH_ADJECTIVES = DATA.ENGLISH_ADJECTIVES;
const ENGLISH_NOUNS = DATA.ENGLISH_NOUNS;
const ENGLISH_TOPICS = DATA.ENGLISH_TOPICS;
const NUMBERS = ['세', '다섯', '일곱', '열', '열두', '스무', '서른', '백'];

/** KDC classes, by what the title pattern is about. */
const FICTION_CLASSES = ['813.6', '813.7', '813.8', '843', '863', '833'];
const POETRY_CLASSES = ['811.6', '811.7'];
const NONFICTION_CLASSES = DATA.NONFICTION_CLASSES;
const CHILDREN_CLASSES = ['808.9', '813.8'];

export interface Title {
  title: string;
  classNumber: string;
}

/** 을 after a final consonant, 를 after a vowel. */
function objectParticle(word: string): string {
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  return code >= 0 && code % 28 !== 0 ? '을' : '를';
}

/** A title in English (about one in eight: translations aside, libraries hold English books). */
function englishTitle(rng: Rng): Title {
  const noun = rng.pick(ENGLISH_NOUNS);
  switch (rng.int(3)) {
    case 0:
      return {
        title: `The ${rng.pick(ENGLISH_ADJECTIVES)} ${noun}`,
        classNumber: rng.pick(['843', '823']),
      };
    case 1:
      return {
        title: `${rng.pick(ENGLISH_TOPICS)}: A Short Introduction`,
        classNumber: rng.pick(NONFICTION_CLASSES),
      };
    default:
      return {
        title: `A ${noun} in ${rng.pick(ENGLISH_NOUNS)}`,
        classNumber: rng.pick(['843', '823']),
      };
  }
}

/** A book title, as a pure function of its generator's state. */
export function bookTitle(rng: Rng): Title {
  if (rng.int(8) === 0) return englishTitle(rng);
  const kind = rng.int(10);
  const noun = rng.pick(NOUNS);
  const other = rng.pick(NOUNS);
  const adjective = rng.pick(ADJECTIVES);
  const topic = rng.pick(TOPICS);
  let title: string;
  let classNumber: string;
  switch (kind) {
    case 0:
      title = `${adjective} ${noun}`;
      classNumber = rng.pick(FICTION_CLASSES);
      break;
    case 1:
      title = `${noun}의 ${other}`;
      classNumber = rng.pick(FICTION_CLASSES);
      break;
    case 2:
      title = `${adjective} ${noun}의 ${other}`;
      classNumber = rng.pick(FICTION_CLASSES);
      break;
    case 3:
      title = `${noun}에게 보내는 ${other}`;
      classNumber = rng.pick(POETRY_CLASSES);
      break;
    case 4:
      title = `처음 만나는 ${topic}`;
      classNumber = rng.pick(NONFICTION_CLASSES);
      break;
    case 5:
      title = `${topic}의 역사`;
      classNumber = rng.pick(NONFICTION_CLASSES);
      break;
    case 6:
      title = `한 권으로 읽는 ${topic}`;
      classNumber = rng.pick(NONFICTION_CLASSES);
      break;
    case 7:
      title = `${rng.pick(NUMBERS)} 가지 ${topic} 이야기`;
      classNumber = rng.pick(NONFICTION_CLASSES);
      break;
    case 8:
      title = `${noun}${objectParticle(noun)} 찾아서`;
      classNumber = rng.pick(CHILDREN_CLASSES);
      break;
    default:
      title = `${adjective} ${noun} ${1 + rng.int(5)}`;
      classNumber = rng.pick(FICTION_CLASSES);
  }
  return { title, classNumber };
}

/** Initial consonant of a Hangul syllable, as Korean call numbers use it (`김` → `ㄱ`). */
const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
export function initialConsonant(syllable: string): string {
  const code = syllable.charCodeAt(0) - 0xac00;
  if (code < 0 || code > 11171) return syllable.charAt(0);
  return INITIALS.charAt(Math.floor(code / 588));
}

/** A valid ISBN-13 from a 9-digit body (prefix 979-11, Korea's current range). */
export function isbn13(n: number): string {
  const body = `97911${String(n % 100_000_000).padStart(7, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

export interface Province {
  code: string;
  nameKo: string;
  nameEn: string;
  /** Share of the population, in per mille (2024, rounded). */
  share: number;
  districts: [string, string][];
}

/**
 * Korea's provinces and metropolitan cities with (some of) their districts, for the national
 * network. Gyeongsangnam-do comes from the seed document and is not repeated here.
 */
export const OTHER_PROVINCES: Province[] = DATA.OTHER_PROVINCES;

/** What generated libraries are called after their district (`강남구 도곡꿈나무도서관`). */
const LIBRARY_PLACES: [string, string][] = DATA.LIBRARY_PLACES;

export function libraryName(district: [string, string], n: number): [string, string] {
  const [placeKo, placeEn] = LIBRARY_PLACES[n % LIBRARY_PLACES.length]!;
  const round = Math.floor(n / LIBRARY_PLACES.length);
  const suffixKo = round === 0 ? '' : ` 제${round + 1}`;
  const suffixEn = round === 0 ? '' : ` ${round + 1}`;
  return [
    `${district[0]}립 ${placeKo}도서관${suffixKo}`,
    `${district[1]} ${placeEn} Library${suffixEn}`,
  ];
}
