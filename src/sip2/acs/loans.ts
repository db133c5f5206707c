import {
  checkout,
  copyWhereabouts,
  itemAt,
  lentAndReturnedToday,
  openLoanOfItem,
  renewLoan,
  renewsAt,
  returnItem,
  type StandingLoan,
  unknownItem,
} from '../../modules/circulation/index.js';
import type { MemberRow } from '../../modules/members/index.js';
import { libraryCode } from '../../modules/requests/index.js';
import type { Language, Reason } from '../../platform/errors.js';
import { CirculationStatus, SecurityMarker } from '../codes.js';
import { parseSipDateTime } from '../fields.js';
import type { MessageOf } from '../messages.js';
import { joinScreen, refusalText, say } from '../screen.js';
import {
  arrivedEarlierAnswer,
  pullListAnswer,
  requestCheckinAnswer,
  returnedInTransit,
  transitAlert,
} from './requests.js';
import { type AcsRequest, answerBase, attempt, countRefusals, missingField } from './session.js';
import { borrowingAt, presentPatron } from './standing.js';

/**
 * Checkout, checkin, renew, renew all and item information: each calls the circulation use
 * case the desk uses (checkout, returnItem, renewLoan), as the terminal's actor. A refusal is
 * `ok = 0` with every reason in the screen message (AF), in the terminal's language.
 */

type LoanAnswer = MessageOf<'12'> | MessageOf<'30'>;

function loanAnswer<C extends '12' | '30'>(
  acs: AcsRequest,
  code: C,
  request: { patronIdentifier: string; itemIdentifier?: string | undefined },
): Extract<LoanAnswer, { code: C }> {
  const answer: LoanAnswer = {
    code,
    ok: false,
    renewalOk: false,
    magneticMedia: null,
    desensitize: false,
    ...answerBase(acs),
    patronIdentifier: request.patronIdentifier,
    itemIdentifier: request.itemIdentifier ?? '',
    titleIdentifier: '',
    dueDate: '',
  };
  return answer as Extract<LoanAnswer, { code: C }>;
}

async function titleOf(acs: AcsRequest, barcode: string): Promise<string> {
  const item = await itemAt(acs.context.db, acs.terminal.library.id, barcode.trim());
  return item?.title ?? '';
}

async function refused<A extends LoanAnswer>(
  acs: AcsRequest,
  answer: A,
  reasons: readonly Reason[],
): Promise<A> {
  const titleIdentifier = answer.itemIdentifier ? await titleOf(acs, answer.itemIdentifier) : '';
  return { ...answer, titleIdentifier, screenMessage: refusalScreen(acs, answer.code, reasons) };
}

/** The screen text of a refusal, counted by code for the operator's metrics. */
function refusalScreen(acs: AcsRequest, answerCode: string, reasons: readonly Reason[]): string {
  // A SIP2 answer's identifier is always its request's plus one (12 answers 11, 10 answers 09).
  const command = String(Number(answerCode) - 1).padStart(2, '0');
  countRefusals(acs, command, reasons);
  return refusalText(reasons, acs.terminal.language);
}

/** The member's open loan of this barcode at this library, if any, and what they may still borrow. */
async function ownBorrowingHere(acs: AcsRequest, member: MemberRow, barcode: string) {
  const { openLoans, loansLeft } = await borrowingAt(
    acs.context.db,
    member.id,
    acs.terminal.library.id,
    acs.context.clock.today(),
  );
  const here = acs.terminal.library.id;
  const wanted = barcode.trim();
  const ofItem = openLoans.filter((open) => open.barcode === wanted);
  const loan = ofItem.find((open) => open.libraryId === here);
  const lentHere = loan ?? ofItem.find((open) => renewsAt(open, here));
  return {
    loan,
    // Or another library's copy lent here through an inter-library request.
    lentHere,
    // The patron's loan of this barcode that another library renews.
    lentElsewhere: lentHere ? undefined : ofItem[0],
    loansLeft: { network: loansLeft.network, here: loansLeft.here ?? 0 },
  };
}

/** The member's open loan of this barcode at this library, if any. */
async function ownLoanHere(acs: AcsRequest, member: MemberRow, barcode: string) {
  return (await ownBorrowingHere(acs, member, barcode)).loan;
}

