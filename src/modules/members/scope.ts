import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/auth/actor.js';
import { isStaff } from '../../platform/auth/policies.js';
import type { DB } from '../../platform/db/schema.js';
import { isCheckedInAt } from './repository.js';

/**
 * Whether the actor is staff of a library that holds the member (rules.md Check-in): the home
 * library, its check-in group, or a library (or group) where the member was checked in. An
 * unknown member id is held nowhere, so a desk cannot tell it from a member it does not hold.
 * Every member route keyed by a member id asks this before it loads the member.
 */
export async function heldByActor(
  db: Kysely<DB>,
  actor: Actor | null,
  memberId: number,
): Promise<boolean> {
  return isStaff(actor) && (await isCheckedInAt(db, memberId, actor.libraryId));
}
