import titles from './demo-titles.json' with { type: 'json' };
import { isbn13CheckDigit } from './isbn.js';
import type { ItemRecord } from './item.js';

/**
 * Demo holdings of a Korean public library: the same ~120 titles, in different mixes, in every
 * library, so that a network catalogue search finds copies of one title (one ISBN) in many.
 * Titles, authors and publishers are real; the ISBNs are made up but valid and stable.
 */

const CHILDREN = 'children';

/** title, author as catalogued, publisher, year of the edition, KDC class, shelf. */
type DemoTitle = readonly [string, string, string, number, string, typeof CHILDREN?];

/** A title as demo-titles.json lists it: [title, author, publisher, year, KDC class, shelf?]. */
function demoTitle([title, author, publisher, year, kdc, shelf]: (string | number)[]): DemoTitle {
  const base = [
    String(title),
    String(author),
    String(publisher),
    Number(year),
    String(kdc),
  ] as const;
  return shelf === CHILDREN ? [...base, CHILDREN] : base;
}

const TITLES: readonly DemoTitle[] = titles.TITLES.map(demoTitle);

/** ISBN group and registrant of a few publishers; the others get a made-up but stable one. */
const REGISTRANTS: Readonly<Record<string, string>> = {
  창비: '89364',
  문학동네: '89546',
  민음사: '89374',
  김영사: '89349',
  비룡소: '89491',
  문학과지성사: '89320',
  열린책들: '89329',
  을유문화사: '89324',
  시공주니어: '89527',
  'Penguin Books': '014',
  'Puffin Books': '014',
  Harper: '006',
  HarperCollins: '006',
  'Harper & Row': '006',
};

/** Non-loanable (reference) copies, read in the library only. */
const REFERENCE_SHARE = 0.03;

const HANGUL_SYLLABLE = /[가-힣]/;
const INITIALS = 'ㄱㄱㄴㄷㄷㄹㅁㅂㅂㅅㅅㅇㅈㅈㅊㅋㅌㅍㅎ'; // double consonants file as single ones

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, fast seeded generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Initials of the code's words, e.g. `jinju-seobu-library` → `JSL`, `gimhae` → `GI`. */
export function demoBarcodePrefix(libraryCode: string): string {
  const words = libraryCode.toUpperCase().match(/[A-Z]+/g) ?? [];
  const initials = words.map((word) => word[0]).join('');
  if (initials.length >= 2) return initials.slice(0, 3);
  return `${words[0] ?? ''}LB`.slice(0, 2);
}

/**
 * A prefix per library, none shared: the first library (in the order given) keeps its initials,
 * a later one with the same initials gets a number after them (`tongyeong-city-library` → `TCL`,
 * `tongyeong-chungmu-library` → `TCL2`). Two libraries' copies with one barcode would make a
 * requested book scanned at its pickup library's desk another copy of that library's own.
 */
export function demoBarcodePrefixes(libraryCodes: readonly string[]): Map<string, string> {
  const prefixes = new Map<string, string>();
  const taken = new Set<string>();
  for (const code of libraryCodes) {
    const initials = demoBarcodePrefix(code);
    let prefix = initials;
    for (let n = 2; taken.has(prefix); n++) prefix = `${initials}${n}`;
    taken.add(prefix);
    prefixes.set(code, prefix);
  }
  return prefixes;
}

/** `count` copies for one library: the same library code always gives the same items. */
export function demoItems(
  libraryCode: string,
  count: number,
  prefix = demoBarcodePrefix(libraryCode),
): ItemRecord[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError('count must be a whole number ≥ 0');
  }
  const random = mulberry32(hashString(libraryCode));
  const digits = Math.max(7, String(count).length);
  const copies = new Map<DemoTitle, number>();
  const items: ItemRecord[] = [];
  for (let n = 1; n <= count; n++) {
    const title = pickTitle(random());
    const copy = (copies.get(title) ?? 0) + 1;
    copies.set(title, copy);
    const barcode = `${prefix}${String(n).padStart(digits, '0')}`;
    items.push(demoItem(title, barcode, copy, random() >= REFERENCE_SHARE));
  }
  return items;
}

