import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isItemImportCode, itemImportSentence } from '../../../src/platform/i18n/item-import';
import { answer, api, type Problem, problemOf, upload } from '../api/client';
import type { ItemImportReport } from '../api/types';
import { DataTable } from '../components/DataTable';
import { Field, SelectField } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource } from '../hooks';
import { currentLanguage, type Language } from '../i18n';
import { useFormat } from '../i18n/format';
import { LibraryHeading, useLibrary } from './library-page';

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

type ImportError = ItemImportReport['errors'][number];
type Encoding = 'auto' | 'utf-8' | 'euc-kr';
const ENCODINGS: readonly Encoding[] = ['auto', 'utf-8', 'euc-kr'];

/** The media type that tells the server the file's format, from its name. */
export function importContentType(fileName: string): string {
  const extension = fileName.slice(fileName.lastIndexOf('.')).toLowerCase();
  if (['.mrc', '.marc', '.iso'].includes(extension)) return 'application/marc';
  if (extension === '.xml') return 'application/marcxml+xml';
  return 'text/csv';
}

/**
 * A problem's sentence in the reader's language now, from its code and facts (the report was
 * written in the language of the request, and the reader may have switched since).
 */
function problemSentence(error: ImportError, language: Language) {
  return isItemImportCode(error.code)
    ? itemImportSentence(error.code, language, error.params)
    : error.message;
}

/** The columns of the error table and report: a MARC file's errors name the record and its 001. */
function errorColumns(report: ItemImportReport, t: TFunction, language: Language) {
  const marc = report.format !== 'csv';
  const where = marc ? [t('import.record'), t('import.controlNumber')] : [t('import.line')];
  const cells = (error: ImportError) => [
    error.line,
    ...(marc ? [error.controlNumber ?? ''] : []),
    error.barcode,
    t(`import.columns.${error.field}`, { defaultValue: error.column }),
    problemSentence(error, language),
  ];
  return {
    head: [...where, t('import.barcode'), t('import.field'), t('import.message')],
    cells,
  };
}

/**
 * The rows the import skipped, as a CSV file to fix and send again: the headings and the column
 * names in the reader's language, the stable code last.
 */
