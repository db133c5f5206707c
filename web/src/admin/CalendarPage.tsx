import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { Holiday } from '../api/types';
import { DataTable } from '../components/DataTable';
import { SubmitButton } from '../components/FormParts';
import { seoulToday } from '../components/MemberForm';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource, useSaving } from '../hooks';
import { useFormat } from '../i18n/format';
import { HolidayFields } from './HolidayFields';
import { LibraryHeading, Saved, useLibrary } from './library-page';
import { type DayMark, MonthGrid, monthRange, shiftDate, shiftMonth } from './MonthGrid';

/** Warns when the network calendar has no public holiday in the coming year yet. */
export function NextYearWarning({ network }: { network: boolean }) {
  const { t } = useTranslation();
  const year = Number(seoulToday().slice(0, 4)) + 1;
  const coming = useResource(`network-holidays-${year}`, () =>
    answer(
      api.GET('/api/v1/network-holidays', {
        params: { query: { from: `${year}-01-01`, to: `${year}-12-31` } },
      }),
    ),
  );
  if (!coming.data || coming.data.holidays.length > 0) return null;
  return (
    <p className="notice notice-warn" role="note">
      {t(network ? 'calendar.noHolidaysNextYearNetwork' : 'calendar.noHolidaysNextYear', { year })}
    </p>
  );
}