/**
 * Renews one of the patron's loans here, by the renewal use case. A loan renewed today is
 * answered as renewed, as it stands: a machine that got no answer sends its renewal again, and
 * a second renewal would add days and use up another renewal (or be refused RENEWAL_LIMIT,
 * telling the member their renewal failed when it had not).
 */
async function renewLoanHere(acs: AcsRequest, loan: StandingLoan) {
  if (loan.renewedOn === acs.context.clock.today()) {
    return { ok: true as const, loan, dueDate: loan.dueDate, already: true };
  }
  const renewed = await attempt(() =>
    renewLoan(acs.context, acs.terminal.actor, { itemBarcode: loan.barcode }),
  );
  if (!renewed.ok) return renewed;
  return { ok: true as const, loan, dueDate: renewed.value.loan.dueDate, already: false };
}

/** Renews the patron's own loan of the item (renew, and checkout of an item they have). */
async function renewOwn(acs: AcsRequest, member: MemberRow, barcode: string) {
  const { lentHere, lentElsewhere } = await ownBorrowingHere(acs, member, barcode);
  if (lentHere) return renewLoanHere(acs, lentHere);
  return {
    ok: false as const,
    reasons: [await notRenewableHere(acs, barcode.trim(), lentElsewhere)],
  };
}

/**
 * Why the patron's renewal of this barcode is refused here: this library's copy is on loan to
 * someone else, or not on loan; the patron's loan of another library is renewed there (or
 * online); otherwise the barcode is unknown here.
 */
async function notRenewableHere(
  acs: AcsRequest,
  barcode: string,
  lentElsewhere: StandingLoan | undefined,
): Promise<Reason> {
  const { db } = acs.context;
  const known = await itemAt(db, acs.terminal.library.id, barcode);
  if (known) {
    const loan = await openLoanOfItem(db, known.id);
    return loan
      ? { code: 'ITEM_NOT_ON_LOAN', params: { renewal: 'notYours' } }
      : { code: 'ITEM_NOT_ON_LOAN' };
  }
  if (!lentElsewhere) return unknownItem(barcode);
  const names = lentElsewhere.pickupLibrary?.names ?? lentElsewhere.names;
  return { code: 'ITEM_UNKNOWN', params: { renewAt: names.library, renewAtEn: names.libraryEn } };
}

/** A renewal's answer (29, or an 11 of an item the patron has), from its outcome. */
async function renewedAnswer<A extends LoanAnswer>(
  acs: AcsRequest,
  answer: A,
  renewed: Awaited<ReturnType<typeof renewOwn>>,
  desensitize: boolean | null,
): Promise<A> {
  if (!renewed.ok) return refused(acs, answer, renewed.reasons);
  const { dueDate } = renewed;
  const sentence = renewed.already ? 'alreadyRenewed' : 'renewed';
  return {
    ...answer,
    ok: true,
    renewalOk: true,
    desensitize,
    titleIdentifier: renewed.loan.title,
    dueDate,
    screenMessage: say(sentence, acs.terminal.language, { dueDate }),
  };
}

/**
 * 11 → 12. With AD the PIN must be right. Success desensitizes (Y) and gives the due date (AH,
 * `YYYY-MM-DD`). An item the patron already has is renewed when the SC renewal policy allows
 * it (renewal ok = Y), unless it was lent to them here today: a machine that got no answer sends
 * its 11 again, and that loan is the checkout it asked for, answered again as it stands (never
 * renewed: a renewal would add days and use up the member's renewal for a repeated message).
 * Cancel (BI = Y) undoes this patron's loan of the item made today.
 */
