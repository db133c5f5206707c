import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../api/client';
import type {
  Card,
  CheckoutResult,
  CirculationStatus,
  IdDocumentType,
  Member,
  RenewalResult,
} from '../api/types';
import { Field } from '../components/Field';
import { IdDocumentSelect } from '../components/IdDocumentSelect';
import { seoulToday } from '../components/MemberForm';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { CardStatusBadge, groupedCardNumber, MemberStatusBadge } from '../components/StatusBadge';
import { SuspensionNotice } from '../components/Suspension';
import { useAction, useMessage } from '../hooks';
import { formatPhone, useFormat } from '../i18n/format';
import { useRouter } from '../router';
import { useStaffSession } from '../session';
import { Receipt, type ReceiptLine } from './Receipt';

interface Visit {
  cardNumber: string;
  card: Card;
  member: Member;
  status: CirculationStatus | undefined;
  lines: ReceiptLine[];
  day: string;
}

async function loadVisit(cardNumber: string) {
  const found = await api.get<{ card: Card; member: Member }>(
    `/api/v1/cards/${encodeURIComponent(cardNumber)}`,
  );
  const status = await api
    .get<CirculationStatus>(`/api/v1/members/${found.member.id}/loans`)
    .catch(() => undefined);
  return { ...found, status };
}

