import { buildPatronInformationResponse } from '../codec.js';
import { CirculationStatus, SecurityMarker } from '../codes.js';
import { patronStatus } from '../fields.js';
import type { Sip2Message } from '../messages.js';

/**
 * The well-formed negative answer to any request the ACS will not carry out — before login,
 * for a message we have no use for (hold 15, item status update 19, fee paid 37), for a request
 * cut short, or after an unexpected error — so a terminal is never left without an answer.
 */

export interface NegativeContext {
  transactionDate: string;
  institutionId: string;
  /** Three-character language of 24, 26 and 64. */
  language: string;
  screenMessage: string;
}

/** What the request said that its answer repeats (empty when it could not be read). */
export interface RequestEcho {
  patronIdentifier?: string | undefined;
  itemIdentifier?: string | undefined;
}

const ALL_DENIED = patronStatus({
  chargePrivilegesDenied: true,
  renewalPrivilegesDenied: true,
  recallPrivilegesDenied: true,
  holdPrivilegesDenied: true,
});

/** Reads AA and AB from a decoded request, whatever its type. */
export function echoOf(message: Sip2Message): RequestEcho {
  if (message.code === 'unsupported') {
    const field = (id: string) => message.fields.find((f) => f.id === id)?.value;
    return { patronIdentifier: field('AA'), itemIdentifier: field('AB') };
  }
  const record = message as { patronIdentifier?: unknown; itemIdentifier?: unknown };
  return {
    patronIdentifier:
      typeof record.patronIdentifier === 'string' ? record.patronIdentifier : undefined,
    itemIdentifier: typeof record.itemIdentifier === 'string' ? record.itemIdentifier : undefined,
  };
}

function patronAnswers(command: string, base: NegativeContext, patronIdentifier: string) {
  const { transactionDate, institutionId, language, screenMessage } = base;
  const patron = {
    patronStatus: ALL_DENIED,
    language,
    transactionDate,
    institutionId,
    patronIdentifier,
    personalName: '',
    validPatron: false,
    screenMessage,
  };
  if (command === '23' || command === '01') return { code: '24' as const, ...patron };
  if (command === '25') return { code: '26' as const, ...patron };
  if (command !== '63') return undefined;
  // The builder's defaults: every count 0, every item list empty.
  return buildPatronInformationResponse(patron);
}

function itemAnswers(
  command: string,
  base: NegativeContext,
  echo: RequestEcho,
): Sip2Message | undefined {
  const { transactionDate, institutionId, screenMessage } = base;
  const patronIdentifier = echo.patronIdentifier ?? '';
  const itemIdentifier = echo.itemIdentifier ?? '';
  const loan = {
    ok: false,
    renewalOk: false,
    magneticMedia: null,
    desensitize: false,
    transactionDate,
    institutionId,
    patronIdentifier,
    itemIdentifier,
    titleIdentifier: '',
    dueDate: '',
    screenMessage,
  };
  switch (command) {
    case '11':
      return { code: '12', ...loan };
    case '29':
      return { code: '30', ...loan };
    case '09':
      return {
        code: '10',
        ok: false,
        resensitize: false,
        magneticMedia: null,
        alert: false,
        transactionDate,
        institutionId,
        itemIdentifier,
        permanentLocation: institutionId,
        screenMessage,
      };
    case '17':
      return {
        code: '18',
        circulationStatus: CirculationStatus.other,
        securityMarker: SecurityMarker.other,
        feeType: '01',
        transactionDate,
        itemIdentifier,
        titleIdentifier: '',
        screenMessage,
      };
    default:
      return undefined;
  }
}

function sessionAnswers(
  command: string,
  base: NegativeContext,
  echo: RequestEcho,
): Sip2Message | undefined {
  const { transactionDate, institutionId, screenMessage } = base;
  switch (command) {
    case '93':
      return { code: '94', ok: false };
    case '35':
      return {
        code: '36',
        endSession: false,
        transactionDate,
        institutionId,
        patronIdentifier: echo.patronIdentifier ?? '',
        screenMessage,
      };
    case '65':
      return {
        code: '66',
        ok: false,
        renewedCount: 0,
        unrenewedCount: 0,
        transactionDate,
        institutionId,
        renewedItems: [],
        unrenewedItems: [],
        screenMessage,
      };
    default:
      return undefined;
  }
}

/** Hold (15 → 16), item status update (19 → 20), fee paid (37 → 38): refused, in spec layout. */
function unsupportedAnswers(
  command: string,
  base: NegativeContext,
  echo: RequestEcho,
): Sip2Message | undefined {
  const { transactionDate, institutionId, screenMessage } = base;
  const af = { id: 'AF', value: screenMessage };
  const ao = { id: 'AO', value: institutionId };
  const aa = { id: 'AA', value: echo.patronIdentifier ?? '' };
  const ab = { id: 'AB', value: echo.itemIdentifier ?? '' };
  switch (command) {
    case '15': // ok 0, available N
      return {
        code: '16',
        ok: false,
        available: false,
        transactionDate,
        institutionId,
        patronIdentifier: echo.patronIdentifier ?? '',
        screenMessage,
      };
    case '19': // item properties ok 0
      return {
        code: 'unsupported',
        commandIdentifier: '20',
        fixed: `0${transactionDate}`,
        fields: [ab, af],
      };
    case '37': // payment accepted N
      return {
        code: 'unsupported',
        commandIdentifier: '38',
        fixed: `N${transactionDate}`,
        fields: [ao, aa, af],
      };
    default:
      return undefined;
  }
}

/** The negative answer to `command`, or undefined when it is not a request we can answer. */
export function negativeAnswer(
  command: string,
  base: NegativeContext,
  echo: RequestEcho = {},
): Sip2Message | undefined {
  return (
    patronAnswers(command, base, echo.patronIdentifier ?? '') ??
    itemAnswers(command, base, echo) ??
    sessionAnswers(command, base, echo) ??
    unsupportedAnswers(command, base, echo)
  );
}
