import { parse as parseCsv } from 'csv-parse/browser/esm/sync';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { DataTable } from '../components/DataTable';
import { Field, SelectField } from '../components/Field';
import { SubmitButton } from '../components/FormParts';
import { seoulToday } from '../components/MemberForm';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource, useSaving } from '../hooks';
import { useFormat } from '../i18n/format';
import { NextYearWarning } from './CalendarPage';
import { HolidayFields } from './HolidayFields';
import { Saved } from './library-page';

interface ListedHoliday {
  date: string;
  nameKo: string;
  nameEn?: string;
}

/** A holiday list file: CSV with date,name_ko[,name_en] columns, or JSON [{date, nameKo, nameEn}]. */
export function parseHolidayFile(text: string): ListedHoliday[] {
  const trimmed = text.trim().replace(/^\uFEFF/, '');
  if (trimmed.startsWith('[')) {
    const rows = JSON.parse(trimmed) as Record<string, string>[];
    return rows.map((row) => ({
      date: String(row.date ?? '').trim(),
      nameKo: String(row.nameKo ?? row.name_ko ?? '').trim(),
      nameEn: String(row.nameEn ?? row.name_en ?? '').trim(),
    }));
  }
  // A name may hold a comma in quotes ("임시, 공휴일"): a CSV parser, not a split.
  const rows = parseCsv(trimmed, {
    columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
  }) as Record<string, string | undefined>[];
  return rows.map((row) => ({
    date: row.date ?? '',
    nameKo: row.name_ko ?? '',
    nameEn: row.name_en ?? '',
  }));
}

interface HolidayFileProblem {
  position: number;
  problem: 'date' | 'name';
  value: string;
}

