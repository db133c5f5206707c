import { type FormEvent, type InputHTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, localProblem, newIdempotencyKey } from '../api/client';
import { useLibraries } from '../api/directory';
import type {
  CirculationStatus,
  FullMember,
  HistoryLoan,
  LibraryRef,
  OpenLoan,
  RenewalResult,
} from '../api/types';
import { Barcode } from '../components/Barcode';
import { ConsentBlock } from '../components/ConsentBlock';
import { Field } from '../components/Field';
import { Loading, PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { CardStatusBadge, groupedCardNumber, MemberStatusBadge } from '../components/StatusBadge';
import { SuspensionNotice } from '../components/Suspension';
import { useAction, useMessage, useResource } from '../hooks';
import { formatPhone, useFormat } from '../i18n/format';
import { Link, useRouter } from '../router';
import { useMemberSession } from '../session';
import { WithdrawalPanel } from './Withdrawal';

const TABS = [
  { path: '/portal/me', key: 'loans' },
  { path: '/portal/me/card', key: 'card' },
  { path: '/portal/me/history', key: 'history' },
  { path: '/portal/me/account', key: 'account' },
] as const;

function PendingNotice({ member }: { member: FullMember }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="notice notice-warn" aria-labelledby="pending-title">
      <h2 id="pending-title">{t('my.pendingTitle')}</h2>
      <p>{t('my.pendingText', { library: format.name(member.homeLibrary) })}</p>
      <p className="hint">{t('my.pendingHint')}</p>
    </section>
  );
}