export async function checkoutItem(
  acs: AcsRequest,
  request: MessageOf<'11'>,
): Promise<MessageOf<'12'>> {
  const answer = loanAnswer(acs, '12', request);
  if (!request.itemIdentifier.trim()) return refused(acs, answer, [missingField('AB')]);
  // The card first, outside the checkout's transaction: a lost card's use stays flagged even
  // though the refused checkout rolls back; with AD the PIN must be right.
  const patron = await presentPatron(acs, request.patronIdentifier, request.patronPassword);
  if (!patron.ok) return refused(acs, answer, patron.reasons);
  if (request.cancel) return cancelCheckout(acs, patron.member, answer);
  const lent = await attempt(() =>
    checkout(acs.context, acs.terminal.actor, {
      cardNumber: request.patronIdentifier,
      itemBarcode: request.itemIdentifier,
    }),
  );
  if (lent.ok) return checkedOutAnswer(acs, answer, lent.value.loan, lent.value.loansLeft);
  // A requested copy lent here is another library's: not "on loan" but unknown here.
  if (lent.reasons.some((r) => r.code === 'ITEM_ON_LOAN' || r.code === 'ITEM_UNKNOWN')) {
    const own = await ownBorrowingHere(acs, patron.member, request.itemIdentifier);
    if (own.lentHere?.loanDay === acs.context.clock.today()) {
      return checkedOutAnswer(acs, answer, own.lentHere, own.loansLeft, 'alreadyLent');
    }
    if (own.lentHere && request.scRenewalPolicy) {
      return renewedAnswer(acs, answer, await renewLoanHere(acs, own.lentHere), true);
    }
  }
  return refused(acs, answer, lent.reasons.map(forThePatron));
}

/**
 * A machine's checkout screen is read by the member, who can neither scan a requested copy in or
 * out nor send it anywhere, and is not told for whom another member's copy waits: a requested
 * copy goes to the desk, whose own screen says what to do with it; a held copy is only "set
 * aside for another member".
 */
function forThePatron(reason: Reason): Reason {
  if (reason.code !== 'ITEM_ON_HOLD' && reason.code !== 'ITEM_UNKNOWN') return reason;
  const params = reason.params ?? {};
  if (params.at === 'checkout') {
    const { title, owner, ownerEn } = params;
    return { code: reason.code, params: { title, owner, ownerEn, atMachine: 'checkout' } };
  }
  if (params.requestState !== undefined || params.sendTo !== undefined) {
    return { code: reason.code, params: { title: params.title, atMachine: 'checkout' } };
  }
  return params.heldFor === undefined ? reason : { code: reason.code };
}

/**
 * A return machine's screen is read by the member too: another library's copy (not on loan) is
 * handed to the desk, not sent by the member; the answer's CT still tells staff where it goes.
 */
function forTheReturner(reason: Reason): Reason {
  const params = reason.params ?? {};
  if (reason.code !== 'ITEM_UNKNOWN' || params.sendTo === undefined || params.request !== 'none') {
    return reason;
  }
  const { title, owner, ownerEn } = params;
  return { code: reason.code, params: { title, owner, ownerEn, atMachine: 'checkin' } };
}

/**
 * A checkout's answer: desensitize, the due date, and what the patron may still borrow; for a
 * loan made earlier today, the screen says so (`alreadyLent`).
 */
function checkedOutAnswer(
  acs: AcsRequest,
  answer: MessageOf<'12'>,
  loan: { title: string; dueDate: string },
  loansLeft: { network: number; here: number },
  sentence: 'checkedOut' | 'alreadyLent' = 'checkedOut',
): MessageOf<'12'> {
  const language = acs.terminal.language;
  const screenMessage = joinScreen(
    say(sentence, language, { dueDate: loan.dueDate }),
    say('canBorrow', language, loansLeft),
  );
  return {
    ...answer,
    ok: true,
    desensitize: true,
    titleIdentifier: loan.title,
    dueDate: loan.dueDate,
    screenMessage,
  };
}

/** The machine could not desensitize: the loan it just made is returned at once. */
async function cancelCheckout(
  acs: AcsRequest,
  member: MemberRow,
  answer: MessageOf<'12'>,
): Promise<MessageOf<'12'>> {
  const today = acs.context.clock.today();
  const loan = await ownLoanHere(acs, member, answer.itemIdentifier);
  if (!loan) {
    // The cancel sent again (the machine got no answer): the loan is returned already.
    const title = await lentAndReturnedToday(acs.context.db, {
      libraryId: acs.terminal.library.id,
      itemBarcode: answer.itemIdentifier,
      memberId: member.id,
      today,
    });
    if (title !== null) return cancelledAnswer(acs, answer, title);
  }
  if (!loan || loan.loanDay !== today) {
    return refused(acs, answer, [{ code: 'ITEM_NOT_ON_LOAN' }]);
  }
  const returned = await attempt(() =>
    returnItem(acs.context, acs.terminal.actor, { itemBarcode: loan.barcode }),
  );
  if (!returned.ok) return refused(acs, answer, returned.reasons);
  return cancelledAnswer(acs, answer, loan.title);
}

