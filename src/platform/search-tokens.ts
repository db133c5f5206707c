/**
 * The catalogue's search tokens (issue 18, point 2; docs/decisions.md "Catalogue search"): what
 * a bibliographic record is indexed by, and what a query looks for, made by one pure function so
 * both always agree. It lives in the platform because the migration that builds the records from
 * the copies (0029) indexes them with it too.
 *
 * - A Hangul word gives its overlapping two-syllable pieces (바다의 → 바다, 다의), so a
 *   two-syllable word (바다, 여행, 김훈) is found inside any longer word; a one-syllable word
 *   (흰) is a token by itself.
 * - Any other run of letters or digits is one token in lower case, accents left out (Café → cafe):
 *   whole words only, no prefixes (a prefix index would multiply the tokens by the word length).
 * - Hangul next to Latin letters or digits splits (C언어 → c, 언어).
 * - A record is also indexed by the two syllables either side of each space between Hangul words
 *   (소년이 온다 → 이온), so a query typed without its spaces (소년이온다) finds it; a query's own
 *   spaces add no such piece (`queryTokens`), so it still finds titles whose words a comma or
 *   the author's name separates.
 */

const WORD = /[\uAC00-\uD7A3]+|(?:(?![\uAC00-\uD7A3])[\p{L}\p{N}])+/gu;
const HANGUL = /^[\uAC00-\uD7A3]/;

function latinWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a text as the index sees them: Hangul runs and other letter/digit runs. */
export function searchWords(text: string): string[] {
  return [...text.normalize('NFC').matchAll(WORD)].map((match) =>
    HANGUL.test(match[0]) ? match[0] : latinWord(match[0]),
  );
}

function wordTokens(word: string): string[] {
  if (!HANGUL.test(word)) return [word];
  const syllables = [...word];
  if (syllables.length === 1) return syllables;
  return syllables.slice(1).map((syllable, index) => syllables[index] + syllable);
}

const ACROSS_A_SPACE = /([\uAC00-\uD7A3])\s+(?=([\uAC00-\uD7A3]))/gu;

/** The syllable pairs either side of the spaces between Hangul words (소년이 온다 → 이온). */
function acrossSpaces(text: string): string[] {
  return [...text.normalize('NFC').matchAll(ACROSS_A_SPACE)].map((m) => `${m[1]}${m[2]}`);
}

function tokensOf(texts: (string | null | undefined)[], withSpacesLeftOut: boolean): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of searchWords(text)) for (const token of wordTokens(word)) tokens.add(token);
    if (withSpacesLeftOut) for (const token of acrossSpaces(text)) tokens.add(token);
  }
  return [...tokens].sort();
}

/** The distinct tokens a record is indexed by, of its texts (null ones skipped), sorted. */
export function searchTokens(...texts: (string | null | undefined)[]): string[] {
  return tokensOf(texts, true);
}

/** The distinct tokens a query looks for, sorted: a record matches when it has them all. */
export function queryTokens(query: string): string[] {
  return tokensOf([query], false);
}

/** Title and author as one key: composed, spaces collapsed, lower case, punctuation kept. */
function normalisedText(text: string | null): string {
  return (text ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * What makes copies one bibliographic record: the ISBN-13 when a copy has one, else its title and
 * author (normalised). Unique on bib_records.
 */
export function workKey(record: {
  title: string;
  author: string | null;
  isbn: string | null;
}): string {
  if (record.isbn) return `isbn:${record.isbn}`;
  return `work:${normalisedText(record.title)}\u001f${normalisedText(record.author)}`;
}