function demoItem(title: DemoTitle, barcode: string, copy: number, loanable: boolean): ItemRecord {
  const [name, author, publisher, year] = title;
  return {
    line: 0,
    barcode,
    title: name,
    author,
    publisher,
    year,
    isbn: ISBNS.get(title) ?? null,
    callNumber: callNumber(title, copy, loanable),
    loanable,
  };
}

/** Newer books are bought in more copies, so they turn up more often. */
function weightOf([, , , year]: DemoTitle): number {
  if (year >= 2020) return 3;
  return year >= 2010 ? 2 : 1;
}

const TOTAL_WEIGHT = TITLES.reduce((sum, title) => sum + weightOf(title), 0);

function pickTitle(draw: number): DemoTitle {
  let left = draw * TOTAL_WEIGHT;
  for (const title of TITLES) {
    left -= weightOf(title);
    if (left < 0) return title;
  }
  return TITLES[TITLES.length - 1]!;
}

/** A stable ISBN-13 per title: 978-89 for Korean publishers, 978-0 for English-language ones. */
function isbnOf([name, author, publisher]: DemoTitle): string {
  const korean = HANGUL_SYLLABLE.test(publisher);
  const publisherHash = hashString(publisher);
  const registrant =
    REGISTRANTS[publisher] ??
    (korean ? `89${5000 + (publisherHash % 4000)}` : `0${300 + (publisherHash % 600)}`);
  const random = mulberry32(hashString(`${name}|${author}`));
  let first12 = `978${registrant}`;
  while (first12.length < 12) first12 += String(Math.floor(random() * 10));
  return first12 + isbn13CheckDigit(first12);
}

const ISBNS: ReadonlyMap<DemoTitle, string> = new Map(
  TITLES.map((title) => [title, isbnOf(title)]),
);

/**
 * KDC class, then an author mark: a Korean library's `813.7-한12ㅊ` (surname, number, title initial)
 * or a Cutter-like `843-O79a` for names in Latin letters. `아` marks the children's room,
 * `참` a reference copy, `=2` the second copy of a title.
 */
function callNumber(title: DemoTitle, copy: number, loanable: boolean): string {
  const [name, author, , , kdc, shelf] = title;
  const room = !loanable ? '참 ' : shelf === CHILDREN ? '아 ' : '';
  const copyMark = copy > 1 ? `=${copy}` : '';
  return `${room}${kdc}-${authorMark(author, name, kdc)}${copyMark}`;
}

function authorMark(author: string, title: string, kdc: string): string {
  const surname = surnameOf(author, kdc);
  const hash = hashString(author);
  if (HANGUL_SYLLABLE.test(surname)) {
    return `${surname[0]}${10 + (hash % 90)}${titleInitial(title)}`;
  }
  return `${surname[0]?.toUpperCase() ?? 'X'}${100 + (hash % 900)}${titleInitial(title)}`;
}

/** The first author's filing name: the family name, which Japanese names put first. */
function surnameOf(author: string, kdc: string): string {
  const first = author.split(/,| 외/)[0] ?? author;
  const words = first.split(/\s+/).filter((word) => word !== '' && word !== 'Jr.');
  const japanese = kdc.startsWith('833');
  return (japanese ? words[0] : words[words.length - 1]) ?? author;
}

/** The initial consonant of the title's first Hangul syllable, or its first Latin letter or digit. */
function titleInitial(title: string): string {
  const words = title.split(/\s+/);
  const significant = /^(the|a|an)$/i.test(words[0] ?? '') ? words.slice(1).join(' ') : title;
  for (const char of significant) {
    if (HANGUL_SYLLABLE.test(char)) {
      return INITIALS[Math.floor((char.charCodeAt(0) - 0xac00) / 588)] ?? '';
    }
    if (/[A-Za-z]/.test(char)) return char.toLowerCase();
  }
  return significant[0] ?? '';
}
