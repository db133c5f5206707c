import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
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
  hold: true,
});

/** How long a terminal should wait for an answer, in tenths of a second (98 timeout period). */
const TIMEOUT_TENTHS = 100;
const RETRIES_ALLOWED = 3;

/** How long the status probe waits for the database before saying off-line. */
export const PROBE_TIMEOUT_MS = 2_000;

/** Whether the database answers a trivial query in time: the ACS is on-line only then. */
export async function databaseAnswers(
  db: Kysely<DB>,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * 99 → 98. On-line while the database answers (`online`); off-line (on-line status N, nothing
 * allowed) while it does not, so machines tell patrons to come back or see the desk. On-line,
 * checkin and checkout are announced once the terminal is logged in, checkout only at a
 * participating library; renewals by the terminal are allowed (ACS renewal policy Y); no item
 * status updates, no off-line transactions.
 */
export function acsStatus(
  terminal: AcsTerminal | null,
  transactionDate: string,
  online = true,
): MessageOf<'98'> {
  const library = terminal?.library;
  return {
    code: '98',
    onlineStatus: online,
    checkinOk: online && terminal !== null,
    checkoutOk: online && library?.participating === true,
    acsRenewalPolicy: online,
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
