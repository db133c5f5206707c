import type { Kysely } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, MemberActor } from '../../platform/auth/actor.js';
import { currentSecretChecked, verifyAccountSecret } from '../../platform/auth/attempts.js';
import { authorize, authorizeStaff } from '../../platform/auth/authorize.js';
import {
  checkNewPassword,
  checkNewPin,
  checkPasswordChanged,
  type PersonalFacts,
} from '../../platform/auth/secret-strength.js';
import { hashPin, hashSecret } from '../../platform/auth/secrets.js';
import { createSession, type NewSession, revokeAllSessions } from '../../platform/auth/sessions.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { presentCard } from './cards.js';
import { CONSENT_VERSION } from './consent.js';
import { normalizePhone } from './domain.js';
import {
  isCheckedInAt,
  lockMember,
  type MemberRow,
  memberQuery,
  updateMember,
} from './repository.js';
import { heldByActor } from './scope.js';
import { erasePersonalData, withdrawalFactsOf, withdrawalRefusals } from './withdrawal.js';

/** A card number, or — for a pending member who has no card yet — the phone or e-mail they registered. */
async function findMemberForSignIn(
  db: Kysely<DB>,
  login: string,
  now: Date,
): Promise<MemberRow | undefined> {
  const trimmed = login.trim();
  if (trimmed.includes('@')) {
    return memberQuery(db)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', trimmed.toLowerCase()))
      .where('status', '<>', 'withdrawn')
      .executeTakeFirst();
  }
  const digits = trimmed.replace(/[\s-]/g, '');
  if (/^01\d{8,9}$/.test(digits)) {
    return memberQuery(db)
      .where('phone', '=', normalizePhone(digits))
      .where('status', '<>', 'withdrawn')
      .executeTakeFirst();
  }
  try {
    return (await presentCard(db, null, now, trimmed, null)).member;
  } catch (error) {
    if (error instanceof AppError && error.code === 'CARD_UNKNOWN') return undefined;
    // A dead card typed to sign in: said to its member, with the ways in that still work.
    if (error instanceof AppError && (error.code === 'CARD_LOST' || error.code === 'CARD_REPLACED'))
      throw new AppError(error.code, { ...error.reasons[0]?.params, signIn: 'card' });
    throw error;
  }
}

/**
 * Checks a member's password or PIN with the card's lockout (five wrong tries lock it for ten
 * minutes), the attempt reserved in the database before the secret is verified.
 */
export async function checkMemberSecret(
  db: Kysely<DB>,
  member: { id: number },
  kind: 'password' | 'pin',
  secret: string,
  now: Date,
): Promise<string> {
  try {
    return await verifyAccountSecret(
      db,
      kind === 'password' ? 'member-password' : 'member-pin',
      member.id,
      secret,
      now,
    );
  } catch (error) {
    await recordAudit(db, { kind: 'member', memberId: member.id }, now, {
      action: kind === 'password' ? 'member.sign_in_failed' : 'member.pin_failed',
      subjectKind: 'member',
      subjectId: member.id,
    });
    throw error;
  }
}

export async function signInMember(
  { db, clock }: AppContext,
  input: { login: string; password: string },
): Promise<{ memberId: number; session: NewSession }> {
  const now = clock.now();
  const member = await findMemberForSignIn(db, input.login, now);
  if (!member) {
    await verifyAccountSecret(db, 'member-password', null, input.password, now); // always refuses
    throw new AppError('INVALID_CREDENTIALS');
  }
  await checkMemberSecret(db, member, 'password', input.password, now);
  const session = await createSession(db, { kind: 'member', id: member.id }, now);
  return { memberId: member.id, session };
}

export async function changeMemberPassword(
  { db, clock }: AppContext,
  actor: MemberActor,
  sessionToken: string | null,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  authorize(actor, 'member.own-account', {});
  const now = clock.now();
  const member = await memberQuery(db).where('id', '=', actor.memberId).executeTakeFirstOrThrow();
  await currentSecretChecked(checkMemberSecret(db, member, 'password', input.currentPassword, now));
  checkPasswordChanged(input.currentPassword, input.newPassword, 'body.newPassword');
  checkNewPassword(input.newPassword, 'body.newPassword', factsOf(member));
  const hash = await hashSecret(input.newPassword);
  await db.transaction().execute(async (tx) => {
    await updateMember(tx, member.id, { password_hash: hash });
    await revokeAllSessions(tx, { kind: 'member', id: member.id }, now, sessionToken ?? undefined);
    await recordAudit(tx, actor, now, {
      action: 'member.password_changed',
      subjectKind: 'member',
      subjectId: member.id,
    });
  });
}

/** What a member's new secret must not be made of. */
function factsOf(member: {
  name: string | null;
  phone: string | null;
  email: string | null;
  birth_date: string | null;
}): PersonalFacts {
  return {
    name: member.name,
    phone: member.phone,
    email: member.email,
    birthDate: member.birth_date,
  };
}

