import { isOverdue, type StandingLoan } from '../../modules/circulation/index.js';
import { holdItemsOf } from '../../modules/holds/index.js';
import { requestedItemsOf } from '../../modules/requests/index.js';
import { blockCardFromTerminal } from '../../modules/terminals/index.js';
import type { PatronStatus } from '../fields.js';
import type { MessageOf } from '../messages.js';
import { patronStatusFromRefusals } from '../patron-flags.js';
import { joinScreen, reasonText, refusalText, type Sentence, say } from '../screen.js';
import { type AcsRequest, answerBase, attempt, countRefusals, sipLanguage } from './session.js';
import { type PatronStanding, patronStanding } from './standing.js';

/** What responses 24, 26 and 64 say of the patron. */
interface PatronView {
  patronStatus: PatronStatus;
  validPatron: boolean;
  validPatronPassword?: boolean;
  personalName: string;
  screenMessage?: string;
}

/** Only with the right PIN, and only at a library that holds the member's data (checked in). */
function personalName(standing: PatronStanding): string {
  const { card, pin, borrowing } = standing;
  const mayShow = card.ok && pin.given && pin.valid && borrowing?.checkedIn === true;
  return mayShow ? (card.member.name ?? '') : '';
}

function validPassword(standing: PatronStanding, pin: string | undefined): boolean | undefined {
  if (standing.pin.given) return standing.pin.valid;
  return pin ? false : undefined;
}

function loansLeft(standing: PatronStanding): { here: number; network: number } | undefined {
  const left = standing.borrowing?.loansLeft;
  return left && { here: left.here ?? 0, network: left.network };
}

function patronView(
  acs: AcsRequest,
  standing: PatronStanding,
  pin: string | undefined,
  extra?: Sentence,
): PatronView {
  const language = acs.terminal.language;
  const left = loansLeft(standing);
  const pinRefusal =
    standing.pin.given && !standing.pin.valid ? reasonText(standing.pin.reason, language) : '';
  // A wrong PIN is all the screen says: nothing of the member's loans to whoever typed it.
  const standingText = pinRefusal
    ? undefined
    : standing.refusals.length > 0
      ? refusalText(standing.refusals, language)
      : left && say('canBorrow', language, left);
  const validPatronPassword = validPassword(standing, pin);
  const screenMessage = joinScreen(pinRefusal, standingText, extra && say(extra, language));
  // A locked card borrows and renews nothing here until the lock ends, whatever its PIN.
  const pinLocked =
    standing.pin.given && !standing.pin.valid && standing.pin.reason.code === 'SIGN_IN_LOCKED'
      ? [standing.pin.reason]
      : [];
  return {
    patronStatus: patronStatusFromRefusals([...standing.refusals, ...pinLocked]),
    validPatron: standing.card.ok,
    ...(validPatronPassword === undefined ? {} : { validPatronPassword }),
    personalName: personalName(standing),
    ...(screenMessage === undefined ? {} : { screenMessage }),
  };
}

/**
 * What a patron status (23) or information (63) answer refuses, counted for the operator's
 * metrics like a refused checkout: a wrong or locked PIN, then the card's refusal (unknown, lost,
 * blocked…) or every reason the member may not borrow here (PIN required, suspended…).
 */
function countPatronRefusals(acs: AcsRequest, command: '23' | '63', standing: PatronStanding) {
  const pin = standing.pin.given && !standing.pin.valid ? [standing.pin.reason] : [];
  countRefusals(acs, command, [...pin, ...standing.refusals]);
}

async function patronStatusAnswer(
  acs: AcsRequest,
  patronIdentifier: string,
  pin: string | undefined,
): Promise<{ answer: MessageOf<'24'>; standing: PatronStanding }> {
  const standing = await patronStanding(acs, patronIdentifier, pin);
  const answer: MessageOf<'24'> = {
    code: '24',
    ...answerBase(acs),
    language: sipLanguage(acs.terminal.language),
    patronIdentifier,
    ...patronView(acs, standing, pin),
  };
  return { answer, standing };
}

/** 23 → 24. */
export async function patronStatus(acs: AcsRequest, request: MessageOf<'23'>) {
  const { answer, standing } = await patronStatusAnswer(
    acs,
    request.patronIdentifier,
    request.patronPassword,
  );
  countPatronRefusals(acs, '23', standing);
  return answer;
}

/**
 * 01 → 24 (the 3M specification's answer to block patron). The card is refused everywhere
 * (CARD_BLOCKED) until staff clear it; the audit log records the machine and its reason.
 */
export async function blockPatron(
  acs: AcsRequest,
  request: MessageOf<'01'>,
): Promise<MessageOf<'24'>> {
  const blocked = await attempt(() =>
    blockCardFromTerminal(acs.context, acs.terminal.actor, {
      cardNumber: request.patronIdentifier,
      reason: request.blockedCardMessage,
      cardRetained: request.cardRetained,
    }),
  );
  const { answer } = await patronStatusAnswer(acs, request.patronIdentifier, undefined);
  if (blocked.ok) return answer;
  return { ...answer, screenMessage: refusalText(blocked.reasons, acs.terminal.language) };
}

