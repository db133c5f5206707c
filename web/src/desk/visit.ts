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

/**
 * The member open at the loans page when staff went to another desk page (the hold shelf, F6, say),
 * found again on coming back: in this tab's memory only (never stored), for the same staff account,
 * the same day and a few minutes; "next member" (Esc) forgets it.
 */
let kept: { staffId: number; at: number; visit: Visit } | undefined;
const KEEP_MS = 10 * 60_000;

export function keepVisit(staffId: number, visit: Visit | undefined): void {
  kept = visit ? { staffId, at: Date.now(), visit } : undefined;
}

export function forgetVisit(): void {
  kept = undefined;
}

export function keptVisit(staffId: number, today: string): Visit | undefined {
  if (!kept) return undefined;
  const fresh = kept.staffId === staffId && Date.now() - kept.at < KEEP_MS;
  return fresh && kept.visit.day === today ? kept.visit : undefined;
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