export async function changeMemberPin(
  { db, clock }: AppContext,
  actor: MemberActor,
  input: { currentPassword: string; newPin: string },
): Promise<void> {
  authorize(actor, 'member.own-account', {});
  const now = clock.now();
  const member = await memberQuery(db).where('id', '=', actor.memberId).executeTakeFirstOrThrow();
  await currentSecretChecked(checkMemberSecret(db, member, 'password', input.currentPassword, now));
  checkNewPin(input.newPin, 'body.newPin', factsOf(member));
  const hash = await hashPin(input.newPin);
  await db.transaction().execute(async (tx) => {
    await updateMember(tx, member.id, { pin_hash: hash });
    await recordAudit(tx, actor, now, {
      action: 'member.pin_changed',
      subjectKind: 'member',
      subjectId: member.id,
    });
  });
}

/** At a desk where the member is checked in, after an ID check, staff set a new password or PIN. */
export async function resetMemberCredentials(
  { db, clock }: AppContext,
  actor: Actor,
  memberId: number,
  input: { password?: string | undefined; pin?: string | undefined; idDocumentType: string },
): Promise<void> {
  // Whether the actor's library holds the member, first; asked again under the lock.
  const staff = authorizeStaff(actor, 'member.reset-credentials', {
    heldHere: await heldByActor(db, actor, memberId),
  });
  const now = clock.now();
  const [passwordHash, pinHash] = await Promise.all([
    input.password ? hashSecret(input.password) : undefined,
    input.pin ? hashPin(input.pin) : undefined,
  ]);
  await db.transaction().execute(async (tx) => {
    const member = await lockMember(tx, memberId);
    if (member.status === 'withdrawn') throw new AppError('MEMBER_WITHDRAWN');
    const heldHere = await isCheckedInAt(tx, memberId, staff.libraryId);
    authorize(staff, 'member.reset-credentials', { heldHere });
    if (input.password) checkNewPassword(input.password, 'body.password', factsOf(member));
    if (input.pin) checkNewPin(input.pin, 'body.pin', factsOf(member));
    await updateMember(tx, memberId, {
      ...(passwordHash ? { password_hash: passwordHash } : {}),
      ...(pinHash ? { pin_hash: pinHash } : {}),
      failed_sign_ins: 0,
      sign_in_locked_until: null,
    });
    if (passwordHash) await revokeAllSessions(tx, { kind: 'member', id: memberId }, now);
    await recordAudit(tx, actor, now, {
      action: 'member.credentials_reset',
      subjectKind: 'member',
      subjectId: memberId,
      details: {
        password: Boolean(passwordHash),
        pin: Boolean(pinHash),
        idDocumentType: input.idDocumentType,
      },
    });
  });
}

/**
 * Withdrawal (rules.md Membership 6): refused while a loan is open, a book overdue or a
 * suspension running; then the personal data is erased and past loans stay only as anonymous
 * statistics (see erasePersonalData).
 */
export async function withdrawMember(
  context: AppContext,
  actor: Actor,
  memberId: number,
  password?: string,
) {
  const { db, clock } = context;
  const now = clock.now();
  // Whether the actor's library holds the member, first; asked again under the lock.
  if (actor.kind === 'member') authorize(actor, 'member.withdraw-self', { memberId });
  else authorize(actor, 'member.withdraw', { heldHere: await heldByActor(db, actor, memberId) });
  if (actor.kind === 'member') {
    const member = await memberQuery(db).where('id', '=', memberId).executeTakeFirstOrThrow();
    await currentSecretChecked(checkMemberSecret(db, member, 'password', password ?? '', now));
  }
  await db.transaction().execute(async (tx) => {
    const member = await lockMember(tx, memberId);
    if (member.status === 'withdrawn') throw new AppError('MEMBER_WITHDRAWN');
    if (actor.kind === 'staff') {
      const heldHere = await isCheckedInAt(tx, memberId, actor.libraryId);
      authorize(actor, 'member.withdraw', { heldHere });
    }
    const refusals = withdrawalRefusals(await withdrawalFactsOf(tx, memberId, clock.today()));
    if (refusals.length > 0) throw AppError.of(refusals);
    await recordAudit(tx, actor, now, {
      action: 'member.withdrawn',
      subjectKind: 'member',
      subjectId: memberId,
    });
    await erasePersonalData(tx, memberId, now, clock.today());
  });
}

/** The member (or a desk) renews the two-yearly consent to keep personal data. */
export async function renewConsent(context: AppContext, actor: Actor, memberId: number) {
  const { db, clock } = context;
  if (actor.kind === 'member') authorize(actor, 'member.renew-own-consent', { memberId });
  else
    authorize(actor, 'member.renew-consent', { heldHere: await heldByActor(db, actor, memberId) });
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    const member = await lockMember(tx, memberId);
    if (member.status === 'withdrawn') throw new AppError('MEMBER_WITHDRAWN');
    await updateMember(tx, memberId, {
      consent_given_on: clock.today(),
      consent_given_at: now,
      consent_version: CONSENT_VERSION,
      consent_lapsed_on: null,
    });
    await recordAudit(tx, actor, now, {
      action: 'member.consent_renewed',
      subjectKind: 'member',
      subjectId: memberId,
    });
  });
  return { consentGivenOn: clock.today() };
}
