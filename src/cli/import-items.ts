import { readFile } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { RowError } from '../modules/catalog/index.js';
import { type ImportReport, importItems, localizeImportReport } from '../modules/catalog/index.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import { lockDataDir } from '../platform/db/data-dir-lock.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { AppError, type Language, problemMessage } from '../platform/errors.js';
import { itemImportSentence } from '../platform/i18n/messages.js';

/**
 * `library-one import-items --library <code> <file.csv>`: a library's holdings from a CSV file, as
 * the system (no staff account needed), on the configured database.
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
}

export interface ImportItemsCommandResult {
  /** 0 when the file was imported (even with skipped rows), 1 when nothing was. */
  exitCode: 0 | 1;
  /** null when nothing was imported. */
  report: ImportReport | null;
  /** Why nothing was imported. */
  failure?: string;
}

export function formatRowError(error: RowError, language: Language = 'ko'): string {
  const row = localizeImportReport(
    { imported: 0, skipped: 0, totalRows: 0, errors: [error] },
    language,
  ).errors[0]!;
  return itemImportSentence('CLI_ROW', language, {
    line: row.line,
    barcode: row.barcode ?? itemImportSentence('CLI_NO_BARCODE', language),
    column: row.column,
    message: row.message,
  });
}

/** The counts, then every row error as `4행 (JY-0003), 제목: 제목이 비어 있습니다`. */
export function formatImportReport(report: ImportReport, language: Language = 'ko'): string[] {
  return [
    itemImportSentence('CLI_SUMMARY', language, {
      imported: report.imported,
      total: report.totalRows,
      skipped: report.skipped,
    }),
    ...report.errors.map((error) => formatRowError(error, language)),
  ];
}

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
    return refuse(`cannot read ${file} (${reason}); nothing was imported`);
  }

  const config = loadConfig(options.env ?? process.env);
  const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
    });
    try {
      const { db } = database;
      await migrateToLatest(db);
      const library = await db
        .selectFrom('libraries')
        .select(['id', 'name_ko', 'name_en'])
        .where('code', '=', options.library)
        .executeTakeFirst();
      if (!library) {
        return refuse(
          `no library has the code "${options.library}" (the codes are in GET /api/v1/libraries); nothing was imported`,
        );
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
      for (const line of formatImportReport(report, language)) print(line);
      return { exitCode: 0, report };
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}
