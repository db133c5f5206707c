import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api, idempotent, sentenceOf } from '../api/client';
import { useLibraries } from '../api/directory';
import type { CirculationStatus, LibraryRef } from '../api/types';
import { Fact } from '../components/Fact';
import { Loading } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { renewalRefusalSentences } from '../components/renewal-refusals';
import { SuspensionNotice } from '../components/Suspension';
import { useFocusWhenLost } from '../focus';
import { useAction, useMessage, useResource } from '../hooks';
import { dueCountdown, useFormat } from '../i18n/format';
import { Link } from '../router';
import { useMemberSession } from '../session';
import { readMyHoldsAndRequests } from './my-holds-and-requests';

type OpenLoan = CirculationStatus['openLoans'][number];
type Renewal = Awaited<ReturnType<typeof renewOnline>>;

function renewOnline(loanId: number) {
  return answer(
    api.POST('/api/v1/me/loans/{loanId}/renewal', {
      params: { path: { loanId }, header: idempotent() },
    }),
  );
}

function loanKey(loan: OpenLoan): string {
  return loan.loanId === undefined ? `${loan.library.id}-${loan.dueDate}` : String(loan.loanId);
}

/**
 * The loans by due date, then title; loans already on the screen keep their places (`shown`, in
 * the order they were shown), so a renewal, which moves a due date, moves no row (issue 17).
 */
export function orderLoans(loans: readonly OpenLoan[], shown: readonly string[] = []): OpenLoan[] {
  const place = new Map(shown.map((key, index) => [key, index]));
  const byDue = (a: OpenLoan, b: OpenLoan) =>
    a.dueDate.localeCompare(b.dueDate) ||
    (a.title ?? '').localeCompare(b.title ?? '', 'ko') ||
    (a.loanId ?? 0) - (b.loanId ?? 0);
  return [...loans].sort(
    (a, b) =>
      (place.get(loanKey(a)) ?? Number.MAX_SAFE_INTEGER) -
        (place.get(loanKey(b)) ?? Number.MAX_SAFE_INTEGER) || byDue(a, b),
  );
}

/** Why the server says this loan may not be renewed here, each reason once. */
function RenewalRefusals({ loan }: { loan: OpenLoan }) {
  const { i18n } = useTranslation();
  return (
    <>
      {renewalRefusalSentences(loan, i18n).map((sentence) => (
        <p key={sentence} className="hint">
          {sentence}
        </p>
      ))}
    </>
  );
}

