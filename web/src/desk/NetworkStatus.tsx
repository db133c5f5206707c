import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api, idempotent } from '../api/client';
import type { CirculationStatus } from '../api/types';
import { DataTable } from '../components/DataTable';
import { ProblemAlert } from '../components/ProblemAlert';
import { renewalRefusalSentences } from '../components/renewal-refusals';
import { useAction } from '../hooks';
import { useFormat } from '../i18n/format';

type OpenLoan = CirculationStatus['openLoans'][number];

/** What the desk's renewal answers. */
export type Renewal = Awaited<ReturnType<typeof renewAtDesk>>;

function renewAtDesk(itemBarcode: string) {
  return answer(
    api.POST('/api/v1/renewals', { params: { header: idempotent() }, body: { itemBarcode } }),
  );
}

/** Books the member may still borrow at a library: its own limit's, never above the network's. */
export function booksLeftAt(status: CirculationStatus, libraryId: number): number | undefined {
  const here = status.byLibrary.find((b) => b.library.id === libraryId);
  return here ? Math.min(here.left, status.network.left) : undefined;
}

/** Whether the member may not borrow only because a loan limit is reached (no other reason). */
function onlyLimitsReached(status: CirculationStatus): boolean {
  return status.standing.refusals.every(
    (r) => r.code === 'LIBRARY_LOAN_LIMIT' || r.code === 'NETWORK_LOAN_LIMIT',
  );
}

/** The member's loans across the network and what is left; renewals of this library's loans. */
export function NetworkStatus({
  status,
  libraryId,
  onRenewed,
  onRenewRefused,
  cardUnusable,
}: {
  status: CirculationStatus;
  libraryId: number;
  onRenewed(title: string, barcode: string, result: Renewal): Promise<void>;
  /** A renewal refused (its reasons are shown here): the page's last success is no longer news. */
  onRenewRefused?(): void;
  /** The card at the desk is lost or replaced: nothing can be lent on it, whatever the quota. */
  cardUnusable?: 'lost' | 'replaced';
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const renew = useAction();
  /** The loan of the last renewal tried, for 다시 시도 when its answer never came. */
  const [renewing, setRenewing] = useState<OpenLoan>();
  const renewLoan = async (loan: OpenLoan) => {
    setRenewing(loan);
    const result = await renew.run(() => renewAtDesk(loan.itemBarcode!));
    if (result) await onRenewed(loan.title ?? '', loan.itemBarcode!, result);
    else onRenewRefused?.();
  };
  const here = status.byLibrary.find((b) => b.library.id === libraryId);
  return (
    <section className="panel" aria-labelledby="network-title">
      <h2 id="network-title">{t('desk.networkStatus')}</h2>
      {cardUnusable ? (
        <p className="quota-none">
          {t(cardUnusable === 'lost' ? 'desk.quotaAfterReissue' : 'desk.quotaWithNewCard')}
        </p>
      ) : !status.standing.mayBorrow ? (
        <p className="quota-none">
          {t(onlyLimitsReached(status) ? 'desk.noneNow' : 'desk.noneNowSeeAbove')}
        </p>
      ) : (
        <div className="quota">
          <p>
            <span className="quota-label">{t('desk.leftNetwork')}</span>
            <span className="quota-value">
              {t('desk.leftOf', { left: status.network.left, limit: status.network.limit })}
            </span>
          </p>
          {here ? (
            <p>
              <span className="quota-label">{t('desk.leftHere')}</span>
              <span className="quota-value">
                {t('desk.leftOf', {
                  left: booksLeftAt(status, libraryId),
                  limit: here.limit,
                })}
              </span>
            </p>
          ) : null}
        </div>
      )}
      {status.openLoans.length === 0 ? (
        <p className="muted">{t('desk.noLoans')}</p>
      ) : (
        <DataTable
          caption={t('desk.openLoans')}
          captionHidden
          columns={[
            t('loans.library'),
            t('desk.item'),
            t('loans.due'),
            { hidden: t('desk.actions') },
          ]}
        >
          {status.openLoans.map((loan, index) => {
            // Renewed here: this library's loans, and those lent here through a request.
            const lentHere = loan.pickupLibrary?.id === libraryId;
            const mine =
              (loan.library.id === libraryId || lentHere) && loan.itemBarcode && !loan.overdue;
            return (
              <tr key={loan.loanId ?? `other-${index}`} className={loan.overdue ? 'overdue' : ''}>
                <td>
                  {format.name(loan.library)}
                  {lentHere ? (
                    <span className="muted small">
                      {' '}
                      {t('loans.interLibraryHint', { library: format.name(loan.pickupLibrary!) })}
                    </span>
                  ) : null}
                </td>
                <td>
                  {loan.title ?? <span className="muted">{t('desk.otherLibraryItem')}</span>}
                  {loan.itemBarcode ? (
                    <span className="muted mono small"> {loan.itemBarcode}</span>
                  ) : null}
                </td>
                <td className="date">
                  {format.date(loan.dueDate)}
                  {loan.overdue ? (
                    <span className="badge badge-bad">{t('loans.overdue')}</span>
                  ) : null}
                </td>
                <td>
                  {mine && loan.renewable === false ? (
                    // Why not, where the button would be: staff can say it before anyone tries.
                    <span className="hint small renewal-refused">
                      {renewalRefusalSentences(loan, i18n).join(' ')}
                    </span>
                  ) : mine ? (
                    <button
                      type="button"
                      className="button small"
                      disabled={renew.busy}
                      aria-label={t('loans.renewTitle', { title: loan.title ?? '' })}
                      onClick={() => void renewLoan(loan)}
                    >
                      {t('loans.renew')}
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <ProblemAlert
        problem={renew.problem}
        large
        title={
          renewing?.title
            ? t('desk.renewRefusedOf', { title: renewing.title })
            : t('desk.renewRefused')
        }
        onRetry={renewing ? () => void renewLoan(renewing) : undefined}
      />
    </section>
  );
}
