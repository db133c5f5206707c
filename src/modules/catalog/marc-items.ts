import { itemImportSentence } from '../../platform/i18n/item-import.js';
import {
  cleanText,
  type FieldResult,
  ITEM_LIMITS,
  type ItemRecord,
  parseBarcode,
  parseIsbn,
  parseOptionalText,
  parseTitle,
  parseYear,
  type ValueProblem,
} from './item.js';
import type { RowError } from './item-csv.js';
import { controlNumberOf, type MarcField, type MarcRecord } from './marc-read.js';

/**
 * A MARC 21 / KORMARC record as the copies a library holds (the mapping table is in
 * docs/architecture.md, "Holdings import"): the bibliographic fields once, and one copy per
 * registration number (049 $l) or holdings field (852 $p).
 */

export const KDC_MAX_LENGTH = 32;
const SUBJECT_MAX_LENGTH = 200;

/** ISBD punctuation a cataloguer ends a subfield with before the next one: " /", " :", " ;", " =", ",", ".". */
export function stripIsbd(text: string): string {
  return cleanText(text)
    .replace(/\s*[/:;=,]\s*$/, '')
    .replace(/(?<![.\s][A-Za-z]|\.\.)\.$/, '')
    .trim();
}

function fieldsOf(record: MarcRecord, ...tags: string[]): MarcField[] {
  return record.fields.filter((field) => tags.includes(field.tag));
}

function subfieldsOf(field: MarcField | undefined, code: string): string[] {
  return (field?.subfields ?? []).filter((s) => s.code === code).map((s) => s.value);
}

function first(field: MarcField | undefined, code: string): string {
  return subfieldsOf(field, code)[0] ?? '';
}

/** 245 $a, and $b after " : " (the ISBD punctuation between and after them dropped). */
export function titleOf(record: MarcRecord): string {
  const field = fieldsOf(record, '245')[0];
  const main = stripIsbd(first(field, 'a'));
  const rest = stripIsbd(first(field, 'b'));
  return rest ? `${main} : ${rest}` : main;
}

/**
 * 100 $a (a person), else 110 $a (a body), else the first 700/710 $a; KORMARC records often have
 * none of them, so then 245 $d (KORMARC) or $c (MARC 21), the statement of responsibility.
 */
export function authorOf(record: MarcRecord): string {
  for (const tag of ['100', '110', '700', '710']) {
    const name = stripIsbd(first(fieldsOf(record, tag)[0], 'a'));
    if (name) return name;
  }
  const statement = fieldsOf(record, '245')[0];
  return stripIsbd(first(statement, 'd') || first(statement, 'c'));
}

/** 260, else 264 (publication, ind2 1 first): a subfield of the first field that has it. */
function publication(record: MarcRecord, code: 'b' | 'c'): string {
  const fields = [
    ...fieldsOf(record, '260'),
    ...fieldsOf(record, '264').sort((a, b) => Number(b.ind2 === '1') - Number(a.ind2 === '1')),
  ];
  const field = fields.find((candidate) => first(candidate, code) !== '');
  return stripIsbd(first(field, code));
}

/** The first four-digit year of 260/264 $c ("c2007.", "2019 [i.e. 2020]"); '' when none. */
export function yearOf(record: MarcRecord): string {
  return /\d{4}/.exec(publication(record, 'c'))?.[0] ?? '';
}

/** 020 $a without what follows the number ("9788936433598 (pbk.)"): the first valid one. */
function isbnOf(record: MarcRecord): FieldResult<string | null> {
  const candidates = fieldsOf(record, '020')
    .flatMap((field) => subfieldsOf(field, 'a'))
    .map((value) => /^[\d\s-]*[\dXx]/.exec(cleanText(value))?.[0] ?? cleanText(value))
    .filter((value) => value !== '');
  const results = candidates.map(parseIsbn);
  return results.find((result) => result.ok) ?? results[0] ?? { ok: true, value: null };
}

/** 056 $a: the KDC class number (813.7). */
export function kdcOf(record: MarcRecord): string | null {
  const kdc = cleanText(first(fieldsOf(record, '056')[0], 'a'));
  return kdc === '' ? null : kdc.slice(0, KDC_MAX_LENGTH);
}

