/**
 * Rows in PostgreSQL's COPY text format, one table at a time, each row a pure function of its
 * number. Nothing generated contains a tab, newline or backslash, so no escaping is needed
 * (`checkCopyText` guards the assumption in tests).
 */
import { luhnCheckDigit } from '../../src/modules/members/card-number.js';
import { identityKey } from '../../src/modules/members/domain.js';
import { searchTokens } from '../../src/platform/search-tokens.js';
import {
  bookTitle,
  initialConsonant,
  isbn13,
  PUBLISHERS,
  personName,
  surname,
} from '../../src/seed/generate/korean.js';
import { hash32, Rng, scrambleCardBody } from '../../src/seed/generate/random.js';
import {
  type DayTable,
  HISTORY_DAYS,
  type MemberProfile,
  type Plan,
  SEED,
  STREAM,
} from './plan.js';

const N = '\\N';

export interface Secrets {
  memberPasswordHash: string;
  memberPinHash: string;
}

export function cardNumberOf(member: number): string {
  const body = `29${scrambleCardBody(member)}`;
  return body + String(luhnCheckDigit(body));
}

export function barcodeOf(libraryId: number, shelf: number): string {
  return `EM${String(libraryId).padStart(4, '0')}${String(shelf).padStart(7, '0')}`;
}

export function checkCopyText(line: string): void {
  if (/[\t\n\r\\]/.test(line.replaceAll('\\N', '').replace(/\n$/, '').replaceAll('\t', ''))) {
    throw new Error(`generated text needs escaping: ${JSON.stringify(line)}`);
  }
}

/** 8% of members switched their loan history off. */
export function historyEnabled(member: number): boolean {
  return hash32(SEED, 99, member) % 100 >= 8;
}

function time(rng: Rng): string {
  const minutes = 9 * 60 + rng.int(12 * 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:00+09`;
}

export const MEMBER_COLUMNS = [
  'id',
  'status',
  'home_library_id',
  'name',
  'birth_date',
  'phone',
  'email',
  'identity_key',
  'guardian_name',
  'guardian_relationship',
  'guardian_consent_at',
  'password_hash',
  'pin_hash',
  'consent_given_on',
  'verified_at',
  'verified_at_library_id',
  'verification_id_type',
  'loan_history_enabled',
  'registered_at',
  'withdrawn_at',
  'suspended_until',
] as const;

/** Member number `m` (0-based) has id m + 1. */
export function* memberRows(plan: Plan, days: DayTable, secrets: Secrets) {
  const rng = new Rng();
  const profile: MemberProfile = { status: 'active', home: 0, checkIns: [] };
  for (let m = 0; m < plan.scale.members; m++) {
    plan.profile(m, profile);
    rng.seed(SEED, STREAM.member, m);
    const id = m + 1;
    const home = plan.libraries[profile.home]!.id;
    const registeredDay = days.day(-1 - rng.int(HISTORY_DAYS));
    const registeredAt = `${registeredDay} ${time(rng)}`;
    const age = 5 + Math.floor(80 * rng.next() ** 1.3);
    const birthYear = Number(days.today.slice(0, 4)) - age;
    const birth = `${birthYear}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
    const child = age < 14;
    if (profile.status === 'withdrawn') {
      yield `${id}\twithdrawn\t${home}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${N}\t${registeredAt}\t${home}\tresident_registration_card\ttrue\t${registeredAt}\t${registeredAt}\t${N}\n`;
      continue;
    }
    const name = child ? `${surname(rng)}${personName(rng).slice(1)}` : personName(rng);
    const phone = `010${String((m * 7_919 + 12_345_679) % 100_000_000).padStart(8, '0')}`;
    const email = rng.chance(0.3) ? `member${id}@example.kr` : N;
    const key = identityKey({ name, birthDate: birth, phone });
    const guardian = child
      ? `${name.slice(0, 1)}${personName(rng).slice(1)}\t모\t${registeredAt}`
      : `${N}\t${N}\t${N}`;
    const active = profile.status === 'active';
    const pin = active ? secrets.memberPinHash : N;
    const verified = active
      ? `${registeredAt}\t${home}\t${child ? 'guardian_id' : rng.chance(0.03) ? 'alien_registration_card' : 'resident_registration_card'}`
      : `${N}\t${N}\t${N}`;
    const history = historyEnabled(m) ? 'true' : 'false';
    const suspended = active && rng.chance(0.003) ? days.day(1 + rng.int(30)) : N;
    yield `${id}\t${profile.status}\t${home}\t${name}\t${birth}\t${phone}\t${email}\t${key}\t${guardian}\t${secrets.memberPasswordHash}\t${pin}\t${registeredDay}\t${verified}\t${history}\t${registeredAt}\t${N}\t${suspended}\n`;
  }
}

