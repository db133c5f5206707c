import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api } from '../api/client';
import { ConfirmButton } from '../components/ConfirmButton';
import { Fact } from '../components/Fact';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { StatusLine } from '../components/StatusLine';
import { useAction, useMessage, useResource } from '../hooks';
import { useFormat } from '../i18n/format';

const HISTORY_PAGE = 50;

/** The loans the member chose to remember, and the switch and button that control them. */
export function HistoryTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const [limit, setLimit] = useState(HISTORY_PAGE);
  const history = useResource(`me-history-${limit}`, () =>
    answer(api.GET('/api/v1/me/loan-history', { params: { query: { limit } } })),
  );
  const toggle = useAction();
  const remove = useAction();
  const message = useMessage();
  if (history.problem) return <ProblemAlert problem={history.problem} />;
  if (!history.data) return <Loading />;
  const { enabled, loans } = history.data;
  return (
    <div className="tab-panel">
      <section className="panel" aria-labelledby="history-settings">
        <h2 id="history-settings">{t('history.settings')}</h2>
        <div className="check">
          <input
            id="history-enabled"
            type="checkbox"
            checked={enabled}
            disabled={toggle.busy}
            onChange={async (e) => {
              const next = e.target.checked;
              const result = await toggle.run(() =>
                answer(api.PUT('/api/v1/me/loan-history', { body: { enabled: next } })),
              );
              if (result) {
                history.setData({ ...history.data!, enabled: result.enabled });
                message.say({ key: result.enabled ? 'history.turnedOn' : 'history.turnedOff' });
              }
            }}
          />
          <label htmlFor="history-enabled">{t('history.keep')}</label>
        </div>
        <p className="hint">{t('history.keepHint')}</p>
        <ProblemAlert problem={toggle.problem} />
        <ConfirmButton
          label={t('history.delete')}
          question={t('history.deleteConfirm')}
          yes={t('history.deleteYes')}
          busy={remove.busy}
          onConfirm={async () => {
            const result = await remove.run(() => answer(api.DELETE('/api/v1/me/loan-history')));
            if (!result) return false;
            message.say({ key: 'history.deleted', values: { count: result.deleted } });
            history.reload();
            return true;
          }}
        />
        <ProblemAlert problem={remove.problem} />
        <StatusLine text={message.text} />
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('history.title')}</h2>
        {loans.length === 0 ? (
          <p className="muted">{enabled ? t('history.none') : t('history.offNone')}</p>
        ) : (
          <ul className="loan-list">
            {loans.map((loan) => (
              <li key={loan.loanId} className="loan">
                <p className="loan-title">{loan.title}</p>
                {loan.author ? <p className="muted">{loan.author}</p> : null}
                <dl className="facts compact">
                  <Fact label={t('loans.library')}>{format.name(loan.library)}</Fact>
                  {loan.pickupLibrary ? (
                    <Fact label={t('history.pickupLibrary')}>
                      {format.name(loan.pickupLibrary)}
                    </Fact>
                  ) : null}
                  <Fact label={t('history.period')}>
                    {/* Dates as everywhere else, weekday included; a loan returned the day it was lent, once. */}
                    {loan.loanDay === loan.returnDay
                      ? format.date(loan.loanDay)
                      : `${format.date(loan.loanDay)} – ${format.date(loan.returnDay)}`}
                  </Fact>
                  {loan.daysLate > 0 ? (
                    <Fact label={t('history.late')}>
                      {t('history.daysLate', { count: loan.daysLate })}
                    </Fact>
                  ) : null}
                </dl>
              </li>
            ))}
          </ul>
        )}
        {loans.length >= limit ? (
          <button type="button" className="button" onClick={() => setLimit(limit + HISTORY_PAGE)}>
            {t('history.more')}
          </button>
        ) : null}
      </section>
    </div>
  );
}
