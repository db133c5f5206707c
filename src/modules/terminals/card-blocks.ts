import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, TerminalActor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { AppError } from '../../platform/errors.js';
import { findCard, heldByActor, isCurrentCard, lockMember } from '../members/index.js';

/**
 * A self-check machine may block a card (SIP2 "block patron", e.g. a card left in the machine or
 * a suspected misuse): from then on `presentCard` refuses it everywhere with CARD_BLOCKED, until staff
 * clear the block after checking. Machines never clear blocks.
 */

const MAX_REASON_LENGTH = 200;

export interface CardBlockResult {
  /** The card is blocked now (by this request or an earlier one). */
  blocked: boolean;
  /** This request set the block. */
  newlyBlocked: boolean;
}

export async function blockCardFromTerminal(
  context: AppContext,
  actor: TerminalActor,
  input: { cardNumber: string; reason: string; cardRetained: boolean },
): Promise<CardBlockResult> {
  const { card } = await findCard(context.db, input.cardNumber);
  if (card.status !== 'valid') return { blocked: card.blocked_at !== null, newlyBlocked: false };
  const now = context.clock.now();
  const reason = input.reason.trim().slice(0, MAX_REASON_LENGTH);
  return context.db.transaction().execute(async (tx) => {
    await lockMember(tx, card.member_id);
    const updated = await tx
      .updateTable('cards')
      .set({ blocked_at: now, blocked_reason: reason, blocked_by_terminal_id: actor.terminalId })
      .where('number', '=', card.number)
      .where('status', '=', 'valid')
      .where('blocked_at', 'is', null)
      .returning('number')
      .executeTakeFirst();
    if (!updated) return { blocked: true, newlyBlocked: false };
    await recordAudit(tx, actor, now, {
      action: 'card.blocked',
      subjectKind: 'card',
      subjectId: card.number,
      details: {
        memberId: card.member_id,
        terminalId: actor.terminalId,
        reason,
        cardRetained: input.cardRetained,
      },
    });
    return { blocked: true, newlyBlocked: true };
  });
}

export interface UnblockedCard {
  memberId: number;
  card: { number: string; status: 'valid' | 'lost'; blocked: false };
}

/**
 * Staff of a library that holds the member clear a machine's block after checking; recorded in
 * the audit log. Elsewhere the desk checks the member in first, from the card presented.
 */
export async function unblockCard(
  context: AppContext,
  actor: Actor,
  memberId: number,
): Promise<UnblockedCard> {
  authorize(actor, 'card.unblock', { heldHere: await heldByActor(context.db, actor, memberId) });
  const now = context.clock.now();
  return context.db.transaction().execute(async (tx) => {
    await lockMember(tx, memberId);
    const before = await tx
      .selectFrom('cards')
      .select(['number', 'status', 'blocked_at', 'blocked_reason', 'blocked_by_terminal_id'])
      .where('member_id', '=', memberId)
      .where(isCurrentCard('status'))
      .executeTakeFirst();
    if (!before || before.status === 'replaced') throw new AppError('NOT_FOUND');
    if (before.blocked_at === null)
      throw new AppError('CONFLICT', { reason: 'the card is not blocked' });
    await tx
      .updateTable('cards')
      .set({ blocked_at: null, blocked_reason: null, blocked_by_terminal_id: null })
      .where('number', '=', before.number)
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'card.unblocked',
      subjectKind: 'card',
      subjectId: before.number,
      details: {
        memberId,
        blockedAt: before.blocked_at.toISOString(),
        blockedByTerminalId: before.blocked_by_terminal_id,
        reason: before.blocked_reason,
      },
    });
    return { memberId, card: { number: before.number, status: before.status, blocked: false } };
  });
}
