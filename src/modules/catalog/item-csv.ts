import { CsvError, parse } from 'csv-parse/sync';
import { systemClock } from '../../platform/clock.js';
import { itemImportSentence } from '../../platform/i18n/item-import.js';
import {
  decodeText,
  type ImportEncoding,
  type TextEncodingName,
} from '../../platform/text-encoding.js';
import {
  cleanText,
  type FieldResult,
  ITEM_LIMITS,
  type ItemRecord,
  parseBarcode,
  parseIsbn,
  parseLoanable,
  parseOptionalText,
  parseSubjects,
  parseTitle,
  parseYear,
  type ValueProblem,
} from './item.js';

/**
 * The holdings import: a CSV file (UTF-8, or EUC-KR as Korean Excel saves it) a library exports
 * from its spreadsheet or old system.
 * A broken file imports nothing; a broken row is skipped and reported with its spreadsheet line.
 */

export type { ItemRecord } from './item.js';

export interface RowError {
  /** The row number a spreadsheet shows (the header is line 1); in a MARC file, the record's number. */
  line: number;
  /** A MARC record's control number (001), when it has one; absent for CSV rows. */
  controlNumber?: string | null;
  barcode: string | null;
  /** The column (`barcode`, `title`, …, `call_number`, `loanable`), or `row` for the row as a whole. */
  field: string;
  /** Stable: what is wrong (`VALUE_EMPTY`, `BARCODE_REPEATED`, …; src/platform/i18n/item-import.json). */
  code: string;
  /** The facts the sentence names (`max`, `firstLine`, …). */
  params: Record<string, string | number>;
  /** The sentence, in English here; the API and the command line give the reader's language. */
  message: string;
}

/** Why a whole file is refused: a stable code, its facts, and the English sentence. */
export type FileProblem = {
  ok: false;
  reason: string;
  code: string;
  params: Record<string, string | number>;
};

export type ItemCsvResult =
  | {
      ok: true;
      rows: ItemRecord[];
      errors: RowError[];
      totalRows: number;
      /** The character set the file was read in. */
      encoding: TextEncodingName;
    }
  | FileProblem;

export interface ItemCsvOptions {
  /** The year "today" in Korea; a year up to one later is accepted (books printed ahead). */
  currentYear?: number;
  /** At most this many rows (blank rows not counted); more refuses the whole file. */
  maxRows?: number;
  /** The file's character set; `auto` (default) reads UTF-8, else EUC-KR (CP949) if it decodes. */
  encoding?: ImportEncoding;
}

export const DEFAULT_MAX_ROWS = 100_000;

/** The file's columns; `kdc` and `subjects` (the title's record) are optional extras. */
export const ITEM_CSV_COLUMNS = [
  'barcode',
  'title',
  'author',
  'publisher',
  'year',
  'isbn',
  'call_number',
  'loanable',
  'kdc',
  'subjects',
] as const;