export function errorReportCsv(report: ItemImportReport, t: TFunction, language: Language): string {
  const { head, cells } = errorColumns(report, t, language);
  const lines = [[...head, t('import.code')].map(csvCell).join(',')];
  for (const error of report.errors) {
    lines.push([...cells(error), error.code].map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function ImportItems({ libraryId }: { libraryId: number }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const format = useFormat();
  const detail = useLibrary(libraryId);
  const holdings = useResource(`admin-holdings-${libraryId}`, () =>
    answer(
      api.GET('/api/v1/libraries/{libraryId}/items', {
        params: { path: { libraryId }, query: { limit: 1 } },
      }),
    ),
  );
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [dryRun, setDryRun] = useState(false);
  const [progress, setProgress] = useState<{ sent: number; total: number }>();
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'processing' | 'done'>('idle');
  const [report, setReport] = useState<ItemImportReport>();
  const [problem, setProblem] = useState<Problem>();
  const [reportUrl, setReportUrl] = useState<string>();
  // The downloadable report, in the language the reader reads the page in now.
  useEffect(() => {
    if (!report || report.errors.length === 0) return setReportUrl(undefined);
    const csv = errorReportCsv(report, i18n.t, language);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    setReportUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [report, i18n, language]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setReport(undefined);
    setProblem(undefined);
    setPhase('uploading');
    setProgress({ sent: 0, total: file.size });
    try {
      const query = new URLSearchParams({ dryRun: String(dryRun), encoding });
      const result = await upload<ItemImportReport>(
        `/api/v1/libraries/${libraryId}/items/import?${query}`,
        file,
        importContentType(file.name),
        (sent, total) => {
          setProgress({ sent, total });
          if (sent >= total) setPhase('processing');
        },
      );
      setReport(result);
      setPhase('done');
      if (!result.dryRun) holdings.reload();
    } catch (error) {
      setProblem(problemOf(error));
      setPhase('idle');
    }
  };

  const percent =
    progress && progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0;
  const busy = phase === 'uploading' || phase === 'processing';
  const columns = report ? errorColumns(report, t, language) : undefined;
  return (
    <div>
      <LibraryHeading page="import" library={detail.data?.library} />
      <p className="lead">{t('import.lead')}</p>
      {holdings.data ? (
        <p>
          {t('import.holdings', {
            count: holdings.data.total,
            value: format.number(holdings.data.total),
          })}
        </p>
      ) : null}
      <p>
        <a href="/api/v1/items/template.csv" download>
          {t('import.template')}
        </a>
      </p>
      <form className="form panel" onSubmit={submit} aria-busy={busy}>
        <Field
          label={t('import.file')}
          hint={t('import.fileHint')}
          type="file"
          accept=".csv,.mrc,.marc,.xml,text/csv,application/marc,application/xml,text/xml"
          required
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <SelectField
          label={t('import.encoding')}
          value={encoding}
          onChange={(e) => setEncoding(e.target.value as Encoding)}
        >
          {ENCODINGS.map((value) => (
            <option key={value} value={value}>
              {t(`import.encodings.${value}`)}
            </option>
          ))}
        </SelectField>
        <div className="check">
          <input
            id="import-dry-run"
            type="checkbox"
            checked={dryRun}
            onChange={(e) => setDryRun(e.target.checked)}
          />
          <label htmlFor="import-dry-run">{t('import.dryRun')}</label>
        </div>
        <button type="submit" className="button primary" disabled={!file || busy}>
          {t('import.submit')}
        </button>
        {phase === 'uploading' || phase === 'processing' ? (
          <div className="progress">
            <label htmlFor="import-progress">
              {phase === 'uploading'
                ? t('import.uploading', { percent })
                : t(dryRun ? 'import.checking' : 'import.processing')}
            </label>
            <progress
              id="import-progress"
              max={100}
              value={phase === 'processing' ? undefined : percent}
            />
          </div>
        ) : null}
      </form>
      <ProblemAlert problem={problem} />
      {report ? (
        <section className="panel" aria-labelledby="report-title">
          <h2 id="report-title">
            {t(report.dryRun ? 'import.dryRunTitle' : 'import.reportTitle')}
          </h2>
          <p className="muted">
            {t('import.formatLine', {
              format: t(`import.formats.${report.format}`),
              encoding: t(`import.encodings.${report.encoding}`),
            })}
          </p>
          <ul className="kpis">
            {report.records === undefined ? null : (
              <li>
                <span className="kpi-label">{t('import.records')}</span>
                <span className="kpi-value">{format.number(report.records)}</span>
              </li>
            )}
            <li>
              <span className="kpi-label">{t('import.totalRows')}</span>
              <span className="kpi-value">{format.number(report.totalRows)}</span>
            </li>
            <li>
              <span className="kpi-label">
                {t(report.dryRun ? 'import.wouldImport' : 'import.imported')}
              </span>
              <span className="kpi-value">{format.number(report.imported)}</span>
            </li>
            <li>
              <span className="kpi-label">{t('import.skipped')}</span>
              <span className="kpi-value">{format.number(report.skipped)}</span>
            </li>
          </ul>
          {report.errors.length > 0 ? (
            <>
              {reportUrl ? (
                <p>
                  <a href={reportUrl} download="import-errors.csv">
                    {t('import.downloadErrors')}
                  </a>
                </p>
              ) : null}
              <DataTable
                // A row may have several problems: the caption counts both, as the KPI counts rows.
                caption={t('import.errors', {
                  count: report.errors.length,
                  rows: new Set(report.errors.map((error) => error.line)).size,
                })}
                columns={columns?.head ?? []}
              >
                {report.errors.slice(0, 500).map((error) => (
                  <tr key={`${error.line}-${error.barcode}-${error.field}-${error.code}`}>
                    {(columns?.cells(error) ?? []).map((cell, index, all) => (
                      <td
                        // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed
                        key={index}
                        className={
                          index === 0 ? 'number' : cell === error.barcode ? 'mono' : undefined
                        }
                      >
                        {cell === null || cell === '' ? '—' : cell}
                        {index === all.length - 1 ? (
                          <>
                            {' '}
                            <code className="muted">{error.code}</code>
                          </>
                        ) : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </DataTable>
            </>
          ) : (
            <p>{t(report.dryRun ? 'import.noDryRunErrors' : 'import.noErrors')}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
