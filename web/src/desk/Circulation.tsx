import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api, idempotent } from '../api/client';
import { SubmitButton } from '../components/FormParts';
import { seoulToday } from '../components/MemberForm';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { SuspensionNotice } from '../components/Suspension';
import { useAction, useMessage } from '../hooks';
import { useRouter } from '../router';
import { useStaffSession } from '../session';
import { MemberCard } from './MemberCard';
import { NetworkStatus, type Renewal } from './NetworkStatus';
import { Receipt } from './Receipt';
import { ScanAnnouncement, ScanField } from './ScanField';
import { loadVisit, loansOf, type Visit } from './visit';

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
      answer(
        api.POST('/api/v1/checkouts', {
          params: { header: idempotent() },
          body: { cardNumber: visit.cardNumber, itemBarcode: barcode },
        }),
      ),
    );
    if (result) {
      setItemInput('');
      announcement.say({
        key: 'desk.lent',
        values: { title: result.loan.title },
        dates: { date: result.loan.dueDate },
      });
      const status = await loansOf(visit.member.id).catch(() => visit.status);
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

  const renewed = async (title: string, barcode: string, result: Renewal) => {
    lend.clear();
    announcement.say({
      key: 'desk.renewed',
      values: { title },
      dates: { date: result.loan.dueDate },
    });
    const status = await loansOf(visit!.member.id).catch(() => visit?.status);
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
      <ScanAnnouncement text={announcement.text} />
      <form className="scan-form" onSubmit={submitCard}>
        <ScanField
          scans="card"
          ref={cardRef}
          label={t('desk.cardLabel')}
          hint={t('desk.cardHint')}
          data-autofocus
          value={cardInput}
          onValue={setCardInput}
        />
        <div className="button-row">
          <SubmitButton busy={lookup.busy}>{t('desk.open')}</SubmitButton>
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
                  <ScanField
                    scans="item"
                    ref={itemRef}
                    label={t('desk.itemLabel')}
                    hint={t('desk.itemHint')}
                    value={itemInput}
                    onValue={setItemInput}
                  />
                  <SubmitButton busy={lend.busy}>{t('desk.lend')}</SubmitButton>
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
