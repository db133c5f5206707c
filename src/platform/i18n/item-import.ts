import { entry, fillTemplate, type Language, type Params } from './fill.js';
import itemImport from './item-import.json' with { type: 'json' };

/*
 * A holdings import's problems in words, from their stable codes. Shared with the web app, which
 * says a report's rows again in the language the reader switches to.
 */

const IMPORT_COLUMNS: Record<Language, Record<string, string>> = itemImport.columns;
const IMPORT_MESSAGES: Record<Language, Record<string, string>> = itemImport.messages;

/** A column of the holdings CSV (`call_number`) as the reader calls it: 청구기호, Call number. */
export function importColumnName(column: string, language: Language): string {
  return entry(IMPORT_COLUMNS[language], column) ?? column;
}

/** Whether the code has a sentence (a newer service's code may not, in an older web app). */
export function isItemImportCode(code: string): boolean {
  return entry(IMPORT_MESSAGES.en, code) !== undefined;
}

/**
 * A holdings import problem (a row's value, or the file) in the reader's language, from its
 * stable code: "바코드가 비어 있습니다", "Barcode is empty". `column` is the column's key
 * (`call_number`), named here; `key`/`keys` keep the keys as the header must write them. Values
 * are written as they are: a barcode such as 2026-12-01 is not a date.
 */
export function itemImportSentence(code: string, language: Language, params: Params = {}): string {
  const template = entry(IMPORT_MESSAGES[language], code);
  if (!template) return code;
  const named = (key: unknown) =>
    language === 'ko' && typeof key === 'string'
      ? `${importColumnName(key, language)}(${key})`
      : String(key);
  const keys = typeof params.keys === 'string' ? params.keys.split(',') : [];
  return fillTemplate(template, language, {
    ...params,
    ...(typeof params.column === 'string'
      ? { column: importColumnName(params.column, language) }
      : {}),
    ...(typeof params.key === 'string' ? { column: named(params.key) } : {}),
    ...(keys.length > 0 ? { columns: keys.map(named).join(', '), keys: keys.join(' or ') } : {}),
  });
}
