import type { PutBackReason } from './db/schema.js';
import { conflictSentence, fillTemplate, validationSentence } from './i18n/messages.js';
import en from './i18n/problems.en.json' with { type: 'json' };
import ko from './i18n/problems.ko.json' with { type: 'json' };

/**
 * Stable, machine-readable refusal codes (rules.md "Stable error codes", plus a few of our own).
 * A catalog key with a dot is a code's other sentence (`ITEM_NOT_ON_LOAN.returnedToday`), no code.
 */
export type ProblemCode = Exclude<keyof typeof ko, `${string}.${string}`>;
type Sentence = keyof typeof ko;

export const PROBLEM_STATUS: Record<ProblemCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
  CARD_NUMBER_INVALID: 422,
  CARD_UNKNOWN: 404,
  CARD_LOST: 422,
  CARD_REPLACED: 422,
  CARD_BLOCKED: 422,
  MEMBER_PENDING: 422,
  MEMBER_WITHDRAWN: 422,
  DUPLICATE_MEMBER: 409,
  GUARDIAN_CONSENT_REQUIRED: 400,
  LIBRARY_NOT_PARTICIPATING: 422,
  CHECK_IN_REQUIRED: 422,
  MEMBER_SUSPENDED: 422,
  MEMBER_HAS_OVERDUE: 422,
  LIBRARY_LOAN_LIMIT: 422,
  NETWORK_LOAN_LIMIT: 422,
  LOAN_LIMIT_ABOVE_NETWORK: 422,
  ITEM_UNKNOWN: 404,
  ITEM_NOT_LOANABLE: 422,
  ITEM_ON_LOAN: 409,
  ITEM_NOT_ON_LOAN: 409,
  RETURN_AT_LENDING_LIBRARY_ONLY: 422,
  RENEWAL_LIMIT: 422,
  RENEWAL_OVERDUE: 422,
  RENEWAL_NOT_ONLINE: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  INVALID_CREDENTIALS: 401,
  SIGN_IN_LOCKED: 423,
  PIN_REQUIRED: 401,
  CONSENT_REQUIRED: 400,
  OPEN_LOANS: 409,
  CONFLICT: 409,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_READY: 503,
  ADDRESS_NOT_ALLOWED: 403,
  CLOSED_DAY_IN_PAST: 422,
  HOLD_NOT_NEEDED: 422,
  HOLD_DUPLICATE: 409,
  HOLD_LIMIT: 422,
  HOLD_QUEUE_FULL: 422,
  HOLD_BANNED: 422,
  ITEM_ON_HOLD: 409,
  RENEWAL_HELD: 422,
  REQUEST_HELD_HERE: 422,
  REQUEST_NOT_AVAILABLE: 422,
  REQUEST_LIMIT: 422,
  REQUEST_BANNED: 422,
  REQUEST_NOT_EXPECTED: 409,
};

export const PROBLEM_CODES = Object.keys(PROBLEM_STATUS) as ProblemCode[];

export type Language = 'ko' | 'en';
type Params = Record<string, string | number | null | undefined>;

const catalogs: Record<Language, Record<Sentence, string>> = { ko, en };

/**
 * The sentence a person reads for a code, in their language. A parameter may come in two
 * languages: `{library}` reads `libraryEn` in English when it is given; `{library|은/는}` adds the
 * particle that fits (es-hangul); dates read 2026년 12월 2일 (수). A validation failure names the
 * field in the reader's language (i18n/validation.json), a conflict says its reason in it.
 */
export function problemMessage(code: ProblemCode, language: Language, params: Params = {}): string {
  if (code === 'VALIDATION_FAILED') {
    const sentence = validationSentence(language, params);
    if (sentence) return sentence;
  }
  if (code === 'CONFLICT') {
    const sentence = conflictSentence(language, params);
    if (sentence) return sentence;
  }
  return fillTemplate(catalogs[language][sentenceOf(code, params)], language, params);
}

