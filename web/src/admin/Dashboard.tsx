import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { Statistics } from '../api/types';
import { DailyBarChart, LibraryBarChart, ShareRing } from '../components/charts';
import { DataTable } from '../components/DataTable';
import { Field } from '../components/Field';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { usePicker } from './slot';
import { download, HOLD_FIGURES, REQUEST_FIGURES, statisticsCsv } from './statistics-csv';

function minusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * Loans per day and per library, the share lent to other libraries' members, suspensions, members
 * joined and withdrawn, inter-library requests.
 */
export function Dashboard({ libraryId }: { libraryId: number | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const picker = usePicker();
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const [fromInput, setFromInput] = useState('');
  const [toInput, setToInput] = useState('');
  const query = { from: period.from, to: period.to, libraryId: libraryId ?? undefined };
  const stats = useResource(`statistics${JSON.stringify(query)}`, () =>
    answer(api.GET('/api/v1/statistics', { params: { query } })),
  );
  const data = stats.data;

  const preset = (days: number) => {
    if (!data) return;
    setPeriod({ from: minusDays(data.to, days - 1), to: data.to });
  };
  const custom = (event: FormEvent) => {
    event.preventDefault();
    setPeriod({ from: fromInput || undefined, to: toInput || undefined });
  };

  const scopeName =
    data?.scope.kind === 'library' ? format.name(data.scope.library) : t('admin.wholeNetwork');
  return (
    <div className="dashboard">
      <PageTitle>{t('admin.page.dashboard')}</PageTitle>
      {picker}
      {data ? (
        <p className="lead">
          {t('dashboard.scope', {
            scope: scopeName,
            from: format.date(data.from, false),
            to: format.date(data.to, false),
          })}
        </p>
      ) : null}
      <div className="period">
        <fieldset className="preset-row">
          <legend>{t('dashboard.period')}</legend>
          {[7, 30, 90, 365].map((days) => (
            <button
              key={days}
              type="button"
              className="button small"
              disabled={!data}
              onClick={() => preset(days)}
            >
              {t('dashboard.lastDays', { count: days })}
            </button>
          ))}
        </fieldset>
        <form className="period-form" onSubmit={custom}>
          <Field
            label={t('dashboard.from')}
            type="date"
            value={fromInput || data?.from || ''}
            onValue={setFromInput}
          />
          <Field
            label={t('dashboard.to')}
            type="date"
            value={toInput || data?.to || ''}
            onValue={setToInput}
          />
          <button type="submit" className="button small">
            {t('dashboard.show')}
          </button>
        </form>
      </div>
      <ProblemAlert problem={stats.problem} />
      {!data ? (
        stats.loading ? (
          <Loading />
        ) : null
      ) : (
        <>
          <Kpis
            figures={[
              [t('dashboard.loans'), format.number(data.totals.loans)],
              [
                t('dashboard.share'),
                data.totals.shareToOtherLibraryMembers === null
                  ? '—'
                  : format.percent(data.totals.shareToOtherLibraryMembers),
              ],
              [t('dashboard.suspensions'), format.number(data.totals.suspensionsStarted)],
            ]}
          />
          <section aria-labelledby="members-figures">
            <h2 id="members-figures">{t('dashboard.membersTitle')}</h2>
            <Kpis
              figures={[
                [t('dashboard.membersJoined'), format.number(data.members.joined)],
                [t('dashboard.membersWithdrawn'), format.number(data.members.withdrawn)],
              ]}
            />
            <DailyBarChart
              title={t('dashboard.membersPerDay')}
              points={data.membersPerDay.map((d) => ({ date: d.date, value: d.joined }))}
              unit={t('dashboard.membersUnit')}
            />
          </section>
          <CountsSection group="requests" figures={REQUEST_FIGURES} counts={data.requests} />
          <CountsSection group="holds" figures={HOLD_FIGURES} counts={data.holds} />
          <div className="chart-grid">
            <DailyBarChart
              title={t('dashboard.loansPerDay')}
              points={data.loansPerDay.map((d) => ({ date: d.date, value: d.loans }))}
              unit={t('dashboard.loansUnit')}
            />
            <ShareRing
              title={t('dashboard.share')}
              share={data.totals.shareToOtherLibraryMembers}
              caption={t('dashboard.shareCaption', {
                other: format.number(data.totals.toOtherLibraryMembers),
                home: format.number(data.totals.toHomeMembers),
                unknown: format.number(data.totals.unknownHome),
              })}
            />
            <DailyBarChart
              title={t('dashboard.suspensionsPerDay')}
              points={data.suspensionsPerDay.map((d) => ({ date: d.date, value: d.started }))}
              unit={t('dashboard.casesUnit')}
              tone="warning"
            />
            <LibraryBarChart
              title={t('dashboard.loansPerLibrary')}
              totalLabel={t('dashboard.loansLegend')}
              partLabel={t('dashboard.otherLegend')}
              rows={data.loansPerLibrary.map((row) => ({
                id: row.library.id,
                name: format.name(row.library),
                total: row.loans,
                part: row.toOtherLibraryMembers,
              }))}
            />
          </div>
          <MonthTable months={data.loansPerMonth} />
          <div className="button-row">
            {(['perDay', 'perMonth', 'perLibrary', 'summary'] as const).map((file) => (
              <button
                key={file}
                type="button"
                className="button small"
                onClick={() => {
                  const csv = statisticsCsv(
                    data,
                    {
                      date: t('dashboard.date'),
                      loans: t('dashboard.loans'),
                      suspensions: t('dashboard.suspensions'),
                      library: t('dashboard.library'),
                      toOtherLibraryMembers: t('dashboard.otherLegend'),
                      month: t('dashboard.month'),
                      from: t('dashboard.from'),
                      to: t('dashboard.to'),
                      figure: t('dashboard.figure'),
                      value: t('dashboard.value'),
                      share: t('dashboard.share'),
                      membersJoined: t('dashboard.membersJoined'),
                      membersWithdrawn: t('dashboard.membersWithdrawn'),
                      requests: {
                        placed: t('dashboard.requests.placed'),
                        collected: t('dashboard.requests.collected'),
                        sent: t('dashboard.requests.sent'),
                        notFilled: t('dashboard.requests.notFilled'),
                      },
                      holds: {
                        placed: t('dashboard.holds.placed'),
                        collected: t('dashboard.holds.collected'),
                        notCollected: t('dashboard.holds.notCollected'),
                        cancelled: t('dashboard.holds.cancelled'),
                      },
                    },
                    (library) => format.name(library),
                  );
                  download(
                    t(`dashboard.csvFile.${file}`, { from: data.from, to: data.to }),
                    csv[file],
                  );
                }}
              >
                {t(`dashboard.csv.${file}`)}
              </button>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

/** A row of headline figures: each a label and its value, already formatted. */
/** One group of the period's counts (requests, holds) under its heading, in the dashboard's order. */
function CountsSection<Figure extends string>({
  group,
  figures,
  counts,
}: {
  group: 'requests' | 'holds';
  figures: readonly Figure[];
  counts: Record<Figure, number>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section aria-labelledby={`${group}-figures`}>
      <h2 id={`${group}-figures`}>{t(`dashboard.${group}.title`)}</h2>
      <Kpis
        figures={figures.map((figure) => [
          t(`dashboard.${group}.${figure}`),
          format.number(counts[figure]),
        ])}
      />
    </section>
  );
}

function Kpis({ figures }: { figures: readonly (readonly [string, string])[] }) {
  return (
    <ul className="kpis">
      {figures.map(([label, value]) => (
        <li key={label}>
          <span className="kpi-label">{label}</span>
          <span className="kpi-value">{value}</span>
        </li>
      ))}
    </ul>
  );
}

type Month = Statistics['loansPerMonth'][number];

/** Whether the period cuts the month: it starts after the 1st or ends before the last day. */
function isCutByPeriod(month: Month): boolean {
  const next = new Date(`${month.to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return !month.from.endsWith('-01') || next.toISOString().slice(0, 7) === month.month;
}

/** Loans, suspensions and members per calendar month, for a period of more than one month. */
function MonthTable({ months }: { months: Month[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (months.length < 2) return null;
  return (
    <section className="per-month" aria-labelledby="loans-per-month">
      <h2 id="loans-per-month">{t('dashboard.perMonth')}</h2>
      <DataTable
        caption={t('dashboard.perMonth')}
        captionHidden
        columns={[
          t('dashboard.month'),
          t('dashboard.loans'),
          t('dashboard.suspensions'),
          t('dashboard.membersJoined'),
          t('dashboard.membersWithdrawn'),
        ]}
      >
        {months.map((month) => (
          <tr key={month.month}>
            <th scope="row">
              {format.month(month.from)}
              {isCutByPeriod(month) ? (
                <span className="muted small">
                  {` ${t('dashboard.monthPart', {
                    from: format.shortDate(month.from),
                    to: format.shortDate(month.to),
                  })}`}
                </span>
              ) : null}
            </th>
            <td className="number">{format.number(month.loans)}</td>
            <td className="number">{format.number(month.suspensionsStarted)}</td>
            <td className="number">{format.number(month.membersJoined)}</td>
            <td className="number">{format.number(month.membersWithdrawn)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
