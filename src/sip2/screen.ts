/**
 * Screen messages (AF) of the SIP2 server, in the terminal's language. Refusals read exactly as
 * the HTTP API words them (`problemMessage`), prefixed with their stable code:
 * `[MEMBER_SUSPENDED] 2026년 12월 12일 (토)까지 대출이 정지되어 있습니다 …`. Dates and times
 * are written for the person at the machine (2026년 12월 15일 (화), 10:10 Korean time); the
 * fixed fields (AH due date, transaction dates) keep the protocol's own format. Pure functions.
 */
import { type Language, problemMessage, type Reason } from '../platform/errors.js';
import { fillTemplate } from '../platform/i18n/messages.js';

type Params = Record<string, string | number | null | undefined>;

/** What the machine shows after something went right, or about the connection itself. */
const SENTENCES = {
  ko: {
    checkedOut: '대출되었습니다. 반납 예정일은 {dueDate}입니다.',
    renewed: '연장되었습니다. 새 반납 예정일은 {dueDate}입니다.',
    alreadyLent: '오늘 이미 빌린 자료입니다. 반납 예정일은 {dueDate}입니다.',
    alreadyRenewed: '오늘 이미 연장한 자료입니다. 반납 예정일은 {dueDate}입니다.',
    checkoutCancelled: '대출이 취소되었습니다.',
    returned: '반납되었습니다.',
    returnedLate:
      '반납되었습니다. {daysLate}일 늦은 반납이라 {until}까지 대출이 정지됩니다 ({resume}부터 다시 빌릴 수 있습니다).',
    canBorrow: '이 도서관에서 {here}권, 전체 도서관에서 {network}권 더 빌릴 수 있습니다.',
    renewedAll: '{renewed}권을 연장했습니다. 연장하지 못한 자료: {unrenewed}권.',
    sessionEnded: '이용해 주셔서 감사합니다.',
    loginRequired:
      '이 기기가 도서관 시스템에 연결되어 있지 않습니다. 안내데스크에 알려 주세요. (기기 계정 로그인 필요: SIP2 93)',
    notSupported:
      '이 기기에서는 할 수 없는 일입니다. 안내데스크에 문의해 주세요. (지원하지 않는 요청 {command})',
    malformed:
      '기기의 요청을 읽지 못했습니다. 다시 해 보고, 안 되면 안내데스크에 알려 주세요. (요청을 읽을 수 없습니다: {command})',
    staffClearsBlocks: '자가대출기가 막은 카드는 직원만 해제할 수 있습니다.',
    holdPlaced: '예약되었습니다. 대기 순번은 {position}번입니다.',
    holdCancelled: '예약이 취소되었습니다.',
    alreadyHeld: '오늘 이미 예약한 자료입니다. 대기 순번은 {position}번입니다.',
    alreadyHeldReady: '오늘 이미 예약한 자료입니다. 지금 찾아갈 수 있습니다 ({until}까지 보관).',
    alreadyCancelled: '오늘 이미 취소한 예약입니다.',
    onHoldShelf: '예약 도서 — 보관: {name} 님, {until}까지.',
    alreadyReturned: '오늘 이미 반납된 자료입니다.',
    holdsReady: '찾아갈 예약 도서가 {count}권 있습니다.',
  },
  en: {
    checkedOut: 'Checked out. Due on {dueDate}.',
    renewed: 'Renewed. Now due on {dueDate}.',
    alreadyLent: 'You borrowed this item today already. Due on {dueDate}.',
    alreadyRenewed: 'You renewed this item today already. Due on {dueDate}.',
    checkoutCancelled: 'The checkout was cancelled.',
    returned: 'Returned.',
    returnedLate:
      'Returned {daysLate} days late: borrowing is suspended until {until} (possible again from {resume}).',
    canBorrow: 'You can borrow {here} more here and {network} more across all libraries.',
    renewedAll: '{renewed} renewed. Not renewed: {unrenewed}.',
    sessionEnded: 'Thank you.',
    loginRequired:
      'This machine is not connected to the library system. Please tell the desk. (terminal login needed: SIP2 93)',
    notSupported:
      'This cannot be done at this machine. Please ask at the desk. (request {command} is not supported)',
    malformed:
      "The machine's request could not be read. Try again, and tell the desk if it happens again. (request {command} could not be read)",
    staffClearsBlocks: 'Only staff can clear a block set by a self-check machine.',
    holdPlaced: 'Hold placed. You are number {position} in line.',
    holdCancelled: 'Hold cancelled.',
    alreadyHeld: 'You placed this hold today already. You are number {position} in line.',
    alreadyHeldReady: 'You placed this hold today already. It is ready for you until {until}.',
    alreadyCancelled: 'You cancelled this hold today already.',
    onHoldShelf: 'On hold — put on the hold shelf: {name}, until {until}.',
    alreadyReturned: 'This item was returned today already.',
    holdsReady: '{count} held items are ready for you.',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type Sentence = keyof (typeof SENTENCES)['ko'];

export function say(sentence: Sentence, language: Language, params: Params = {}): string {
  return fillTemplate(SENTENCES[language][sentence], language, params);
}

/** One refusal: `[CODE] sentence`. */
export function reasonText(reason: Reason, language: Language): string {
  return `[${reason.code}] ${problemMessage(reason.code, language, reason.params)}`;
}

/** Every refusal that applies, in order, on one screen line. */
export function refusalText(reasons: readonly Reason[], language: Language): string {
  return reasons.map((reason) => reasonText(reason, language)).join(' / ');
}

/** Several pieces of a screen message, skipping empty ones. */
export function joinScreen(...parts: (string | undefined)[]): string | undefined {
  const text = parts.filter((part) => part !== undefined && part !== '').join(' / ');
  return text === '' ? undefined : text;
}