function ConsentNotice({ member, onRenewed }: { member: FullMember; onRenewed(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const action = useAction();
  if (!member.consent.renewalDue) return null;
  return (
    <section className="notice notice-info" aria-labelledby="consent-title">
      <h2 id="consent-title">{t('my.consentTitle')}</h2>
      <p>
        {t('my.consentText', {
          date: member.consent.expiresOn ? format.date(member.consent.expiresOn) : '—',
        })}
      </p>
      <ConsentBlock />
      <ProblemAlert problem={action.problem} />
      <button
        type="button"
        className="button"
        disabled={action.busy}
        onClick={async () => {
          if (await action.run(() => api.post('/api/v1/me/consent'))) onRenewed();
        }}
      >
        {t('my.consentRenew')}
      </button>
    </section>
  );
}

export function MyLibrary() {
  const { t } = useTranslation();
  const { path } = useRouter();
  const session = useMemberSession();
  const member = session.member;
  if (!member) return <Loading />;
  const tab = TABS.find((candidate) => candidate.path === path)?.key ?? 'loans';
  return (
    <div className="my">
      <div className="my-head">
        <PageTitle title={t('my.title', { name: member.name ?? '' })}>
          <span className="person-name">{t('my.title', { name: member.name ?? '' })}</span>
        </PageTitle>
        <MemberStatusBadge status={member.status} />
      </div>
      {member.status === 'pending' ? <PendingNotice member={member} /> : null}
      <ConsentNotice member={member} onRenewed={() => void session.refresh()} />
      <nav className="tabs" aria-label={t('my.sections')}>
        {TABS.map((candidate) => (
          <Link
            key={candidate.key}
            to={candidate.path}
            aria-current={candidate.key === tab ? 'page' : undefined}
          >
            {t(`my.tab.${candidate.key}`)}
          </Link>
        ))}
      </nav>
      {tab === 'loans' ? <LoansTab /> : null}
      {tab === 'card' ? <CardTab member={member} onChanged={() => void session.refresh()} /> : null}
      {tab === 'history' ? <HistoryTab /> : null}
      {tab === 'account' ? <AccountTab member={member} /> : null}
    </div>
  );
}

function renewBlocker(
  loan: OpenLoan,
  status: CirculationStatus,
): 'overdue' | 'notOnline' | 'limit' | 'suspended' | null {
  const rules = status.byLibrary.find((b) => b.library.id === loan.library.id);
  if (loan.overdue) return 'overdue';
  if (status.suspension) return 'suspended';
  if (rules && !rules.onlineRenewal) return 'notOnline';
  if (rules && (loan.renewals ?? 0) >= rules.maxRenewals) return 'limit';
  return null;
}

function LoanItem({
  loan,
  status,
  onRenewed,
}: {
  loan: OpenLoan;
  status: CirculationStatus;
  onRenewed(result: RenewalResult): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const action = useAction();
  const blocker = renewBlocker(loan, status);
  const rules = status.byLibrary.find((b) => b.library.id === loan.library.id);
  return (
    <li className={loan.overdue ? 'loan overdue' : 'loan'}>
      <p className="loan-title">{loan.title ?? t('loans.untitled')}</p>
      <dl className="facts compact">
        <div>
          <dt>{t('loans.library')}</dt>
          <dd>{format.name(loan.library)}</dd>
        </div>
        <div>
          <dt>{t('loans.due')}</dt>
          <dd className="due">
            {format.date(loan.dueDate)}
            {loan.overdue ? <span className="badge badge-bad">{t('loans.overdue')}</span> : null}
          </dd>
        </div>
        {rules ? (
          <div>
            <dt>{t('loans.renewals')}</dt>
            <dd>{t('loans.renewalsUsed', { used: loan.renewals ?? 0, max: rules.maxRenewals })}</dd>
          </div>
        ) : null}
      </dl>
      {blocker ? (
        <p className="hint">{t(`loans.cannotRenew.${blocker}`)}</p>
      ) : (
        <button
          type="button"
          className="button"
          disabled={action.busy || loan.loanId === undefined}
          aria-label={t('loans.renewTitle', { title: loan.title ?? '' })}
          onClick={async () => {
            const result = await action.run(() =>
              api.post<RenewalResult>(`/api/v1/me/loans/${loan.loanId}/renewal`, undefined, {
                idempotencyKey: newIdempotencyKey(),
              }),
            );
            if (result) onRenewed(result);
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
  const { t } = useTranslation();
  const format = useFormat();
  const libraries = useLibraries();
  const rows = new Map<number, { library: LibraryRef; open: number; limit: number }>();
  for (const holder of holders) {
    const limit = libraries.data?.find((l) => l.id === holder.id)?.loanRules.loanLimit;
    if (limit !== undefined) rows.set(holder.id, { library: holder, open: 0, limit });
  }
  for (const entry of status.byLibrary) rows.set(entry.library.id, entry);
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

function LoansTab() {
  const { t } = useTranslation();
  const status = useResource('me-loans', () => api.get<CirculationStatus>('/api/v1/me/loans'));
  const holders = useResource('me-holders', () =>
    api.get<{ libraries: LibraryRef[] }>('/api/v1/me/data-holders'),
  );
  const renewed = useMessage();
  if (status.problem) return <ProblemAlert problem={status.problem} />;
  if (!status.data) return <Loading />;
  const data = status.data;
  return (
    <div className="tab-panel">
      {data.suspension ? <SuspensionNotice suspension={data.suspension} audience="member" /> : null}
      {data.overdueCount > 0 ? (
        <section className="notice notice-bad" role="alert">
          <h2>{t('loans.overdueTitle', { count: data.overdueCount })}</h2>
          <p>{t('loans.overdueText')}</p>
        </section>
      ) : null}
      <p className="sr-status" role="status">
        {renewed.text}
      </p>
      <section aria-labelledby="loans-title">
        <h2 id="loans-title">{t('loans.title', { count: data.openLoans.length })}</h2>
        {data.openLoans.length === 0 ? (
          <p className="muted">{t('loans.none')}</p>
        ) : (
          <ul className="loan-list">
            {data.openLoans.map((loan) => (
              <LoanItem
                key={loan.loanId ?? `${loan.library.id}-${loan.dueDate}`}
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

function CardTab({ member, onChanged }: { member: FullMember; onChanged(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const card = member.card;
  if (!card) {
    return (
      <div className="tab-panel">
        <p className="notice notice-info">{t('card.none')}</p>
      </div>
    );
  }
  return (
    <div className="tab-panel">
      <section className="member-card" aria-labelledby="card-title">
        <div className="member-card-head">
          <h2 id="card-title">{t('card.title')}</h2>
          <CardStatusBadge status={card.status} blocked={card.blocked} />
        </div>
        <p className="member-card-name">{member.name}</p>
        {card.status === 'valid' ? (
          <Barcode value={card.number} />
        ) : (
          <p className="notice notice-bad">{t(`card.unusable.${card.status}`)}</p>
        )}
        <p className="card-number">{groupedCardNumber(card.number)}</p>
        <p className="hint">{t('card.showHint')}</p>
      </section>
      {card.status === 'valid' ? (
        <section className="panel" aria-labelledby="lost-title">
          <h2 id="lost-title">{t('card.lostTitle')}</h2>
          <p>{t('card.lostText')}</p>
          {confirming ? (
            <fieldset className="confirm">
              <legend className="strong">{t('card.lostConfirm')}</legend>
              <div className="button-row">
                <button
                  type="button"
                  className="button danger"
                  disabled={action.busy}
                  onClick={async () => {
                    if (await action.run(() => api.post('/api/v1/me/card/lost'))) {
                      setConfirming(false);
                      onChanged();
                    }
                  }}
                >
                  {t('card.lostYes')}
                </button>
                <button type="button" className="button" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </fieldset>
          ) : (
            <button type="button" className="button danger" onClick={() => setConfirming(true)}>
              {t('card.lostButton')}
            </button>
          )}
          <ProblemAlert problem={action.problem} />
        </section>
      ) : (
        <section className="panel">
          <p>
            {card.lostAt
              ? t('card.lostAt', { date: format.dateTime(card.lostAt) })
              : t('card.reissueHint')}
          </p>
          <p className="hint">{t('card.reissueHint')}</p>
        </section>
      )}
    </div>
  );
}

const HISTORY_PAGE = 50;

function HistoryTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const [limit, setLimit] = useState(HISTORY_PAGE);
  const history = useResource(`me-history-${limit}`, () =>
    api.get<{ enabled: boolean; loans: HistoryLoan[] }>(`/api/v1/me/loan-history?limit=${limit}`),
  );
  const toggle = useAction();
  const remove = useAction();
  const [confirming, setConfirming] = useState(false);
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
                api.put<{ enabled: boolean }>('/api/v1/me/loan-history', { enabled: next }),
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
        {confirming ? (
          <fieldset className="confirm">
            <legend className="strong">{t('history.deleteConfirm')}</legend>
            <div className="button-row">
              <button
                type="button"
                className="button danger"
                disabled={remove.busy}
                onClick={async () => {
                  const result = await remove.run(() =>
                    api.delete<{ deleted: number }>('/api/v1/me/loan-history'),
                  );
                  if (result) {
                    setConfirming(false);
                    message.say({ key: 'history.deleted', values: { count: result.deleted } });
                    history.reload();
                  }
                }}
              >
                {t('history.deleteYes')}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </fieldset>
        ) : (
          <button type="button" className="button danger" onClick={() => setConfirming(true)}>
            {t('history.delete')}
          </button>
        )}
        <ProblemAlert problem={remove.problem} />
        <p className="sr-status" role="status">
          {message.text}
        </p>
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
                  <div>
                    <dt>{t('loans.library')}</dt>
                    <dd>{format.name(loan.library)}</dd>
                  </div>
                  <div>
                    <dt>{t('history.period')}</dt>
                    <dd>
                      {`${format.date(loan.loanDay, false)} – ${format.date(loan.returnDay, false)}`}
                    </dd>
                  </div>
                  {loan.daysLate > 0 ? (
                    <div>
                      <dt>{t('history.late')}</dt>
                      <dd>{t('history.daysLate', { count: loan.daysLate })}</dd>
                    </div>
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

/** What differs between changing the password and changing the PIN. */
interface SecretChange {
  id: string;
  endpoint: string;
  body: (currentPassword: string, secret: string) => Record<string, string>;
  title: string;
  intro?: string;
  newLabel: string;
  newHint?: string;
  confirmLabel: string;
  /** How the new secret is typed (length, digits, autocomplete). */
  input: InputHTMLAttributes<HTMLInputElement>;
  mismatch: string;
  changed: string;
  submit: string;
}

/** Current password, the new secret twice: the two must match before anything is sent. */
function SecretChangeForm({ change }: { change: SecretChange }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (next !== confirm) {
      action.setProblem(localProblem(change.mismatch));
      return;
    }
    const ok = await action.run(() => api.post(change.endpoint, change.body(current, next)));
    if (ok) {
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
    }
  };
  const titleId = `${change.id}-title`;
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby={titleId}>
      <h2 id={titleId}>{change.title}</h2>
      {change.intro ? <p className="hint">{change.intro}</p> : null}
      <Field
        label={t('account.currentPassword')}
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <Field
        label={change.newLabel}
        hint={change.newHint}
        type="password"
        required
        {...change.input}
        value={next}
        onChange={(e) => setNext(e.target.value)}
      />
      <Field
        label={change.confirmLabel}
        type="password"
        required
        {...change.input}
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
      />
      <ProblemAlert problem={action.problem} />
      <p className="sr-status" role="status">
        {done ? change.changed : ''}
      </p>
      <button type="submit" className="button primary" disabled={action.busy}>
        {change.submit}
      </button>
    </form>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  return (
    <SecretChangeForm
      change={{
        id: 'password',
        endpoint: '/api/v1/me/password',
        body: (currentPassword, newPassword) => ({ currentPassword, newPassword }),
        title: t('account.passwordTitle'),
        newLabel: t('account.newPassword'),
        newHint: t('common.passwordHint'),
        confirmLabel: t('common.passwordConfirm'),
        input: { autoComplete: 'new-password', minLength: 8 },
        mismatch: t('common.passwordMismatch'),
        changed: t('account.passwordChanged'),
        submit: t('account.passwordSubmit'),
      }}
    />
  );
}

function PinForm() {
  const { t } = useTranslation();
  return (
    <SecretChangeForm
      change={{
        id: 'pin',
        endpoint: '/api/v1/me/pin',
        body: (currentPassword, newPin) => ({ currentPassword, newPin }),
        title: t('account.pinTitle'),
        intro: t('account.pinHint'),
        newLabel: t('account.newPin'),
        confirmLabel: t('account.pinConfirm'),
        input: { inputMode: 'numeric', autoComplete: 'off', pattern: '\\d{4,6}' },
        mismatch: t('account.pinMismatch'),
        changed: t('account.pinChanged'),
        submit: t('account.pinSubmit'),
      }}
    />
  );
}

function AccountTab({ member }: { member: FullMember }) {
  const { t } = useTranslation();
  const format = useFormat();
  const holders = useResource('me-holders', () =>
    api.get<{ libraries: (LibraryRef & { phone: string | null })[] }>('/api/v1/me/data-holders'),
  );
  return (
    <div className="tab-panel">
      <section className="panel" aria-labelledby="me-title">
        <h2 id="me-title">{t('account.me')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('person.name')}</dt>
            <dd className="person-name">{member.name}</dd>
          </div>
          <div>
            <dt>{t('person.birthDate')}</dt>
            <dd>{member.birthDate ? format.date(member.birthDate, false) : '—'}</dd>
          </div>
          <div>
            <dt>{t('person.phone')}</dt>
            <dd>{formatPhone(member.phone)}</dd>
          </div>
          <div>
            <dt>{t('person.email')}</dt>
            <dd>{member.email ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('account.homeLibrary')}</dt>
            <dd>{format.name(member.homeLibrary)}</dd>
          </div>
          <div>
            <dt>{t('account.consent')}</dt>
            <dd>
              {member.consent.expiresOn
                ? t('account.consentUntil', { date: format.date(member.consent.expiresOn, false) })
                : '—'}
            </dd>
          </div>
        </dl>
      </section>
      <section className="panel" aria-labelledby="holders-title">
        <h2 id="holders-title">{t('account.holdersTitle')}</h2>
        <p className="hint">{t('account.holdersHint')}</p>
        <ProblemAlert problem={holders.problem} />
        <ul className="plain-list">
          {(holders.data?.libraries ?? []).map((library) => (
            <li key={library.id}>
              <span>{format.name(library)}</span>
              {library.phone ? (
                <a className="muted" href={`tel:${library.phone}`}>
                  {library.phone}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <PasswordForm />
      <PinForm />
      <WithdrawalPanel />
    </div>
  );
}
