import { readFile } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import {
  formatOfFileName,
  type ImportEncoding,
  type ImportReport,
  importItems,
  localizeRowError,
  type RowError,
} from '../modules/catalog/index.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { AppError, type Language, problemMessage } from '../platform/errors.js';
import { itemImportSentence } from '../platform/i18n/item-import.js';
import { withCommandDatabase } from './command-database.js';

/**
 * `library-one import-items --library <code> [--dry-run] [--encoding auto|utf-8|euc-kr] <file>`:
 * a library's holdings from a CSV, MARC (ISO 2709, .mrc) or MARCXML (.xml) file, as the system (no
 * staff account needed), on the configured database. The format comes from the file's extension,
 * else from its first bytes.
 */

export interface ImportItemsCommandOptions {
  /** The library's code, e.g. `jinju-yonam-library`. */
  library: string;
  /** Where the configuration comes from (DATA_DIR, DATABASE_URL); default process.env. */
  env?: Record<string, string | undefined>;
  /** Show a progress bar on stderr; default when stderr is a terminal. */
  progress?: boolean;
  /** Prints one line of the result; default console.log. */
  print?: (line: string) => void;
  /** Prints why nothing was imported; default console.error. */
  printError?: (line: string) => void;
  /** The language of what is printed: Korean unless `--lang en`. */
  language?: Language;
  /** Check the whole file and write nothing. */
  dryRun?: boolean;
  /** The file's character set; default `auto` (UTF-8, else EUC-KR/CP949). */
  encoding?: ImportEncoding;
}

export interface ImportItemsCommandResult {
  /** 0 when the file was imported (even with skipped rows), 1 when nothing was. */
  exitCode: 0 | 1;
  /** null when nothing was imported. */
  report: ImportReport | null;
  /** Why nothing was imported. */
  failure?: string;
}

/** `4행 (JY-0003), 제목: …`, or for a MARC record `3번째 레코드 (KMO001, 바코드 없음), 바코드: …`. */
export function formatRowError(error: RowError, language: Language = 'ko'): string {
  const row = localizeRowError(error, language);
  const marc = error.controlNumber !== undefined;
  return itemImportSentence(marc ? 'CLI_RECORD' : 'CLI_ROW', language, {
    line: row.line,
    controlNumber: row.controlNumber ?? itemImportSentence('CLI_NO_CONTROL_NUMBER', language),
    barcode: row.barcode ?? itemImportSentence('CLI_NO_BARCODE', language),
    column: row.column,
    message: row.message,
  });
}

/** The counts (or, for a dry run, what a real import would do), then every row error. */
export function formatImportReport(report: ImportReport, language: Language = 'ko'): string[] {
  const counts = {
    imported: report.imported,
    total: report.totalRows,
    skipped: report.skipped,
    records: report.records ?? null,
  };
  const summary = report.dryRun
    ? 'CLI_DRY_RUN'
    : report.format === 'csv'
      ? 'CLI_SUMMARY'
      : 'CLI_SUMMARY_MARC';
  return [
    itemImportSentence(summary, language, counts),
    ...report.errors.map((error) => formatRowError(error, language)),
  ];
}

const FORMAT_NAMES = { csv: 'CSV', marc: 'MARC (ISO 2709)', marcxml: 'MARCXML' } as const;
const ENCODING_NAMES = { 'utf-8': 'UTF-8', 'euc-kr': 'EUC-KR (CP949)' } as const;

function progressBar(enabled: boolean) {
  if (!enabled) return undefined;
  return new cliProgress.SingleBar(
    { format: 'importing [{bar}] {percentage}% | {value}/{total} rows', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
}

/**
 * Imports the file and prints the result. It never exits the process: the caller sets the exit
 * code from the result. Unexpected failures (configuration, a locked data directory, the database)
 * are thrown.
 */
export async function importItemsCommand(
  file: string,
  options: ImportItemsCommandOptions,
): Promise<ImportItemsCommandResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  const printError = options.printError ?? ((line: string) => console.error(line));
  const language = options.language ?? 'ko';
  const refuse = (failure: string): ImportItemsCommandResult => {
    printError(`library-one: ${failure}`);
    return { exitCode: 1, report: null, failure };
  };

  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return refuse(
      itemImportSentence('CLI_CANNOT_READ', language, { file: path.basename(file), reason }),
    );
  }

  const config = loadConfig(options.env ?? process.env);
  return withCommandDatabase(config, async (db) => {
    const library = await db
      .selectFrom('libraries')
      .select(['id', 'name_ko', 'name_en'])
      .where('code', '=', options.library)
      .executeTakeFirst();
    if (!library) {
      return refuse(itemImportSentence('CLI_NO_LIBRARY', language, { code: options.library }));
    }
    print(
      itemImportSentence('CLI_IMPORTING', language, {
        file: path.basename(file),
        library: `${library.name_ko} (${library.name_en})`,
      }),
    );
    const bar = progressBar(options.progress ?? process.stderr.isTTY === true);
    let barStarted = false;
    let report: ImportReport;
    try {
      report = await importItems({ db, clock: systemClock }, 'system', library.id, content, {
        format: formatOfFileName(file),
        encoding: options.encoding,
        dryRun: options.dryRun,
        onProgress(done, total) {
          if (!bar) return;
          if (!barStarted) bar.start(total, done);
          else bar.update(done);
          barStarted = true;
        },
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED') {
        const reason = problemMessage('VALIDATION_FAILED', language, error.reasons[0]?.params);
        return refuse(
          itemImportSentence('CLI_NOTHING_IMPORTED', language, {
            file: path.basename(file),
            reason,
          }),
        );
      }
      throw error;
    } finally {
      if (barStarted) bar?.stop();
    }
    print(
      itemImportSentence('CLI_ENCODING', language, {
        format: FORMAT_NAMES[report.format],
        encoding: ENCODING_NAMES[report.encoding],
      }),
    );
    for (const line of formatImportReport(report, language)) print(line);
    return { exitCode: 0, report };
  });
}
