import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { AppError, type Language } from '../../platform/errors.js';
import { importColumnName, itemImportSentence } from '../../platform/i18n/messages.js';
import { parseItemCsv, type RowError } from './item-csv.js';
import { attachCopies } from './records.js';
import { INSERT_BATCH_SIZE, libraryExists } from './repository.js';

/** Who imports: a staff member through the API, or the system through the command line. */
export type ImportActor = Actor | 'system';

export interface ImportReport {
  /** Rows written as new copies. */
  imported: number;
  /** Rows not written: a bad value, a barcode twice in the file, or one the library already has. */
  skipped: number;
  /** Every reason a row was skipped, in line order (a row may have more than one). */
  errors: RowError[];
  /** Rows in the file, blank ones not counted. */
  totalRows: number;
}

export interface ImportOptions {
  /** Called before the first batch and after each one: rows written or refused so far, of total. */
  onProgress?(done: number, total: number): void;
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

/**
 * A library's holdings from a CSV file (format in item-csv.ts). A file that cannot be read imports
 * nothing; otherwise every good row is written in one transaction, in multi-row batches, and every
 * bad one is reported with its spreadsheet line.
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
  const parsed = parseItemCsv(content, { currentYear: Number(clock.today().slice(0, 4)) });
  if (!parsed.ok) {
    throw new AppError('VALIDATION_FAILED', {
      ...parsed.params,
      field: 'file',
      reason: parsed.reason,
      importCode: parsed.code,
    });
  }
  const { rows, totalRows } = parsed;
  const total = rows.length;
  const existing: RowError[] = [];
  options.onProgress?.(0, total);
  await db.transaction().execute(async (tx) => {
    for (let start = 0; start < total; start += INSERT_BATCH_SIZE) {
      const batch = rows.slice(start, start + INSERT_BATCH_SIZE);
      const inserted = new Set((await attachCopies(tx, libraryId, batch)).map((c) => c.barcode));
      for (const row of batch) {
        if (inserted.has(row.barcode)) continue;
        existing.push({
          line: row.line,
          barcode: row.barcode,
          field: 'barcode',
          code: 'BARCODE_EXISTS',
          params: {},
          message: BARCODE_EXISTS_MESSAGE,
        });
      }
      options.onProgress?.(start + batch.length, total);
    }
    const imported = total - existing.length;
    await recordAudit(tx, actor === 'system' ? null : actor, clock.now(), {
      action: 'items.imported',
      subjectKind: 'library',
      subjectId: libraryId,
      libraryId,
      details: {
        imported,
        skipped: totalRows - imported,
        errors: parsed.errors.length + existing.length,
        totalRows,
      },
    });
  });
  const imported = total - existing.length;
  const errors = [...parsed.errors, ...existing].sort((a, b) => a.line - b.line);
  return { imported, skipped: totalRows - imported, errors, totalRows };
}