/** Scan a card, see the member's network status, then scan items one after another. */
export function Circulation() {
  const { t } = useTranslation();
  const { query } = useRouter();
  const session = useStaffSession();
  const library = session.library!;
  const [cardInput, setCardInput] = useState('');
  const [itemInput, setItemInput] = useState('');
  const [visit, setVisit] = useState<Visit>();
  const announcement = useMessage();
  const lookup = useAction();
  const lend = useAction();
  const cardRef = useRef<HTMLInputElement>(null);
  const itemRef = useRef<HTMLInputElement>(null);

  const open = useCallback(
    async (raw: string) => {
      const cardNumber = raw.replace(/\s+/g, '');
      if (!cardNumber) return;
      lend.clear();
      announcement.clear();
      const found = await lookup.run(() => loadVisit(cardNumber));
      if (!found) {
        setVisit(undefined);
        window.setTimeout(() => cardRef.current?.select(), 0);
        return;
      }
      setVisit({ cardNumber, ...found, lines: [], day: seoulToday() });
      announcement.say({ key: 'desk.memberOpened', values: { name: found.member.name ?? '' } });
      window.setTimeout(() => (itemRef.current ?? cardRef.current)?.focus(), 0);
    },
    [lookup.run, lend.clear, announcement.clear, announcement.say],
  );

  const refresh = async () => {
    if (!visit) return;
    const found = await lookup.run(() => loadVisit(visit.cardNumber));
    if (found) setVisit((v) => (v ? { ...v, ...found } : v));
  };

  const initialCard = query.get('card');
  // biome-ignore lint/correctness/useExhaustiveDependencies: open the card from the link once
  useEffect(() => {
    if (initialCard) {
      setCardInput(initialCard);
      void open(initialCard);
    }
  }, [initialCard]);

  const clear = useCallback(() => {
    setVisit(undefined);
    setCardInput('');
    setItemInput('');
    lookup.clear();
    lend.clear();
    announcement.say({ key: 'desk.cleared' });
    window.setTimeout(() => cardRef.current?.focus(), 0);
  }, [lookup.clear, lend.clear, announcement.say]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') clear();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clear]);

  const submitCard = (event: FormEvent) => {
    event.preventDefault();
    void open(cardInput);
  };

  const submitItem = async (event: FormEvent) => {
    event.preventDefault();
    const barcode = itemInput.trim();
    if (!visit || !barcode) return;
    announcement.clear();
    const result = await lend.run(() =>
      api.post<CheckoutResult>(
        '/api/v1/checkouts',
        { cardNumber: visit.cardNumber, itemBarcode: barcode },
        { idempotencyKey: newIdempotencyKey() },
      ),
    );
    if (result) {
      setItemInput('');
      announcement.say({
        key: 'desk.lent',
        values: { title: result.loan.title },
        dates: { date: result.loan.dueDate },
      });
      const status = await api
        .get<CirculationStatus>(`/api/v1/members/${visit.member.id}/loans`)
        .catch(() => visit.status);
      setVisit((v) =>
        v
          ? {
              ...v,
              status,
              day: result.loan.loanDay,
              lines: [
                ...v.lines,
                {
                  kind: 'loan',
                  title: result.loan.title,
                  barcode: result.loan.itemBarcode,
                  date: result.loan.dueDate,
                },
              ],
            }
          : v,
      );
      itemRef.current?.focus();
    } else {
      window.setTimeout(() => itemRef.current?.select(), 0);
    }
  };

  const renewed = async (title: string, barcode: string, result: RenewalResult) => {
    lend.clear();
    announcement.say({
      key: 'desk.renewed',
      values: { title },
      dates: { date: result.loan.dueDate },
    });
    const status = await api
      .get<CirculationStatus>(`/api/v1/members/${visit!.member.id}/loans`)
      .catch(() => visit?.status);
    setVisit((v) =>
      v
        ? {
            ...v,
            status,
            lines: [...v.lines, { kind: 'renewal', title, barcode, date: result.loan.dueDate }],
          }
        : v,
    );
  };

  const member = visit?.member;
  const status = visit?.status;
  const canLend =
    member?.visibility === 'full' && member.status === 'active' && visit?.card.status === 'valid';

  return (
    <div className="desk-page">
      <PageTitle>{t('desk.page.circulation')}</PageTitle>
      <p className="sr-status" role="status" aria-live="polite">
        {announcement.text}
      </p>
      <form className="scan-form" onSubmit={submitCard}>
        <Field
          ref={cardRef}
          label={t('desk.cardLabel')}
          hint={t('desk.cardHint')}
          name="card"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          className="scan-field"
          value={cardInput}
          onChange={(e) => setCardInput(e.target.value)}
        />
        <div className="button-row">
          <button type="submit" className="button primary" disabled={lookup.busy}>
            {t('desk.open')}
          </button>
          {visit ? (
            <button type="button" className="button" onClick={clear}>
              {t('desk.nextMember')} <kbd>Esc</kbd>
            </button>
          ) : null}
        </div>
      </form>
      <ProblemAlert problem={lookup.problem} large />
      {visit && member ? (
        <div className="desk-grid">
          <MemberCard visit={visit} onChanged={(number) => void open(number ?? visit.cardNumber)} />
          <div className="desk-work">
            {status?.suspension ? (
              <SuspensionNotice suspension={status.suspension} audience="desk" />
            ) : null}
            {status && status.overdueCount > 0 ? (
              <p className="notice notice-bad">
                {t('desk.overdue', { count: status.overdueCount })}
              </p>
            ) : null}
            {canLend ? (
              <section className="panel checkout" aria-labelledby="checkout-title">
                <h2 id="checkout-title">{t('desk.checkoutTitle')}</h2>
                <form className="scan-form" onSubmit={submitItem}>
                  <Field
                    ref={itemRef}
                    label={t('desk.itemLabel')}
                    hint={t('desk.itemHint')}
                    name="item"
                    autoComplete="off"
                    spellCheck={false}
                    autoCapitalize="characters"
                    className="scan-field"
                    value={itemInput}
                    onChange={(e) => setItemInput(e.target.value)}
                  />
                  <button type="submit" className="button primary" disabled={lend.busy}>
                    {t('desk.lend')}
                  </button>
                </form>
                <ProblemAlert problem={lend.problem} large title={t('desk.refused')} />
              </section>
            ) : null}
            {status ? (
              <NetworkStatus status={status} libraryId={library.id} onRenewed={renewed} />
            ) : null}
            {visit.lines.length > 0 ? (
              <div className="receipt-block">
                <Receipt
                  library={library}
                  day={visit.day}
                  memberName={member.name}
                  cardNumber={visit.cardNumber}
                  lines={visit.lines}
                  footer={
                    status
                      ? t('receipt.left', {
                          network: status.network.left,
                          here:
                            status.byLibrary.find((b) => b.library.id === library.id)?.left ?? 0,
                        })
                      : undefined
                  }
                />
                <button type="button" className="button" onClick={() => window.print()}>
                  {t('receipt.print')}
                </button>
              </div>
            ) : null}
            <button type="button" className="link-button" onClick={() => void refresh()}>
              {t('desk.refresh')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function MemberCard({ visit, onChanged }: { visit: Visit; onChanged(cardNumber?: string): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useStaffSession();
  const library = session.library!;
  const { member, card } = visit;
  const [idType, setIdType] = useState<IdDocumentType | ''>('');
  const action = useAction();

  const act = async (
    run: () => Promise<unknown>,
    after?: (result: unknown) => string | undefined,
  ) => {
    const result = await action.run(run);
    if (result !== undefined) onChanged(after?.(result));
  };

  return (
    <section className="panel member-panel" aria-labelledby="member-name">
      <div className="member-panel-head">
        <h2 id="member-name" className="person-name member-name">
          {member.name ?? '—'}
        </h2>
        <MemberStatusBadge status={member.status} />
      </div>
      <dl className="facts">
        <div>
          <dt>{t('desk.card')}</dt>
          <dd>
            <span className="mono">{groupedCardNumber(card.number)}</span>{' '}
            <CardStatusBadge status={card.status} blocked={card.blocked} />
          </dd>
        </div>
        <div>
          <dt>{t('account.homeLibrary')}</dt>
          <dd>{format.name(member.homeLibrary)}</dd>
        </div>
        {member.visibility === 'full' ? (
          <>
            <div>
              <dt>{t('person.birthDate')}</dt>
              <dd>{member.birthDate ? format.date(member.birthDate, false) : '—'}</dd>
            </div>
            <div>
              <dt>{t('person.phone')}</dt>
              <dd>{formatPhone(member.phone)}</dd>
            </div>
            {member.email ? (
              <div>
                <dt>{t('person.email')}</dt>
                <dd className="break">{member.email}</dd>
              </div>
            ) : null}
            {member.guardian ? (
              <div>
                <dt>{t('person.guardian')}</dt>
                <dd>{`${member.guardian.name} (${member.guardian.relationship})`}</dd>
              </div>
            ) : null}
          </>
        ) : (
          <>
            <div>
              <dt>{t('person.phone')}</dt>
              <dd>{member.maskedPhone ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('person.email')}</dt>
              <dd className="break">{member.maskedEmail ?? '—'}</dd>
            </div>
          </>
        )}
      </dl>

      {member.visibility === 'limited' ? (
        <div className="notice notice-warn">
          <p className="strong">{t('desk.checkInNeeded', { library: format.name(library) })}</p>
          <p>{t('desk.checkInText')}</p>
          <IdDocumentSelect value={idType} onChange={setIdType} id="check-in-id" />
          <button
            type="button"
            className="button primary"
            disabled={action.busy || !idType}
            onClick={() =>
              act(() =>
                api.post(`/api/v1/members/${member.id}/check-ins`, { idDocumentType: idType }),
              )
            }
          >
            {t('desk.checkIn')}
          </button>
        </div>
      ) : null}

      {member.visibility === 'full' && card.status === 'lost' ? (
        <div className="notice notice-bad">
          <p className="strong">{t('desk.cardLost')}</p>
          <IdDocumentSelect value={idType} onChange={setIdType} id="reissue-id" />
          <button
            type="button"
            className="button primary"
            disabled={action.busy || !idType}
            onClick={() =>
              act(
                () =>
                  api.post<Card>(`/api/v1/members/${member.id}/cards`, { idDocumentType: idType }),
                (result) => (result as Card).number,
              )
            }
          >
            {t('desk.reissue')}
          </button>
        </div>
      ) : null}

      {card.blocked ? (
        <div className="notice notice-bad">
          <p className="strong">{t('desk.cardBlocked')}</p>
          <button
            type="button"
            className="button"
            disabled={action.busy}
            onClick={() => act(() => api.post(`/api/v1/members/${member.id}/card/unblock`))}
          >
            {t('desk.unblock')}
          </button>
        </div>
      ) : null}

      {member.visibility === 'full' && member.consent.renewalDue ? (
        <div className="notice notice-info">
          <p>{t('desk.consentDue')}</p>
          <button
            type="button"
            className="button"
            disabled={action.busy}
            onClick={() => act(() => api.post(`/api/v1/members/${member.id}/consent`))}
          >
            {t('desk.consentRenew')}
          </button>
        </div>
      ) : null}

      {member.visibility === 'full' && card.status === 'valid' ? (
        <details className="more-actions">
          <summary>{t('desk.moreActions')}</summary>
          <p className="hint">{t('desk.reportLostHint')}</p>
          <button
            type="button"
            className="button danger"
            disabled={action.busy}
            onClick={() => act(() => api.post(`/api/v1/members/${member.id}/card/lost`))}
          >
            {t('desk.reportLost')}
          </button>
        </details>
      ) : null}
      <ProblemAlert problem={action.problem} large />
    </section>
  );
}

function NetworkStatus({
  status,
  libraryId,
  onRenewed,
}: {
  status: CirculationStatus;
  libraryId: number;
  onRenewed(title: string, barcode: string, result: RenewalResult): Promise<void>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const renew = useAction();
  const here = status.byLibrary.find((b) => b.library.id === libraryId);
  return (
    <section className="panel" aria-labelledby="network-title">
      <h2 id="network-title">{t('desk.networkStatus')}</h2>
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
                left: Math.min(here.left, status.network.left),
                limit: here.limit,
              })}
            </span>
          </p>
        ) : null}
      </div>
      {status.openLoans.length === 0 ? (
        <p className="muted">{t('desk.noLoans')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('desk.openLoans')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('loans.library')}</th>
                <th scope="col">{t('desk.item')}</th>
                <th scope="col">{t('loans.due')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('desk.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {status.openLoans.map((loan, index) => {
                const mine = loan.library.id === libraryId && loan.itemBarcode && !loan.overdue;
                return (
                  <tr
                    key={loan.loanId ?? `other-${index}`}
                    className={loan.overdue ? 'overdue' : ''}
                  >
                    <td>{format.name(loan.library)}</td>
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
                      {mine ? (
                        <button
                          type="button"
                          className="button small"
                          disabled={renew.busy}
                          aria-label={t('loans.renewTitle', { title: loan.title ?? '' })}
                          onClick={async () => {
                            const result = await renew.run(() =>
                              api.post<RenewalResult>(
                                '/api/v1/renewals',
                                { itemBarcode: loan.itemBarcode },
                                { idempotencyKey: newIdempotencyKey() },
                              ),
                            );
                            if (result)
                              await onRenewed(loan.title ?? '', loan.itemBarcode!, result);
                          }}
                        >
                          {t('loans.renew')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ProblemAlert problem={renew.problem} large title={t('desk.renewRefused')} />
    </section>
  );
}