/** A cancelled checkout's answer: sensitize the copy again (desensitize = N). */
function cancelledAnswer(acs: AcsRequest, answer: MessageOf<'12'>, title: string): MessageOf<'12'> {
  const screenMessage = say('checkoutCancelled', acs.terminal.language);
  return { ...answer, ok: true, desensitize: false, titleIdentifier: title, screenMessage };
}

/** A 10's fields for a copy set aside here: the alert (CV 01, hold for this library), the member. */
function holdAlert(maskedName: string) {
  return { alert: true, alertType: '01', holdPatronName: maskedName, sortBin: 'HOLD' };
}

/** The screen's words for a copy set aside here: for whom (masked) and until when. */
function holdShelfSentence(
  heldFor: { maskedName: string; pickupUntil: string },
  language: Language,
) {
  return say('onHoldShelf', language, { name: heldFor.maskedName, until: heldFor.pickupUntil });
}

/**
 * 09 → 10. No card needed. Success resensitizes (Y); a late return says the suspension it
 * starts. At the wrong library the answer is ok = 0 with the alert flag set, naming the lending
 * library and its phone (RETURN_AT_LENDING_LIBRARY_ONLY), with the in-transit alert (04) and CT
 * that library. Cancel (BI = Y) is not supported. A return stored while the machine was offline
 * (no block Y, with its return date) counts its lateness to the day the copy went in.
 */
export async function checkinItem(
  acs: AcsRequest,
  request: MessageOf<'09'>,
): Promise<MessageOf<'10'>> {
  const language = acs.terminal.language;
  const answer: MessageOf<'10'> = {
    code: '10',
    ok: false,
    resensitize: false,
    magneticMedia: null,
    alert: false,
    ...answerBase(acs),
    itemIdentifier: request.itemIdentifier,
    permanentLocation: acs.terminal.library.code,
  };
  if (request.cancel) {
    return { ...answer, screenMessage: say('notSupported', language, { command: '09 BI=Y' }) };
  }
  if (!request.itemIdentifier.trim()) {
    return { ...answer, screenMessage: refusalScreen(acs, answer.code, [missingField('AB')]) };
  }
  // A return the machine stored while offline (no block): it counts from when the copy went in.
  const storedAt = request.noBlock ? parseSipDateTime(request.returnDate) : undefined;
  const returned = await attempt(() =>
    returnItem(acs.context, acs.terminal.actor, {
      itemBarcode: request.itemIdentifier,
      ...(storedAt ? { storedAt } : {}),
    }),
  );
  if (!returned.ok) {
    // A requested copy that is not on loan: arriving, passing through, or back home.
    const notLent = returned.reasons.every(
      (r) => r.code === 'ITEM_NOT_ON_LOAN' || r.code === 'ITEM_UNKNOWN',
    );
    const requested = notLent ? await requestCheckinAnswer(acs, answer) : null;
    if (requested) return requested;
    const waiting = notLent ? arrivedEarlierAnswer(acs, answer, returned.reasons) : null;
    if (waiting) return waiting;
    const toSendOut = notLent
      ? await pullListAnswer(acs, answer, returned.reasons, () =>
          refusalScreen(acs, answer.code, returned.reasons),
        )
      : null;
    if (toSendOut) return toSendOut;
    const again = notLent ? returnedEarlierToday(acs, answer, returned.reasons) : null;
    if (again) return again;
    const shelved = notLent ? onHoldShelfAnswer(acs, answer, returned.reasons) : null;
    if (shelved) return shelved;
    // A copy that goes to another library (astray here, or lent there): the in-transit alert.
    const sendOn = await transitAlert(acs, returned.reasons);
    const titleIdentifier = sendOn?.titleIdentifier ?? (await titleOf(acs, request.itemIdentifier));
    const elsewhere = returned.reasons.some((r) => r.code === 'RETURN_AT_LENDING_LIBRARY_ONLY');
    return {
      ...answer,
      alert: elsewhere,
      ...sendOn,
      ...(titleIdentifier ? { titleIdentifier } : {}),
      screenMessage: refusalScreen(acs, answer.code, returned.reasons.map(forTheReturner)),
    };
  }
  const { loan, suspension, transit, heldFor } = returned.value;
  const screenMessage = joinScreen(
    suspension
      ? say('returnedLate', language, {
          daysLate: loan.daysLate,
          until: suspension.until,
          resume: suspension.resumesOn,
        })
      : say('returned', language),
    heldFor ? holdShelfSentence(heldFor, language) : undefined,
  );
  // A copy set aside for a hold here: the alert (CV 01, hold for this library) and the member.
  const hold = heldFor ? holdAlert(heldFor.maskedName) : {};
  const done = {
    ...answer,
    ok: true,
    resensitize: true,
    titleIdentifier: loan.title,
    ...(screenMessage ? { screenMessage } : {}),
    ...hold,
  };
  // A requested copy returned at its pickup library: the in-transit alert (CV 04, CT home).
  if (transit) return returnedInTransit(acs, done, await libraryCode(acs.context.db, transit.to));
  return done;
}

