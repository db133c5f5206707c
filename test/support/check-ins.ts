import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';

/**
 * Checks a member in at a library directly (the desk's check-in has its own tests): by member id,
 * or by a card number's member. Checking in twice changes nothing.
 */
export async function checkInDirectly(
  db: Kysely<DB>,
  member: { memberId: number } | { cardNumber: string },
  libraryId: number,
  at: Date,
): Promise<number> {
  const memberId =
    'memberId' in member
      ? member.memberId
      : (
          await db
            .selectFrom('cards')
            .select('member_id')
            .where('number', '=', member.cardNumber)
            .executeTakeFirstOrThrow()
        ).member_id;
  await db
    .insertInto('check_ins')
    .values({
      member_id: memberId,
      library_id: libraryId,
      checked_in_at: at,
      checked_in_by_staff_id: null,
      id_document_type: 'passport',
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return memberId;
}