/** How many open loans fall due on a date at the library, before it is made a closed day. */
function LoansDueWarning({ libraryId, date }: { libraryId: number; date: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const impact = useResource(`impact-${libraryId}-${date}`, () =>
    answer(
      api.GET('/api/v1/libraries/{libraryId}/closed-day-impact', {
        params: { path: { libraryId }, query: { date } },
      }),
    ),
  );
  if (!impact.data) return null;
  const { loansDue, movesTo } = impact.data;
  return (
    <p className={loansDue > 0 ? 'notice notice-warn loans-due' : 'notice loans-due'} role="status">
      {loansDue > 0
        ? t('calendar.loansDue', {
            date: format.date(date),
            count: loansDue,
            movesTo: movesTo ? format.date(movesTo) : '—',
          })
        : t('calendar.noLoansDue', { date: format.date(date) })}
    </p>
  );
}

/** A library's closed days as a month view: weekly days, its own dates, the public holidays. */
export function Calendar({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = seoulToday();
  const detail = useLibrary(libraryId);
  const [focused, setFocused] = useState(today);
  const [date, setDate] = useState('');
  const [nameKo, setNameKo] = useState('');
  const [nameEn, setNameEn] = useState('');
  const range = monthRange(focused);
  const month = useResource(`calendar-${libraryId}-${range.from}`, () =>
    answer(
      api.GET('/api/v1/libraries/{libraryId}/calendar', {
        params: { path: { libraryId }, query: range },
      }),
    ),
  );
  const coming = useResource(`calendar-coming-${libraryId}`, () =>
    answer(
      api.GET('/api/v1/libraries/{libraryId}/calendar', {
        params: { path: { libraryId }, query: { from: today, to: shiftDate(today, 180) } },
      }),
    ),
  );
  const form = useSaving();
  const marks = useMemo(() => {
    const map = new Map<string, DayMark>();
    if (!month.data) return map;
    for (let day = range.from; day <= range.to; day = shiftDate(day, 1)) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
      if (month.data.closedWeekdays.includes(weekday)) map.set(day, { kind: 'weekly' });
    }
    for (const holiday of month.data.publicHolidays) {
      const weekly = map.has(holiday.date);
      map.set(holiday.date, {
        kind: holiday.libraryOpen && !weekly ? 'open' : 'public',
        label: format.name(holiday),
      });
    }
    for (const day of month.data.closedDays) {
      map.set(day.date, { kind: 'library', label: format.name(day) });
    }
    return map;
  }, [month.data, range.from, range.to, format]);
  const reload = () => {
    month.reload();
    coming.reload();
  };
  const pick = (value: string) => {
    setDate(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) setFocused(value);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await form.save(
      () =>
        answer(
          api.POST('/api/v1/libraries/{libraryId}/holidays', {
            params: { path: { libraryId } },
            body: { date, nameKo, ...(nameEn.trim() ? { nameEn } : {}) },
          }),
        ),
      (saved) => t('calendar.saved', { date: format.date(saved.date), count: saved.loansMoved }),
    );
    if (result) {
      // The form is empty again: a second click does not save the same date over itself.
      setDate('');
      setNameKo('');
      setNameEn('');
      reload();
    }
  };
  const remove = async (holiday: Holiday) => {
    const path = { libraryId, date: holiday.date };
    const ok = await form.save(
      async () => {
        await answer(
          api.DELETE('/api/v1/libraries/{libraryId}/holidays/{date}', { params: { path } }),
        );
        return true;
      },
      () => t('admin.holidayRemoved', { date: format.date(holiday.date) }),
    );
    if (ok) reload();
  };
  const setOpen = async (day: string, open: boolean) => {
    const result = await form.save(
      () =>
        answer(
          api.PUT('/api/v1/libraries/{libraryId}/holiday-exceptions/{date}', {
            params: { path: { libraryId, date: day } },
            body: { open },
          }),
        ),
      (saved) =>
        t(open ? 'calendar.openedOnHoliday' : 'calendar.closedOnHoliday', {
          date: format.date(day),
          count: saved.loansMoved,
        }),
    );
    if (result) reload();
  };
  const library = detail.data?.library;
  const chosen = date && marks.get(date);
  const publicHoliday = month.data?.publicHolidays.find((h) => h.date === date);
  const ownDay = month.data?.closedDays.find((h) => h.date === date);
  return (
    <div>
      <LibraryHeading page="calendar" library={library} />
      {library ? (
        <p className="lead">
          {t('admin.weeklyClosed', {
            days:
              library.loanRules.closedWeekdays.map((d) => format.weekday(d)).join(', ') ||
              t('rules.noClosedWeekday'),
          })}
        </p>
      ) : null}
      <NextYearWarning network={false} />
      <section className="panel calendar-panel" aria-labelledby="month-title">
        <div className="month-nav">
          <button
            type="button"
            className="button small"
            onClick={() => setFocused(shiftMonth(focused, -1))}
          >
            {t('calendar.previousMonth')}
          </button>
          <h2 id="month-title" aria-live="polite">
            {format.month(focused)}
          </h2>
          <button
            type="button"
            className="button small"
            onClick={() => setFocused(shiftMonth(focused, 1))}
          >
            {t('calendar.nextMonth')}
          </button>
        </div>
        <p className="hint" id="month-help">
          {t('calendar.help')}
        </p>
        <MonthGrid
          focused={focused}
          onFocusDate={setFocused}
          selected={date}
          onSelect={pick}
          marks={marks}
          today={today}
        />
        <ul className="month-legend">
          {(['weekly', 'library', 'public', 'open'] as const).map((kind) => (
            <li key={kind}>
              <span className={`swatch day-${kind}`} aria-hidden="true" />
              {t(`calendar.mark.${kind}`)}
            </li>
          ))}
        </ul>
      </section>
      <form className="form panel" onSubmit={submit} aria-labelledby="add-holiday-title">
        <h2 id="add-holiday-title">{t('admin.addHoliday')}</h2>
        <HolidayFields
          today={today}
          date={date}
          onDate={pick}
          aboutDate={
            <>
              {chosen ? (
                <p className="chosen-day">
                  {format.date(date)}: {chosen.label ? `${chosen.label}, ` : ''}
                  {t(`calendar.mark.${chosen.kind}`)}
                </p>
              ) : null}
              {publicHoliday && !ownDay && chosen && chosen.kind !== 'weekly' ? (
                <button
                  type="button"
                  className="button small"
                  disabled={form.busy}
                  onClick={() => void setOpen(date, !publicHoliday.libraryOpen)}
                >
                  {t(
                    publicHoliday.libraryOpen
                      ? 'calendar.closeOnHoliday'
                      : 'calendar.openOnHoliday',
                  )}
                </button>
              ) : null}
              {date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? (
                <LoansDueWarning key={`${date}-${form.saved}`} libraryId={libraryId} date={date} />
              ) : null}
            </>
          }
          nameKo={nameKo}
          nameEn={nameEn}
          onNameKo={setNameKo}
          onNameEn={setNameEn}
        />
        <SubmitButton busy={form.busy}>{t('calendar.save')}</SubmitButton>
      </form>
      <ProblemAlert problem={form.problem ?? detail.problem ?? month.problem ?? coming.problem} />
      <Saved text={form.saved} />
      {!coming.data ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('admin.comingHolidays')}
          columns={[
            t('admin.holidayDate'),
            t('admin.holidayName'),
            t('calendar.kind'),
            { hidden: t('desk.actions') },
          ]}
        >
          {[
            ...coming.data.closedDays.map((day) => ({ ...day, libraryOpen: null })),
            ...coming.data.publicHolidays,
          ]
            .sort((x, y) => x.date.localeCompare(y.date))
            .map((day) => (
              // A date may be both the library's closed day and a public holiday: two rows.
              <tr key={`${day.date}-${day.libraryOpen === null ? 'library' : 'public'}`}>
                <td>{format.date(day.date)}</td>
                <td>{format.name(day)}</td>
                <td>
                  {t(
                    `calendar.mark.${day.libraryOpen === null ? 'library' : day.libraryOpen ? 'open' : 'public'}`,
                  )}
                </td>
                <td>
                  {day.libraryOpen === null ? (
                    <button
                      type="button"
                      className="button small"
                      disabled={form.busy}
                      aria-label={t('admin.removeHoliday', { date: format.date(day.date) })}
                      onClick={() => void remove(day)}
                    >
                      {t('common.remove')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button small"
                      disabled={form.busy}
                      onClick={() => void setOpen(day.date, !day.libraryOpen)}
                    >
                      {t(day.libraryOpen ? 'calendar.closeOnHoliday' : 'calendar.openOnHoliday')}
                      <span className="visually-hidden"> ({format.date(day.date)})</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
        </DataTable>
      )}
    </div>
  );
}