/** 650 $a (with $x $y $z as "a -- x") and each 653 $a; once each, in file order. */
export function subjectsOf(record: MarcRecord): string[] {
  const subjects = [
    ...fieldsOf(record, '650').map((field) =>
      field.subfields
        .filter((s) => 'axyz'.includes(s.code))
        .map((s) => stripIsbd(s.value))
        .filter((value) => value !== '')
        .join(' -- '),
    ),
    ...fieldsOf(record, '653').flatMap((field) => subfieldsOf(field, 'a').map(stripIsbd)),
  ];
  return [...new Set(subjects.filter((s) => s !== '').map((s) => s.slice(0, SUBJECT_MAX_LENGTH)))];
}

function joinParts(...parts: string[]): string {
  return parts
    .map((part) => cleanText(part))
    .filter((part) => part !== '')
    .join(' ');
}

/** 090 $a $b $c (class, book number, volume): the record's call number. */
export function callNumberOf(record: MarcRecord): string {
  const field = fieldsOf(record, '090')[0];
  return joinParts(first(field, 'a'), first(field, 'b'), first(field, 'c'));
}

export interface MarcCopy {
  barcode: string;
  /** The copy's own call number (852 $h $i), else the record's (090). */
  callNumber: string;
}

/**
 * The copies: each 049 $l (KORMARC registration number; one 049 may list several) and each
 * 852 $p with its $h $i call number.
 */
export function copiesOf(record: MarcRecord): MarcCopy[] {
  const callNumber = callNumberOf(record);
  const registered = fieldsOf(record, '049')
    .flatMap((field) => subfieldsOf(field, 'l'))
    .map((barcode) => ({ barcode, callNumber }));
  const held = fieldsOf(record, '852').flatMap((field) =>
    subfieldsOf(field, 'p').map((barcode) => ({
      barcode,
      callNumber: joinParts(first(field, 'h'), first(field, 'i')) || callNumber,
    })),
  );
  return [...registered, ...held];
}

export interface MarcItems {
  items: ItemRecord[];
  errors: RowError[];
  /** The copies the record gives (at least 1: a record without any counts as one refused). */
  copies: number;
}

/**
 * The copies of one record (`number` is its place in the file, from 1), or why not: a problem of
 * the record refuses all its copies, a bad barcode only its own copy.
 */
export function marcRecordItems(
  record: MarcRecord,
  number: number,
  currentYear: number,
): MarcItems {
  const controlNumber = controlNumberOf(record);
  const errors: RowError[] = [];
  const problem = (
    field: string,
    found: Pick<ValueProblem, 'code' | 'params'>,
    barcode: string | null = null,
  ) => {
    const message = itemImportSentence(found.code, 'en', found.params);
    errors.push({ line: number, controlNumber, barcode, field, ...found, message });
  };
  function take<T>(column: string, result: FieldResult<T>, fallback: T): T {
    if (result.ok) return result.value;
    problem(column, { code: result.code, params: result.params });
    return fallback;
  }
  const optional = (column: 'author' | 'publisher', text: string, max: number) =>
    take(column, parseOptionalText(text, column, max), null);
  const title = take('title', parseTitle(titleOf(record)), '');
  const author = optional('author', authorOf(record), ITEM_LIMITS.author);
  const publisher = optional('publisher', publication(record, 'b'), ITEM_LIMITS.publisher);
  const year = take('year', parseYear(yearOf(record), currentYear), null);
  const isbn = take('isbn', isbnOf(record), null);
  const copies = copiesOf(record);
  const count = Math.max(1, copies.length);
  if (copies.length === 0) problem('barcode', { code: 'MARC_NO_BARCODE', params: {} });
  if (errors.length > 0) return { items: [], errors, copies: count };
  const items: ItemRecord[] = [];
  for (const copy of copies) {
    const barcode = parseBarcode(copy.barcode);
    const callNumber = parseOptionalText(copy.callNumber, 'call_number', ITEM_LIMITS.callNumber);
    const raw = cleanText(copy.barcode) || null;
    if (!barcode.ok) problem('barcode', { code: barcode.code, params: barcode.params }, raw);
    if (!callNumber.ok) {
      problem('call_number', { code: callNumber.code, params: callNumber.params }, raw);
    }
    if (!barcode.ok || !callNumber.ok) continue;
    items.push({
      line: number,
      barcode: barcode.value,
      title,
      author,
      publisher,
      year,
      isbn,
      callNumber: callNumber.value,
      loanable: true,
      kdc: kdcOf(record),
      subjects: subjectsOf(record),
    });
  }
  return { items, errors, copies: count };
}
