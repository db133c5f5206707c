import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { NoticeSettings } from '../api/types';
import { DataTable } from '../components/DataTable';
import { Field, SelectField } from '../components/Field';
import { FormOutcome } from '../components/FormParts';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource, useSaving } from '../hooks';
import { useFormat } from '../i18n/format';
import { useStaffSession } from '../session';
import { LibraryHeading, useLibrary } from './library-page';

type Network = NoticeSettings['network'];

/** Notices: the network's defaults, this library's own due-soon settings, previews, counts. */
export function NoticesPage({ libraryId }: { libraryId: number }) {
  const detail = useLibrary(libraryId);
  const settings = useResource(`notice-settings-${libraryId}`, () =>
    answer(api.GET('/api/v1/notice-settings', { params: { query: { libraryId } } })),
  );
  return (
    <div>
      <LibraryHeading page="notices" library={detail.data?.library} />
      {settings.problem ? <ProblemAlert problem={settings.problem} /> : null}
      {settings.data ? (
        <>
          <NetworkDefaults network={settings.data.network} onSaved={settings.reload} />
          <LibrarySettings
            libraryId={libraryId}
            settings={settings.data}
            onSaved={settings.reload}
          />
          <TemplatePreview libraryId={libraryId} sent={sentHere(settings.data)} />
        </>
      ) : (
        <Loading />
      )}
      <NoticeCounts libraryId={libraryId} />
    </div>
  );
}

/** What this library's members are sent, its own settings over the network's. */
function sentHere({ network, library }: NoticeSettings) {
  return {
    dueSoonDays: library?.dueSoonDays ?? network.dueSoonDays,
    dueDay: library?.dueDay ?? network.dueDay,
  };
}

function NetworkDefaults({ network, onSaved }: { network: Network; onSaved(): void }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const editable = session.staff?.role === 'network_admin';
  const [values, setValues] = useState(network);
  const form = useSaving();
  // The saved values again when they change (not when the page reads the same ones again after
  // this library's settings are saved: what is typed here stays). Adjusted while rendering, not
  // in an effect: an effect after the first render could undo what was typed before it ran.
  const savedValues = JSON.stringify(network);
  const [shownValues, setShownValues] = useState(savedValues);
  if (shownValues !== savedValues) {
    setShownValues(savedValues);
    setValues(network);
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await form.save(
      () => answer(api.PUT('/api/v1/notice-settings', { body: values })),
      () => t('notices.admin.saved'),
    );
    if (saved) onSaved();
  };
  return (
    <form className="form panel" onSubmit={submit} aria-label={t('notices.admin.network')}>
      <h2>{t('notices.admin.network')}</h2>
      <fieldset className="fieldset" disabled={!editable}>
        <legend className="visually-hidden">{t('notices.admin.network')}</legend>
        <div className="grid-fields">
          <Field
            label={t('notices.admin.dueSoonDays')}
            type="number"
            min={0}
            max={14}
            required
            value={values.dueSoonDays}
            onChange={(e) => setValues({ ...values, dueSoonDays: Number(e.target.value) })}
          />
          <Field
            label={t('notices.admin.overdueRepeatDays')}
            type="number"
            min={1}
            max={60}
            required
            value={values.overdueRepeatDays}
            onChange={(e) => setValues({ ...values, overdueRepeatDays: Number(e.target.value) })}
          />
        </div>
        {(['dueDay', 'consentReminder'] as const).map((key) => (
          <div className="check" key={key}>
            <input
              id={`notice-${key}`}
              type="checkbox"
              checked={values[key]}
              onChange={(e) => setValues({ ...values, [key]: e.target.checked })}
            />
            <label htmlFor={`notice-${key}`}>{t(`notices.admin.${key}`)}</label>
          </div>
        ))}
      </fieldset>
      {editable ? (
        <>
          <FormOutcome problem={form.problem} saved={form.saved} />
          <button type="submit" className="button primary" disabled={form.busy}>
            {t('notices.admin.save')}
          </button>
        </>
      ) : null}
    </form>
  );
}