/** What stops a read list from being saved: each holiday (1st, 2nd…) with a bad date or no name. */
export function holidayFileProblems(holidays: readonly ListedHoliday[]): HolidayFileProblem[] {
  return holidays.flatMap((holiday, index): HolidayFileProblem[] => {
    const position = index + 1;
    if (!isRealDate(holiday.date)) return [{ position, problem: 'date', value: holiday.date }];
    if (!holiday.nameKo) return [{ position, problem: 'name', value: holiday.date }];
    return [];
  });
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The year the holiday calendar opens on: this year's, until October, when the next year's
 * holidays are announced and due dates start to fall in it (docs/decisions.md).
 */
export function firstYearShown(today: string): number {
  const thisYear = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 10 ? thisYear + 1 : thisYear;
}

/** The network's one calendar of public holidays: by hand, from a file, or the bundled list. */
export function NetworkHolidays() {
  const { t } = useTranslation();
  const format = useFormat();
  const today = seoulToday();
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(() => firstYearShown(today));
  const list = useResource(`network-holidays-list-${year}`, () =>
    answer(
      api.GET('/api/v1/network-holidays', {
        params: { query: { from: `${year}-01-01`, to: `${year}-12-31` } },
      }),
    ),
  );
  const [date, setDate] = useState('');
  const [nameKo, setNameKo] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [file, setFile] = useState<ListedHoliday[]>();
  const fileProblems = file ? holidayFileProblems(file) : [];
  const form = useSaving();
  const impact = useResource(
    /^\d{4}-\d{2}-\d{2}$/.test(date) ? `network-impact-${date}-${form.saved}` : null,
    () => answer(api.GET('/api/v1/network-holidays/impact', { params: { query: { date } } })),
  );
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await form.save(
      () =>
        answer(
          api.POST('/api/v1/network-holidays', {
            body: { date, nameKo, ...(nameEn.trim() ? { nameEn } : {}) },
          }),
        ),
      (result) => t('calendar.saved', { date: format.date(result.date), count: result.loansMoved }),
    );
    if (saved) {
      setNameKo('');
      setNameEn('');
      // The list shows the year of the day just added, so the admin sees it there.
      const added = Number(saved.date.slice(0, 4));
      if (added !== year) setYear(added);
      else list.reload();
    }
  };
  const importList = async (holidays: ListedHoliday[]) => {
    const result = await form.save(
      () => answer(api.POST('/api/v1/network-holidays/import', { body: { holidays } })),
      (r) =>
        t('holidays.imported', { saved: r.saved, skipped: r.skippedPast, count: r.loansMoved }),
    );
    if (result) {
      setFile(undefined);
      list.reload();
    }
  };
  const importBundled = async () => {
    const bundled = await form.run(() =>
      answer(api.GET('/api/v1/network-holidays/bundled', { params: { query: { year } } })),
    );
    if (bundled) await importList(bundled.holidays);
  };
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    try {
      setFile(parseHolidayFile(await chosen.text()));
    } catch {
      setFile([]);
    }
  };
  const remove = async (day: string) => {
    const ok = await form.save(
      async () => {
        await answer(
          api.DELETE('/api/v1/network-holidays/{date}', { params: { path: { date: day } } }),
        );
        return true;
      },
      () => t('admin.holidayRemoved', { date: format.date(day) }),
    );
    if (ok) list.reload();
  };
  return (
    <div>
      <PageTitle>{t('admin.page.holidays')}</PageTitle>
      <p className="lead">{t('holidays.lead')}</p>
      <NextYearWarning network />
      <SelectField
        label={t('holidays.year')}
        value={String(year)}
        onChange={(e) => setYear(Number(e.target.value))}
      >
        {[thisYear - 1, thisYear, thisYear + 1, thisYear + 2, thisYear + 3].map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </SelectField>
      <section className="panel" aria-labelledby="import-title">
        <h2 id="import-title">{t('holidays.importTitle')}</h2>
        <p className="hint">{t('holidays.bundledHint')}</p>
        <button
          type="button"
          className="button"
          disabled={form.busy}
          onClick={() => void importBundled()}
        >
          {t('holidays.importBundled', { year })}
        </button>
        <Field
          label={t('holidays.file')}
          hint={t('holidays.fileHint')}
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => void readFile(e)}
        />
        {file ? (
          <p role="status">
            {file.length > 0
              ? t('holidays.fileRead', { count: file.length })
              : t('holidays.fileEmpty')}{' '}
            {file.length > 0 && fileProblems.length === 0 ? (
              <button
                type="button"
                className="button small"
                disabled={form.busy}
                onClick={() => void importList(file)}
              >
                {t('holidays.importFile')}
              </button>
            ) : null}
          </p>
        ) : null}
        {fileProblems.length > 0 ? (
          <div className="notice notice-bad" role="alert">
            <p>{t('holidays.fileProblems')}</p>
            <ul>
              {fileProblems.map(({ position, problem, value }) => (
                <li key={position}>
                  {t(problem === 'date' ? 'holidays.badDate' : 'holidays.noName', {
                    position,
                    value,
                  })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
      <form className="form panel" onSubmit={add} aria-labelledby="add-public-title">
        <h2 id="add-public-title">{t('holidays.add')}</h2>
        <HolidayFields
          today={today}
          date={date}
          onDate={setDate}
          aboutDate={
            impact.data ? (
              <p
                className={
                  impact.data.loansDue > 0 ? 'notice notice-warn loans-due' : 'notice loans-due'
                }
                role="status"
              >
                {impact.data.loansDue > 0
                  ? t('holidays.loansDue', {
                      date: format.date(date),
                      count: impact.data.loansDue,
                    })
                  : t('calendar.noLoansDue', { date: format.date(date) })}
              </p>
            ) : null
          }
          nameKo={nameKo}
          nameEn={nameEn}
          onNameKo={setNameKo}
          onNameEn={setNameEn}
        />
        <SubmitButton busy={form.busy}>{t('holidays.save')}</SubmitButton>
      </form>
      <ProblemAlert problem={form.problem ?? list.problem} />
      <Saved text={form.saved} />
      {!list.data ? (
        <Loading />
      ) : list.data.holidays.length === 0 ? (
        <p className="notice">{t('holidays.none', { year })}</p>
      ) : (
        <DataTable
          caption={t('holidays.caption', { year })}
          columns={[t('admin.holidayDate'), t('admin.holidayName'), { hidden: t('desk.actions') }]}
        >
          {list.data.holidays.map((holiday) => (
            <tr key={holiday.date}>
              <td>{format.date(holiday.date)}</td>
              <td>{format.name(holiday)}</td>
              <td>
                {holiday.date >= today ? (
                  <button
                    type="button"
                    className="button small"
                    disabled={form.busy}
                    aria-label={t('admin.removeHoliday', { date: format.date(holiday.date) })}
                    onClick={() => void remove(holiday.date)}
                  >
                    {t('common.remove')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
