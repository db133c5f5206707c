import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Statistics } from '../api/types';
import { saveFile } from '../components/save-file';

/** The requests' and the holds' figures, in the order the dashboard shows them. */
export const REQUEST_FIGURES = ['placed', 'collected', 'sent', 'notFilled'] as const;
export const HOLD_FIGURES = ['placed', 'collected', 'notCollected', 'cancelled'] as const;

/** Column headers in the reader's language, the rows in the order the dashboard shows them. */
export interface CsvHeaders {
  date: string;
  loans: string;
  suspensions: string;
  library: string;
  toOtherLibraryMembers: string;
  month: string;
  from: string;
  to: string;
  /** The summary file's two columns, and its rows' names. */
  figure: string;
  value: string;
  share: string;
  membersJoined: string;
  membersWithdrawn: string;
  requests: Record<keyof Statistics['requests'], string>;
  holds: Record<keyof Statistics['holds'], string>;
}

/**
 * The dashboard's figures as CSV files a spreadsheet opens (a byte-order mark first, so that
 * Excel reads the Korean names as UTF-8): one row a day and one a month (loans, suspensions,
 * members joined and withdrawn), one row a library, and
 * the period's totals (loans, suspensions, members joined and withdrawn, requests, holds), one a row.
 */
export function statisticsCsv(
  data: Statistics,
  headers: CsvHeaders,
  libraryName: (library: Statistics['loansPerLibrary'][number]['library']) => string,
): { perDay: string; perLibrary: string; perMonth: string; summary: string } {
  const suspensions = new Map(data.suspensionsPerDay.map((d) => [d.date, d.started]));
  const members = new Map(data.membersPerDay.map((d) => [d.date, d]));
  const perDay = stringify(
    data.loansPerDay.map((d) => [
      d.date,
      d.loans,
      suspensions.get(d.date) ?? 0,
      members.get(d.date)?.joined ?? 0,
      members.get(d.date)?.withdrawn ?? 0,
    ]),
    {
      header: true,
      columns: [
        headers.date,
        headers.loans,
        headers.suspensions,
        headers.membersJoined,
        headers.membersWithdrawn,
      ],
      bom: true,
    },
  );
  const perLibrary = stringify(
    data.loansPerLibrary.map((row) => [
      libraryName(row.library),
      row.loans,
      row.toOtherLibraryMembers,
    ]),
    {
      header: true,
      columns: [headers.library, headers.loans, headers.toOtherLibraryMembers],
      bom: true,
    },
  );
  const perMonth = stringify(
    data.loansPerMonth.map((m) => [
      m.month,
      m.from,
      m.to,
      m.loans,
      m.suspensionsStarted,
      m.membersJoined,
      m.membersWithdrawn,
    ]),
    {
      header: true,
      columns: [
        headers.month,
        headers.from,
        headers.to,
        headers.loans,
        headers.suspensions,
        headers.membersJoined,
        headers.membersWithdrawn,
      ],
      bom: true,
    },
  );
  const { totals, requests, holds } = data;
  const summary = stringify(
    [
      [headers.from, data.from],
      [headers.to, data.to],
      [headers.loans, totals.loans],
      // A fraction (0.078), not "7.8%": a spreadsheet computes with it.
      [headers.share, totals.shareToOtherLibraryMembers ?? ''],
      [headers.suspensions, totals.suspensionsStarted],
      [headers.membersJoined, data.members.joined],
      [headers.membersWithdrawn, data.members.withdrawn],
      ...REQUEST_FIGURES.map((figure) => [headers.requests[figure], requests[figure]]),
      ...HOLD_FIGURES.map((figure) => [headers.holds[figure], holds[figure]]),
    ],
    { header: true, columns: [headers.figure, headers.value], bom: true },
  );
  return { perDay, perLibrary, perMonth, summary };
}

/** Hands a CSV to the browser as a file to save. */
export function download(fileName: string, text: string): void {
  saveFile(fileName, text, 'text/csv;charset=utf-8');
}
