import type { Kysely } from 'kysely';
import type { BusinessDate } from '../../platform/clock.js';
import type { DB, MemberStatus } from '../../platform/db/schema.js';
import { isSuspendedOn } from '../circulation/index.js';
import { type CardView, toCardView } from './cards.js';
import { consentExpiresOn, consentRenewalDue, maskEmail, maskPhone } from './domain.js';
import { currentCard, type MemberRow } from './repository.js';

export interface LibraryRef {
  id: number;
  nameKo: string;
  nameEn: string;
}

/** What a library sees before the member checks in there: enough to do the check-in. */
export interface MemberLimitedView {
  visibility: 'limited';
  id: number;
  name: string | null;
  maskedPhone: string | null;
  maskedEmail: string | null;
  status: MemberStatus;
  /**
   * A suspension running across the network, until when (not why): a check-in that could only
   * be refused is not asked for, and the member's data stays with the libraries it is with.
   */
  suspendedUntil: BusinessDate | null;
  homeLibrary: LibraryRef;
  checkedInHere: false;
}

export interface MemberFullView {
  visibility: 'full';
  id: number;
  name: string | null;
  birthDate: BusinessDate | null;
  phone: string | null;
  email: string | null;
  status: MemberStatus;
  homeLibrary: LibraryRef;
  checkedInHere: boolean;
  guardian: { name: string; relationship: string; consentAt: Date | null } | null;
  card: CardView | null;
  consent: {
    givenOn: BusinessDate | null;
    expiresOn: BusinessDate | null;
    renewalDue: boolean;
    version: string | null;
    lapsed: boolean;
  };
  verification: { at: Date; libraryId: number | null; idDocumentType: string | null } | null;
  registeredAt: Date;
  loanHistoryEnabled: boolean;
}

async function homeLibrary(db: Kysely<DB>, libraryId: number): Promise<LibraryRef> {
  const row = await db
    .selectFrom('libraries')
    .select(['id', 'name_ko', 'name_en'])
    .where('id', '=', libraryId)
    .executeTakeFirstOrThrow();
  return { id: row.id, nameKo: row.name_ko, nameEn: row.name_en };
}

export async function limitedView(
  db: Kysely<DB>,
  member: MemberRow,
  today: BusinessDate,
): Promise<MemberLimitedView> {
  return limitedViewOf(member, await homeLibrary(db, member.home_library_id), today);
}

/** The limited view, of the member and their home library as read. */
export function limitedViewOf(
  member: MemberRow,
  home: LibraryRef,
  today: BusinessDate,
): MemberLimitedView {
  return {
    visibility: 'limited',
    id: member.id,
    name: member.name,
    maskedPhone: maskPhone(member.phone),
    maskedEmail: maskEmail(member.email),
    status: member.status,
    suspendedUntil: isSuspendedOn(member.suspended_until, today) ? member.suspended_until : null,
    homeLibrary: home,
    checkedInHere: false,
  };
}

export async function fullView(
  db: Kysely<DB>,
  member: MemberRow,
  today: BusinessDate,
  checkedInHere: boolean,
): Promise<MemberFullView> {
  const card = await currentCard(db, member.id);
  const home = await homeLibrary(db, member.home_library_id);
  return fullViewOf(member, today, checkedInHere, card ? toCardView(card) : null, home);
}

/** The full view, of the member, their current card and their home library as read. */
export function fullViewOf(
  member: MemberRow,
  today: BusinessDate,
  checkedInHere: boolean,
  card: CardView | null,
  home: LibraryRef,
): MemberFullView {
  return {
    visibility: 'full',
    id: member.id,
    name: member.name,
    birthDate: member.birth_date,
    phone: member.phone,
    email: member.email,
    status: member.status,
    homeLibrary: home,
    checkedInHere,
    guardian: member.guardian_name
      ? {
          name: member.guardian_name,
          relationship: member.guardian_relationship ?? '',
          consentAt: member.guardian_consent_at,
        }
      : null,
    card,
    consent: {
      givenOn: member.consent_given_on,
      expiresOn: member.consent_given_on ? consentExpiresOn(member.consent_given_on) : null,
      renewalDue: member.status === 'active' && consentRenewalDue(member.consent_given_on, today),
      version: member.consent_version,
      lapsed: member.consent_lapsed_on !== null,
    },
    verification: member.verified_at
      ? {
          at: member.verified_at,
          libraryId: member.verified_at_library_id,
          idDocumentType: member.verification_id_type,
        }
      : null,
    registeredAt: member.registered_at,
    loanHistoryEnabled: member.loan_history_enabled,
  };
}
