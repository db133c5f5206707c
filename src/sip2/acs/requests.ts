import { codeOfLibrary, requestCheckin } from '../../modules/requests/index.js';
import type { Language, Reason } from '../../platform/errors.js';
import { fillTemplate } from '../../platform/i18n/messages.js';
import type { MessageOf } from '../messages.js';
import { say as sayOnScreen } from '../screen.js';
import type { AcsRequest } from './session.js';

/**
 * Inter-library requests at a self-check machine (rules.md "Inter-library requests"): the
 * check-in of a requested copy, and the requested items of 63 Patron Information.
 */

const SENTENCES = {
  ko: {
    arrived: '상호대차 도착 자료입니다. 신청한 회원이 찾아갈 수 있도록 예약 서가에 두세요.',
    transit: '상호대차 자료입니다. {library|으로/로} 보내 주세요.',
    pullList: '상호대차 신청된 자료입니다. 발송 스캔을 하고 {library|으로/로} 보내 주세요.',
    home: '상호대차 자료가 소장 도서관에 돌아왔습니다. 서가에 두세요.',
  },
  en: {
    arrived: 'A requested copy has arrived: put it on the pickup shelf for its member.',
    transit: 'A requested copy: send it to {library}.',
    pullList: 'A copy requested by another library: scan it out and send it to {library}.',
    home: 'A requested copy is back home: put it on the shelf.',
  },
} as const satisfies Record<Language, Record<string, string>>;

function say(
  sentence: keyof (typeof SENTENCES)['ko'],
  language: Language,
  library?: { nameKo: string; nameEn: string },
) {
  return fillTemplate(SENTENCES[language][sentence], language, {
    library: library?.nameKo,
    libraryEn: library?.nameEn,
  });
}

/**
 * SIP2 2.00 alert types (CV): 01 hold for this library, 02 hold for another library (a request
 * reserved the copy, to be scanned out at the desk before it travels), 04 send to another library.
 */
const ALERT_HOLD_HERE = '01';
const ALERT_HOLD_ELSEWHERE = '02';
const ALERT_SEND_ELSEWHERE = '04';

/**
 * 09 of a copy that is not on loan here: the request it belongs to decides — arrived at its pickup
 * library (received, alert 01), to be sent on (alert 04 with CT its destination) or back home
 * (received home). Null when no request concerns it.
 */
export async function requestCheckinAnswer(
  acs: AcsRequest,
  answer: MessageOf<'10'>,
): Promise<MessageOf<'10'> | null> {
  const language = acs.terminal.language;
  const found = await requestCheckin(acs.context, acs.terminal.actor, answer.itemIdentifier);
  if (!found) return null;
  const base = { ...answer, ok: true, titleIdentifier: found.title };
  if (found.kind === 'home')
    return { ...base, resensitize: true, screenMessage: say('home', language) };
  if (found.kind === 'arrived') return arrivedAnswer(acs, base);
  if (found.returnedHereToday) {
    // The 09 of its return sent again: answered as that return was (resensitize, the transit).
    const again = {
      ...base,
      resensitize: true,
      screenMessage: sayOnScreen('alreadyReturned', language),
    };
    return returnedInTransit(acs, again, found.to);
  }
  return {
    ...base,
    alert: true,
    alertType: ALERT_SEND_ELSEWHERE,
    destinationLocation: found.to.code,
    screenMessage: say('transit', language, found.to),
  };
}

/**
 * 09 of a requested copy already received here and waiting for its member (the 09 that received
 * it sent again, or the copy put through a machine later): answered as its arrival was, from the
 * return's refusal (`ITEM_NOT_ON_LOAN` with `requestState` arrived), with nothing written.
 */
export function arrivedEarlierAnswer(
  acs: AcsRequest,
  answer: MessageOf<'10'>,
  reasons: readonly Reason[],
): MessageOf<'10'> | null {
  const copy = reasons.find(
    (r) => r.code === 'ITEM_NOT_ON_LOAN' && r.params?.requestState === 'arrived',
  )?.params;
  if (!copy) return null;
  return arrivedAnswer(acs, { ...answer, ok: true, titleIdentifier: String(copy.title ?? '') });
}

