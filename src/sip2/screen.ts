/**
 * Screen messages (AF) of the SIP2 server, in the terminal's language. Refusals read exactly as
 * the HTTP API words them (`problemMessage`), prefixed with their stable code:
 * `[MEMBER_SUSPENDED] 2026-12-12까지 대출이 정지되어 있습니다 …`. Pure functions, no I/O.
 */
import { Temporal } from 'temporal-polyfill';
import { type Language, problemMessage, type Reason } from '../platform/errors.js';
import { DEFAULT_TIME_ZONE } from './fields.js';

type Params = Record<string, string | number | null | undefined>;

/** What the machine shows after something went right, or about the connection itself. */
const SENTENCES = {
  ko: {
    checkedOut: '대출되었습니다. 반납 예정일은 {dueDate}입니다.',
    renewed: '연장되었습니다. 새 반납 예정일은 {dueDate}입니다.',
    checkoutCancelled: '대출이 취소되었습니다.',
    returned: '반납되었습니다.',
    returnedLate:
      '반납되었습니다. {daysLate}일 늦은 반납이라 {until}까지 대출이 정지됩니다 ({resume}부터 다시 빌릴 수 있습니다).',
    canBorrow: '이 도서관에서 {here}권, 전체 도서관에서 {network}권 더 빌릴 수 있습니다.',
    renewedAll: '{renewed}권을 연장했습니다. 연장하지 못한 자료: {unrenewed}권.',
    sessionEnded: '이용해 주셔서 감사합니다.',
    loginRequired: '먼저 자가대출기 계정으로 로그인(SIP2 93)해야 합니다.',
    notSupported: '이 요청({command})은 지원하지 않습니다.',
    malformed: '요청을 읽을 수 없습니다 ({command}).',
    staffClearsBlocks: '자가대출기가 막은 카드는 직원만 해제할 수 있습니다.',
  },
  en: {
    checkedOut: 'Checked out. Due on {dueDate}.',
    renewed: 'Renewed. Now due on {dueDate}.',
    checkoutCancelled: 'The checkout was cancelled.',
    returned: 'Returned.',
    returnedLate:
      'Returned {daysLate} days late: borrowing is suspended until {until} (possible again from {resume}).',
    canBorrow: 'You can borrow {here} more here and {network} more across all libraries.',
    renewedAll: '{renewed} renewed. Not renewed: {unrenewed}.',
    sessionEnded: 'Thank you.',
    loginRequired: 'Log in with the terminal account first (SIP2 93).',
    notSupported: 'This request ({command}) is not supported.',
    malformed: 'The request could not be read ({command}).',
    staffClearsBlocks: 'Only staff can clear a block set by a self-check machine.',
  },
} as const satisfies Record<Language, Record<string, string>>;

export type Sentence = keyof (typeof SENTENCES)['ko'];

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** An instant as a person in Korea reads it: `2026-12-01 10:10`. */
export function localTime(iso: string): string {
  const zoned = Temporal.Instant.from(iso).toZonedDateTimeISO(DEFAULT_TIME_ZONE);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${zoned.toPlainDate().toString()} ${pad(zoned.hour)}:${pad(zoned.minute)}`;
}

/** Instants in parameters (a lock's end) are shown in Korean local time. */
function screenParams(params: Params | undefined): Params {
  return Object.fromEntries(
    Object.entries(params ?? {}).map(([key, value]) => [
      key,
      typeof value === 'string' && INSTANT.test(value) ? localTime(value) : value,
    ]),
  );
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? '—' : String(value);
  });
}

export function say(sentence: Sentence, language: Language, params: Params = {}): string {
  return fill(SENTENCES[language][sentence], params);
}

/** One refusal: `[CODE] sentence`. */
export function reasonText(reason: Reason, language: Language): string {
  return `[${reason.code}] ${problemMessage(reason.code, language, screenParams(reason.params))}`;
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