export const CARD_COLUMNS = [
  'number',
  'member_id',
  'status',
  'issued_at',
  'issued_at_library_id',
  'lost_at',
] as const;

/** One card per active member; a few are reported lost. */
export function* cardRows(plan: Plan, days: DayTable) {
  const rng = new Rng();
  const profile: MemberProfile = { status: 'active', home: 0, checkIns: [] };
  for (let m = 0; m < plan.scale.members; m++) {
    plan.profile(m, profile);
    if (profile.status !== 'active') continue;
    rng.seed(SEED, STREAM.card, m);
    const issued = `${days.day(-1 - rng.int(HISTORY_DAYS))} ${time(rng)}`;
    const lost = rng.chance(0.003);
    yield `${cardNumberOf(m)}\t${m + 1}\t${lost ? 'lost' : 'valid'}\t${issued}\t${plan.libraries[profile.home]!.id}\t${lost ? issued : N}\n`;
  }
}

export const CHECK_IN_COLUMNS = [
  'member_id',
  'library_id',
  'checked_in_at',
  'id_document_type',
] as const;

export function* checkInRows(plan: Plan, days: DayTable) {
  const profile: MemberProfile = { status: 'active', home: 0, checkIns: [] };
  for (let m = 0; m < plan.scale.members; m++) {
    plan.profile(m, profile);
    for (const index of profile.checkIns) {
      const at = `${days.day(-1 - ((m * 31 + index) % HISTORY_DAYS))} 10:00:00+09`;
      yield `${m + 1}\t${plan.libraries[index]!.id}\t${at}\tresident_registration_card\n`;
    }
  }
}

/** A title's facts: a pure function of its rank (rank 0 is the most held). */
export interface TitleFacts {
  title: string;
  author: string;
  publisher: string;
  year: number;
  kdc: string;
  isbn: string;
}

export function titleFacts(rank: number, rng = new Rng()): TitleFacts {
  rng.seed(SEED, STREAM.title, rank);
  const { title, classNumber } = bookTitle(rng);
  const author = personName(rng);
  const publisher = rng.pick(PUBLISHERS);
  const year = new Date().getFullYear() - Math.floor(40 * rng.next() ** 2.5);
  return { title, author, publisher, year, kdc: classNumber, isbn: isbn13(rank) };
}

/**
 * Copies of one title at one library, at most. Korean public libraries buy one copy of most
 * titles and a few (복본) of the ones in demand; a large city library may hold five of a
 * bestseller, not thousands. Popularity shows in how many libraries hold a title, and in loans.
 */
export const MAX_COPIES_PER_LIBRARY = 5;

/** Draws after which a full title is replaced by the next title with room (rarely reached). */
const REDRAWS = 32;

/**
 * The titles on each library's shelves, shelf by shelf: the first 5% of a library's shelves hold
 * the popular titles (bestsellers with copies across the network); the rest follow a Zipf law
 * over titles, so a long tail of titles has one copy, in one library. A title already on
 * MAX_COPIES_PER_LIBRARY shelves of the library is drawn again (the item's own random stream,
 * so the result stays a pure function of the library's shelves in order). Callers walk each
 * library's shelves in order, libraries one after the other; O(titles) memory.
 */
export class Shelves {
  readonly #copies: Uint8Array;
  /** The library (index + 1) that `#copies[rank]` counts for; another library's count is 0. */
  readonly #owner: Int32Array;
  readonly #popular: number;

  constructor(
    readonly plan: Plan,
    readonly rng = new Rng(),
  ) {
    this.#copies = new Uint8Array(plan.titles);
    this.#owner = new Int32Array(plan.titles);
    this.#popular = Math.max(10, Math.round(plan.titles * 0.01));
  }

