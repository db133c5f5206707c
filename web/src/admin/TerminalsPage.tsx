import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { Terminal } from '../api/types';
import { DataTable } from '../components/DataTable';
import { Fact } from '../components/Fact';
import { Field, SelectField } from '../components/Field';
import { NewPasswordField, SubmitButton } from '../components/FormParts';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useResource, useSaving } from '../hooks';
import { useFormat } from '../i18n/format';
import { EnabledBadge, LibraryHeading, Saved, useLibrary } from './library-page';
import { TerminalActions } from './TerminalActions';

/** Self-check machines (SIP2 logins) of the library. */
export function Terminals({ libraryId }: { libraryId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = useLibrary(libraryId);
  const path = { libraryId };
  const list = useResource(`admin-terminals-${libraryId}`, () =>
    answer(api.GET('/api/v1/libraries/{libraryId}/terminals', { params: { path } })),
  );
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [encoding, setEncoding] = useState<Terminal['encoding']>('utf-8');
  const [language, setLanguage] = useState<Terminal['language']>('ko');
  const form = useSaving();
  const actions = useSaving();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { username: username.trim(), password, encoding, language };
    const result = await form.save(
      () => answer(api.POST('/api/v1/libraries/{libraryId}/terminals', { params: { path }, body })),
      (terminal) => t('admin.terminalCreated', { name: terminal.username }),
    );
    if (result) {
      setUsername('');
      setPassword('');
      list.reload();
    }
  };
  return (
    <div>
      <LibraryHeading page="terminals" library={detail.data?.library} />
      <p className="lead">{t('admin.terminalsLead')}</p>
      {list.data && detail.data ? (
        <MachineSettings selfCheck={list.data.selfCheck} institutionId={detail.data.library.code} />
      ) : null}
      <ProblemAlert problem={list.problem} title={t('admin.terminalsUnavailable')} />
      <ProblemAlert problem={actions.problem} />
      <Saved text={actions.saved} />
      {list.data ? (
        list.data.terminals.length === 0 ? (
          <p className="muted">{t('admin.noTerminals')}</p>
        ) : (
          <DataTable
            caption={t('admin.page.terminals')}
            captionHidden
            columns={[
              t('admin.terminalUser'),
              t('admin.encoding'),
              t('admin.screenLanguage'),
              t('admin.state'),
              t('admin.allowedAddresses'),
              t('admin.created'),
              { hidden: t('desk.actions') },
            ]}
          >
            {list.data.terminals.map((terminal) => (
              <tr key={terminal.id}>
                <td className="mono">{terminal.username}</td>
                <td>{terminal.encoding.toUpperCase()}</td>
                <td>{t(`admin.language.${terminal.language}`)}</td>
                <td>
                  <EnabledBadge disabled={terminal.disabled} />
                </td>
                <td>
                  {terminal.allowedAddresses.length === 0 ? (
                    <span className="muted">{t('admin.anyAddress')}</span>
                  ) : (
                    <span className="mono">{terminal.allowedAddresses.join(', ')}</span>
                  )}
                </td>
                <td>{format.dateTime(terminal.createdAt)}</td>
                <td>
                  <TerminalActions terminal={terminal} form={actions} onChanged={list.reload} />
                </td>
              </tr>
            ))}
          </DataTable>
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
            onValue={setUsername}
          />
          <NewPasswordField value={password} onValue={setPassword} />
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
        <ProblemAlert problem={form.problem} />
        <Saved text={form.saved} />
        <SubmitButton busy={form.busy}>{t('admin.createTerminal')}</SubmitButton>
      </form>
    </div>
  );
}

/** What a vendor types into a machine's settings, besides the account below. */
function MachineSettings({
  selfCheck,
  institutionId,
}: {
  selfCheck: { port: number | null; tls: boolean };
  institutionId: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel machine-settings" aria-labelledby="machine-settings-title">
      <h2 id="machine-settings-title">{t('admin.machineSettings')}</h2>
      <dl className="facts compact">
        <Fact label={t('admin.machineHost')}>
          <span className="mono">{window.location.hostname}</span>
        </Fact>
        <Fact label={t('admin.machinePort')}>
          <span className="mono">{selfCheck.port ?? '—'}</span>
        </Fact>
        <Fact label="TLS">{t(selfCheck.tls ? 'admin.machineTlsOn' : 'admin.machineTlsOff')}</Fact>
        <Fact label={t('admin.machineInstitution')}>
          <span className="mono">{institutionId}</span>
        </Fact>
      </dl>
      <p className="hint">{t('admin.machineSettingsHint')}</p>
    </section>
  );
}