/** The sentence of a code: its own, or the one its facts call for. */
function sentenceOf(code: ProblemCode, params: Params): Sentence {
  // A requested copy: where its request has it (even when it was also returned today).
  if (code === 'ITEM_NOT_ON_LOAN' && params.requestState) return requestSentence(params);
  // Another library's copy astray here (in a request or not): whose it is, and where it goes.
  if (code === 'ITEM_UNKNOWN' && params.sendTo) {
    if (params.request !== 'none') return 'ITEM_UNKNOWN.requestAstray';
    // … scanned to lend it here: not ours to lend.
    return params.at === 'checkout' ? 'ITEM_UNKNOWN.otherLibrary' : 'ITEM_UNKNOWN.astray';
  }
  // Another library's copy at a machine's checkout: the member hands it to the desk.
  if (code === 'ITEM_UNKNOWN' && params.owner && params.atMachine === 'checkout')
    return 'ITEM_UNKNOWN.otherLibraryAtMachine';
  // … at a machine's return: the member hands it to the desk.
  if (code === 'ITEM_UNKNOWN' && params.owner && params.atMachine === 'checkin')
    return 'ITEM_UNKNOWN.astrayAtMachine';
  // The member's own loan of another library, asked to be renewed here: where it can be.
  if (code === 'ITEM_UNKNOWN' && params.renewAt) return 'ITEM_UNKNOWN.renewElsewhere';
  // This library's copy on loan to someone else, asked to be renewed on this card.
  if (code === 'ITEM_NOT_ON_LOAN' && params.renewal === 'notYours')
    return 'ITEM_NOT_ON_LOAN.notYours';
  // A barcode on copies of several other libraries: which ones.
  if (code === 'ITEM_UNKNOWN' && params.owners) return 'ITEM_UNKNOWN.shared';
  // This library's copy scanned on a request list with no request: it belongs on the shelf.
  if (code === 'ITEM_UNKNOWN' && params.request === 'none') return 'ITEM_UNKNOWN.notRequested';
  // … or a request lends another copy of its title: which one.
  if (code === 'ITEM_UNKNOWN' && params.request === 'otherCopy') return 'ITEM_UNKNOWN.otherCopy';
  // A member's card scanned where the item goes.
  if (code === 'ITEM_UNKNOWN' && params.scanned === 'card') return 'ITEM_UNKNOWN.card';
  // A requested copy at a machine's checkout: the member hands it to the desk.
  if ((code === 'ITEM_ON_HOLD' || code === 'ITEM_UNKNOWN') && params.atMachine === 'checkout')
    return `${code}.requestAtMachine`;
  // A requested copy scanned at a checkout: not to be lent here (yet), and where it goes.
  if (code === 'ITEM_ON_HOLD' && params.requestState) return reservedCopySentence(params);
  // A copy on the hold shelf scanned at a checkout: for whom, until when.
  if (code === 'ITEM_ON_HOLD' && params.heldFor) return 'ITEM_ON_HOLD.held';
  // A machine's stored return of a copy lent again since it went into the machine.
  if (code === 'ITEM_NOT_ON_LOAN' && params.storedReturn === 'lentSince')
    return 'ITEM_NOT_ON_LOAN.lentSinceStored';
  // A copy off the hold shelf scanned for return: why it goes back on the open shelf.
  if (code === 'ITEM_NOT_ON_LOAN' && isPutBackReason(params.putBack))
    return `ITEM_NOT_ON_LOAN.putBack.${params.putBack}`;
  // A copy scanned for return again the day it came back: say so, and where it goes.
  if (code === 'ITEM_NOT_ON_LOAN' && params.returnedOn) {
    if (params.heldFor) return 'ITEM_NOT_ON_LOAN.returnedTodayHeld';
    return 'ITEM_NOT_ON_LOAN.returnedToday';
  }
  // A copy on the hold shelf since an earlier day.
  if (code === 'ITEM_NOT_ON_LOAN' && params.heldFor) return 'ITEM_NOT_ON_LOAN.held';
  // A withdrawal refused for a suspension or an overdue book: when, or what, lets it go through.
  if (
    (code === 'MEMBER_SUSPENDED' || code === 'MEMBER_HAS_OVERDUE') &&
    params.refused === 'withdrawal'
  )
    return `${code}.withdrawal`;
  // A request list's scan (or a cancel) at the wrong step: where the copy's request is now.
  // A copy come home, or come to its pickup library, scanned in another list: which list it is.
  if (
    code === 'REQUEST_NOT_EXPECTED' &&
    params.state === 'returning' &&
    params.scannedAt === 'lender'
  )
    return 'REQUEST_NOT_EXPECTED.returningHome';
  if (code === 'REQUEST_NOT_EXPECTED' && params.state === 'sent' && params.scannedAt === 'pickup')
    return 'REQUEST_NOT_EXPECTED.sentHere';
  if (code === 'REQUEST_NOT_EXPECTED' && isRequestStep(params.state))
    return `REQUEST_NOT_EXPECTED.${params.state}`;
  // The person registered at a desk has applied online already: where they are verified.
  if (code === 'DUPLICATE_MEMBER' && params.existing === 'pending')
    return 'DUPLICATE_MEMBER.pending';
  // A library's desks looking up too many cards of members it does not hold.
  if (code === 'RATE_LIMITED' && params.limited === 'cardLookups')
    return 'RATE_LIMITED.cardLookups';
  // The current password typed to change a secret (no card number or username typed there).
  if (code === 'INVALID_CREDENTIALS' && params.account === 'staff')
    return 'INVALID_CREDENTIALS.staff';
  if (code === 'INVALID_CREDENTIALS' && params.secret === 'current')
    return 'INVALID_CREDENTIALS.current';
  // A number no member is kept for any more (its member withdrew), or a dead card typed to sign in.
  if (code === 'CARD_REPLACED' && params.card === 'retired') return 'CARD_REPLACED.retired';
  if ((code === 'CARD_LOST' || code === 'CARD_REPLACED') && params.signIn === 'card')
    return `${code}.signIn`;
  // A member's card locked: by wrong passwords or wrong PINs at machines, which count together.
  if (code === 'SIGN_IN_LOCKED' && params.account === 'member') return 'SIGN_IN_LOCKED.member';
  // The lending library named without a telephone number it has not given.
  if (code === 'RETURN_AT_LENDING_LIBRARY_ONLY' && !params.phone)
    return 'RETURN_AT_LENDING_LIBRARY_ONLY.noPhone';
  // A PIN asked of a member who has not chosen one yet.
  if (code === 'PIN_REQUIRED' && params.pin === 'notSet') return 'PIN_REQUIRED.notSet';
  // A wrong PIN at a self-check machine.
  if (code === 'INVALID_CREDENTIALS' && params.secret === 'pin') return 'INVALID_CREDENTIALS.pin';
  return code;
}

