import type { AppContext } from '../../app-context.js';
import type { SignedInTerminal } from '../../modules/terminals/index.js';
import { AppError, type Language, type Reason } from '../../platform/errors.js';
import { Language as SipLanguage } from '../codes.js';
import { formatSipDateTime } from '../fields.js';
import type { PatronSession } from './patron-session.js';

/** The library a terminal serves, as its answers name it (AO is the library's code). */
export interface TerminalLibrary {
  id: number;
  code: string;
  nameKo: string;
  nameEn: string;
  participating: boolean;
}

export interface AcsTerminal extends SignedInTerminal {
  library: TerminalLibrary;
}

/** One request as the ACS handles it: the service, the logged-in terminal, and "now". */
export interface AcsRequest {
  context: AppContext;
  terminal: AcsTerminal;
  now: Date;
  /** The connection's patron session (a PIN verified once per patron, not per message). */
  patron: PatronSession;
  /** The first refusal code counted while answering (the circulation metric's outcome). */
  refusal?: string;
}

export async function terminalLibrary(
  context: AppContext,
  libraryId: number,
): Promise<TerminalLibrary> {
  const library = await context.libraries.findById(libraryId);
  if (!library) throw new AppError('NOT_FOUND');
  return {
    id: library.id,
    code: library.code,
    nameKo: library.nameKo,
    nameEn: library.nameEn,
    participating: library.status === 'participating',
  };
}

/** The three-character language of responses 24, 26 and 64. */
export function sipLanguage(language: Language): string {
  return language === 'ko' ? SipLanguage.korean : SipLanguage.english;
}

/** The fields every answer carries: transaction date and institution id. */
export function answerBase(acs: AcsRequest) {
  return {
    transactionDate: formatSipDateTime(acs.now),
    institutionId: acs.terminal.library.code,
  };
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; reasons: Reason[] };

/** Runs a use case; a refusal (AppError) becomes its reasons, anything else is thrown on. */
export async function attempt<T>(run: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, reasons: error.reasons };
    throw error;
  }
}

/**
 * Counts a refused request for the operator's metrics, one per reason, by command, code and the
 * terminal's library (library_one_sip2_refusals_total).
 */
export function countRefusals(acs: AcsRequest, command: string, reasons: readonly Reason[]): void {
  const library = String(acs.terminal.library.id);
  acs.refusal ??= reasons[0]?.code;
  for (const { code } of reasons) acs.context.metrics.sip2Refusals.inc({ command, code, library });
}

/** The loans a machine makes, returns and renews, as the desk's are counted (library_one_circulation_total). */
const CIRCULATION: Readonly<Record<string, string>> = {
  '11': 'checkout',
  '09': 'return',
  '29': 'renewal',
};

/**
 * Counts a machine's checkout, return or renewal by its answer: `ok`, or the first refusal code
 * (`error` when it was refused with none, e.g. a cancel it does not support).
 */
export function countCirculation(acs: AcsRequest, command: string, answer: object): void {
  const action = CIRCULATION[command];
  if (!action) return;
  const ok = 'ok' in answer && answer.ok === true;
  const outcome = ok ? 'ok' : (acs.refusal ?? 'error');
  acs.context.metrics.circulation.inc({
    action,
    outcome,
    library: String(acs.terminal.library.id),
    channel: 'machine',
  });
}

/** A field the terminal left out but this request needs. */
export function missingField(field: string): Reason {
  return { code: 'VALIDATION_FAILED', params: { field, reason: 'is required' } };
}
