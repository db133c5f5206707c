import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import type { Hold } from '../api/types';
import { CancelButton } from '../components/CancelButton';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusLine } from '../components/StatusLine';
import { useAction, useMessage, useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { cancelDeskHold } from './hold-actions';

/**
 * The member's holds, as this desk sees them: at this library by title (a copy set aside said
 * first, so that staff hand it over now), each cancellable at the member's word; at other
 * libraries a count by library. `placed` changes when a hold is placed here, to read them again.
 */
export function MemberHolds({ memberId, placed }: { memberId: number; placed: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const holds = useResource(`member-holds-${memberId}-${placed}`, () =>
    answer(api.GET('/api/v1/members/{memberId}/holds', { params: { path: { memberId } } })),
  );
  const cancel = useAction();
  const message = useMessage();
  // Not an alert: the desk's own scan answers say when the service is away.
  if (holds.problem) return <p className="muted">{t('memberHolds.unavailable')}</p>;
  if (!holds.data) return null;
  const here = holds.data.holds;
  const ready = here.filter((h) => h.state === 'ready');
  const stateOf = (hold: Hold) =>
    hold.state === 'ready'
      ? t('memberHolds.ready', {
          until: hold.pickupUntil ? format.date(hold.pickupUntil) : '—',
        })
      : t('memberHolds.waiting', { count: hold.position ?? 1 });
  return (
    <div className="member-holds">
      {ready.length > 0 ? (
        <p className="notice notice-info">{t('memberHolds.readyNow', { count: ready.length })}</p>
      ) : null}
      {here.length === 0 ? (
        <p className="muted">{t('memberHolds.none')}</p>
      ) : (
        <ul className="plain-list">
          {here.map((hold) => (
            <li key={hold.id} className="member-hold">
              <span>
                <strong>{t('common.titleQuoted', { title: hold.title })}</strong> {stateOf(hold)}
                {hold.itemBarcode ? (
                  <span className="mono small">{` ${hold.itemBarcode}`}</span>
                ) : null}
              </span>
              <CancelButton
                texts="deskHolds"
                title={hold.title}
                action={cancel}
                message={message}
                send={() => cancelDeskHold(hold.id)}
                reload={holds.reload}
              />
            </li>
          ))}
        </ul>
      )}
      {holds.data.elsewhere.length > 0 ? (
        <p className="muted">
          {t('memberHolds.elsewhere', {
            list: holds.data.elsewhere
              .map((e) =>
                t('memberHolds.elsewhereAt', {
                  library: format.name(e.library),
                  waiting: e.waiting,
                  ready: e.ready,
                }),
              )
              .join(', '),
          })}
        </p>
      ) : null}
      <ProblemAlert problem={cancel.problem} />
      {message.text ? <StatusLine text={message.text} /> : null}
    </div>
  );
}
