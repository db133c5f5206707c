import type { i18n as I18n } from 'i18next';
import { sentenceOf } from '../api/client';
import type { CirculationStatus } from '../api/types';

type OpenLoan = CirculationStatus['openLoans'][number];

/** Codes said by a short sentence where a renewal button would be (the whole refusal is long). */
const RENEWAL_HINTS: Record<string, string> = {
  RENEWAL_OVERDUE: 'overdue',
  MEMBER_SUSPENDED: 'suspended',
  RENEWAL_NOT_ONLINE: 'notOnline',
  RENEWAL_LIMIT: 'limit',
};

/**
 * Why the server says this loan may not be renewed (its rules decide, not the page): each reason
 * once, as a short sentence where there is one, else as the server's own in the page's language.
 */
export function renewalRefusalSentences(loan: OpenLoan, i18n: I18n): string[] {
  const sentences = (loan.renewalRefusals ?? []).map((reason) => {
    const hint = RENEWAL_HINTS[reason.code];
    return hint ? i18n.t(`loans.cannotRenew.${hint}`) : sentenceOf(reason, i18n.language);
  });
  return [...new Set(sentences)];
}