export type ItemCsvColumn = (typeof ITEM_CSV_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly ItemCsvColumn[] = ['barcode', 'title'];

/** Header names as `headerKey` writes them: lower case, without spaces, `_`, `-` or brackets. */
const HEADER_ALIASES: Record<ItemCsvColumn, readonly string[]> = {
  barcode: ['barcode', '등록번호', '바코드', '등록번호바코드'],
  title: ['title', '서명', '도서명', '제목'],
  author: ['author', '저자', '저자명'],
  publisher: ['publisher', '출판사', '발행처', '발행자'],
  year: ['year', '발행년', '발행년도', '발행연도', '출판년', '출판년도', '출판연도'],
  isbn: ['isbn'],
  call_number: ['callnumber', '청구기호'],
  loanable: ['loanable', '대출가능', '대출가능여부'],
  kdc: ['kdc', '분류기호', 'kdc분류기호'],
  subjects: ['subjects', 'subject', '주제어', '주제명'],
};

type ColumnMap = ReadonlyMap<ItemCsvColumn, number>;

interface CsvRow {
  line: number;
  cells: string[];
}

type Failure = FileProblem;

export function fileProblem(code: string, params: Record<string, string | number> = {}): Failure {
  return { ok: false, code, params, reason: itemImportSentence(code, 'en', params) };
}

export function parseItemCsv(
  content: Buffer | Uint8Array,
  options: ItemCsvOptions = {},
): ItemCsvResult {
  const decoded = decodeText(content, options.encoding);
  if (!decoded.ok)
    return fileProblem(options.encoding === 'utf-8' ? 'FILE_NOT_UTF8' : 'FILE_ENCODING_UNKNOWN');
  const { text, encoding } = decoded;
  if (text.trim() === '') return fileProblem('FILE_EMPTY');
  const csv = readCsv(text);
  if (!csv.ok) return csv;
  const [header = [], ...body] = csv.records;
  const columns = mapHeader(header);
  if (!columns.ok) return columns;
  const rows = body
    .map((cells, index) => ({ line: index + 2, cells }))
    .filter((row) => !isBlank(row.cells));
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  if (rows.length === 0) return fileProblem('NO_ROWS');
  if (rows.length > maxRows)
    return fileProblem('TOO_MANY_ROWS', { rows: rows.length, max: maxRows });
  const currentYear = options.currentYear ?? Number(systemClock.today().slice(0, 4));
  return { ok: true, encoding, ...readItems(rows, columns.columns, header.length, currentYear) };
}

/** Every record, blank lines included, so that record n is spreadsheet line n. */
function readCsv(text: string): { ok: true; records: string[][] } | Failure {
  try {
    const records = parse(text, { relax_column_count: true, relax_quotes: true }) as string[][];
    return { ok: true, records };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // `records` counts the records read before the broken one, blank lines included.
    const where: Record<string, number> =
      typeof error.records === 'number' ? { line: error.records + 1 } : {};
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') return fileProblem('CSV_QUOTE_NOT_CLOSED', where);
    return fileProblem('CSV_UNREADABLE', where);
  }
}

function headerKey(name: string): string {
  return cleanText(name)
    .toLowerCase()
    .replace(/[\s_\-()[\]]/g, '');
}

function columnOf(name: string): ItemCsvColumn | undefined {
  const key = headerKey(name);
  return ITEM_CSV_COLUMNS.find((column) => HEADER_ALIASES[column].includes(key));
}

/** Columns may come in any order; unknown columns are ignored, a column named twice is not. */
function mapHeader(header: readonly string[]): { ok: true; columns: ColumnMap } | Failure {
  const columns = new Map<ItemCsvColumn, number>();
  for (const [index, name] of header.entries()) {
    const column = columnOf(name);
    if (column === undefined) continue;
    if (columns.has(column)) return fileProblem('HEADER_REPEATED_COLUMN', { key: column });
    columns.set(column, index);
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    return fileProblem('HEADER_MISSING_COLUMNS', {
      keys: missing.join(','),
      expected: ITEM_CSV_COLUMNS.join(','),
    });
  }
  return { ok: true, columns };
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

function readItems(
  rows: readonly CsvRow[],
  columns: ColumnMap,
  headerWidth: number,
  currentYear: number,
): { rows: ItemRecord[]; errors: RowError[]; totalRows: number } {
  const items: ItemRecord[] = [];
  const errors: RowError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    const { item, errors: fieldErrors } = readItem(row, columns, currentYear);
    const rowErrors = [
      ...fieldErrors,
      ...checkWidth(row, columns, headerWidth),
      ...checkDuplicate(row, columns, firstLineOf),
    ];
    if (rowErrors.length === 0) items.push(item);
    errors.push(...rowErrors);
  }
  return { rows: items, errors, totalRows: rows.length };
}

function cellOf(row: CsvRow, columns: ColumnMap, column: ItemCsvColumn): string {
  const index = columns.get(column);
  return index === undefined ? '' : (row.cells[index] ?? '');
}

function rowError(
  row: CsvRow,
  columns: ColumnMap,
  field: string,
  problem: Pick<ValueProblem, 'code' | 'params'>,
): RowError {
  const barcode = cleanText(cellOf(row, columns, 'barcode'));
  const message = itemImportSentence(problem.code, 'en', problem.params);
  return { line: row.line, barcode: barcode === '' ? null : barcode, field, ...problem, message };
}

/** Values past the last column usually mean a comma inside an unquoted value. */
function checkWidth(row: CsvRow, columns: ColumnMap, headerWidth: number): RowError[] {
  if (isBlank(row.cells.slice(headerWidth))) return [];
  const params = { values: row.cells.length, columns: headerWidth };
  return [rowError(row, columns, 'row', { code: 'ROW_TOO_WIDE', params })];
}

/** The first row with a barcode keeps it; every later one is refused. */
function checkDuplicate(
  row: CsvRow,
  columns: ColumnMap,
  firstLineOf: Map<string, number>,
): RowError[] {
  const barcode = parseBarcode(cellOf(row, columns, 'barcode'));
  if (!barcode.ok) return [];
  const firstLine = firstLineOf.get(barcode.value);
  if (firstLine === undefined) {
    firstLineOf.set(barcode.value, row.line);
    return [];
  }
  return [rowError(row, columns, 'barcode', { code: 'BARCODE_REPEATED', params: { firstLine } })];
}

/** Reads every field, with one error per bad field; the item is usable only if there is none. */
function readItem(
  row: CsvRow,
  columns: ColumnMap,
  currentYear: number,
): { item: ItemRecord; errors: RowError[] } {
  const errors: RowError[] = [];
  function take<T>(column: ItemCsvColumn, result: FieldResult<T>, fallback: T): T {
    if (result.ok) return result.value;
    errors.push(rowError(row, columns, column, result));
    return fallback;
  }
  const cell = (column: ItemCsvColumn) => cellOf(row, columns, column);
  const optional = (column: 'author' | 'publisher' | 'call_number' | 'kdc', max: number) =>
    take(column, parseOptionalText(cell(column), column, max), null);
  const item: ItemRecord = {
    line: row.line,
    barcode: take('barcode', parseBarcode(cell('barcode')), ''),
    title: take('title', parseTitle(cell('title')), ''),
    author: optional('author', ITEM_LIMITS.author),
    publisher: optional('publisher', ITEM_LIMITS.publisher),
    year: take('year', parseYear(cell('year'), currentYear), null),
    isbn: take('isbn', parseIsbn(cell('isbn')), null),
    callNumber: optional('call_number', ITEM_LIMITS.callNumber),
    loanable: take('loanable', parseLoanable(cell('loanable')), true),
    // The record's class and subjects only from a file that has the columns.
    ...(columns.has('kdc') ? { kdc: optional('kdc', ITEM_LIMITS.kdc) } : {}),
    ...(columns.has('subjects')
      ? { subjects: take('subjects', parseSubjects(cell('subjects')), []) }
      : {}),
  };
  return { item, errors };
}

/** A header and two example rows, with a byte order mark so that Excel opens it as UTF-8. */
export function itemCsvTemplate(): string {
  return [
    `\uFEFF${ITEM_CSV_COLUMNS.join(',')}`,
    'EM0000001,채식주의자,한강,창비,2007,978-89-364-3359-8,813.7-한12ㅊ,대출가능,813.7,한국소설; 연작소설',
    'EM0000002,"Sapiens: A Brief History of Humankind",Yuval Noah Harari,Harper,2015,9780062316097,909-H254s,yes,909,',
    '',
  ].join('\r\n');
}
