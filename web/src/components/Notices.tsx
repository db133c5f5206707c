import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { NoticeLog, NoticePreferences } from '../api/types';
import { useResource, useSaving } from '../hooks';
import { useFormat } from '../i18n/format';
import { DataTable } from './DataTable';
import { FormOutcome } from './FormParts';
import { Loading } from './Page';
import { ProblemAlert } from './ProblemAlert';

/** Whose notices: the signed-in member's own (portal), or a member's at the desk. */
export type NoticeOwner = { kind: 'me' } | { kind: 'member'; memberId: number };

const CHANNELS = ['email', 'sms', 'kakao'] as const;
type Channel = (typeof CHANNELS)[number];

function loadPreferences(owner: NoticeOwner) {
  return owner.kind === 'me'
    ? answer(api.GET('/api/v1/me/notice-preferences'))
    : answer(
        api.GET('/api/v1/members/{memberId}/notice-preferences', {
          params: { path: { memberId: owner.memberId } },
        }),
      );
}

function savePreferences(
  owner: NoticeOwner,
  body: Pick<NoticePreferences, 'channels' | 'language'>,
) {
  return owner.kind === 'me'
    ? answer(api.PUT('/api/v1/me/notice-preferences', { body }))
    : answer(
        api.PUT('/api/v1/members/{memberId}/notice-preferences', {
          params: { path: { memberId: owner.memberId } },
          body,
        }),
      );
}

function loadLog(owner: NoticeOwner) {
  return owner.kind === 'me'
    ? answer(api.GET('/api/v1/me/notices'))
    : answer(
        api.GET('/api/v1/members/{memberId}/notices', {
          params: { path: { memberId: owner.memberId } },
        }),
      );
}

const STATE_BADGE = { sent: 'ok', pending: 'info', dead: 'bad', skipped: 'neutral' } as const;

const ownerKey = (owner: NoticeOwner) => (owner.kind === 'me' ? 'me' : `member-${owner.memberId}`);

/** How the member hears from the libraries: channels and language. A channel needs its address. */
export function NoticePreferencesForm({
  owner,
  onSaved,
}: {
  owner: NoticeOwner;
  onSaved?(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const loaded = useResource(`notice-preferences-${ownerKey(owner)}`, () => loadPreferences(owner));
  const form = useSaving();
  const [channels, setChannels] = useState<Record<Channel, boolean>>();
  const [language, setLanguage] = useState<'ko' | 'en'>('ko');
  useEffect(() => {
    if (!loaded.data) return;
    setChannels(loaded.data.channels);
    setLanguage(loaded.data.language);
  }, [loaded.data]);
  if (loaded.problem) return <ProblemAlert problem={loaded.problem} />;
  if (!loaded.data || !channels) return <Loading />;
  const { reachable, chosen } = loaded.data;
  const hasAddress = (channel: Channel) =>
    channel === 'email' ? reachable.email : reachable.phone;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await form.save(
      () => savePreferences(owner, { channels, language }),
      () => t('notices.saved'),
    );
    if (saved) {
      loaded.setData(saved);
      onSaved?.();
    }
  };
  return (
    <form className="form" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{t('notices.settingsTitle')}</h2>
      {chosen ? null : <p className="hint">{t('notices.defaults')}</p>}
      <fieldset className="fieldset">
        <legend>{t('notices.channels')}</legend>
        {CHANNELS.map((channel) => (
          <div className="check" key={channel}>
            <input
              id={`${id}-${channel}`}
              type="checkbox"
              checked={channels[channel]}
              disabled={!hasAddress(channel)}
              aria-describedby={hasAddress(channel) ? undefined : `${id}-${channel}-hint`}
              onChange={(e) => setChannels({ ...channels, [channel]: e.target.checked })}
            />
            <label htmlFor={`${id}-${channel}`}>{t(`notices.channel.${channel}`)}</label>
            {hasAddress(channel) ? null : (
              <span className="hint" id={`${id}-${channel}-hint`}>
                {t(channel === 'email' ? 'notices.noEmail' : 'notices.noPhone')}
              </span>
            )}
          </div>
        ))}
        <p className="hint">{t('notices.quietHours')}</p>
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('notices.language')}</legend>
        {(['ko', 'en'] as const).map((value) => (
          <div className="check" key={value}>
            <input
              id={`${id}-lang-${value}`}
              type="radio"
              name={`${id}-language`}
              checked={language === value}
              onChange={() => setLanguage(value)}
            />
            <label htmlFor={`${id}-lang-${value}`}>{t(`notices.languageName.${value}`)}</label>
          </div>
        ))}
      </fieldset>
      <FormOutcome problem={form.problem} saved={form.saved} />
      <button type="submit" className="button primary" disabled={form.busy}>
        {t('notices.save')}
      </button>
    </form>
  );
}

/** What the member was told, when, how, and whether it arrived: no text, no address. */
export function NoticeLogTable({ owner, version = 0 }: { owner: NoticeOwner; version?: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const log = useResource(`notice-log-${ownerKey(owner)}-${version}`, () => loadLog(owner));
  if (log.problem) return <ProblemAlert problem={log.problem} />;
  if (!log.data) return <Loading />;
  const notices: NoticeLog['notices'] = log.data.notices;
  if (notices.length === 0) {
    return (
      <section aria-label={t('notices.logTitle')}>
        <h2>{t('notices.logTitle')}</h2>
        <p className="muted">{t('notices.logEmpty')}</p>
      </section>
    );
  }
  return (
    <section>
      <DataTable
        caption={t('notices.logTitle')}
        columns={[
          t('notices.column.when'),
          t('notices.column.kind'),
          t('notices.column.channel'),
          t('notices.column.outcome'),
        ]}
      >
        {notices.map((notice) => (
          <tr key={notice.id}>
            <td>{format.dateTime(String(notice.sentAt ?? notice.createdAt))}</td>
            <td>
              {t(`notices.kind.${notice.kind}`)}
              {notice.subjectDate ? (
                <span className="muted">{` · ${t(`notices.subjectDate.${notice.kind}`, {
                  date: format.date(notice.subjectDate),
                  defaultValue: format.date(notice.subjectDate),
                })}`}</span>
              ) : null}
              {notice.library ? (
                <span className="muted">{` · ${format.name(notice.library)}`}</span>
              ) : null}
            </td>
            <td>{t(`notices.channel.${notice.channel}`)}</td>
            <td>
              <span className={`badge badge-${STATE_BADGE[notice.state]}`}>
                {t(`notices.state.${notice.state}`)}
              </span>
              {notice.state === 'pending' && notice.attempts > 0 ? (
                <span className="muted">{` ${t('notices.retrying', { count: notice.attempts })}`}</span>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