/**
 * 25 → 26. Only staff clear a machine's block, so a terminal never re-enables a patron: the
 * answer is the patron's current status, with a screen message saying staff must clear a block.
 */
export async function patronEnable(
  acs: AcsRequest,
  request: MessageOf<'25'>,
): Promise<MessageOf<'26'>> {
  const standing = await patronStanding(acs, request.patronIdentifier, request.patronPassword);
  const blocked = standing.refusals.some((reason) => reason.code === 'CARD_BLOCKED');
  return {
    code: '26',
    ...answerBase(acs),
    language: sipLanguage(acs.terminal.language),
    patronIdentifier: request.patronIdentifier,
    ...patronView(acs, standing, request.patronPassword, blocked ? 'staffClearsBlocks' : undefined),
  };
}

/** The item list asked for, from BP to BQ (1-based, inclusive); loans at this library only. */
function itemList(
  request: MessageOf<'63'>,
  loans: readonly StandingLoan[],
  today: string,
): { overdueItems: string[]; chargedItems: string[] } {
  const range = (barcodes: string[]) => {
    const start = Math.max(1, request.startItem ?? 1);
    const end = request.endItem ?? barcodes.length;
    return barcodes.slice(start - 1, Math.max(start - 1, end));
  };
  const barcodes = (list: readonly StandingLoan[]) => list.map((loan) => loan.barcode);
  const overdue = loans.filter((loan) => isOverdue(loan.dueDate, today));
  return {
    chargedItems: request.summary === 'charged' ? range(barcodes(loans)) : [],
    overdueItems: request.summary === 'overdue' ? range(barcodes(overdue)) : [],
  };
}

/**
 * 63 → 64. Counts and item lists are this library's loans (the lists as item barcodes, and only
 * after the right PIN: a loan list is personal data), so a kiosk's "4 items" lists 4 and sits
 * beside this library's limit (CB); what is left across the network is in the screen message.
 */
export async function patronInformation(
  acs: AcsRequest,
  request: MessageOf<'63'>,
): Promise<MessageOf<'64'>> {
  const standing = await patronStanding(acs, request.patronIdentifier, request.patronPassword, {
    pinRequired: true,
  });
  const today = acs.context.clock.today();
  const loans = standing.borrowing?.openLoans ?? [];
  const here = loans.filter((loan) => loan.libraryId === acs.terminal.library.id);
  const pinValid = standing.pin.given && standing.pin.valid;
  const lists = itemList(request, pinValid ? here : [], today);
  const limit = standing.borrowing?.libraryLoanLimit;
  countPatronRefusals(acs, '63', standing);
  // Holds and inter-library requests: set aside or arrived here (available, by the copy's
  // barcode), and waiting or on their way (unavailable).
  const memberId = standing.card.ok ? standing.card.member.id : null;
  const holds =
    memberId === null
      ? { available: [], unavailable: [] }
      : await holdItemsOf(acs.context.db, memberId);
  const requested =
    memberId === null
      ? { available: [], unavailable: [] }
      : await requestedItemsOf(acs.context.db, memberId);
  const available = [
    ...holds.available.map((h) => h.itemBarcode ?? h.title),
    ...requested.available,
  ];
  const unavailable = [...holds.unavailable.map((h) => h.title), ...requested.unavailable];
  const range = (values: string[]) => {
    const start = Math.max(1, request.startItem ?? 1);
    const end = request.endItem ?? values.length;
    return values.slice(start - 1, Math.max(start - 1, end));
  };
  const holdLists = {
    holdItems: pinValid && request.summary === 'hold' ? range(available) : [],
    unavailableHoldItems:
      pinValid && request.summary === 'unavailableHolds' ? range(unavailable) : [],
  };
  return {
    code: '64',
    ...answerBase(acs),
    language: sipLanguage(acs.terminal.language),
    holdItemsCount: available.length,
    overdueItemsCount: here.filter((loan) => isOverdue(loan.dueDate, today)).length,
    chargedItemsCount: here.length,
    fineItemsCount: 0,
    recallItemsCount: 0,
    unavailableHoldsCount: unavailable.length,
    patronIdentifier: request.patronIdentifier,
    ...(limit === undefined ? {} : { chargedItemsLimit: limit }),
    fineItems: [],
    recallItems: [],
    ...holdLists,
    ...lists,
    ...patronView(acs, standing, request.patronPassword),
  };
}

/** 35 → 36: nothing of the patron is kept between requests, so the session simply ends. */
export async function endPatronSession(
  acs: AcsRequest,
  request: MessageOf<'35'>,
): Promise<MessageOf<'36'>> {
  return {
    code: '36',
    endSession: true,
    ...answerBase(acs),
    patronIdentifier: request.patronIdentifier,
    screenMessage: say('sessionEnded', acs.terminal.language),
  };
}
