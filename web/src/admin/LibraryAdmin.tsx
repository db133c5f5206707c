import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Problem, problemOf, upload } from '../api/client';
import type {
  Holiday,
  ItemImportReport,
  Library,
  LoanRules,
  Staff,
  StaffRole,
  Terminal,
} from '../api/types';
import { Field, SelectField } from '../components/Field';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { Badge } from '../components/StatusBadge';
import { useAction, useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { useStaffSession } from '../session';
import { usePicker } from './slot';

function useLibrary(libraryId: number) {
  return useResource(`admin-library-${libraryId}`, () =>
    api.get<{ library: Library; holidays: Holiday[] }>(`/api/v1/libraries/${libraryId}`),
  );
}

function Saved({ text }: { text: string }) {
  return (
    <p className="sr-status saved" role="status">
      {text}
    </p>
  );
}

function LibraryHeading({ page, library }: { page: string; library: Library | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  const picker = usePicker();
  const title = t(`admin.page.${page}`);
  return (
    <>
      <PageTitle title={title}>
        {title}
        {library ? <span className="title-sub">{format.name(library)}</span> : null}
      </PageTitle>
      {picker}
    </>
  );
}

/** The loan rules typed as numbers, with the bounds the form allows. */
const RULE_NUMBERS = [
  { key: 'loanLimit', min: 0, max: 100 },
  { key: 'loanPeriodDays', min: 1, max: 365 },
  { key: 'maxRenewals', min: 0, max: 10 },
  { key: 'renewalDays', min: 1, max: 365 },
] as const;

export function LoanRulesPage({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useLibrary(libraryId);
  const [rules, setRules] = useState<LoanRules>();
  const [saved, setSaved] = useState('');
  const action = useAction();
  useEffect(() => {
    setRules(detail.data?.library.loanRules);
    setSaved('');
  }, [detail.data]);
  if (detail.problem) return <ProblemAlert problem={detail.problem} />;
  if (!rules) return <Loading />;
  const number = (key: keyof LoanRules, value: string) =>
    setRules({ ...rules, [key]: value === '' ? 0 : Number(value) });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    const result = await action.run(() =>
      api.put<LoanRules>(`/api/v1/libraries/${libraryId}/loan-rules`, rules),
    );
    if (result) {
      setRules(result);
      setSaved(t('admin.rulesSaved'));
    }
  };
  return (
    <div>
      <LibraryHeading page="rules" library={detail.data?.library} />
      <form className="form panel" onSubmit={submit}>
        <div className="grid-fields">
          {RULE_NUMBERS.map(({ key, min, max }) => (
            <Field
              key={key}
              label={t(`rules.${key}`)}
              type="number"
              min={min}
              max={max}
              required
              value={rules[key]}
              onChange={(e) => number(key, e.target.value)}
            />
          ))}
        </div>
        <div className="check">
          <input
            id="online-renewal"
            type="checkbox"
            checked={rules.onlineRenewal}
            onChange={(e) => setRules({ ...rules, onlineRenewal: e.target.checked })}
          />
          <label htmlFor="online-renewal">{t('rules.onlineRenewalAllowed')}</label>
        </div>
        <fieldset className="fieldset weekdays">
          <legend>{t('rules.closedWeekdays')}</legend>
          {[1, 2, 3, 4, 5, 6, 7].map((day) => (
            <div className="check" key={day}>
              <input
                id={`weekday-${day}`}
                type="checkbox"
                checked={rules.closedWeekdays.includes(day)}
                onChange={(e) =>
                  setRules({
                    ...rules,
                    closedWeekdays: e.target.checked
                      ? [...rules.closedWeekdays, day].sort((a, b) => a - b)
                      : rules.closedWeekdays.filter((d) => d !== day),
                  })
                }
              />
              <label htmlFor={`weekday-${day}`}>{format.weekday(day)}</label>
            </div>
          ))}
        </fieldset>
        <p className="hint">{t('admin.rulesHint')}</p>
        <ProblemAlert problem={action.problem} />
        <Saved text={saved} />
        <button type="submit" className="button primary" disabled={action.busy}>
          {t('common.save')}
        </button>
      </form>
    </div>
  );
}

export function Calendar({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useLibrary(libraryId);
  const [date, setDate] = useState('');
  const [nameKo, setNameKo] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [saved, setSaved] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await action.run(() =>
      api.post<Holiday>(`/api/v1/libraries/${libraryId}/holidays`, { date, nameKo, nameEn }),
    );
    if (result) {
      setSaved(t('admin.holidayAdded', { date: format.date(result.date) }));
      setDate('');
      setNameKo('');
      setNameEn('');
      detail.reload();
    }
  };
  const remove = async (holiday: Holiday) => {
    const ok = await action.run(async () => {
      await api.delete(`/api/v1/libraries/${libraryId}/holidays/${holiday.date}`);
      return true;
    });
    if (ok) {
      setSaved(t('admin.holidayRemoved', { date: format.date(holiday.date) }));
      detail.reload();
    }
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
        <Field
          label={t('admin.holidayDate')}
          type="date"
          required
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
        <Field
          label={t('admin.holidayNameKo')}
          lang="ko"
          required
          maxLength={100}
          value={nameKo}
          onChange={(e) => setNameKo(e.target.value)}
        />
        <Field
          label={t('admin.holidayNameEn')}
          lang="en"
          required
          maxLength={100}
          value={nameEn}
          onChange={(e) => setNameEn(e.target.value)}
        />
        <button type="submit" className="button primary" disabled={action.busy}>
          {t('common.add')}
        </button>
      </form>
      <ProblemAlert problem={action.problem ?? detail.problem} />
      <Saved text={saved} />
      {!detail.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('admin.comingHolidays')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.holidayDate')}</th>
                <th scope="col">{t('admin.holidayName')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('desk.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.data.holidays.map((holiday) => (
                <tr key={holiday.date}>
                  <td>{format.date(holiday.date)}</td>
                  <td>{format.name(holiday)}</td>
                  <td>
                    <button
                      type="button"
                      className="button small"
                      disabled={action.busy}
                      aria-label={t('admin.removeHoliday', { date: format.date(holiday.date) })}
                      onClick={() => void remove(holiday)}
                    >
                      {t('common.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function StaffPage({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const detail = useLibrary(libraryId);
  const list = useResource(`admin-staff-${libraryId}`, () =>
    api.get<{ staff: Staff[] }>(`/api/v1/libraries/${libraryId}/staff`),
  );
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('desk');
  const [password, setPassword] = useState('');
  const [saved, setSaved] = useState('');
  const action = useAction();
  const roles: StaffRole[] =
    session.staff?.role === 'network_admin'
      ? ['desk', 'library_admin', 'network_admin']
      : ['desk', 'library_admin'];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await action.run(() =>
      api.post<Staff>(`/api/v1/libraries/${libraryId}/staff`, {
        username: username.trim(),
        displayName: displayName.trim(),
        role,
        password,
      }),
    );
    if (result) {
      setSaved(t('admin.staffCreated', { name: result.displayName }));
      setUsername('');
      setDisplayName('');
      setPassword('');
      list.reload();
    }
  };
  const toggle = async (staff: Staff) => {
    const result = await action.run(() =>
      api.post<Staff>(`/api/v1/staff/${staff.id}/disabled`, { disabled: !staff.disabled }),
    );
    if (result) {
      setSaved(
        result.disabled
          ? t('admin.staffDisabled', { name: result.displayName })
          : t('admin.staffEnabled', { name: result.displayName }),
      );
      list.reload();
    }
  };
  return (
    <div>
      <LibraryHeading page="staff" library={detail.data?.library} />
      <ProblemAlert problem={list.problem} />
      <ProblemAlert problem={action.problem} />
      <Saved text={saved} />
      {list.data ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('admin.page.staff')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.displayName')}</th>
                <th scope="col">{t('staffSignIn.username')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">{t('admin.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('desk.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.staff.map((staff) => (
                <tr key={staff.id}>
                  <td className="person-name">{staff.displayName}</td>
                  <td className="mono">{staff.username}</td>
                  <td>{t(`staff.role.${staff.role}`)}</td>
                  <td>
                    {staff.disabled ? (
                      <Badge tone="neutral">{t('admin.disabled')}</Badge>
                    ) : (
                      <Badge tone="ok">{t('admin.enabled')}</Badge>
                    )}
                  </td>
                  <td>
                    {staff.id !== session.staff?.id ? (
                      <button
                        type="button"
                        className="button small"
                        disabled={action.busy}
                        onClick={() => void toggle(staff)}
                      >
                        {staff.disabled ? t('admin.enable') : t('admin.disable')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Loading />
      )}
      <form className="form panel" onSubmit={submit}>
        <h2>{t('admin.newStaff')}</h2>
        <div className="grid-fields">
          <Field
            label={t('staffSignIn.username')}
            autoComplete="off"
            autoCapitalize="none"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <Field
            label={t('admin.displayName')}
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
          <SelectField
            label={t('admin.role')}
            value={role}
            onChange={(e) => setRole(e.target.value as StaffRole)}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`staff.role.${r}`)}
              </option>
            ))}
          </SelectField>
          <Field
            label={t('common.password')}
            hint={t('common.passwordHint')}
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="button primary" disabled={action.busy}>
          {t('admin.createStaff')}
        </button>
      </form>
    </div>
  );
}

/** Self-check machines (SIP2 logins) of the library. */
export function Terminals({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useLibrary(libraryId);
  const list = useResource(`admin-terminals-${libraryId}`, () =>
    api.get<{ terminals: Terminal[] }>(`/api/v1/libraries/${libraryId}/terminals`),
  );
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [encoding, setEncoding] = useState<Terminal['encoding']>('utf-8');
  const [language, setLanguage] = useState<Terminal['language']>('ko');
  const [saved, setSaved] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await action.run(() =>
      api.post<Terminal>(`/api/v1/libraries/${libraryId}/terminals`, {
        username: username.trim(),
        password,
        encoding,
        language,
      }),
    );
    if (result) {
      setSaved(t('admin.terminalCreated', { name: result.username }));
      setUsername('');
      setPassword('');
      list.reload();
    }
  };
  return (
    <div>
      <LibraryHeading page="terminals" library={detail.data?.library} />
      <p className="lead">{t('admin.terminalsLead')}</p>
      <ProblemAlert problem={list.problem} title={t('admin.terminalsUnavailable')} />
      {list.data ? (
        list.data.terminals.length === 0 ? (
          <p className="muted">{t('admin.noTerminals')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('admin.page.terminals')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.terminalUser')}</th>
                  <th scope="col">{t('admin.encoding')}</th>
                  <th scope="col">{t('admin.screenLanguage')}</th>
                  <th scope="col">{t('admin.state')}</th>
                  <th scope="col">{t('admin.created')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.terminals.map((terminal) => (
                  <tr key={terminal.id}>
                    <td className="mono">{terminal.username}</td>
                    <td>{terminal.encoding.toUpperCase()}</td>
                    <td>{t(`admin.language.${terminal.language}`)}</td>
                    <td>
                      {terminal.disabled ? (
                        <Badge tone="neutral">{t('admin.disabled')}</Badge>
                      ) : (
                        <Badge tone="ok">{t('admin.enabled')}</Badge>
                      )}
                    </td>
                    <td>{format.dateTime(terminal.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : list.loading ? (
        <Loading />
      ) : null}
      <form className="form panel" onSubmit={submit}>
        <h2>{t('admin.newTerminal')}</h2>
        <div className="grid-fields">
          <Field
            label={t('admin.terminalUser')}
            hint={t('admin.terminalUserHint')}
            autoComplete="off"
            autoCapitalize="none"
            pattern="[A-Za-z0-9][A-Za-z0-9._\-]{2,39}"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <Field
            label={t('common.password')}
            hint={t('common.passwordHint')}
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <SelectField
            label={t('admin.encoding')}
            hint={t('admin.encodingHint')}
            value={encoding}
            onChange={(e) => setEncoding(e.target.value as Terminal['encoding'])}
          >
            <option value="utf-8">UTF-8</option>
            <option value="euc-kr">EUC-KR</option>
          </SelectField>
          <SelectField
            label={t('admin.screenLanguage')}
            value={language}
            onChange={(e) => setLanguage(e.target.value as Terminal['language'])}
          >
            <option value="ko">{t('admin.language.ko')}</option>
            <option value="en">{t('admin.language.en')}</option>
          </SelectField>
        </div>
        <ProblemAlert problem={action.problem} />
        <Saved text={saved} />
        <button type="submit" className="button primary" disabled={action.busy}>
          {t('admin.createTerminal')}
        </button>
      </form>
    </div>
  );
}

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows the import skipped, as a CSV file to fix and send again. */
export function errorReportCsv(report: ItemImportReport): string {
  const lines = [['line', 'barcode', 'field', 'message'].join(',')];
  for (const error of report.errors) {
    lines.push([error.line, error.barcode, error.field, error.message].map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function ImportItems({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useLibrary(libraryId);
  const holdings = useResource(`admin-holdings-${libraryId}`, () =>
    api.get<{ total: number }>(`/api/v1/libraries/${libraryId}/items?limit=1`),
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
            new Blob([errorReportCsv(result)], { type: 'text/csv;charset=utf-8' }),
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
              <div className="table-wrap">
                <table className="table">
                  <caption>{t('import.errors', { count: report.errors.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('import.line')}</th>
                      <th scope="col">{t('import.barcode')}</th>
                      <th scope="col">{t('import.field')}</th>
                      <th scope="col">{t('import.message')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.slice(0, 500).map((error) => (
                      <tr key={`${error.line}-${error.field}-${error.message}`}>
                        <td className="number">{error.line}</td>
                        <td className="mono">{error.barcode ?? '—'}</td>
                        <td className="mono">{error.field}</td>
                        <td>{error.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <p>{t('import.noErrors')}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