/** Why a copy is on the put-back list (`put_back_copies.reason`), each with its own sentence. */
const PUT_BACK_REASONS: Record<PutBackReason, true> = {
  cancelled: true,
  expired: true,
  withdrawn: true,
};

function isPutBackReason(reason: unknown): reason is PutBackReason {
  return typeof reason === 'string' && Object.hasOwn(PUT_BACK_REASONS, reason);
}

/** The steps of an inter-library request that a scan can find it at. */
const REQUEST_STEPS = ['requested', 'sent', 'arrived', 'collected', 'returning'] as const;

function isRequestStep(state: unknown): state is (typeof REQUEST_STEPS)[number] {
  return REQUEST_STEPS.includes(state as never);
}

/**
 * A requested copy that is not on loan, where its request has it: at its pickup library (to
 * receive, waiting for its member, to send home) or at the library lending it (to scan out and
 * send, to send, back home to receive).
 */
function requestSentence(params: Params): Sentence {
  const atLender = params.pickupLibrary !== undefined;
  switch (params.requestState) {
    case 'requested':
      return 'ITEM_NOT_ON_LOAN.requestToSendOut';
    case 'sent':
      return atLender ? 'ITEM_NOT_ON_LOAN.requestSent' : 'ITEM_NOT_ON_LOAN.requestNotReceived';
    case 'arrived':
      return 'ITEM_NOT_ON_LOAN.requestArrived';
    default:
      if (!params.sendTo) return 'ITEM_NOT_ON_LOAN.requestBackHome';
      return params.returnedOn
        ? 'ITEM_NOT_ON_LOAN.returnedTodayToSend'
        : 'ITEM_NOT_ON_LOAN.requestToSend';
  }
}

/**
 * A requested copy a checkout may not lend: at the library lending it (to scan out and send, to
 * send, to receive home) or at its pickup library (to receive, kept for another member).
 */
function reservedCopySentence(params: Params): Sentence {
  switch (params.requestState) {
    case 'requested':
      return 'ITEM_ON_HOLD.requestToSendOut';
    case 'sent':
      return params.pickupLibrary ? 'ITEM_ON_HOLD.requestSent' : 'ITEM_ON_HOLD.requestNotReceived';
    case 'arrived':
      return 'ITEM_ON_HOLD.requestArrived';
    default:
      return 'ITEM_ON_HOLD.requestBackHome';
  }
}

/** One reason a request is refused, with the facts a person needs to act on it. */
export interface Reason {
  code: ProblemCode;
  params?: Params;
}

/**
 * The one error type of the service. It carries one or more reasons (a checkout refusal lists all
 * that apply); the first decides the HTTP status.
 */
export class AppError extends Error {
  readonly reasons: Reason[];
  /** A more precise HTTP status than the code's own (415 for a wrong content type, say). */
  statusOverride: number | undefined;

  constructor(code: ProblemCode, params: Params = {}) {
    super(code);
    this.name = 'AppError';
    this.reasons = [{ code, params }];
  }

  static of(reasons: Reason[]): AppError {
    const [first, ...rest] = reasons;
    if (!first) throw new Error('AppError.of needs at least one reason');
    const error = new AppError(first.code, first.params);
    error.reasons.push(...rest);
    return error;
  }

  get code(): ProblemCode {
    return this.reasons[0]!.code;
  }

  get status(): number {
    return this.statusOverride ?? PROBLEM_STATUS[this.code];
  }
}

export function validationFailed(field: string, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', { field, reason });
}

export function pickLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'ko';
  for (const part of acceptLanguage.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'ko') return 'ko';
    if (tag === 'en') return 'en';
  }
  return 'ko';
}
