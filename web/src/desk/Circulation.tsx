import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { answer, api, appliedId, idempotent, type Problem } from '../api/client';
import type { CirculationStatus, LibraryRef } from '../api/types';
import { SubmitButton } from '../components/FormParts';
import { seoulToday } from '../components/MemberForm';
import { PageTitle } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { groupedCardNumber } from '../components/StatusBadge';
import { SuspensionNotice } from '../components/Suspension';
import { type Message, useAction, useMessage } from '../hooks';
import { useFormat } from '../i18n/format';
import { useRouter } from '../router';
import { useStaffSession } from '../session';
import { PlaceHoldForMember } from './HoldShelf';
import { MemberCard, REISSUE_ID_FIELD } from './MemberCard';
import { MemberRequests } from './MemberRequests';
import { booksLeftAt, NetworkStatus, type Renewal } from './NetworkStatus';
import { Receipt, type ReceiptLine } from './Receipt';
import { CapsLockHint, ScanAnnouncement, ScanField, WaitingScans } from './ScanField';
import { placeScan, useCaughtScans } from './scan-catcher';
import { useScanQueue } from './scan-queue';
import { keepVisit, keptVisit, loadVisit, loansOf, type Visit } from './visit';

/** Scan a card, see the member's network status, then scan items one after another. */
export function Circulation() {
  const { t } = useTranslation();
  const format = useFormat();
  const { query } = useRouter();
  const session = useStaffSession();
  const library = session.library!;
  const [cardInput, setCardInput] = useState('');
  const [itemInput, setItemInput] = useState('');
  const staffId = session.staff?.id ?? 0;
  const initialCard = query.get('card');
  // The member open before staff went to another desk page, unless a link names a card.
  const [visit, setVisit] = useState<Visit | undefined>(() =>
    initialCard ? undefined : keptVisit(staffId, seoulToday()),
  );
  useEffect(() => keepVisit(staffId, visit), [staffId, visit]);
  /** The barcode of the last refused scan (is it a loan of this very member?). */
  const [refusedBarcode, setRefusedBarcode] = useState('');
  const [wholeReceipt, setWholeReceipt] = useState(false);
  const announcement = useMessage();
  const lookup = useAction();
  const lend = useAction();
  const itemScans = useScanQueue((barcode) => lendItem(barcode));
  const giveBack = useAction();
  const cardRef = useRef<HTMLInputElement>(null);
  const itemRef = useRef<HTMLInputElement>(null);
  const returnRef = useRef<HTMLButtonElement>(null);
  /** After every action the cursor is back where the next scan goes. */
  const focusScan = useCallback(
    () => window.setTimeout(() => (itemRef.current ?? cardRef.current)?.focus(), 0),
    [],
  );

  const open = useCallback(
    async (raw: string, reissued = false, said?: Message) => {
      const cardNumber = raw.replace(/\s+/g, '');
      if (!cardNumber) return;
      // Scans waiting for one member's visit are never lent to the next member.
      itemScans.drop();
      lend.clear();
      giveBack.clear();
      setWholeReceipt(false);
      announcement.clear();
      const found = await lookup.run(() => loadVisit(cardNumber));
      if (!found) {
        setVisit(undefined);
        window.setTimeout(() => cardRef.current?.select(), 0);
        return;
      }
      setVisit({
        cardNumber,
        ...found,
        lines: [],
        day: seoulToday(),
        reissued: reissued ? cardNumber : undefined,
      });
      if (reissued) {
        // The new card at once: in the card field, in the member panel, and said aloud.
        setCardInput(cardNumber);
        announcement.say({
          key: 'desk.reissued',
          values: { number: groupedCardNumber(cardNumber) },
        });
      } else if (found.card.status === 'replaced') {
        // An old card: said at once, not "opened" as if it could lend.
        announcement.say({ key: 'desk.cardReplaced' });
      } else {
        announcement.say(
          said ?? { key: 'desk.memberOpened', values: { name: found.member.name ?? '' } },
        );
      }
      if (found.card.status === 'lost') {
        // A dead card: nothing to scan again; the next step is the ID check for a new card.
        setCardInput('');
        window.setTimeout(() => document.getElementById(REISSUE_ID_FIELD)?.focus(), 0);
        return;
      }
      // No item field (not checked in here, say): the card's number selected, so that the next
      // scan replaces it rather than joining it.
      window.setTimeout(() => {
        if (itemRef.current) itemRef.current.focus();
        else cardRef.current?.select();
      }, 0);
    },
    [itemScans.drop, lookup.run, lend.clear, giveBack.clear, announcement.clear, announcement.say],
  );

  const refresh = async () => {
    if (!visit) return;
    const found = await lookup.run(() => loadVisit(visit.cardNumber));
    if (found) setVisit((v) => (v ? { ...v, ...found } : v));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: open the card from the link once
  useEffect(() => {
    if (initialCard) {
      setCardInput(initialCard);
      void open(initialCard);
    } else if (visit) {
      // Back from another desk page: the member as they stand now, the visit's receipt kept.
      setCardInput(visit.cardNumber);
      void refresh();
      focusScan();
    }
  }, [initialCard]);

  const clear = useCallback(() => {
    setVisit(undefined);
    setCardInput('');
    setItemInput('');
    itemScans.drop();
    lookup.clear();
    lend.clear();
    giveBack.clear();
    announcement.say({ key: 'desk.cleared' });
    window.setTimeout(() => cardRef.current?.focus(), 0);
  }, [itemScans.drop, lookup.clear, lend.clear, giveBack.clear, announcement.say]);

  /** The "already has it — return it?" question is open: Esc answers it "no", as its button does. */
  const promptOpen = useRef(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      if (promptOpen.current) {
        lend.clear();
        focusScan();
      } else clear();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clear, lend.clear, focusScan]);

  const submitCard = (event: FormEvent) => {
    event.preventDefault();
    void open(cardInput);
  };

  const lendItem = async (barcode: string): Promise<boolean> => {
    if (!visit) return false;
    announcement.clear();
    giveBack.clear();
    const result = await lend.run(() => checkout(visit, barcode));
    if (result) {
      announcement.say({
        key: 'desk.lent',
        values: { title: result.loan.title },
        dates: { date: result.loan.dueDate },
      });
      // The answer carries the member's status after the loan: no look after it.
      setVisit((v) =>
        v
          ? {
              ...v,
              status: result.status,
              day: result.loan.loanDay,
              lines: [
                ...v.lines,
                {
                  kind: 'loan',
                  title: result.loan.title,
                  barcode: result.loan.itemBarcode,
                  date: result.loan.dueDate,
                  ...(result.loan.lendingLibrary
                    ? { alsoReturnAt: result.loan.lendingLibrary }
                    : {}),
                },
              ],
            }
          : v,
      );
      itemRef.current?.focus();
      return true;
    }
    setRefusedBarcode(barcode);
    // Nothing scanned since: the refused barcode goes back into the field, to mend and send again.
    const mendable = !itemScans.othersWaiting() && !itemRef.current?.value;
    if (mendable) setItemInput(barcode);
    // A loan of this very member: the question "return it?" takes Enter; a scan goes on.
    window.setTimeout(() => {
      if (returnRef.current) returnRef.current.focus();
      else if (mendable) itemRef.current?.select();
    }, 0);
    return false;
  };

  const submitItem = (event: FormEvent) => {
    event.preventDefault();
    // Out of the field at once: the scanner's next barcode must not follow this one's characters.
    itemScans.scan(itemRef.current?.value ?? itemInput);
    if (itemRef.current) itemRef.current.value = '';
    setItemInput('');
  };

  // Keys a scanner typed while nothing took them (the desk opening after sign-in, a button).
  useCaughtScans((scan) => {
    const field = visit && itemRef.current ? itemRef.current : cardRef.current;
    if (field === itemRef.current) setItemInput(scan.text);
    else setCardInput(scan.text);
    if (field) placeScan(field, scan.text);
    if (!scan.entered) return;
    if (field && field === itemRef.current) {
      itemScans.scan(scan.text);
      field.value = '';
      setItemInput('');
    } else void open(scan.text);
  });

  /** "This member already has it — return it?": yes, at this desk (the lending library). */
  const returnHere = async (loan: OpenLoan) => {
    const barcode = loan.itemBarcode ?? '';
    const result = await giveBack.run(() =>
      answer(
        api.POST('/api/v1/returns', {
          params: { header: idempotent() },
          body: { itemBarcode: barcode },
        }),
      ),
    );
    if (!result) return;
    lend.clear();
    setItemInput('');
    announcement.say({ key: 'returns.done', values: { title: result.loan.title } });
    const status = visit ? await loansOf(visit.member.id).catch(() => visit.status) : undefined;
    setVisit((v) =>
      v
        ? {
            ...v,
            status,
            lines: [
              ...v.lines,
              { kind: 'return', title: result.loan.title, barcode, date: result.loan.returnDay },
            ],
          }
        : v,
    );
    focusScan();
  };

  const renewed = async (title: string, barcode: string, result: Renewal) => {
    lend.clear();
    focusScan();
    announcement.say({
      key: 'desk.renewed',
      values: { title },
      dates: { date: result.loan.dueDate },
    });
    const status = result.status ?? (await loansOf(visit!.member.id).catch(() => visit?.status));
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
  const alreadyHas = lend.problem?.reasons.some((r) => r.code === 'ITEM_ON_LOAN')
    ? status?.openLoans.find(
        (loan) =>
          // This library's loan, or one lent here through a request (returned here too).
          (loan.library.id === library.id || loan.pickupLibrary?.id === library.id) &&
          loan.itemBarcode?.toUpperCase() === refusedBarcode.toUpperCase(),
      )
    : undefined;
  // The same copy scanned twice (a scanner reading again): lent once, not a question to return it.
  const scannedTwice =
    alreadyHas !== undefined && lentThisVisit(visit?.lines ?? [], refusedBarcode);
  promptOpen.current = alreadyHas !== undefined && !scannedTwice;
  const refusal = groupOverdue(lend.problem, t, alreadyHas !== undefined);
  const overdueLoans = status?.openLoans.filter((loan) => loan.overdue) ?? [];
  const receiptLines: ReceiptLine[] = [
    ...(visit?.lines ?? []),
    ...(wholeReceipt && status ? currentLoanLines(status, visit?.lines ?? [], t) : []),
  ];

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
          // The page's first cursor: here, unless a member is open to lend to (the item field).
          data-autofocus={canLend ? undefined : true}
          // A number left in the field is selected, so that a scan replaces it, never joins it.
          onFocus={(event) => event.currentTarget.select()}
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
      <ProblemAlert problem={lookup.problem} large onRetry={() => void open(cardInput)} />
      {visit && member ? (
        <div className="desk-grid">
          <MemberCard
            visit={visit}
            onChanged={(number, said) =>
              void open(number ?? visit.cardNumber, number !== undefined, said)
            }
          />
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
                    data-autofocus
                    label={t('desk.itemLabel')}
                    hint={t('desk.itemHint')}
                    value={itemInput}
                    onValue={setItemInput}
                  />
                  <SubmitButton busy={lend.busy} takesScans>
                    {t('desk.lend')}
                  </SubmitButton>
                </form>
                <WaitingScans queue={itemScans} />
                {alreadyHas && scannedTwice ? (
                  <div className="problem problem-large already-has" role="alert">
                    <p className="problem-detail">
                      {t('desk.scannedTwice', { title: alreadyHas.title ?? '' })}
                    </p>
                    <p className="problem-next">{t('desk.scannedTwiceNext')}</p>
                  </div>
                ) : alreadyHas ? (
                  <div className="problem problem-large already-has" role="alert">
                    <p className="problem-detail">
                      {t('desk.alreadyHas', { title: alreadyHas.title ?? '' })}
                    </p>
                    <p className="problem-next">
                      {t(alreadyHas.overdue ? 'desk.alreadyHasOverdue' : 'desk.alreadyHasDue', {
                        date: format.date(alreadyHas.dueDate),
                      })}
                    </p>
                    <div className="button-row">
                      <button
                        ref={returnRef}
                        type="button"
                        className="button primary"
                        disabled={giveBack.busy}
                        onClick={() => void returnHere(alreadyHas)}
                      >
                        {t('desk.returnIt')}
                      </button>
                      <button
                        type="button"
                        className="button"
                        onClick={() => {
                          lend.clear();
                          focusScan();
                        }}
                      >
                        {t('common.cancel')}
                      </button>
                    </div>
                  </div>
                ) : null}
                <ProblemAlert problem={giveBack.problem} large />
                <ProblemAlert
                  problem={refusal}
                  large
                  title={t('desk.refused')}
                  onRetry={() => itemScans.scan(refusedBarcode)}
                >
                  {refusal?.reasons.some((r) => r.code === 'MEMBER_HAS_OVERDUE') &&
                  overdueLoans.length > 0 ? (
                    <OverdueList loans={overdueLoans} />
                  ) : null}
                  <CapsLockHint problem={refusal} barcode={refusedBarcode} />
                </ProblemAlert>
              </section>
            ) : null}
            {canLend ? (
              <PlaceHoldForMember
                cardNumber={visit.cardNumber}
                memberId={visit.member.id}
                visitChanges={visit.lines.length}
              />
            ) : null}
            {canLend ? (
              <MemberRequests memberId={visit.member.id} visitChanges={visit.lines.length} />
            ) : null}
            {status ? (
              <NetworkStatus
                status={status}
                libraryId={library.id}
                onRenewed={renewed}
                onRenewRefused={() => {
                  announcement.clear();
                  focusScan();
                }}
                cardUnusable={
                  visit.card.status === 'lost' || visit.card.status === 'replaced'
                    ? visit.card.status
                    : undefined
                }
              />
            ) : null}
            {status && status.openLoans.length > 0 ? (
              <label className="check receipt-whole">
                <input
                  type="checkbox"
                  checked={wholeReceipt}
                  onChange={(event) => setWholeReceipt(event.target.checked)}
                />
                {t('receipt.whole')}
              </label>
            ) : null}
            {receiptLines.length > 0 ? (
              <div className="receipt-block">
                <Receipt
                  library={library}
                  day={visit.day}
                  memberName={member.name}
                  cardNumber={visit.cardNumber}
                  lines={receiptLines}
                  footer={status ? receiptFooter(status, library.id, t, format) : undefined}
                />
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    window.print();
                    focusScan();
                  }}
                >
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

type OpenLoan = CirculationStatus['openLoans'][number];

/** What the desk shows of a checkout: the loan's line on the receipt and the status after it. */
interface Lent {
  loan: {
    title: string;
    itemBarcode: string;
    loanDay: string;
    dueDate: string;
    /** Whose copy it is, when another library's copy is lent here through a request. */
    lendingLibrary?: LibraryRef;
  };
  status: CirculationStatus;
}

/**
 * Lends the scanned item. A retry answered "applied, answer lost" lent it the first time: the
 * loan is read back from the member's loans by the id the answer names, and shown as lent.
 */
async function checkout(visit: Visit, itemBarcode: string): Promise<Lent> {
  try {
    return await answer(
      api.POST('/api/v1/checkouts', {
        params: { header: idempotent() },
        body: { cardNumber: visit.cardNumber, itemBarcode },
      }),
    );
  } catch (error) {
    const loanId = appliedId(error);
    if (loanId === undefined) throw error;
    const status = await loansOf(visit.member.id);
    const loan = status.openLoans.find((open) => open.loanId === loanId);
    if (!loan?.title || !loan.loanDay) throw error;
    return {
      loan: {
        title: loan.title,
        itemBarcode,
        loanDay: loan.loanDay,
        dueDate: loan.dueDate,
        ...(loan.pickupLibrary ? { lendingLibrary: loan.library } : {}),
      },
      status,
    };
  }
}
type Translate = ReturnType<typeof useTranslation>['t'];

/**
 * A refusal as the desk reads it: the overdue loans said once (the list follows, with titles where
 * this desk may see them), not one sentence per book; "already on loan" left to the question
 * "this member has it — return it?" when it is this member's loan.
 */
function groupOverdue(
  problem: Problem | undefined,
  t: Translate,
  memberHasItem: boolean,
): Problem | undefined {
  if (!problem) return undefined;
  const overdue = problem.reasons.filter((r) => r.code === 'MEMBER_HAS_OVERDUE');
  let reasons = problem.reasons.filter(
    (r) => r.code !== 'MEMBER_HAS_OVERDUE' && !(memberHasItem && r.code === 'ITEM_ON_LOAN'),
  );
  if (overdue.length > 0) {
    const detail = t('desk.overdueRefusal', { count: overdue.length });
    reasons = [{ code: 'MEMBER_HAS_OVERDUE', detail }, ...reasons];
  }
  if (reasons.length === 0) return undefined;
  return { ...problem, code: reasons[0]!.code, detail: reasons[0]!.detail, reasons };
}

function OverdueList({ loans }: { loans: OpenLoan[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="overdue-list">
      {loans.map((loan, index) => (
        <li key={loan.loanId ?? `other-${index}`}>
          <span className="overdue-title">{loan.title ?? t('desk.otherLibraryItem')}</span>
          {' · '}
          {format.name(loan.library)}
          {' · '}
          {t('desk.dueOn', { date: format.date(loan.dueDate) })}
        </li>
      ))}
    </ul>
  );
}

/** The receipt's last line: what the member may still borrow, or why not now and until when. */
function receiptFooter(
  status: CirculationStatus,
  libraryId: number,
  t: Translate,
  format: ReturnType<typeof useFormat>,
): string {
  if (status.suspension) {
    return t('receipt.suspended', {
      until: format.date(status.suspension.until),
      resumes: format.date(status.suspension.resumesOn),
    });
  }
  if (!status.standing.mayBorrow) return t('receipt.noneNow');
  return t('receipt.left', {
    network: status.network.left,
    here: booksLeftAt(status, libraryId) ?? 0,
  });
}

/** Every loan the member has now, for a receipt of all of them (this visit's lines kept first). */
function currentLoanLines(
  status: CirculationStatus,
  lines: ReceiptLine[],
  t: Translate,
): ReceiptLine[] {
  const listed = new Set(lines.filter((l) => l.kind !== 'return').map((l) => l.barcode));
  return status.openLoans
    .filter((loan) => !loan.itemBarcode || !listed.has(loan.itemBarcode))
    .map((loan) => ({
      kind: 'current',
      title: loan.title ?? t('desk.otherLibraryItem'),
      barcode: loan.itemBarcode ?? '',
      date: loan.dueDate,
      library: loan.library,
    }));
}

/** Whether this visit's last line for the barcode is its loan (lent here just now, not returned). */
function lentThisVisit(lines: readonly ReceiptLine[], barcode: string): boolean {
  const same = lines.filter((line) => line.barcode?.toUpperCase() === barcode.toUpperCase());
  return same.at(-1)?.kind === 'loan';
}