  /** The rank of the title on shelf `shelf` of library `index` (item `id`); `rng` is left seeded by the item. */
  rankOf(index: number, id: number, shelf: number, hot: number): number {
    const { plan, rng } = this;
    rng.seed(SEED, STREAM.item, id);
    const draw = () =>
      shelf < hot
        ? rng.int(this.#popular)
        : Math.min(plan.titles - 1, Math.floor(plan.titles ** rng.next()) - 1);
    let rank = draw();
    for (let k = 0; k < REDRAWS && this.#held(index, rank) >= MAX_COPIES_PER_LIBRARY; k++)
      rank = draw();
    for (let k = 0; this.#held(index, rank) >= MAX_COPIES_PER_LIBRARY; k++) {
      if (k >= plan.titles) throw new Error('a library has more shelves than titles can fill');
      rank = (rank + 1) % plan.titles;
    }
    if (this.#owner[rank] !== index + 1) {
      this.#owner[rank] = index + 1;
      this.#copies[rank] = 0;
    }
    this.#copies[rank]! += 1;
    return rank;
  }

  #held(index: number, rank: number): number {
    return this.#owner[rank] === index + 1 ? this.#copies[rank]! : 0;
  }
}

function hotShelves(itemCount: number): number {
  return Math.max(1, Math.round(itemCount * 0.05));
}

/**
 * How many libraries hold each title (0: none; a record without copies would only slow searches
 * down). The generator loads with triggers off, so it writes `bib_records.library_count` itself
 * (every generated library participates).
 */
export function heldTitles(plan: Plan): Uint16Array {
  const held = new Uint16Array(plan.titles);
  const lastLibrary = new Int32Array(plan.titles).fill(-1);
  const shelves = new Shelves(plan);
  plan.libraries.forEach((library, index) => {
    const hot = hotShelves(library.itemCount);
    for (let shelf = 0; shelf < library.itemCount; shelf++) {
      const rank = shelves.rankOf(index, library.itemStart + shelf, shelf, hot);
      if (lastLibrary[rank] !== index) {
        lastLibrary[rank] = index;
        held[rank]! += 1;
      }
    }
  });
  return held;
}

export const RECORD_COLUMNS = [
  'id',
  'title',
  'author',
  'publisher',
  'year',
  'isbn',
  'kdc',
  'work_key',
  'search_tokens',
  'library_count',
] as const;

/** An array literal for COPY, every element quoted (a token may be the word "null"). */
function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value}"`).join(',')}}`;
}

/** Bibliographic records: one per title held, id = rank + 1, indexed as the app indexes them. */
export function* recordRows(plan: Plan, held: Uint16Array) {
  const rng = new Rng();
  for (let rank = 0; rank < plan.titles; rank++) {
    if (!held[rank]) continue;
    const t = titleFacts(rank, rng);
    const tokens = textArray(searchTokens(t.title, t.author));
    yield `${rank + 1}\t${t.title}\t${t.author}\t${t.publisher}\t${t.year}\t${t.isbn}\t${t.kdc}\tisbn:${t.isbn}\t${tokens}\t${held[rank]}\n`;
  }
}

export const ITEM_COLUMNS = [
  'id',
  'library_id',
  'record_id',
  'barcode',
  'call_number',
  'loanable',
] as const;

/** Copies, library by library, each of the title its shelf holds (`Shelves`). */
export function* itemRows(plan: Plan) {
  const shelves = new Shelves(plan);
  const rng = shelves.rng;
  const titleRng = new Rng();
  for (const [index, library] of plan.libraries.entries()) {
    const hot = hotShelves(library.itemCount);
    for (let shelf = 0; shelf < library.itemCount; shelf++) {
      const id = library.itemStart + shelf;
      const rank = shelves.rankOf(index, id, shelf, hot);
      const { title, author, kdc } = titleFacts(rank, titleRng);
      const callNumber = `${kdc}-${initialConsonant(author)}${10 + (rank % 90)}${initialConsonant(title)}`;
      const loanable = shelf < hot || !rng.chance(0.03);
      yield `${id}\t${library.id}\t${rank + 1}\t${barcodeOf(library.id, shelf)}\t${callNumber}\t${loanable}\n`;
    }
  }
}

