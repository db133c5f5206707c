import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api, type Problem, problemOf, upload } from '../api/client';
import type { ItemImportReport } from '../api/types';
import { DataTable } from '../components/DataTable';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { LibraryHeading, useLibrary } from './library-page';

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The rows the import skipped, as a CSV file to fix and send again: the headings and the column
 * names in the reader's language, the stable code last.
 */
export function errorReportCsv(report: ItemImportReport, t: TFunction): string {
  const head = [t('import.line'), t('import.barcode'), t('import.field'), t('import.message')];
  const lines = [[...head, t('import.code')].map(csvCell).join(',')];
  for (const error of report.errors) {
    const column = t(`import.columns.${error.field}`, { defaultValue: error.column });
    lines.push(
      [error.line, error.barcode, column, error.message, error.code].map(csvCell).join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function ImportItems({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
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
  const [progress, setProgress] = useState<{ sent: number; total: number }>();
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'processing' | 'done'>('idle');
  const [report, setReport] = useState<ItemImportReport>();
  const [problem, setProblem] = useState<Problem>();
  const [reportUrl, setReportUrl] = useState<string>();
  useEffect(() => () => (reportUrl ? URL.revokeObjectURL(reportUrl) : undefined), [reportUrl]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setReport(undefined);
    setProblem(undefined);
    setPhase('uploading');
    setProgress({ sent: 0, total: file.size });
    try {
      const result = await upload<ItemImportReport>(
        `/api/v1/libraries/${libraryId}/items/import`,
        file,
        'text/csv',
        (sent, total) => {
          setProgress({ sent, total });
          if (sent >= total) setPhase('processing');
        },
      );
      setReport(result);
      setPhase('done');
      if (result.errors.length > 0) {
        setReportUrl(
          URL.createObjectURL(
            new Blob([errorReportCsv(result, t)], { type: 'text/csv;charset=utf-8' }),
          ),
        );
      }
      holdings.reload();
    } catch (error) {
      setProblem(problemOf(error));
      setPhase('idle');
    }
  };

  const percent =
    progress && progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0;
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
      <form className="form panel" onSubmit={submit}>
        <Field
          label={t('import.file')}
          hint={t('import.fileHint')}
          type="file"
          accept=".csv,text/csv"
          required
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <button
          type="submit"
          className="button primary"
          disabled={!file || phase === 'uploading' || phase === 'processing'}
        >
          {t('import.submit')}
        </button>
        {phase === 'uploading' || phase === 'processing' ? (
          <div className="progress">
            <label htmlFor="import-progress">
              {phase === 'uploading' ? t('import.uploading', { percent }) : t('import.processing')}
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
          <h2 id="report-title">{t('import.reportTitle')}</h2>
          <ul className="kpis">
            <li>
              <span className="kpi-label">{t('import.totalRows')}</span>
              <span className="kpi-value">{format.number(report.totalRows)}</span>
            </li>
            <li>
              <span className="kpi-label">{t('import.imported')}</span>
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
                caption={t('import.errors', { count: report.errors.length })}
                columns={[
                  t('import.line'),
                  t('import.barcode'),
                  t('import.field'),
                  t('import.message'),
                ]}
              >
                {report.errors.slice(0, 500).map((error) => (
                  <tr key={`${error.line}-${error.field}-${error.code}`}>
                    <td className="number">{error.line}</td>
                    <td className="mono">{error.barcode ?? '—'}</td>
                    <td>{t(`import.columns.${error.field}`, { defaultValue: error.column })}</td>
                    <td>
                      {error.message} <code className="muted">{error.code}</code>
                    </td>
                  </tr>
                ))}
              </DataTable>
            </>
          ) : (
            <p>{t('import.noErrors')}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