function LibrarySettings({
  libraryId,
  settings,
  onSaved,
}: {
  libraryId: number;
  settings: NoticeSettings;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const own = settings.library;
  const [days, setDays] = useState(own?.dueSoonDays === null ? '' : String(own?.dueSoonDays ?? ''));
  const [dueDay, setDueDay] = useState(own?.dueDay === null ? '' : String(own?.dueDay ?? ''));
  const form = useSaving();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await form.save(
      () =>
        answer(
          api.PUT('/api/v1/libraries/{libraryId}/notice-settings', {
            params: { path: { libraryId } },
            body: {
              dueSoonDays: days === '' ? null : Number(days),
              dueDay: dueDay === '' ? null : dueDay === 'true',
            },
          }),
        ),
      () => t('notices.admin.saved'),
    );
    if (saved) onSaved();
  };
  return (
    <form className="form panel" onSubmit={submit} aria-label={t('notices.admin.library')}>
      <h2>{t('notices.admin.library')}</h2>
      <p className="hint">{t('notices.admin.libraryHint')}</p>
      <div className="grid-fields">
        <Field
          label={t('notices.admin.dueSoonDays')}
          type="number"
          min={0}
          max={14}
          placeholder={String(settings.network.dueSoonDays)}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
        <SelectField
          label={t('notices.admin.dueDay')}
          value={dueDay}
          onChange={(e) => setDueDay(e.target.value)}
        >
          <option value="">{t('notices.admin.inherit')}</option>
          <option value="true">{t('notices.admin.yes')}</option>
          <option value="false">{t('notices.admin.no')}</option>
        </SelectField>
      </div>
      <FormOutcome problem={form.problem} saved={form.saved} />
      <button type="submit" className="button primary" disabled={form.busy}>
        {t('notices.admin.save')}
      </button>
    </form>
  );
}

function TemplatePreview({
  libraryId,
  sent,
}: {
  libraryId: number;
  sent: ReturnType<typeof sentHere>;
}) {
  const { t } = useTranslation();
  // Read again when the days before the due date change: the preview says them.
  const templates = useResource(`notice-templates-${libraryId}-${sent.dueSoonDays}`, () =>
    answer(api.GET('/api/v1/notice-templates', { params: { query: { libraryId } } })),
  );
  const [kind, setKind] = useState('due_soon');
  if (templates.problem) return <ProblemAlert problem={templates.problem} />;
  if (!templates.data) return <Loading />;
  const shown = templates.data.templates.find((template) => template.kind === kind);
  return (
    <section className="panel" aria-labelledby="notice-preview">
      <h2 id="notice-preview">{t('notices.admin.preview')}</h2>
      <SelectField
        label={t('notices.admin.previewKind')}
        value={kind}
        onChange={(e) => setKind(e.target.value)}
      >
        {templates.data.templates.map((template) => (
          <option key={template.kind} value={template.kind}>
            {t(`notices.kind.${template.kind}`)}
          </option>
        ))}
      </SelectField>
      {(kind === 'due_soon' && sent.dueSoonDays === 0) || (kind === 'due_today' && !sent.dueDay) ? (
        <p className="notice notice-info">{t('notices.admin.notSentHere')}</p>
      ) : null}
      {shown ? (
        <div className="notice-previews">
          {(['ko', 'en'] as const).map((language) => (
            <article key={language} lang={language} className="notice-preview">
              <h3>{t(`notices.languageName.${language}`)}</h3>
              <p className="strong">{shown[language].subject}</p>
              <pre className="notice-text">{shown[language].text}</pre>
              <p className="muted">{t('notices.admin.short')}</p>
              <pre className="notice-text">{shown[language].short}</pre>
            </article>
          ))}
        </div>
      ) : null}
    </section>
  );
}

function NoticeCounts({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const counts = useResource(`notice-counts-${libraryId}`, () =>
    answer(api.GET('/api/v1/notice-counts', { params: { query: { libraryId } } })),
  );
  if (counts.problem) return <ProblemAlert problem={counts.problem} />;
  if (!counts.data) return <Loading />;
  if (counts.data.counts.length === 0) {
    return (
      <section className="panel" aria-label={t('notices.admin.counts')}>
        <h2>{t('notices.admin.counts')}</h2>
        <p className="muted">{t('notices.admin.noCounts')}</p>
      </section>
    );
  }
  return (
    <DataTable
      caption={t('notices.admin.counts')}
      columns={[
        t('notices.admin.day'),
        t('notices.column.channel'),
        t('notices.admin.sent'),
        t('notices.admin.failed'),
        t('notices.admin.waiting'),
        t('notices.admin.skipped'),
      ]}
    >
      {counts.data.counts.map((row) => (
        <tr key={`${row.day}-${row.channel}`}>
          <td>{format.date(row.day)}</td>
          <td>{t(`notices.channel.${row.channel}`)}</td>
          <td>{format.number(row.sent)}</td>
          <td>{format.number(row.failed)}</td>
          <td>{format.number(row.waiting)}</td>
          <td>{format.number(row.skipped)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