function LoanItem({
  loan,
  status,
  onRenewed,
}: {
  loan: OpenLoan;
  status: CirculationStatus;
  onRenewed(result: Renewal): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const action = useAction();
  const [renewal, setRenewal] = useState<Renewal>();
  // The loan, with its new due date or its refusal, when the tapped button took the focus away.
  const answered = useFocusWhenLost<HTMLLIElement>(action.problem ?? renewal);
  // An inter-library loan is under its pickup library's rules, and counts there.
  const rulesAt = loan.pickupLibrary?.id ?? loan.library.id;
  const rules = status.byLibrary.find((b) => b.library.id === rulesAt);
  const countdown = dueCountdown(loan.dueDate, status.today);
  // Late: red; due within three days: amber; otherwise plain.
  const tone =
    loan.overdue || countdown.kind === 'late'
      ? 'badge-bad'
      : countdown.kind === 'today' || countdown.days <= 3
        ? 'badge-warn'
        : 'badge-neutral';
  return (
    <li className={loan.overdue ? 'loan overdue' : 'loan'} ref={answered} tabIndex={-1}>
      <div className="loan-head">
        <p className="loan-title">{loan.title ?? t('loans.untitled')}</p>
        <span className={`badge countdown ${tone}`}>
          {format.countdown(loan.dueDate, status.today)}
        </span>
      </div>
      <dl className="facts compact">
        <Fact label={t('loans.library')}>{format.name(loan.library)}</Fact>
        {loan.pickupLibrary ? (
          <Fact label={t('loans.pickupLibrary')}>{format.name(loan.pickupLibrary)}</Fact>
        ) : null}
        <Fact label={t('loans.due')} className="due">
          {format.date(loan.dueDate)}
        </Fact>
        {rules ? (
          <Fact label={t('loans.renewals')}>
            {t('loans.renewalsUsed', { used: loan.renewals ?? 0, max: rules.maxRenewals })}
          </Fact>
        ) : null}
      </dl>
      {loan.renewable === false ? (
        <RenewalRefusals loan={loan} />
      ) : (
        <button
          type="button"
          className="button"
          disabled={action.busy || loan.loanId === undefined}
          aria-label={t('loans.renewTitle', { title: loan.title ?? '' })}
          onClick={async () => {
            const result = await action.run(() => renewOnline(loan.loanId!));
            if (!result) return;
            setRenewal(result);
            onRenewed(result);
          }}
        >
          {t('loans.renew')}
        </button>
      )}
      <ProblemAlert problem={action.problem} />
    </li>
  );
}

function LoansLeft({ status, holders }: { status: CirculationStatus; holders: LibraryRef[] }) {
  const { t, i18n } = useTranslation();
  const cardStatus = useMemberSession().member?.card?.status;
  const format = useFormat();
  const libraries = useLibraries();
  const rows = new Map<number, { library: LibraryRef; open: number; limit: number }>();
  for (const holder of holders) {
    const limit = libraries.data?.find((l) => l.id === holder.id)?.loanRules.loanLimit;
    if (limit !== undefined) rows.set(holder.id, { library: holder, open: 0, limit });
  }
  for (const entry of status.byLibrary) rows.set(entry.library.id, entry);
  if (cardStatus !== undefined && cardStatus !== 'valid') {
    // Lost or replaced: nothing can be lent on it, whatever is left of the limits.
    return (
      <section className="panel" aria-labelledby="left-title">
        <h2 id="left-title">{t('loans.leftTitle')}</h2>
        <p className="big-number">{t('loans.noneNow')}</p>
        <p className="hint">{t('loans.newCardFirst')}</p>
      </section>
    );
  }
  if (!status.standing.mayBorrow) {
    // Suspended, pending or overdue: no count of books that cannot be borrowed (issue 17).
    const refusal = status.standing.refusals[0];
    return (
      <section className="panel" aria-labelledby="left-title">
        <h2 id="left-title">{t('loans.leftTitle')}</h2>
        <p className="big-number">{t('loans.noneNow')}</p>
        {refusal ? <p className="hint">{sentenceOf(refusal, i18n.language)}</p> : null}
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="left-title">
      <h2 id="left-title">{t('loans.leftTitle')}</h2>
      <p className="big-number">
        {t('loans.networkLeft', {
          left: format.number(status.network.left),
          limit: format.number(status.network.limit),
        })}
      </p>
      <ul className="left-list">
        {[...rows.values()].map((row) => (
          <li key={row.library.id}>
            <span className="left-name">{format.name(row.library)}</span>
            <span className="left-value">
              {t('loans.libraryLeft', {
                left: format.number(
                  Math.max(0, Math.min(row.limit - row.open, status.network.left)),
                ),
                open: format.number(row.open),
                limit: format.number(row.limit),
              })}
            </span>
          </li>
        ))}
      </ul>
      <p className="hint">{t('loans.leftHint')}</p>
    </section>
  );
}

/**
 * Books waiting for the member to collect — a hold's copy set aside, a request's copy arrived —
 * said where the member looks first, with the way to the tab that lists them.
 */
function ReadyToCollect() {
  const { t } = useTranslation();
  const ready = useResource('me-ready', async () => {
    const { holds, requests } = await readMyHoldsAndRequests();
    return {
      holds: holds.filter((h) => h.state === 'ready').length,
      requests: requests.filter((r) => r.state === 'arrived').length,
    };
  });
  const counts = ready.data;
  if (!counts || counts.holds + counts.requests === 0) return null;
  return (
    <section className="notice notice-info" aria-labelledby="ready-title">
      <h2 id="ready-title">{t('loans.readyTitle')}</h2>
      <ul>
        {counts.holds > 0 ? (
          <li>
            {t('loans.readyHolds', { count: counts.holds })}{' '}
            <Link to="/portal/me/holds">{t('loans.readyHoldsLink')}</Link>
          </li>
        ) : null}
        {counts.requests > 0 ? (
          <li>
            {t('loans.readyRequests', { count: counts.requests })}{' '}
            <Link to="/portal/me/requests">{t('loans.readyRequestsLink')}</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

/** The signed-in member's status: open loans, suspension, what is left (one read, one key). */
export function useMyStatus() {
  return useResource('me-loans', () => answer(api.GET('/api/v1/me/loans')));
}

/** The member's loans, renewals, and how many more they may borrow where. */
export function LoansTab() {
  const { t } = useTranslation();
  const status = useMyStatus();
  const holders = useResource('me-holders', () => answer(api.GET('/api/v1/me/data-holders')));
  const renewed = useMessage();
  // The order the loans were first shown in, kept while the page is open.
  const shown = useRef<string[]>([]);
  if (status.problem) return <ProblemAlert problem={status.problem} />;
  if (!status.data) return <Loading />;
  const data = status.data;
  const loans = orderLoans(data.openLoans, shown.current);
  shown.current = loans.map(loanKey);
  return (
    <div className="tab-panel">
      {data.suspension ? <SuspensionNotice suspension={data.suspension} audience="member" /> : null}
      {data.overdueCount > 0 ? (
        <section className="notice notice-bad" role="alert">
          <h2>{t('loans.overdueTitle', { count: data.overdueCount })}</h2>
          <p>{t('loans.overdueText')}</p>
        </section>
      ) : null}
      <ReadyToCollect />
      <p className="sr-status" role="status">
        {renewed.text}
      </p>
      <section aria-labelledby="loans-title">
        <h2 id="loans-title">{t('loans.title', { count: data.openLoans.length })}</h2>
        {data.openLoans.length === 0 ? (
          <p className="muted">{t('loans.none')}</p>
        ) : (
          <ul className="loan-list">
            {loans.map((loan) => (
              <LoanItem
                key={loanKey(loan)}
                loan={loan}
                status={data}
                onRenewed={(result) => {
                  renewed.say({
                    key: 'loans.renewed',
                    values: { title: loan.title ?? '' },
                    dates: { date: result.loan.dueDate },
                  });
                  status.reload();
                }}
              />
            ))}
          </ul>
        )}
      </section>
      <LoansLeft status={data} holders={holders.data?.libraries ?? []} />
    </div>
  );
}
