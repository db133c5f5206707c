import { supportedMessages } from '../fields.js';
import type { MessageOf } from '../messages.js';
import type { AcsTerminal } from './session.js';

/** What this ACS answers (BX of message 98). */
export const SUPPORTED = supportedMessages({
  patronStatusRequest: true,
  checkout: true,
  checkin: true,
  blockPatron: true,
  scAcsStatus: true,
  requestScAcsResend: true,
  login: true,
  patronInformation: true,
  endPatronSession: true,
  itemInformation: true,
  patronEnable: true,
  renew: true,
  renewAll: true,
});

/** How long a terminal should wait for an answer, in tenths of a second (98 timeout period). */
const TIMEOUT_TENTHS = 100;
const RETRIES_ALLOWED = 3;

/**
 * 99 → 98. On-line always (there is no off-line mode); checkin and checkout are announced once
 * the terminal is logged in, checkout only at a participating library; renewals by the terminal
 * are allowed (ACS renewal policy Y); no item status updates, no off-line transactions.
 */
export function acsStatus(terminal: AcsTerminal | null, transactionDate: string): MessageOf<'98'> {
  const library = terminal?.library;
  return {
    code: '98',
    onlineStatus: true,
    checkinOk: terminal !== null,
    checkoutOk: library?.participating === true,
    acsRenewalPolicy: true,
    statusUpdateOk: false,
    offlineOk: false,
    timeoutPeriod: TIMEOUT_TENTHS,
    retriesAllowed: RETRIES_ALLOWED,
    dateTimeSync: transactionDate,
    protocolVersion: '2.00',
    institutionId: library?.code ?? '',
    ...(library && terminal
      ? { libraryName: terminal.language === 'ko' ? library.nameKo : library.nameEn }
      : {}),
    supportedMessages: SUPPORTED,
    ...(terminal ? { terminalLocation: terminal.username } : {}),
  };
}
