import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { BusinessDate } from '../../platform/clock.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, type Reason } from '../../platform/errors.js';
import {
  type CheckoutFacts,
  loadBorrowerStanding,
  type OpenLoanFact,
  penaltyRefusals,
} from '../circulation/index.js';

export interface WithdrawalFacts {
  today: BusinessDate;
  openLoans: OpenLoanFact[];
  suspension: CheckoutFacts['suspension'];
}

/**
 * Every reason a withdrawal is refused (rules.md Membership 6): a running suspension (until
 * when), an overdue book (where, due when), any open loan. A suspension cannot be escaped by
 * leaving and joining again.
 */
export function withdrawalRefusals(f: WithdrawalFacts): Reason[] {
  // Said for a withdrawal ("… 탈퇴할 수 있습니다"), not for borrowing.
  const reasons: Reason[] = penaltyRefusals(f).map((reason) => ({
    ...reason,
    params: { ...reason.params, refused: 'withdrawal' },
  }));
  if (f.openLoans.length > 0) reasons.push({ code: 'OPEN_LOANS' });
  return reasons;
}

/** The facts a withdrawal depends on, read by the borrower standing's one loader. */
export async function withdrawalFactsOf(
  db: Kysely<DB>,
  memberId: number,
  today: BusinessDate,
): Promise<WithdrawalFacts> {
  const { standing } = await loadBorrowerStanding(db, { memberId }, { library: null, today });
  const until = standing?.member.suspendedUntil ?? null;
  return {
    today,
    openLoans: standing?.openLoans ?? [],
    suspension: until === null ? null : { until, cause: standing?.suspensionCause ?? null },
  };
}

/** How a retired card number is remembered: enough to refuse it forever, naming no one. */
export function cardNumberHash(number: string): string {
  return createHash('sha256').update(`library-one card ${number}`).digest('hex');
}

/**
 * Erases a member's personal data, inside the caller's transaction with the member locked and
 * no loan open (withdrawal, or the retention jobs). Returned loans lose the member first — the
 * trigger `loans_keep_statistics` copies home library and age band while the birth date is still
 * there; the audit pseudonym is deleted, so the log can no longer be linked to the member; card
 * numbers survive only as hashes; check-ins and sessions go.
 */
export async function erasePersonalData(
  tx: Kysely<DB>,
  memberId: number,
  now: Date,
  today: BusinessDate,
): Promise<void> {
  await tx
    .updateTable('loans')
    .set({ member_id: null })
    .where('member_id', '=', memberId)
    .where('returned_at', 'is not', null)
    .execute();
  await tx
    .updateTable('members')
    .set({
      status: 'withdrawn',
      withdrawn_at: now,
      name: null,
      birth_date: null,
      phone: null,
      email: null,
      identity_key: null,
      guardian_name: null,
      guardian_relationship: null,
      guardian_consent_at: null,
      password_hash: null,
      pin_hash: null,
      suspension_loan_id: null,
      audit_pseudonym: null,
      failed_sign_ins: 0,
      sign_in_locked_until: null,
      verification_id_type: null,
    })
    .where('id', '=', memberId)
    .execute();
  const cards = await tx
    .deleteFrom('cards')
    .where('member_id', '=', memberId)
    .returning('number')
    .execute();
  if (cards.length > 0) {
    await tx
      .insertInto('retired_card_numbers')
      .values(cards.map((c) => ({ number_hash: cardNumberHash(c.number), retired_on: today })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await tx.deleteFrom('check_ins').where('member_id', '=', memberId).execute();
  // Inter-library requests: open ones are cancelled (a copy that left its library travels home),
  // and every request loses the member.
  await sql`update inter_library_requests
       set outcome = case when state in ('requested', 'sent', 'arrived') then 'cancelled' else outcome end,
           outcome_day = case when state in ('requested', 'sent', 'arrived') then ${today}::date else outcome_day end,
           closed_at = case when state = 'requested' then ${now}::timestamptz else closed_at end,
           returning_at = case when state in ('sent', 'arrived') then ${now}::timestamptz else returning_at end,
           state = case when state = 'requested' then 'closed'
                        when state in ('sent', 'arrived') then 'returning' else state end,
           member_id = null
     where member_id = ${memberId}`.execute(tx);
  // The notice log says what the member was told: it goes with them.
  await tx.deleteFrom('notices').where('member_id', '=', memberId).execute();
  // Holds go too. A copy set aside for the member is on the open shelf to the system from now:
  // the desk's put-back list says to take it off the hold shelf (the next in line, if any, gets
  // it at the next trap, and it leaves the list then).
  await sql`insert into put_back_copies (item_id, library_id, released_at, reason)
    select item_id, library_id, ${now}, 'withdrawn' from holds
     where member_id = ${memberId} and state = 'ready'
    on conflict (item_id) do update
      set released_at = excluded.released_at, reason = excluded.reason`.execute(tx);
  await tx.deleteFrom('holds').where('member_id', '=', memberId).execute();
  await tx.deleteFrom('member_notice_preferences').where('member_id', '=', memberId).execute();
  await tx
    .deleteFrom('sessions')
    .where('principal_kind', '=', 'member')
    .where('principal_id', '=', memberId)
    .execute();
}

/**
 * The refusal of a number with no card: a withdrawn member's (dead forever: CARD_REPLACED, said
 * as a card no member is kept for, `card: retired`) or unknown.
 */
export async function missingCardError(db: Kysely<DB>, number: string): Promise<AppError> {
  const code = await missingCardRefusal(db, number);
  return new AppError(code, code === 'CARD_REPLACED' ? { card: 'retired' } : {});
}

/** A number with no card: a withdrawn member's (dead forever, CARD_REPLACED) or unknown. */
export async function missingCardRefusal(
  db: Kysely<DB>,
  number: string,
): Promise<'CARD_REPLACED' | 'CARD_UNKNOWN'> {
  const retired = await db
    .selectFrom('retired_card_numbers')
    .select('number_hash')
    .where('number_hash', '=', cardNumberHash(number))
    .executeTakeFirst();
  return retired ? 'CARD_REPLACED' : 'CARD_UNKNOWN';
}
