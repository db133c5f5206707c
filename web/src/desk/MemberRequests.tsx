import { useTranslation } from 'react-i18next';
import { answer, api, idempotent } from '../api/client';
import type { InterLibraryRequest } from '../api/types';
import { CancelButton } from '../components/CancelButton';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusLine } from '../components/StatusLine';
import { useAction, useMessage, useResource } from '../hooks';
import { useFormat } from '../i18n/format';

/**
 * The member's inter-library requests not yet collected, as this desk sees them: those to collect
 * here by title (a copy that arrived said first, so that staff hand it over now), each cancellable
 * at the member's word; those to collect elsewhere a count by library. Nothing when there are none.
 */
/** `visitChanges`: the visit's loans, returns and renewals so far; a collected copy leaves the list. */
export function MemberRequests({
  memberId,
  visitChanges = 0,
}: {
  memberId: number;
  visitChanges?: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const requests = useResource(`member-requests-${memberId}-${visitChanges}`, () =>
    answer(api.GET('/api/v1/members/{memberId}/requests', { params: { path: { memberId } } })),
  );
  const cancel = useAction();
  const message = useMessage();
  // Not an alert: the desk's own scan answers say when the service is away.
  if (requests.problem) return <p className="muted">{t('memberRequests.unavailable')}</p>;
  if (!requests.data) return null;
  const { requests: here, elsewhere } = requests.data;
  if (here.length === 0 && elsewhere.length === 0 && !message.text) return null;
  const arrived = here.filter((r) => r.state === 'arrived');
  const whereIs = (request: InterLibraryRequest) => {
    const from = request.lendingLibrary ? format.name(request.lendingLibrary) : '—';
    if (request.state === 'arrived')
      return t('memberRequests.arrived', {
        until: request.pickupBy ? format.date(request.pickupBy) : '—',
      });
    if (request.state === 'sent') return t('memberRequests.sent', { library: from });
    return t('memberRequests.requested', { library: from });
  };
  return (
    <section className="panel member-requests" aria-labelledby="member-requests-title">
      <h2 id="member-requests-title">{t('memberRequests.title')}</h2>
      {arrived.length > 0 ? (
        <p className="notice notice-info">
          {t('memberRequests.arrivedNow', { count: arrived.length })}
        </p>
      ) : null}
      {here.length > 0 ? (
        <ul className="plain-list">
          {here.map((request) => (
            <li key={request.id} className="member-hold">
              <span>
                <strong>{t('common.titleQuoted', { title: request.title })}</strong>{' '}
                {whereIs(request)}
                {request.state === 'arrived' && request.itemBarcode ? (
                  <span className="mono small">{` ${request.itemBarcode}`}</span>
                ) : null}
              </span>
              <CancelButton
                texts="deskRequests"
                title={request.title}
                action={cancel}
                message={message}
                send={() => cancelAtDesk(request.id)}
                reload={requests.reload}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {elsewhere.length > 0 ? (
        <p className="muted">
          {t('memberRequests.elsewhere', {
            list: elsewhere
              .map((e) =>
                t('memberRequests.elsewhereAt', { library: format.name(e.library), count: e.open }),
              )
              .join(', '),
          })}
        </p>
      ) : null}
      <ProblemAlert problem={cancel.problem} />
      {message.text ? <StatusLine text={message.text} /> : null}
    </section>
  );
}

/** A request to collect here cancelled at its member's word, under a key. */
function cancelAtDesk(requestId: number) {
  return answer(
    api.POST('/api/v1/requests/{requestId}/cancellation', {
      params: { path: { requestId }, header: idempotent() },
    }),
  );
}
