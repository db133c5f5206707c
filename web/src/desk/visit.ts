import { answer, api } from '../api/client';
import type { Card, CirculationStatus, Member } from '../api/types';
import type { ReceiptLine } from './Receipt';

/** The member at the desk: their card, status and what this visit lent and renewed. */
export interface Visit {
  cardNumber: string;
  card: Card;
  member: Member;
  status: CirculationStatus | undefined;
  lines: ReceiptLine[];
  day: string;
  /** The card this visit just issued in place of a lost one (shown at once, with its barcode). */
  reissued?: string | undefined;
}

/** The member's loans across the network, as the desk may see them. */
export function loansOf(memberId: number): Promise<CirculationStatus> {
  return answer(api.GET('/api/v1/members/{memberId}/loans', { params: { path: { memberId } } }));
}

/**
 * The card scanned: the card, its member and — where this library holds the member — their
 * network status, all in the one answer (before a check-in the desk sees no loans).
 */
export async function loadVisit(cardNumber: string) {
  const { status, ...found } = await answer(
    api.GET('/api/v1/cards/{cardNumber}', { params: { path: { cardNumber } } }),
  );
  return { ...found, status };
}
