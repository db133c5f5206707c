import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, StaffActor } from '../../platform/auth/actor.js';
import { authorize, authorizeStaff } from '../../platform/auth/authorize.js';
import { checkNewPassword, checkNewPin } from '../../platform/auth/secret-strength.js';
import { hashPin, hashSecret } from '../../platform/auth/secrets.js';
import { businessDateOf } from '../../platform/clock.js';
import { type Answering, answered, noteEffect } from '../../platform/db/commit-guard.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { DB, MembersTable } from '../../platform/db/schema.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { queueNotice } from '../../platform/outbox.js';
import { issueCard, toCardView } from './cards.js';
import { CONSENT_VERSION } from './consent.js';
import {
  checkPersonalDetails,
  type Guardian,
  type IdDocumentType,
  identityKey,
  normalizeName,
  normalizePhone,
  type PersonalDetails,
} from './domain.js';
import { lockMember, updateMember } from './repository.js';
import { heldByActor } from './scope.js';

export interface PreRegistration extends PersonalDetails {
  homeLibraryId: number;
  password: string;
  /** The required consent box; anything but true refuses the registration. */
  consent?: boolean | undefined;
}

/** Personal data is collected only with the member's consent (개인정보 보호법 art. 15). */
function requireConsent(input: { consent?: boolean | undefined }) {
  if (input.consent !== true) throw new AppError('CONSENT_REQUIRED', { version: CONSENT_VERSION });
}

function consentColumns(today: string, now: Date) {
  return { consent_given_on: today, consent_given_at: now, consent_version: CONSENT_VERSION };
}

async function requireParticipatingLibrary(db: Kysely<DB>, libraryId: number, field: string) {
  const library = await db
    .selectFrom('libraries')
    .select(['id', 'status', 'name_ko', 'name_en'])
    .where('id', '=', libraryId)
    .executeTakeFirst();
  if (!library) throw validationFailed(field, 'is not a known library');
  if (library.status !== 'participating') {
    throw new AppError('LIBRARY_NOT_PARTICIPATING', {
      library: library.name_ko,
      libraryEn: library.name_en,
    });
  }
  return library;
}

function personalColumns(details: PersonalDetails, now: Date) {
  const guardian: Guardian | undefined = details.guardian;
  return {
    name: normalizeName(details.name),
    birth_date: details.birthDate,
    phone: details.phone ? normalizePhone(details.phone) : null,
    email: details.email ? details.email.trim() : null,
    identity_key: identityKey(details),
    guardian_name: guardian ? normalizeName(guardian.name) : null,
    guardian_relationship: guardian ? guardian.relationship.trim() : null,
    guardian_consent_at: guardian?.consent ? now : null,
  };
}

/**
 * A new member with their personal details and consent (`columns` add the rest), then `after`
 * in the same transaction. The same person twice: the unique index decides, even for two
 * registrations at one instant.
 */
