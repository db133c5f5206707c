import { itemImportSentence } from '../../platform/i18n/item-import.js';
import type { ImportEncoding } from '../../platform/text-encoding.js';
import type { ItemRecord } from './item.js';
import {
  DEFAULT_MAX_ROWS,
  type FileProblem,
  fileProblem,
  type ItemCsvResult,
  parseItemCsv,
  type RowError,
} from './item-csv.js';
import { marcRecordItems } from './marc-items.js';
import { controlNumberOf, type MarcReadResult, readIso2709, readMarcXml } from './marc-read.js';

/**
 * A holdings file in any of the formats librarians have: CSV, MARC 21 / KORMARC as ISO 2709
 * (.mrc) or MARCXML. Every format gives the same rows and per-row (per-record) errors.
 */

export const IMPORT_FORMATS = ['csv', 'marc', 'marcxml'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportFileOptions {
  /** Known from the request's content type or the file's extension; else sniffed. */
  format?: ImportFormat | undefined;
  encoding?: ImportEncoding | undefined;
  currentYear: number;
  maxRows?: number;
}

export type ImportFileResult =
  | (Extract<ItemCsvResult, { ok: true }> & {
      format: ImportFormat;
      /** MARC: the records in the file (totalRows counts their copies). */
      records?: number;
      /** MARC: each record's control number (001), by record number. */
      controlNumbers?: ReadonlyMap<number, string | null>;
    })
  | FileProblem;

function marcError(
  line: number,
  controlNumber: string | null,
  barcode: string | null,
  field: string,
  code: string,
  params: Record<string, string | number>,
): RowError {
  const message = itemImportSentence(code, 'en', params);
  return { line, controlNumber, barcode, field, code, params, message };
}

const EXTENSIONS: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.mrc': 'marc',
  '.marc': 'marc',
  '.iso': 'marc',
  '.xml': 'marcxml',
};

/** The format a file name says (`장서.mrc` → marc), or undefined. */
export function formatOfFileName(name: string): ImportFormat | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[name.slice(dot).toLowerCase()];
}

/**
 * What the bytes look like: XML starts with `<` (after a byte order mark and spaces); ISO 2709
 * starts with the leader's five-digit record length and holds record terminators; else CSV.
 */
export function sniffFormat(content: Uint8Array): ImportFormat {
  const head = Buffer.from(content.buffer, content.byteOffset, Math.min(content.length, 64))
    .toString('latin1')
    .replace(/^\xEF\xBB\xBF/, '')
    .trimStart();
  if (head.startsWith('<')) return 'marcxml';
  if (/^\d{5}[a-z ]/.test(head) && content.includes(0x1d)) return 'marc';
  return 'csv';
}

/** The rows of every record, numbered by record; a barcode already given by an earlier record is refused. */
function marcRows(read: MarcReadResult, options: ImportFileOptions): ImportFileResult {
  if (!read.ok) return fileProblem(read.code, read.params);
  const rows: ItemRecord[] = [];
  const errors: RowError[] = [];
  const firstRecordOf = new Map<string, number>();
  const controlNumbers = new Map<number, string | null>();
  let copies = 0;
  for (const entry of read.entries) {
    if ('problem' in entry) {
      const { code, params } = entry.problem;
      errors.push(marcError(entry.number, entry.controlNumber, null, 'record', code, params));
      copies += 1;
      continue;
    }
    const mapped = marcRecordItems(entry.record, entry.number, options.currentYear);
    errors.push(...mapped.errors);
    copies += mapped.copies;
    const controlNumber = controlNumberOf(entry.record);
    controlNumbers.set(entry.number, controlNumber);
    for (const item of mapped.items) {
      const firstRecord = firstRecordOf.get(item.barcode);
      if (firstRecord === undefined) {
        firstRecordOf.set(item.barcode, item.line);
        rows.push(item);
        continue;
      }
      const params = { firstRecord };
      errors.push(
        marcError(
          item.line,
          controlNumber,
          item.barcode,
          'barcode',
          'BARCODE_REPEATED_RECORD',
          params,
        ),
      );
    }
  }
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  if (copies > maxRows) return fileProblem('TOO_MANY_ROWS', { rows: copies, max: maxRows });
  const encoding = read.entries.find((entry) => 'encoding' in entry)?.encoding ?? 'utf-8';
  const records = read.entries.length;
  return {
    ok: true,
    format: 'marc',
    rows,
    errors,
    totalRows: copies,
    records,
    controlNumbers,
    encoding,
  };
}

/** Reads a holdings file of any format into rows and per-row errors, or refuses it whole. */
export function parseImportFile(content: Uint8Array, options: ImportFileOptions): ImportFileResult {
  const format = options.format ?? sniffFormat(content);
  const { encoding = 'auto', currentYear } = options;
  if (format === 'csv') {
    const parsed = parseItemCsv(content, { currentYear, encoding, maxRows: options.maxRows });
    return parsed.ok ? { ...parsed, format } : parsed;
  }
  const read = format === 'marc' ? readIso2709(content, encoding) : readMarcXml(content, encoding);
  const result = marcRows(read, options);
  return result.ok ? { ...result, format } : result;
}
