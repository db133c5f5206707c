import { type RawBuilder, sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { auditRow, recordAudit } from '../../platform/audit.js';
import type { Actor, StaffActor } from '../../platform/auth/actor.js';
import { countInWindow } from '../../platform/auth/attempts.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { CardStatus } from '../../platform/db/schema.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { cardScan, statusViewed } from '../circulation/index.js';
import { isValidCardNumber, normalizeCardNumber } from './card-number.js';
import { type CardView, cardHistory, splitCardRow, toCardView } from './cards.js';
import { normalizeName, normalizePhone } from './domain.js';
import { coversLibrary, isCheckedInAt, loadMember, type MemberRow } from './repository.js';
import { heldByActor } from './scope.js';
import { fullView, fullViewOf, limitedView, limitedViewOf } from './views.js';
import { missingCardError } from './withdrawal.js';

/** The desk's look-ups of members and cards, each audited; what is shown follows the privacy split. */

/** What staff of the actor's library may see of a member, with the view recorded in the audit log. */
export async function viewForStaff(context: AppContext, actor: StaffActor, member: MemberRow) {
  const checkedIn = await isCheckedInAt(context.db, member.id, actor.libraryId);
  await recordAudit(context.db, actor, context.clock.now(), {
    action: 'member.viewed',
    subjectKind: 'member',
    subjectId: member.id,
    details: { visibility: checkedIn ? 'full' : 'limited' },
  });
  return checkedIn
    ? fullView(context.db, member, context.clock.today(), true)
    : limitedView(context.db, member, context.clock.today());
}

/**
 * Members by phone, or by name and birth date (withdrawn ones left out): only members the
 * desk's library holds (home, group or checked in) — a library that does not hold a member
 * finds them only by the card they present.
 */
export async function searchMembers(context: AppContext, actor: StaffActor, query: PersonSearch) {
  const searched = searchedPerson(query);
  const rows = await context.db
    .selectFrom('members as m')
    .selectAll('m')
    .where('m.status', '<>', 'withdrawn')
    .where(coversLibrary(sql<number>`m.id`, actor.libraryId))
    .where(searched)
    .limit(20)
    .execute();
  const members = await Promise.all(rows.map((m) => viewForStaff(context, actor, m)));
  return {
    members,
    appliedAt: rows.length > 0 ? [] : await applicationsElsewhere(context, searched),
  };
}

type PersonSearch = {
  phone?: string | undefined;
  name?: string | undefined;
  birthDate?: string | undefined;
};

/** The search's condition on `members as m`: the phone, or the name and the birth date. */
function searchedPerson({ phone, name, birthDate }: PersonSearch) {
  if (phone) return sql<boolean>`m.phone = ${normalizePhone(phone)}`;
  if (name && birthDate)
    return sql<boolean>`m.name = ${normalizeName(name)} and m.birth_date = ${birthDate}`;
  throw validationFailed('querystring', 'give a phone number, or a name and a birth date');
}

/**
 * Where someone matching the search applied online, when no member here matches: only the home
 * libraries' names (no one's data), since an applicant is verified at their home library alone
 * and registering them here again would be refused as the same person (DUPLICATE_MEMBER, which
 * names the library as well).
 */
async function applicationsElsewhere(context: AppContext, searched: RawBuilder<boolean>) {
  const rows = await context.db
    .selectFrom('members as m')
    .innerJoin('libraries as l', 'l.id', 'm.home_library_id')
    .select(['l.id', 'l.name_ko', 'l.name_en'])
    .distinct()
    .where('m.status', '=', 'pending')
    .where(searched)
    .orderBy('l.id')
    .limit(3)
    .execute();
  return rows.map((l) => ({ id: l.id, nameKo: l.name_ko, nameEn: l.name_en }));
}

/** One member by id: only for staff of a library that holds the member. */
export async function memberForDesk(context: AppContext, actor: StaffActor, memberId: number) {
  authorize(actor, 'member.view', { heldHere: await heldByActor(context.db, actor, memberId) });
  return viewForStaff(context, actor, await loadMember(context.db, memberId));
}

/**
 * A card scanned at the desk, with its member; a lost card's use is flagged in the audit log.
 * The card in hand is what lets a library that does not hold the member see the limited view
 * (name, masked contact, status) and offer the check-in. Where the library holds the member, the
 * answer carries the member's network status too, as GET /members/{id}/loans answers it, so the
 * desk needs no second look. One statement reads the card with its member, their home library,
 * current card and standing, and records the look: the member viewed and their status viewed
 * (the same two events as the two looks) where the library holds them, the limited view where it
 * does not. The events are about the card's member, whose id (and pseudonym) the statement reads.
 */
export async function scanCard(context: AppContext, actor: StaffActor, cardNumber: string) {
  const { db, clock } = context;
  const number = normalizeCardNumber(cardNumber);
  if (!isValidCardNumber(number)) throw new AppError('CARD_NUMBER_INVALID');
  authorize(actor, 'member.scan-card', { cardPresented: true });
  const now = clock.now();
  const today = clock.today();
  const viewed = (visibility: 'full' | 'limited') =>
    auditRow(actor, now, {
      action: 'member.viewed',
      subjectKind: 'member',
      subjectId: null,
      details: { visibility },
    });
  const scan = await cardScan(db, number, today, actor.libraryId, {
    held: [viewed('full'), statusViewed(actor, now, null)],
    limited: viewed('limited'),
  });
  if (!scan) {
    await countLookupAway(context, actor, now);
    throw await missingCardError(db, number);
  }
  const { home: homeRow, current_card: current, ...rest } = scan.scanned;
  const { card, member } = splitCardRow(rest);
  if (card.status === 'lost') {
    await recordAudit(db, actor, now, {
      action: 'card.lost_card_used',
      subjectKind: 'card',
      subjectId: card.number,
      details: { memberId: member.id },
    });
  }
  const home = { id: homeRow!.id, nameKo: homeRow!.name_ko, nameEn: homeRow!.name_en };
  if (!scan.checkedIn) {
    await countLookupAway(context, actor, now);
    return {
      card: toCardView(card),
      member: limitedViewOf(member, home, context.clock.today()),
      status: undefined,
    };
  }
  const currentCard = current && toCardView(cardOfJson(current));
  return {
    card: toCardView(card),
    member: fullViewOf(member, today, true, currentCard, home),
    status: scan.status ?? undefined,
  };
}

/**
 * Cards a library's desks may look up in an hour that are not its members' (the limited view, or
 * no member at all). A visitor from another library is looked up once, then checked in; only
 * someone trying card numbers one after another needs more (docs/security.md, "Card look-ups").
 */
export const CARD_LOOKUPS_AWAY = { limit: 60, windowMinutes: 60 } as const;

/**
 * Counts a look-up of a card whose member the library does not hold, for the whole library
 * (every desk account and service process alike): past the hour's limit it is refused with when
 * looking up may go on, logged without the card, and the library's own members still scan.
 */
async function countLookupAway(context: AppContext, actor: StaffActor, now: Date) {
  const { limit, windowMinutes } = CARD_LOOKUPS_AWAY;
  const key = `card-lookups:${actor.libraryId}`;
  const { count, until } = await countInWindow(context.db, key, now, windowMinutes * 60_000);
  if (count <= limit) return;
  if (count === limit + 1) {
    context.logger.warn(
      { libraryId: actor.libraryId, staffId: actor.staffId, until: until.toISOString() },
      'card look-ups of members held elsewhere over the hourly limit',
    );
  }
  throw new AppError('RATE_LIMITED', { limited: 'cardLookups', limit, until: until.toISOString() });
}

/** A card row read as JSON (its times are text there). */
function cardOfJson(card: {
  number: string;
  status: CardStatus;
  issued_at: Date | string;
  issued_at_library_id: number;
  lost_at: Date | string | null;
  replaced_at: Date | string | null;
  blocked_at: Date | string | null;
}) {
  const time = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    ...card,
    issued_at: new Date(card.issued_at),
    lost_at: time(card.lost_at),
    replaced_at: time(card.replaced_at),
    blocked_at: time(card.blocked_at),
  };
}

/** A member's cards: the member, or staff of a library that holds the member. */
export async function cardsOfMember(
  { db }: AppContext,
  actor: Actor | null,
  memberId: number,
): Promise<CardView[]> {
  const heldHere = actor?.kind === 'staff' && (await isCheckedInAt(db, memberId, actor.libraryId));
  authorize(actor, 'member.view-cards', { memberId, heldHere });
  return cardHistory(db, memberId);
}