/**
 * 09 of a copy of this library returned earlier today: a machine that got no answer sends its 09
 * again, and the copy is back (whoever returned it). Answered as returned — resensitize, the hold
 * shelf when it is set aside — with nothing written; the screen says nothing of the loan's member
 * (a later return's suspension reaches them by the notice), since anyone may hold the copy now.
 * The return's refusal says so (`ITEM_NOT_ON_LOAN` with the day, title and hold it read).
 */
function returnedEarlierToday(
  acs: AcsRequest,
  answer: MessageOf<'10'>,
  reasons: Reason[],
): MessageOf<'10'> | null {
  const language = acs.terminal.language;
  const copy = reasons.find((r) => r.code === 'ITEM_NOT_ON_LOAN' && r.params?.returnedOn)?.params;
  if (!copy) return null;
  const heldFor =
    typeof copy.heldFor === 'string' && typeof copy.pickupUntil === 'string'
      ? { maskedName: copy.heldFor, pickupUntil: copy.pickupUntil }
      : null;
  return {
    ...answer,
    ok: true,
    resensitize: true,
    titleIdentifier: String(copy.title ?? ''),
    screenMessage: joinScreen(
      say('alreadyReturned', language),
      heldFor ? holdShelfSentence(heldFor, language) : undefined,
    ),
    ...(heldFor ? holdAlert(heldFor.maskedName) : {}),
  };
}

/**
 * 09 of a copy of this library set aside for a hold on an earlier day (found out of place, say):
 * nothing to return (ok = 0), but the hold alert (CV 01) and the member, so a sorter puts it back
 * on the hold shelf rather than with the copies to shelve.
 */
function onHoldShelfAnswer(
  acs: AcsRequest,
  answer: MessageOf<'10'>,
  reasons: Reason[],
): MessageOf<'10'> | null {
  const held = reasons.find((r) => r.code === 'ITEM_NOT_ON_LOAN' && r.params?.heldFor)?.params;
  if (typeof held?.heldFor !== 'string') return null;
  return {
    ...answer,
    titleIdentifier: String(held.title ?? ''),
    screenMessage: refusalScreen(acs, answer.code, reasons),
    ...holdAlert(held.heldFor),
  };
}

/** 29 → 30: the patron's own loan at this library, or lent here (with AD, the PIN must be right). */
export async function renewItem(
  acs: AcsRequest,
  request: MessageOf<'29'>,
): Promise<MessageOf<'30'>> {
  const answer = loanAnswer(acs, '30', request);
  if (!request.itemIdentifier?.trim()) return refused(acs, answer, [missingField('AB')]);
  const patron = await presentPatron(acs, request.patronIdentifier, request.patronPassword);
  if (!patron.ok) return refused(acs, answer, patron.reasons);
  const renewed = await renewOwn(acs, patron.member, answer.itemIdentifier);
  return renewedAnswer(acs, answer, renewed, null);
}

