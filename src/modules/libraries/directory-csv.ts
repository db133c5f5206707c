import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { decodeText } from '../../platform/text-encoding.js';
import {
  PROVINCE,
  PROVINCIAL_LIBRARY,
  publicHolidays,
  type SeedLibrary,
  type SeedRegion,
  seedLibraryOf,
  slug,
} from './reference-data.js';

/**
 * The network's libraries and regions as an operator writes them for `library-one init` (UTF-8,
 * a header row; docs/deploy.md "Libraries CSV"). The default is the seed document's 29, shipped
 * in reference/seed-libraries.csv, which has exactly this format.
 */
export const DEFAULT_DIRECTORY_CSV = new URL('./reference/seed-libraries.csv', import.meta.url);

const REQUIRED = ['english_name', 'korean_name', 'region_ko', 'region_en'] as const;

export interface DirectoryRowError {
  /** The line in the file, the header being line 1. */
  line: number;
  message: string;
}

export interface Directory {
  regions: SeedRegion[];
  libraries: SeedLibrary[];
}

export type DirectoryParse =
  | { ok: true; directory: Directory }
  | { ok: false; errors: DirectoryRowError[] };

type Row = Record<string, string>;

/**
 * A region_en of the province's own name puts a library in the province itself; so does being the
 * provincial library, as the seed document lists it.
 */
function regionOf(row: Row): SeedRegion {
  const nameEn = row.region_en!.replace(/\s*\(.*\)$/, '');
  if (nameEn === PROVINCE.nameEn || row.english_name === PROVINCIAL_LIBRARY) return PROVINCE;
  return {
    code: slug(nameEn),
    kind: /-gun$/i.test(nameEn) ? 'county' : 'city',
    nameKo: row.region_ko!.split(' ')[0]!,
    nameEn,
  };
}

function rowErrors(row: Row, line: number, seenCodes: Map<string, number>): DirectoryRowError[] {
  const errors: DirectoryRowError[] = [];
  for (const column of REQUIRED) {
    if (!row[column]) errors.push({ line, message: `${column} is empty` });
  }
  if (row.english_name && !slug(row.english_name)) {
    errors.push({ line, message: 'english_name must contain Latin letters or digits' });
  }
  const code = row.english_name ? slug(row.english_name) : '';
  const first = seenCodes.get(code);
  if (code && first !== undefined) {
    errors.push({ line, message: `library "${row.english_name}" is already on line ${first}` });
  } else if (code) {
    seenCodes.set(code, line);
  }
  if (row.phone && !/^[0-9+() -]{7,20}$/.test(row.phone)) {
    errors.push({ line, message: `phone "${row.phone}" is not a phone number` });
  }
  return errors;
}

/** Reads a libraries CSV; every bad row is reported with its line, nothing half-read. */
export function parseDirectoryCsv(text: string): DirectoryParse {
  let rows: Row[];
  let lines: number[];
  try {
    // A row short of its last optional cells is read with them empty; the line each row ends on
    // is kept, so a blank line above it does not shift the line an error names.
    const records = parse(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
      info: true,
    }) as { record: Row; info: { lines: number } }[];
    rows = records.map((r) => r.record);
    lines = records.map((r) => r.info.lines);
  } catch (error) {
    return {
      ok: false,
      errors: [{ line: 0, message: error instanceof Error ? error.message : String(error) }],
    };
  }
  const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (rows.length === 0) return { ok: false, errors: [{ line: 1, message: 'no libraries' }] };
  if (missing.length > 0) {
    return { ok: false, errors: [{ line: 1, message: `missing columns: ${missing.join(', ')}` }] };
  }
  const holidays = publicHolidays();
  const seen = new Map<string, number>();
  const errors: DirectoryRowError[] = [];
  const regions = new Map<string, SeedRegion>([[PROVINCE.code, PROVINCE]]);
  const libraries: SeedLibrary[] = [];
  rows.forEach((row, index) => {
    const line = lines[index] ?? index + 2;
    const problems = rowErrors(row, line, seen);
    if (problems.length > 0) {
      errors.push(...problems);
      return;
    }
    const region = regionOf(row);
    regions.set(region.code, region);
    libraries.push(
      seedLibraryOf(
        { ...row, english_name: row.english_name!, korean_name: row.korean_name! },
        region.code,
        holidays,
      ),
    );
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, directory: { regions: [...regions.values()], libraries } };
}

/** The file as Korean Excel may save it too: UTF-8 (with or without a BOM) or EUC-KR. */
export function readDirectoryCsv(file: string | URL = DEFAULT_DIRECTORY_CSV): DirectoryParse {
  const decoded = decodeText(readFileSync(file));
  if (!decoded.ok) {
    return {
      ok: false,
      errors: [{ line: 0, message: 'the file is neither UTF-8 nor EUC-KR text' }],
    };
  }
  return parseDirectoryCsv(decoded.text);
}