/**
 * 09 of this library's copy on the pull list: a request of another library reserved it while it
 * was on the shelf (or since its return today). Not to be shelved, nor put in the courier's box
 * before the desk scans it out: the hold-for-another-library alert (02) and CT the pickup
 * library, so that a sorter puts it with the copies for staff. Its return today, sent again,
 * stays answered as returned (ok, resensitize); otherwise nothing was returned (ok = 0).
 */
export async function pullListAnswer(
  acs: AcsRequest,
  answer: MessageOf<'10'>,
  reasons: readonly Reason[],
  refusalScreen: () => string,
): Promise<MessageOf<'10'> | null> {
  const copy = reasons.find(
    (r) => r.code === 'ITEM_NOT_ON_LOAN' && r.params?.requestState === 'requested',
  )?.params;
  if (copy?.pickupLibraryId === undefined) return null;
  const language = acs.terminal.language;
  const pickup = { nameKo: String(copy.pickupLibrary), nameEn: String(copy.pickupLibraryEn) };
  const alert = {
    alert: true,
    alertType: ALERT_HOLD_ELSEWHERE,
    destinationLocation: await codeOfLibrary(acs.context.db, Number(copy.pickupLibraryId)),
    titleIdentifier: String(copy.title ?? ''),
  };
  if (!copy.returnedOn) return { ...answer, ...alert, screenMessage: refusalScreen() };
  return {
    ...answer,
    ...alert,
    ok: true,
    resensitize: true,
    screenMessage:
      `${sayOnScreen('alreadyReturned', language)} ${say('pullList', language, pickup)}`.trim(),
  };
}

/**
 * 09 refused because the copy goes to another library: another library's requested copy astray
 * here (a courier's misdelivery; `ITEM_UNKNOWN` with `sendToLibraryId` — its pickup library, or
 * home once its loan has ended), or a copy on loan from one other library, to be returned there
 * (`RETURN_AT_LENDING_LIBRARY_ONLY` with `libraryId`). Still refused (ok = 0: nothing is returned
 * or received here), with the in-transit alert (04) and CT that library's code, so that a sorter
 * puts it in that library's bin. Null for any other refusal, or when the barcode names copies on
 * loan at several libraries.
 */
export async function transitAlert(
  acs: AcsRequest,
  reasons: readonly Reason[],
): Promise<Pick<
  MessageOf<'10'>,
  'alert' | 'alertType' | 'destinationLocation' | 'titleIdentifier'
> | null> {
  const astray = reasons.find((r) => r.code === 'ITEM_UNKNOWN' && r.params?.sendToLibraryId);
  const lenders = reasons.filter((r) => r.code === 'RETURN_AT_LENDING_LIBRARY_ONLY');
  const id = astray
    ? astray.params?.sendToLibraryId
    : lenders.length === 1
      ? lenders[0]?.params?.libraryId
      : undefined;
  if (id === undefined) return null;
  return {
    alert: true,
    alertType: ALERT_SEND_ELSEWHERE,
    destinationLocation: await codeOfLibrary(acs.context.db, Number(id)),
    // An astray copy is not this library's: its title comes with the refusal.
    ...(astray?.params?.title ? { titleIdentifier: String(astray.params.title) } : {}),
  };
}

/** A requested copy at its pickup library: to the pickup shelf (alert 01, hold for this library). */
function arrivedAnswer(acs: AcsRequest, answer: MessageOf<'10'>): MessageOf<'10'> {
  return {
    ...answer,
    alert: true,
    alertType: ALERT_HOLD_HERE,
    destinationLocation: acs.terminal.library.code,
    screenMessage: say('arrived', acs.terminal.language),
  };
}

/** A returned inter-library loan that travels home: the in-transit alert with its destination. */
export function returnedInTransit(
  acs: AcsRequest,
  answer: MessageOf<'10'>,
  to: { nameKo: string; nameEn: string; code: string },
): MessageOf<'10'> {
  return {
    ...answer,
    alert: true,
    alertType: ALERT_SEND_ELSEWHERE,
    destinationLocation: to.code,
    screenMessage:
      `${answer.screenMessage ?? ''} ${say('transit', acs.terminal.language, to)}`.trim(),
  };
}