export const LOAN_COLUMNS = [
  'id',
  'member_id',
  'item_id',
  'library_id',
  'loaned_at',
  'loan_day',
  'due_date',
  'renewals',
  'returned_at',
  'return_day',
  'days_late',
] as const;

/**
 * Loans out today: about a quarter of the members have one or two, at home, due in the next two
 * weeks (a few due yesterday: overdue). They take items from the end of each library's shelves.
 * Ids 1..n; returns how many were made through `count`.
 */
export function* openLoanRows(plan: Plan, days: DayTable, count: { made: number }) {
  const rng = new Rng();
  const profile: MemberProfile = { status: 'active', home: 0, checkIns: [] };
  const taken = new Int32Array(plan.libraries.length);
  const target = plan.scale.openLoans;
  const activeMembers = plan.scale.members * 0.98;
  const chance = Math.min(0.9, target / (activeMembers * 1.3));
  let id = 0;
  for (let m = 0; m < plan.scale.members && id < target; m++) {
    plan.profile(m, profile);
    if (profile.status !== 'active') continue;
    rng.seed(SEED, STREAM.openLoan, m);
    if (!rng.chance(chance)) continue;
    const loans = rng.chance(0.3) ? 2 : 1;
    const library = plan.libraries[profile.home]!;
    for (let k = 0; k < loans && id < target; k++) {
      const used = taken[profile.home]!;
      if (used >= Math.floor(library.itemCount * 0.3)) break;
      taken[profile.home] = used + 1;
      const item = library.itemStart + library.itemCount - 1 - used;
      const offset = -1 - rng.int(15);
      const day = days.day(offset);
      id += 1;
      yield `${id}\t${m + 1}\t${item}\t${library.id}\t${day} ${time(rng)}\t${day}\t${days.day(offset + 14)}\t0\t${N}\t${N}\t${N}\n`;
    }
  }
  count.made = id;
}

/**
 * The loan history: members borrow mostly at home, some at the libraries they are checked in at;
 * a few members borrow a lot (skewed member numbers) and popular items are borrowed most (skewed
 * shelf numbers). About 8% came back late. Withdrawn members' loans, and on-time loans of members
 * who switched their history off, are kept without the member. Ids start after `firstId`.
 */
export function* pastLoanRows(plan: Plan, days: DayTable, firstId: number) {
  const rng = new Rng();
  const profile: MemberProfile = { status: 'active', home: 0, checkIns: [] };
  const members = plan.scale.members;
  for (let k = 0; k < plan.scale.pastLoans; k++) {
    rng.seed(SEED, STREAM.pastLoan, k);
    let m = Math.floor(members * rng.next() ** 2);
    plan.profile(m, profile);
    for (let tries = 0; profile.status === 'pending' && tries < 8; tries++) {
      m = (m + 7_919) % members;
      plan.profile(m, profile);
    }
    const index =
      profile.checkIns.length > 0 && rng.chance(0.25)
        ? profile.checkIns[rng.int(profile.checkIns.length)]!
        : profile.home;
    const library = plan.libraries[index]!;
    const item = library.itemStart + Math.floor(library.itemCount * rng.next() ** 2.5);
    const loanOffset = -21 - rng.int(HISTORY_DAYS - 60);
    const renewals = rng.chance(0.1) ? 1 : 0;
    const dueOffset = loanOffset + 14 + 7 * renewals;
    const late = rng.chance(0.08) ? 1 + Math.floor(30 * rng.next() ** 2) : 0;
    let returnOffset =
      late > 0 ? dueOffset + late : loanOffset + 1 + rng.int(dueOffset - loanOffset);
    if (returnOffset > -1) returnOffset = -1;
    const daysLate = Math.max(0, returnOffset - dueOffset);
    const keepsHistory = profile.status === 'active' && (daysLate > 0 || historyEnabled(m));
    const loanDay = days.day(loanOffset);
    const returnDay = days.day(returnOffset);
    yield `${firstId + k + 1}\t${keepsHistory ? m + 1 : N}\t${item}\t${library.id}\t${loanDay} ${time(rng)}\t${loanDay}\t${days.day(dueOffset)}\t${renewals}\t${returnDay} ${time(rng)}\t${returnDay}\t${daysLate}\n`;
  }
}
