import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { Holiday } from '../api/types';
import { DataTable } from '../components/DataTable';
import { Field } from '../components/Field';
import { NameFields, SubmitButton } from '../components/FormParts';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useSaving } from '../hooks';
import { useFormat } from '../i18n/format';
import { LibraryHeading, Saved, useLibrary } from './library-page';

export function Calendar({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useLibrary(libraryId);
  const [date, setDate] = useState('');
  const [nameKo, setNameKo] = useState('');
  const [nameEn, setNameEn] = useState('');
  const form = useSaving();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await form.save(
      () =>
        answer(
          api.POST('/api/v1/libraries/{libraryId}/holidays', {
            params: { path: { libraryId } },
            body: { date, nameKo, nameEn },
          }),
        ),
      (holiday) => t('admin.holidayAdded', { date: format.date(holiday.date) }),
    );
    if (result) {
      setDate('');
      setNameKo('');
      setNameEn('');
      detail.reload();
    }
  };
  const remove = async (holiday: Holiday) => {
    const path = { libraryId, date: holiday.date };
    const ok = await form.save(
      async () => {
        await api.DELETE('/api/v1/libraries/{libraryId}/holidays/{date}', { params: { path } });
        return true;
      },
      () => t('admin.holidayRemoved', { date: format.date(holiday.date) }),
    );
    if (ok) detail.reload();
  };
  const library = detail.data?.library;
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
      <form className="form panel inline-form" onSubmit={submit}>
        <h2>{t('admin.addHoliday')}</h2>
        <Field label={t('admin.holidayDate')} type="date" required value={date} onValue={setDate} />
        <NameFields
          labels={[t('admin.holidayNameKo'), t('admin.holidayNameEn')]}
          values={[nameKo, nameEn]}
          onValues={[setNameKo, setNameEn]}
          maxLength={100}
        />
        <SubmitButton busy={form.busy}>{t('common.add')}</SubmitButton>
      </form>
      <ProblemAlert problem={form.problem ?? detail.problem} />
      <Saved text={form.saved} />
      {!detail.data ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('admin.comingHolidays')}
          columns={[t('admin.holidayDate'), t('admin.holidayName'), { hidden: t('desk.actions') }]}
        >
          {detail.data.holidays.map((holiday) => (
            <tr key={holiday.date}>
              <td>{format.date(holiday.date)}</td>
              <td>{format.name(holiday)}</td>
              <td>
                <button
                  type="button"
                  className="button small"
                  disabled={form.busy}
                  aria-label={t('admin.removeHoliday', { date: format.date(holiday.date) })}
                  onClick={() => void remove(holiday)}
                >
                  {t('common.remove')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