/**
 * 65 → 66: renews each of the patron's loans this library renews (its own, and those lent here
 * through an inter-library request). ok = 1 when the patron (and PIN, when given) is valid; BM
 * lists the renewed items, BN the others, and AF says why for each.
 */
export async function renewAll(
  acs: AcsRequest,
  request: MessageOf<'65'>,
): Promise<MessageOf<'66'>> {
  const language = acs.terminal.language;
  const answer: MessageOf<'66'> = {
    code: '66',
    ok: false,
    renewedCount: 0,
    unrenewedCount: 0,
    ...answerBase(acs),
    renewedItems: [],
    unrenewedItems: [],
  };
  const patron = await presentPatron(acs, request.patronIdentifier, request.patronPassword);
  if (!patron.ok) return { ...answer, screenMessage: refusalScreen(acs, '66', patron.reasons) };
  const { openLoans: loans } = await borrowingAt(
    acs.context.db,
    patron.member.id,
    acs.terminal.library.id,
    acs.context.clock.today(),
  );
  const renewedItems: string[] = [];
  const refusals: string[] = [];
  const unrenewedItems: string[] = [];
  for (const loan of loans.filter((l) => renewsAt(l, acs.terminal.library.id))) {
    const renewed = await renewLoanHere(acs, loan);
    if (renewed.ok) renewedItems.push(loan.barcode);
    else {
      unrenewedItems.push(loan.barcode);
      refusals.push(`${loan.barcode}: ${refusalScreen(acs, '66', renewed.reasons)}`);
    }
  }
  const summary = say('renewedAll', language, {
    renewed: renewedItems.length,
    unrenewed: unrenewedItems.length,
  });
  return {
    ...answer,
    ok: true,
    renewedCount: renewedItems.length,
    unrenewedCount: unrenewedItems.length,
    renewedItems,
    unrenewedItems,
    screenMessage: joinScreen(summary, ...refusals) ?? summary,
  };
}

/**
 * A copy with no open loan: on the shelf (03), set aside for a member — on this library's hold
 * shelf or at a request's pickup library — (08), or on its way between libraries (10).
 */
async function shelfStatus(db: AcsRequest['context']['db'], itemId: number) {
  const { onHoldShelf, requestState } = await copyWhereabouts(db, itemId);
  if (requestState === 'sent' || requestState === 'returning') {
    return CirculationStatus.inTransitBetweenLibraryLocations;
  }
  if (onHoldShelf || requestState === 'arrived') return CirculationStatus.waitingOnHoldShelf;
  return CirculationStatus.available;
}

/**
 * 17 → 18: this library's item — on the shelf, set aside, in transit or charged (with its due
 * date) — and its title.
 */
export async function itemInformation(
  acs: AcsRequest,
  request: MessageOf<'17'>,
): Promise<MessageOf<'18'>> {
  const language = acs.terminal.language;
  const answer: MessageOf<'18'> = {
    code: '18',
    circulationStatus: CirculationStatus.other,
    securityMarker: SecurityMarker.other,
    feeType: '01',
    transactionDate: answerBase(acs).transactionDate,
    itemIdentifier: request.itemIdentifier,
    titleIdentifier: '',
  };
  const item = await itemAt(acs.context.db, acs.terminal.library.id, request.itemIdentifier.trim());
  if (!item) return { ...answer, screenMessage: refusalText([{ code: 'ITEM_UNKNOWN' }], language) };
  const loan = await openLoanOfItem(acs.context.db, item.id);
  const location = {
    owner: acs.terminal.library.code,
    permanentLocation: acs.terminal.library.code,
  };
  const notLoanable = item.loanable
    ? {}
    : { screenMessage: refusalText([{ code: 'ITEM_NOT_LOANABLE' }], language) };
  return {
    ...answer,
    circulationStatus: loan
      ? CirculationStatus.charged
      : await shelfStatus(acs.context.db, item.id),
    titleIdentifier: item.title,
    ...(loan ? { dueDate: loan.due_date } : {}),
    ...location,
    ...notLoanable,
  };
}