async function insertMember<T>(
  { db, clock }: AppContext,
  input: PersonalDetails,
  now: Date,
  columns: Omit<Insertable<MembersTable>, 'registered_at'>,
  after: (tx: Transaction<DB>, memberId: number) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute(async (tx) => {
      const { id } = await tx
        .insertInto('members')
        .values({
          ...personalColumns(input, now),
          ...consentColumns(clock.today(), now),
          registered_at: now,
          ...columns,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      noteEffect(id);
      return after(tx, id);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'members_identity_unique')) throw new AppError('DUPLICATE_MEMBER');
    throw error;
  }
}

/** Online pre-registration: the member is pending until a desk at the home library verifies them. */
export async function preRegister(context: AppContext, input: PreRegistration) {
  const { db, clock } = context;
  const now = clock.now();
  checkPersonalDetails(input, clock.today());
  requireConsent(input);
  await requireParticipatingLibrary(db, input.homeLibraryId, 'body.homeLibraryId');
  checkNewPassword(input.password, 'body.password', input);
  const passwordHash = await hashSecret(input.password);
  const columns = {
    status: 'pending' as const,
    home_library_id: input.homeLibraryId,
    password_hash: passwordHash,
  };
  return insertMember(context, input, now, columns, async (tx, id) => {
    await recordAudit(tx, null, now, {
      action: 'member.preregistered',
      subjectKind: 'member',
      subjectId: id,
      libraryId: input.homeLibraryId,
    });
    return { id, status: columns.status, homeLibraryId: columns.home_library_id };
  });
}

/** An ID checked at a desk: the member is active, verified by this staff member at this library. */
function verifiedColumns(staff: StaffActor, idDocumentType: IdDocumentType, now: Date) {
  return {
    status: 'active' as const,
    verified_at: now,
    verified_by_staff_id: staff.staffId,
    verified_at_library_id: staff.libraryId,
    verification_id_type: idDocumentType,
  };
}

/** After the ID check: the member's card from this library, and the audit entry saying so. */
async function activatedWithCard(
  tx: Transaction<DB>,
  staff: StaffActor,
  memberId: number,
  idDocumentType: IdDocumentType,
  action: 'member.verified' | 'member.registered_at_desk',
  now: Date,
) {
  const card = await issueCard(tx, memberId, staff.libraryId, staff.staffId, now);
  await recordAudit(tx, staff, now, {
    action,
    subjectKind: 'member',
    subjectId: memberId,
    details: { idDocumentType, card: card.number },
  });
  await queueNotice(tx, now, businessDateOf(now), {
    kind: 'card_issued',
    memberId,
    libraryId: staff.libraryId,
  });
  return { id: memberId, status: 'active' as const, card: toCardView(card) };
}

/** A member activated with their card: the answer of a verification and of a walk-in registration. */
export type ActivatedMember = Awaited<ReturnType<typeof activatedWithCard>>;

/** Desk verification at the home library: the ID type is recorded, the member becomes active, a card is issued. */
export async function verifyMember(
  context: AppContext,
  actor: Actor,
  memberId: number,
  input: { idDocumentType: IdDocumentType },
  options: Answering<ActivatedMember> = {},
) {
  const { db, clock } = context;
  const now = clock.now();
  // A pending member is held by the home library (and its group) only; elsewhere the id is
  // refused before anything is read, like an unknown one.
  authorize(actor, 'member.view', { heldHere: await heldByActor(db, actor, memberId) });
  return db.transaction().execute(async (tx) => {
    const member = await lockMember(tx, memberId);
    const staff = authorizeStaff(
      actor,
      'member.verify',
      { homeLibraryId: member.home_library_id },
      { reason: 'verification happens at the home library' },
    );
    if (member.status !== 'pending') {
      throw new AppError('CONFLICT', { reason: `the member is ${member.status}, not pending` });
    }
    await updateMember(tx, memberId, verifiedColumns(staff, input.idDocumentType, now));
    const verified = await activatedWithCard(
      tx,
      staff,
      memberId,
      input.idDocumentType,
      'member.verified',
      now,
    );
    return answered(verified, options.answer);
  });
}

export interface WalkInRegistration extends PersonalDetails {
  idDocumentType: IdDocumentType;
  password?: string | undefined;
  pin?: string | undefined;
  consent?: boolean | undefined;
}

/** One-step registration at the desk: verified, active and carded at once; this library is home. */
export async function registerWalkIn(
  context: AppContext,
  actor: StaffActor,
  input: WalkInRegistration,
  options: Answering<ActivatedMember> = {},
) {
  authorize(actor, 'member.register', {});
  const { db, clock } = context;
  const now = clock.now();
  checkPersonalDetails(input, clock.today());
  requireConsent(input);
  await requireParticipatingLibrary(db, actor.libraryId, 'library');
  if (input.password) checkNewPassword(input.password, 'body.password', input);
  if (input.pin) checkNewPin(input.pin, 'body.pin', input);
  const [passwordHash, pinHash] = await Promise.all([
    input.password ? hashSecret(input.password) : null,
    input.pin ? hashPin(input.pin) : null,
  ]);
  const columns = {
    ...verifiedColumns(actor, input.idDocumentType, now),
    home_library_id: actor.libraryId,
    password_hash: passwordHash,
    pin_hash: pinHash,
  };
  try {
    return await insertMember(context, input, now, columns, async (tx, id) => {
      const registered = await activatedWithCard(
        tx,
        actor,
        id,
        input.idDocumentType,
        'member.registered_at_desk',
        now,
      );
      return answered(registered, options.answer);
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'DUPLICATE_MEMBER')
      throw await duplicateAtDesk(db, actor, input);
    throw error;
  }
}

/**
 * The person at the desk is a member already: said to staff, who can act on it. A pending
 * applicant is verified at their home library only, so its name is given (the staff typed the
 * person's name, birth date and phone, and the person is there with an ID); of a member, nothing
 * more than that they are one (their card checks them in here).
 */
async function duplicateAtDesk(
  db: Kysely<DB>,
  actor: StaffActor,
  input: PersonalDetails,
): Promise<AppError> {
  const existing = await db
    .selectFrom('members as m')
    .innerJoin('libraries as l', 'l.id', 'm.home_library_id')
    .select(['m.status', 'm.home_library_id', 'l.name_ko', 'l.name_en'])
    .where('m.identity_key', '=', identityKey(input))
    .where('m.status', '<>', 'withdrawn')
    .executeTakeFirst();
  if (existing?.status !== 'pending')
    return new AppError('DUPLICATE_MEMBER', { existing: 'member' });
  return new AppError('DUPLICATE_MEMBER', {
    existing: 'pending',
    homeLibrary: existing.name_ko,
    homeLibraryEn: existing.name_en,
    verifyAt: existing.home_library_id === actor.libraryId ? 'here' : 'home',
  });
}
