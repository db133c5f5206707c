import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { AppError, type Language } from '../../platform/errors.js';
import { importColumnName, itemImportSentence } from '../../platform/i18n/item-import.js';
import type { ImportEncoding, TextEncodingName } from '../../platform/text-encoding.js';
import { type ImportFormat, parseImportFile } from './import-file.js';
import type { ItemRecord } from './item.js';
import type { RowError } from './item-csv.js';
import { attachCopies } from './records.js';
import { existingBarcodes, INSERT_BATCH_SIZE, libraryExists } from './repository.js';

/** Who imports: a staff member through the API, or the system through the command line. */
export type ImportActor = Actor | 'system';

export interface ImportReport {
  /** Rows written as new copies (in a dry run: rows that would be). */
  imported: number;
  /** Rows not written: a bad value, a barcode twice in the file, or one the library already has. */
  skipped: number;
  /** Every reason a row was skipped, in line (record) order (a row may have more than one). */
  errors: RowError[];
  /** Rows in the file, blank ones not counted; in a MARC file, the copies its records give. */
  totalRows: number;
  /** MARC: the records in the file. */
  records?: number;
  format: ImportFormat;
  /** The character set the file was read in. */
  encoding: TextEncodingName;
  /** true: everything was checked, nothing was written. */
  dryRun: boolean;
}

export interface ImportOptions {
  /** Called before the first batch and after each one: rows written or refused so far, of total. */
  onProgress?(done: number, total: number): void;
  /** Known from the content type or the file name; sniffed from the bytes otherwise. */
  format?: ImportFormat | undefined;
  /** The file's character set: `auto` (default), `utf-8` or `euc-kr`. */
  encoding?: ImportEncoding | undefined;
  /** Check everything (barcodes the library has included) and write nothing. */
  dryRun?: boolean | undefined;
}

export const BARCODE_EXISTS_MESSAGE = itemImportSentence('BARCODE_EXISTS', 'en');

/** A row's problem as a reader sees it: the sentence and the column's name in their language. */
export function localizeRowError(error: RowError, language: Language) {
  return {
    ...error,
    column: importColumnName(error.field, language),
    message: itemImportSentence(error.code, language, error.params),
  };
}

/** The report in the reader's language (the codes, fields and facts stay as they are). */
export function localizeImportReport(report: ImportReport, language: Language) {
  return { ...report, errors: report.errors.map((error) => localizeRowError(error, language)) };
}

function barcodeExists(
  row: ItemRecord,
  controlNumbers: ReadonlyMap<number, string | null> | undefined,
): RowError {
  return {
    line: row.line,
    ...(controlNumbers ? { controlNumber: controlNumbers.get(row.line) ?? null } : {}),
    barcode: row.barcode,
    field: 'barcode',
    code: 'BARCODE_EXISTS',
    params: {},
    message: BARCODE_EXISTS_MESSAGE,
  };
}

/**
 * A library's holdings from a file: CSV, MARC (ISO 2709) or MARCXML (import-file.ts). A file that
 * cannot be read imports nothing; otherwise every good row is written in one transaction, in
 * multi-row batches, and every bad one is reported with its line (or record). A dry run does the
 * same checks, the library's existing barcodes included, and writes nothing (no audit row either).
 */
export async function importItems(
  context: Pick<AppContext, 'db' | 'clock'>,
  actor: ImportActor,
  libraryId: number,
  content: Buffer,
  options: ImportOptions = {},
): Promise<ImportReport> {
  if (actor !== 'system') authorize(actor, 'library.manage', { libraryId });
  const { db, clock } = context;
  if (!(await libraryExists(db, libraryId))) throw new AppError('NOT_FOUND');
  const parsed = parseImportFile(content, {
    format: options.format,
    encoding: options.encoding,
    currentYear: Number(clock.today().slice(0, 4)),
  });
  if (!parsed.ok) {
    throw new AppError('VALIDATION_FAILED', {
      ...parsed.params,
      field: 'file',
      reason: parsed.reason,
      importCode: parsed.code,
    });
  }
  const { rows, totalRows, format, encoding } = parsed;
  const dryRun = options.dryRun === true;
  const total = rows.length;
  const existing: RowError[] = [];
  /** The barcodes of the batch written (in a dry run: those the library does not have yet). */
  const write = async (batch: readonly ItemRecord[], tx: typeof db): Promise<Set<string>> => {
    if (!dryRun) {
      const copies = await attachCopies(tx, libraryId, batch);
      return new Set(copies.map((copy) => copy.barcode));
    }
    const barcodes = batch.map((row) => row.barcode);
    const found = await existingBarcodes(tx, libraryId, barcodes);
    return new Set(barcodes.filter((barcode) => !found.has(barcode)));
  };
  options.onProgress?.(0, total);
  const run = async (tx: typeof db) => {
    for (let start = 0; start < total; start += INSERT_BATCH_SIZE) {
      const batch = rows.slice(start, start + INSERT_BATCH_SIZE);
      const written = await write(batch, tx);
      existing.push(
        ...batch
          .filter((row) => !written.has(row.barcode))
          .map((row) => barcodeExists(row, parsed.controlNumbers)),
      );
      options.onProgress?.(start + batch.length, total);
    }
  };
  const imported = () => total - existing.length;
  if (dryRun) await run(db);
  else {
    await db.transaction().execute(async (tx) => {
      await run(tx);
      await recordAudit(tx, actor === 'system' ? null : actor, clock.now(), {
        action: 'items.imported',
        subjectKind: 'library',
        subjectId: libraryId,
        libraryId,
        details: {
          imported: imported(),
          skipped: totalRows - imported(),
          errors: parsed.errors.length + existing.length,
          totalRows,
          format,
        },
      });
    });
  }
  const errors = [...parsed.errors, ...existing].sort((a, b) => a.line - b.line);
  return {
    imported: imported(),
    skipped: totalRows - imported(),
    errors,
    totalRows,
    ...(parsed.records === undefined ? {} : { records: parsed.records }),
    format,
    encoding,
    dryRun,
  };
}
