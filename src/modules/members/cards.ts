import { randomInt } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { jsonObjectFrom } from 'kysely/helpers/postgres';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize, authorizeStaff } from '../../platform/auth/authorize.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { compiledOnce, PREPARED } from '../../platform/db/prepared.js';
import { readTogether } from '../../platform/db/read-together.js';
import type { CardStatus, DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { queueNotice } from '../../platform/outbox.js';
import { generateCardNumber, isValidCardNumber, normalizeCardNumber } from './card-number.js';
import { isCurrentCard, lockMember, type MemberRow } from './repository.js';
import { heldByActor } from './scope.js';
import { missingCardError, missingCardRefusal } from './withdrawal.js';

export interface CardView {
  number: string;
  status: CardStatus;
  issuedAt: Date;
  issuedAtLibraryId: number;
  lostAt: Date | null;
  replacedAt: Date | null;
  blocked: boolean;
}

type CardRow = {
  number: string;
  status: CardStatus;
  issued_at: Date;
  issued_at_library_id: number;
  lost_at: Date | null;
  replaced_at: Date | null;
  blocked_at: Date | null;
};

export function toCardView(row: CardRow): CardView {
  return {
    number: row.number,
    status: row.status,
    issuedAt: row.issued_at,
    issuedAtLibraryId: row.issued_at_library_id,
    lostAt: row.lost_at,
    replacedAt: row.replaced_at,
    blocked: row.blocked_at !== null,
  };
}

/** Issues a new valid card inside the caller's transaction; a number collision draws again. */
export async function issueCard(
  tx: Kysely<DB>,
  memberId: number,
  libraryId: number,
  staffId: number | null,
  now: Date,
): Promise<CardRow> {
  for (let attempt = 0; ; attempt++) {
    const number = generateCardNumber(randomInt);
    const taken = await tx
      .selectFrom('cards')
      .select('number')
      .where('number', '=', number)
      .executeTakeFirst();
    const retired = !taken && (await missingCardRefusal(tx, number)) === 'CARD_REPLACED';
    if ((taken || retired) && attempt < 5) continue;
    return tx
      .insertInto('cards')
      .values({
        number,
        member_id: memberId,
        status: 'valid',
        issued_at: now,
        issued_at_library_id: libraryId,
        issued_by_staff_id: staffId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}

export interface ResolvedCard {
  card: CardRow & { member_id: number };
  member: MemberRow;
}

/** Finds a card and its member, whatever the card's state; a mistyped number is invalid, not unknown. */
export async function findCard(db: Kysely<DB>, rawNumber: string): Promise<ResolvedCard> {
  const number = normalizeCardNumber(rawNumber);
  if (!isValidCardNumber(number)) throw new AppError('CARD_NUMBER_INVALID');
  // One query for the card and its member: every self-check message about a patron starts here
  // (cards that machines present at once are read together, see `readCardTogether`).
  const row = await readCardTogether(db, number);
  if (!row) throw await missingCardError(db, number);
  return splitCardRow(row);
}

/** The query of a card (by its normalised number) and its member, the card's columns prefixed. */
export function cardWithMember(db: Kysely<DB>, number: string) {
  return cardsWithMembers(db).where('c.number', '=', number);
}

/** Cards with their members, the card's columns prefixed (`cardWithMember` without its card). */
function cardsWithMembers(db: Kysely<DB>) {
  return db
    .selectFrom('cards as c')
    .modifyFront(PREPARED)
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .selectAll('m')
    .select([
      'c.number as card_number',
      'c.member_id as card_member_id',
      'c.status as card_status',
      'c.issued_at as card_issued_at',
      'c.issued_at_library_id as card_issued_at_library_id',
      'c.issued_by_staff_id as card_issued_by_staff_id',
      'c.lost_at as card_lost_at',
      'c.replaced_at as card_replaced_at',
      'c.blocked_at as card_blocked_at',
      'c.blocked_reason as card_blocked_reason',
      'c.blocked_by_terminal_id as card_blocked_by_terminal_id',
    ]);
}

/**
 * A card scanned at a desk: the card and its member (`cardWithMember`), with the member's home
 * library and current card. The borrower standing reads it with the standing and the look's
 * audit events in one statement (`scan` of the standing query).
 */
export function scannedCardQuery(db: Kysely<DB>, number: string) {
  return cardWithMember(db, number).select((eb) => [
    jsonObjectFrom(
      eb
        .selectFrom('libraries as hl')
        .whereRef('hl.id', '=', 'm.home_library_id')
        .select(['hl.id', 'hl.name_ko', 'hl.name_en']),
    ).as('home'),
    jsonObjectFrom(
      eb
        .selectFrom('cards as cc')
        .whereRef('cc.member_id', '=', 'm.id')
        .where(isCurrentCard('cc.status'))
        .selectAll('cc'),
    ).as('current_card'),
  ]);
}

/** `cardWithMember` for several cards, compiled once (SIP2 messages about patrons read it). */
const cardsAndMembers = compiledOnce((db, numbers: string[]) =>
  cardsWithMembers(db).where('c.number', '=', sql<string>`any(${numbers}::text[])`),
);

/** Cards presented together (several machines' messages at once) read by one statement. */
const readCardTogether = readTogether(
  'card',
  async (db, numbers: string[]) => (await cardsAndMembers(db, numbers)).rows,
  (row) => row.card_number,
);

type CardMemberRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof cardWithMember>['executeTakeFirst']>>
>;

/** The card and the member of a `cardWithMember` row. */
export function splitCardRow<R extends CardMemberRow>(row: R): ResolvedCard {
  const {
    card_number,
    card_member_id,
    card_status,
    card_issued_at,
    card_issued_at_library_id,
    card_issued_by_staff_id,
    card_lost_at,
    card_replaced_at,
    card_blocked_at,
    card_blocked_reason,
    card_blocked_by_terminal_id,
    ...member
  } = row;
  const card = {
    number: card_number,
    member_id: card_member_id,
    status: card_status,
    issued_at: card_issued_at,
    issued_at_library_id: card_issued_at_library_id,
    issued_by_staff_id: card_issued_by_staff_id,
    lost_at: card_lost_at,
    replaced_at: card_replaced_at,
    blocked_at: card_blocked_at,
    blocked_reason: card_blocked_reason,
    blocked_by_terminal_id: card_blocked_by_terminal_id,
  };
  return { card, member: member satisfies MemberRow };
}

/** Why a presented card cannot be used (rules.md Cards), or null when it can. */
export function cardRefusal(
  card: { status: CardStatus; blocked: boolean },
  memberStatus: MemberRow['status'],
): 'CARD_LOST' | 'CARD_REPLACED' | 'CARD_BLOCKED' | 'MEMBER_WITHDRAWN' | null {
  if (card.status === 'lost') return 'CARD_LOST';
  if (card.status === 'replaced') return 'CARD_REPLACED';
  if (card.blocked) return 'CARD_BLOCKED';
  if (memberStatus === 'withdrawn') return 'MEMBER_WITHDRAWN';
  return null;
}

/** Every use of a card reported lost is flagged in the audit log (the use itself is refused). */
export async function flagLostCardUse(
  db: Kysely<DB>,
  actor: Actor | null,
  now: Date,
  card: { number: string; memberId: number },
  libraryId: number | null,
): Promise<void> {
  await recordAudit(db, actor, now, {
    action: 'card.lost_card_used',
    subjectKind: 'card',
    subjectId: card.number,
    libraryId,
    details: { memberId: card.memberId },
  });
}

/**
 * The card as a key to the service: lost, replaced and blocked cards are refused, and a lost
 * card's use is flagged in the audit log.
 */
export async function presentCard(
  db: Kysely<DB>,
  actor: Actor | null,
  now: Date,
  rawNumber: string,
  libraryId: number | null,
): Promise<ResolvedCard> {
  const resolved = await findCard(db, rawNumber);
  const { card } = resolved;
  const refusal = cardRefusal(
    { status: card.status, blocked: card.blocked_at !== null },
    resolved.member.status,
  );
  if (refusal === 'CARD_LOST') {
    await flagLostCardUse(
      db,
      actor,
      now,
      { number: card.number, memberId: card.member_id },
      libraryId,
    );
  }
  if (refusal) throw new AppError(refusal);
  return resolved;
}

/** Reported lost by the member (portal) or staff: from now on every use is refused and flagged. */
export async function reportCardLost(
  context: AppContext,
  actor: Actor,
  memberId: number,
): Promise<CardView> {
  if (actor.kind === 'member') authorize(actor, 'card.report-own-lost', { memberId });
  else
    authorize(actor, 'card.report-lost', {
      heldHere: await heldByActor(context.db, actor, memberId),
    });
  const now = context.clock.now();
  return context.db.transaction().execute(async (tx) => {
    const member = await lockMember(tx, memberId);
    const card = await tx
      .updateTable('cards')
      .set({ status: 'lost', lost_at: now })
      .where('member_id', '=', memberId)
      .where('status', '=', 'valid')
      .returningAll()
      .executeTakeFirst();
    if (!card) throw new AppError('CONFLICT', { reason: 'the member has no valid card' });
    await recordAudit(tx, actor, now, {
      action: 'card.reported_lost',
      subjectKind: 'card',
      subjectId: card.number,
      details: { memberId },
    });
    // Told at once: a report the member did not make is how they learn of it.
    await queueNotice(tx, now, context.clock.today(), {
      kind: 'card_lost',
      memberId,
      libraryId: actor.kind === 'staff' ? actor.libraryId : member.home_library_id,
    });
    return toCardView(card);
  });
}

/**
 * Reissue at a library where the member is checked in, after an ID check: a new number; the old
 * one answers CARD_REPLACED forever.
 */
export async function reissueCard(
  context: AppContext,
  actor: Actor,
  memberId: number,
  input: { idDocumentType: string },
): Promise<CardView> {
  const staff = authorizeStaff(actor, 'card.reissue', {
    heldHere: await heldByActor(context.db, actor, memberId),
  });
  const now = context.clock.now();
  try {
    return await context.db.transaction().execute(async (tx) => {
      const member = await lockMember(tx, memberId);
      if (member.status !== 'active')
        throw new AppError(member.status === 'pending' ? 'MEMBER_PENDING' : 'MEMBER_WITHDRAWN');
      const old = await tx
        .updateTable('cards')
        .set({ status: 'replaced', replaced_at: now })
        .where('member_id', '=', memberId)
        .where(isCurrentCard('status'))
        .returning('number')
        .executeTakeFirst();
      const card = await issueCard(tx, memberId, staff.libraryId, staff.staffId, now);
      await recordAudit(tx, actor, now, {
        action: 'card.reissued',
        subjectKind: 'card',
        subjectId: card.number,
        details: { memberId, replaced: old?.number ?? null, idDocumentType: input.idDocumentType },
      });
      await queueNotice(tx, now, context.clock.today(), {
        kind: 'card_issued',
        memberId,
        libraryId: staff.libraryId,
      });
      return toCardView(card);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', { reason: 'the card was changed at the same moment' });
    throw error;
  }
}

export async function cardHistory(db: Kysely<DB>, memberId: number): Promise<CardView[]> {
  const rows = await db
    .selectFrom('cards')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('issued_at')
    .execute();
  return rows.map(toCardView);
}
