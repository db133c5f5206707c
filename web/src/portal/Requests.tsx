import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TitleHolding } from '../api/catalogue';
import { answer, api, idempotent } from '../api/client';
import type { CirculationStatus, InterLibraryRequest } from '../api/types';
import { CancelButton } from '../components/CancelButton';
import { Fact } from '../components/Fact';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { Badge } from '../components/StatusBadge';
import { StatusLine } from '../components/StatusLine';
import { useFocusWhenLost } from '../focus';
import { useAction, useMessage, useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { Link } from '../router';
import { useMyStatus } from './LoansTab';

/** The request's state as the member reads it, as a badge. */
export function RequestStatus({ request }: { request: Pick<InterLibraryRequest, 'status'> }) {
  const { t } = useTranslation();
  const tone =
    request.status === 'arrived'
      ? 'ok'
      : ['cancelled', 'no_show', 'unfilled'].includes(request.status)
        ? 'neutral'
        : 'info';
  return <Badge tone={tone}>{t(`requests.status.${request.status}`)}</Badge>;
}

/**
 * 상호대차 신청 on a title's page: for a title on the shelf at a library other than the pickup
 * library, the member picks a pickup library among those they are checked in at — those that do
 * not hold the title themselves (there it is borrowed or held: REQUEST_HELD_HERE). A library
 * holding only reference copies is left out too (the holdings do not say which copies lend).
 */
export function RequestTitle({
  titleId,
  holdings,
  open,
  onPlaced,
}: {
  titleId: number;
  holdings: TitleHolding[];
  /** The member's open request of this title: said, instead of the form (HOLD_DUPLICATE). */
  open?: InterLibraryRequest | undefined;
  /** A request placed: the copy it took is no longer on the shelf where the page says it is. */
  onPlaced?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const holders = useResource('me-holders', () => answer(api.GET('/api/v1/me/data-holders')));
  // A suspension or an overdue book refuses a request as it refuses a loan: said before the form.
  const standing = useMyStatus();
  const barred = standing.data ? requestBar(standing.data) : undefined;
  const [pickup, setPickup] = useState<number>();
  const action = useAction();
  const [placed, setPlaced] = useState<InterLibraryRequest>();
  const placedSaid = useFocusWhenLost<HTMLParagraphElement>(placed);
  const refusalSaid = useFocusWhenLost<HTMLDivElement>(action.problem);
  const holdsIt = (libraryId: number) =>
    holdings.some((h) => h.library.id === libraryId && h.copies > 0);
  const libraries = (holders.data?.libraries ?? []).filter((l) => !holdsIt(l.id));
  const chosen = pickup ?? libraries[0]?.id;
  // Worth offering when a copy is on the shelf at a library other than a pickup library.
  const elsewhere = holdings.some(
    (h) => h.available > 0 && libraries.some((l) => l.id !== h.library.id),
  );
  if (holders.problem) return null;
  if (!holders.data) return <Loading />;
  if (!elsewhere && !placed && !open) return null;
  return (
    <section className="panel request-title" aria-labelledby="request-title">
      <h3 id="request-title">{t('requests.title')}</h3>
      <p className="hint">{t('requests.lead')}</p>
      {open && !placed ? (
        <p className="notice notice-info">
          {t('requests.alreadyOpen', { pickup: format.name(open.pickupLibrary) })}{' '}
          <RequestStatus request={open} />{' '}
          <Link to="/portal/me/requests">{t('requests.mine')}</Link>
        </p>
      ) : barred && !placed ? (
        <p className="notice notice-warn">
          {barred.suspendedUntil
            ? t('requests.whileSuspended', { date: format.date(barred.suspendedUntil) })
            : t('requests.whileOverdue')}{' '}
          <Link to="/portal/me">{t('requests.seeLoans')}</Link>
        </p>
      ) : placed ? (
        <p className="notice notice-ok" role="status" ref={placedSaid} tabIndex={-1}>
          {t('requests.placed', {
            library: placed.lendingLibrary ? format.name(placed.lendingLibrary) : '—',
            pickup: format.name(placed.pickupLibrary),
          })}{' '}
          <Link to="/portal/me/requests">{t('requests.mine')}</Link>
        </p>
      ) : (
        <form
          className="inline-form"
          onSubmit={async (event) => {
            event.preventDefault();
            if (chosen === undefined) return;
            const result = await action.run(() =>
              answer(
                api.POST('/api/v1/me/requests', {
                  params: { header: idempotent() },
                  body: { recordId: titleId, pickupLibraryId: chosen },
                }),
              ),
            );
            if (result) {
              setPlaced(result);
              onPlaced?.();
            }
          }}
        >
          <div className="field">
            <label htmlFor="request-pickup">{t('requests.pickup')}</label>
            <select
              id="request-pickup"
              value={chosen ?? ''}
              onChange={(event) => setPickup(Number(event.target.value))}
            >
              {libraries.map((library) => (
                <option key={library.id} value={library.id}>
                  {format.name(library)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button primary" disabled={action.busy}>
            {t('requests.submit')}
          </button>
        </form>
      )}
      <div ref={refusalSaid} tabIndex={-1}>
        <ProblemAlert problem={action.problem} />
      </div>
    </section>
  );
}

/** 내 서재 › 상호대차: the member's requests with their state, and cancel before collecting. */
export function RequestsTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const requests = useResource('me-requests', () => answer(api.GET('/api/v1/me/requests')));
  const cancel = useAction();
  const message = useMessage();
  if (requests.problem) return <ProblemAlert problem={requests.problem} />;
  if (!requests.data) return <Loading />;
  // Ended ones below, as the holds page lists ended holds: the open ones are what the member acts on.
  const list = requests.data.requests.filter((r) => !ENDED.has(r.status));
  const ended = requests.data.requests.filter((r) => ENDED.has(r.status)).slice(0, 10);
  return (
    <div className="tab-panel">
      <section aria-labelledby="requests-mine">
        <h2 id="requests-mine">{t('requests.mine')}</h2>
        <p className="hint">{t('requests.mineHint')}</p>
        {list.length === 0 ? <p className="muted">{t('requests.none')}</p> : null}
        <ul className="loan-list requests-list">
          {list.map((request) => (
            <li key={request.id} className="loan">
              <p className="loan-title">
                {request.title} <RequestStatus request={request} />
              </p>
              <dl className="facts compact">
                <Fact label={t('requests.pickup')}>{format.name(request.pickupLibrary)}</Fact>
                {request.lendingLibrary ? (
                  <Fact label={t('requests.from')}>{format.name(request.lendingLibrary)}</Fact>
                ) : null}
                <Fact label={t('requests.requestDay')}>{format.date(request.requestDay)}</Fact>
                {request.status === 'arrived' && request.pickupBy ? (
                  <Fact label={t('requests.pickupBy')}>{format.date(request.pickupBy)}</Fact>
                ) : null}
                {request.status === 'collected' && request.dueDate ? (
                  <Fact label={t('requests.due')}>{format.date(request.dueDate)}</Fact>
                ) : null}
              </dl>
              {['requested', 'sent', 'arrived'].includes(request.status) ? (
                <CancelButton
                  texts="requests"
                  title={request.title}
                  action={cancel}
                  message={message}
                  send={() =>
                    answer(
                      api.POST('/api/v1/me/requests/{requestId}/cancellation', {
                        params: { path: { requestId: request.id }, header: idempotent() },
                      }),
                    )
                  }
                  reload={requests.reload}
                />
              ) : null}
            </li>
          ))}
        </ul>
        <ProblemAlert problem={cancel.problem} />
        <StatusLine text={message.text} />
      </section>
      {ended.length > 0 ? (
        <section aria-labelledby="requests-ended">
          <h2 id="requests-ended">{t('requests.ended')}</h2>
          <ul className="loan-list">
            {ended.map((request) => (
              <li key={request.id} className="loan muted">
                <p className="loan-title">
                  {request.title} <RequestStatus request={request} />
                </p>
                <dl className="facts compact">
                  <Fact label={t('requests.pickup')}>{format.name(request.pickupLibrary)}</Fact>
                  <Fact label={t('requests.requestDay')}>{format.date(request.requestDay)}</Fact>
                </dl>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** Requests that are over: nothing more happens to them. */
const ENDED = new Set(['returned', 'cancelled', 'no_show', 'unfilled']);

/** What keeps the member from requesting now, as from borrowing: a suspension, an overdue book. */
function requestBar(
  status: CirculationStatus,
): { suspendedUntil?: string | undefined } | undefined {
  if (status.suspension) return { suspendedUntil: status.suspension.resumesOn };
  return status.overdueCount > 0 ? {} : undefined;
}
