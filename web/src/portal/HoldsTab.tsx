import { useTranslation } from 'react-i18next';
import { titlePath } from '../api/catalogue';
import { answer, api, idempotent } from '../api/client';
import type { Hold } from '../api/types';
import { CancelButton } from '../components/CancelButton';
import { Fact } from '../components/Fact';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusLine } from '../components/StatusLine';
import { useFocusWhenLost } from '../focus';
import { useAction, useMessage, useResource } from '../hooks';
import { useFormat } from '../i18n/format';
import { Link } from '../router';

const ACTIVE = new Set(['waiting', 'ready']);

function HoldFacts({ hold }: { hold: Hold }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="facts compact">
      <Fact label={t('holds.library')}>{format.name(hold.library)}</Fact>
      <Fact label={t('holds.state')}>
        <span className={hold.state === 'ready' ? 'badge badge-ok' : 'badge'}>
          {t(`holds.states.${hold.state}`)}
        </span>
      </Fact>
      {hold.position !== null ? (
        <Fact label={t('holds.position')}>
          {t('holds.positionValue', { count: hold.position })}
        </Fact>
      ) : null}
      {hold.state === 'ready' && hold.pickupUntil ? (
        <Fact label={t('holds.pickupUntil')}>{format.date(hold.pickupUntil)}</Fact>
      ) : null}
      <Fact label={t('holds.placedAt')}>{format.dayOf(hold.placedAt)}</Fact>
    </dl>
  );
}

/** 예약: the member's holds with their state, place in line and pickup day; cancel any time. */
export function HoldsTab() {
  const { t } = useTranslation();
  const holds = useResource('me-holds', () => answer(api.GET('/api/v1/me/holds')));
  const cancel = useAction();
  const message = useMessage();
  if (holds.problem) return <ProblemAlert problem={holds.problem} />;
  if (!holds.data) return <Loading />;
  const active = holds.data.holds.filter((h) => ACTIVE.has(h.state));
  const ended = holds.data.holds.filter((h) => !ACTIVE.has(h.state)).slice(0, 10);
  return (
    <div className="tab-panel holds-tab">
      <section aria-labelledby="holds-title">
        <h2 id="holds-title">{t('holds.title')}</h2>
        <p className="hint">{t('holds.howTo')}</p>
        {active.length === 0 ? (
          <p className="muted">
            {t('holds.none')} <Link to="/portal/search">{t('holds.search')}</Link>
          </p>
        ) : (
          <ul className="loan-list">
            {active.map((hold) => (
              <li key={hold.id} className={hold.state === 'ready' ? 'loan hold-ready' : 'loan'}>
                <p className="loan-title">
                  <Link to={titlePath(hold.recordId)}>{hold.title}</Link>
                </p>
                {hold.author ? <p className="muted">{hold.author}</p> : null}
                <HoldFacts hold={hold} />
                {hold.state === 'ready' ? (
                  <p className="notice notice-info">{t('holds.readyText')}</p>
                ) : null}
                <CancelButton
                  texts="holds"
                  title={hold.title}
                  action={cancel}
                  message={message}
                  send={() =>
                    answer(
                      api.POST('/api/v1/me/holds/{holdId}/cancellation', {
                        params: { path: { holdId: hold.id }, header: idempotent() },
                      }),
                    )
                  }
                  reload={holds.reload}
                />
              </li>
            ))}
          </ul>
        )}
        <ProblemAlert problem={cancel.problem} />
        <StatusLine text={message.text} />
      </section>
      {ended.length > 0 ? (
        <section aria-labelledby="holds-ended">
          <h2 id="holds-ended">{t('holds.ended')}</h2>
          <ul className="loan-list">
            {ended.map((hold) => (
              <li key={hold.id} className="loan muted">
                <p className="loan-title">{hold.title}</p>
                <HoldFacts hold={hold} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** The 예약 button of a title page's library: when no copy there is on the shelf. */
export function PlaceHoldButton({ libraryId, recordId }: { libraryId: number; recordId: number }) {
  const { t } = useTranslation();
  const place = useAction();
  const message = useMessage();
  const answered = useFocusWhenLost<HTMLDivElement>(place.problem ?? message.text);
  return (
    <div className="place-hold">
      {/* Placed: the answer stays, the button goes (a second press could only be a duplicate). */}
      {message.text ? null : (
        <button
          type="button"
          className="button primary"
          disabled={place.busy}
          onClick={async () => {
            message.clear();
            const hold = await place.run(() =>
              answer(
                api.POST('/api/v1/me/holds', {
                  params: { header: idempotent() },
                  body: { libraryId, recordId },
                }),
              ),
            );
            if (hold) {
              message.say({ key: 'holds.placed', values: { count: hold.position ?? 1 } });
            }
          }}
        >
          {t('holds.place')}
        </button>
      )}
      <div ref={answered} tabIndex={-1}>
        <ProblemAlert problem={place.problem} title={t('holds.refused')} />
        {message.text ? (
          <p className="notice notice-info" role="status">
            {message.text} <Link to="/portal/me/holds">{t('holds.seeMine')}</Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
